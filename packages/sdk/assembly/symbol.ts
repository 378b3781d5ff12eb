// Symbols: identifiers of up to 32 chars from [a-zA-Z0-9_]. Up to 9 chars fit in a small Val
// (6 bits a char), computed here without a host call; longer ones are host objects.
import { symbol_copy_to_linear_memory, symbol_len, symbol_new_from_linear_memory } from "./env";
import { Tag, Val, expectTags, symbolCodeChar, tagOf, u32Val, valCompare, refEquals } from "./val";

/** The 6-bit code of an ASCII char in a symbol, or 0 when the char is not allowed. */
export function symbolCharCode(c: u32): u32 {
  if (c == 0x5f) return 1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 2;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41 + 12;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 38;
  return 0;
}

/** A symbol from UTF-8 bytes in linear memory. */
export function symbolFromBytes(ptr: usize, len: u32): u64 {
  if (len > 9) return symbol_new_from_linear_memory(u32Val(<u32>ptr), u32Val(len));
  let body: u64 = 0;
  for (let i: u32 = 0; i < len; i++) {
    const code = symbolCharCode(load<u8>(ptr + i));
    if (code == 0) unreachable();
    body = (body << 6) | code;
  }
  return (body << 8) | Tag.SymbolSmall;
}

/** The symbol for a string; the build turns `symbol("literal")` into a constant. */
export function symbol(s: string): Symbol {
  return new Symbol(__sdk_symbolVal(s));
}

/** A symbol the build computed from a `symbol("literal")` call. */
// @ts-ignore: decorator
@global @inline export function __sdk_symbolConst(raw: u64): Symbol {
  return new Symbol(raw);
}

/** The raw Val of a symbol for a string. */
// @ts-ignore: decorator
@global export function __sdk_symbolVal(s: string): u64 {
  const n = s.length;
  if (n <= 9) {
    let body: u64 = 0;
    for (let i = 0; i < n; i++) {
      const code = symbolCharCode(s.charCodeAt(i));
      if (code == 0) unreachable();
      body = (body << 6) | code;
    }
    return (body << 8) | Tag.SymbolSmall;
  }
  const utf8 = String.UTF8.encode(s);
  return symbol_new_from_linear_memory(u32Val(<u32>changetype<usize>(utf8)), u32Val(<u32>utf8.byteLength));
}

/** The spec type `Symbol`. */
export class Symbol extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Symbol {
    expectTags(v, Tag.SymbolSmall, Tag.SymbolObject);
    return new Symbol(v);
  }

  static fromString(s: string): Symbol {
    return symbol(s);
  }

  /** Number of chars. */
  get length(): u32 {
    if (tagOf(this.raw) == Tag.SymbolObject) return <u32>(symbol_len(this.raw) >> 32);
    let n: u32 = 0;
    for (let body = this.raw >> 8; body != 0; body >>= 6) n++;
    return n;
  }

  toString(): string {
    if (tagOf(this.raw) == Tag.SymbolSmall) {
      const n = this.length;
      let out = "";
      const body = this.raw >> 8;
      for (let i: u32 = 1; i <= n; i++) out += String.fromCharCode(symbolCodeChar(<u32>(body >> (6 * (n - i))) & 0x3f));
      return out;
    }
    const len = this.length;
    const buf = new ArrayBuffer(len);
    symbol_copy_to_linear_memory(this.raw, u32Val(0), u32Val(<u32>changetype<usize>(buf)), u32Val(len));
    return String.UTF8.decode(buf);
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: Symbol | null, b: Symbol | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: Symbol | null, b: Symbol | null): bool {
    return !refEquals(a, b);
  }

  compare(other: Symbol): i32 {
    return valCompare(this.raw, other.raw);
  }
}
