// Str: the spec type `String`, a host string object (bytes, conventionally UTF-8). Named Str so
// that AssemblyScript's own `string` stays usable; a contract function may also take or return a
// plain `string`, which converts through Str.
import {
  bytes_to_string,
  string_copy_to_linear_memory,
  string_len,
  string_new_from_linear_memory,
  string_to_bytes,
} from "./env";
import { Bytes } from "./bytes";
import { Tag, Val, expectTag, u32Val, valCompare, refEquals } from "./val";

export class Str extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Str {
    expectTag(v, Tag.StringObject);
    return new Str(v);
  }

  /** A host string holding the UTF-8 encoding of `s`. */
  static from(s: string): Str {
    return new Str(__sdk_stringToVal(s));
  }

  /** A host string from bytes in linear memory. */
  static fromMemory(ptr: usize, len: u32): Str {
    return new Str(string_new_from_linear_memory(u32Val(<u32>ptr), u32Val(len)));
  }

  static fromBytes(b: Bytes): Str {
    return new Str(bytes_to_string(b.raw));
  }

  /** Length in bytes. */
  get length(): u32 {
    return <u32>(string_len(this.raw) >> 32);
  }

  toBytes(): Bytes {
    return new Bytes(string_to_bytes(this.raw));
  }

  /** Decodes the bytes as UTF-8. */
  toString(): string {
    return __sdk_stringFromVal(this.raw);
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: Str | null, b: Str | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: Str | null, b: Str | null): bool {
    return !refEquals(a, b);
  }

  compare(other: Str): i32 {
    return valCompare(this.raw, other.raw);
  }
}

// @ts-ignore: decorator
@global export function __sdk_stringToVal(s: string): u64 {
  const utf8 = String.UTF8.encode(s);
  return string_new_from_linear_memory(u32Val(<u32>changetype<usize>(utf8)), u32Val(<u32>utf8.byteLength));
}

// @ts-ignore: decorator
@global export function __sdk_stringFromVal(v: u64): string {
  expectTag(v, Tag.StringObject);
  const len = <u32>(string_len(v) >> 32);
  const buf = new ArrayBuffer(len);
  string_copy_to_linear_memory(v, u32Val(0), u32Val(<u32>changetype<usize>(buf)), u32Val(len));
  return String.UTF8.decode(buf);
}
