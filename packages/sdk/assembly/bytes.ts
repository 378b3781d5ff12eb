// Bytes: the spec type `Bytes`, a host byte array; BytesN classes (Bytes32, Bytes64, ...) are the
// spec type `BytesN<N>`, whose conversion checks the length as the Rust SDK does.
import {
  bytes_append,
  bytes_copy_to_linear_memory,
  bytes_del,
  bytes_get,
  bytes_insert,
  bytes_len,
  bytes_new,
  bytes_new_from_linear_memory,
  bytes_pop,
  bytes_push,
  bytes_put,
  bytes_slice,
} from "./env";
import { Tag, Val, expectTag, u32Val, valCompare, refEquals } from "./val";

/** What Bytes and every BytesN share. Conversion lives in the leaf classes only: see val.ts. */
export class BytesBase extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  get length(): u32 {
    return <u32>(bytes_len(this.raw) >> 32);
  }

  get(i: u32): u8 {
    return <u8>(bytes_get(this.raw, u32Val(i)) >> 32);
  }

  concat(other: BytesBase): Bytes {
    return new Bytes(bytes_append(this.raw, other.raw));
  }

  slice(start: u32, end: u32): Bytes {
    return new Bytes(bytes_slice(this.raw, u32Val(start), u32Val(end)));
  }

  /** The same bytes as the spec type `Bytes`. */
  toBytes(): Bytes {
    return new Bytes(this.raw);
  }

  /** Copies the bytes into linear memory at `ptr`. */
  copyTo(ptr: usize): void {
    bytes_copy_to_linear_memory(this.raw, u32Val(0), u32Val(<u32>ptr), u32Val(this.length));
  }

  toArray(): Uint8Array {
    const out = new Uint8Array(this.length);
    this.copyTo(out.dataStart);
    return out;
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: BytesBase | null, b: BytesBase | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: BytesBase | null, b: BytesBase | null): bool {
    return !refEquals(a, b);
  }

  compare(other: BytesBase): i32 {
    return valCompare(this.raw, other.raw);
  }
}

/** The spec type `Bytes`: a growable byte array (mutators update this value's handle). */
export class Bytes extends BytesBase {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes {
    expectTag(v, Tag.BytesObject);
    return new Bytes(v);
  }

  static new(): Bytes {
    return new Bytes(bytes_new());
  }

  /** A copy of `len` bytes of linear memory at `ptr`. */
  static fromMemory(ptr: usize, len: u32): Bytes {
    return new Bytes(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(len)));
  }

  static fromArray(a: Uint8Array): Bytes {
    return Bytes.fromMemory(a.dataStart, <u32>a.length);
  }

  /** The UTF-8 bytes of `s`. */
  static fromString(s: string): Bytes {
    const utf8 = String.UTF8.encode(s);
    return Bytes.fromMemory(changetype<usize>(utf8), <u32>utf8.byteLength);
  }

  /** Sets byte `i`. */
  set(i: u32, b: u8): void {
    this.raw = bytes_put(this.raw, u32Val(i), u32Val(b));
  }

  push(b: u8): void {
    this.raw = bytes_push(this.raw, u32Val(b));
  }

  /** Removes and returns the last byte. */
  pop(): u8 {
    const last = this.get(this.length - 1);
    this.raw = bytes_pop(this.raw);
    return last;
  }

  insert(i: u32, b: u8): void {
    this.raw = bytes_insert(this.raw, u32Val(i), u32Val(b));
  }

  remove(i: u32): void {
    this.raw = bytes_del(this.raw, u32Val(i));
  }

  append(other: Bytes): void {
    this.raw = bytes_append(this.raw, other.raw);
  }
}

/** Traps unless `v` is a Bytes object of exactly `n` bytes. */
export function expectBytesN(v: u64, n: u32): void {
  expectTag(v, Tag.BytesObject);
  if (<u32>(bytes_len(v) >> 32) != n) unreachable();
}

/** The spec type `BytesN<4>`. */
export class Bytes4 extends BytesBase {
  static readonly SIZE: u32 = 4;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes4 {
    expectBytesN(v, 4);
    return new Bytes4(v);
  }

  /** Checks that `b` has 4 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes4 {
    expectBytesN(b.raw, 4);
    return new Bytes4(b.raw);
  }

  static fromMemory(ptr: usize): Bytes4 {
    return new Bytes4(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(4)));
  }
}

/** The spec type `BytesN<8>`. */
export class Bytes8 extends BytesBase {
  static readonly SIZE: u32 = 8;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes8 {
    expectBytesN(v, 8);
    return new Bytes8(v);
  }

  /** Checks that `b` has 8 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes8 {
    expectBytesN(b.raw, 8);
    return new Bytes8(b.raw);
  }

  static fromMemory(ptr: usize): Bytes8 {
    return new Bytes8(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(8)));
  }
}

/** The spec type `BytesN<12>`. */
export class Bytes12 extends BytesBase {
  static readonly SIZE: u32 = 12;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes12 {
    expectBytesN(v, 12);
    return new Bytes12(v);
  }

  /** Checks that `b` has 12 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes12 {
    expectBytesN(b.raw, 12);
    return new Bytes12(b.raw);
  }

  static fromMemory(ptr: usize): Bytes12 {
    return new Bytes12(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(12)));
  }
}

/** The spec type `BytesN<16>`. */
export class Bytes16 extends BytesBase {
  static readonly SIZE: u32 = 16;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes16 {
    expectBytesN(v, 16);
    return new Bytes16(v);
  }

  /** Checks that `b` has 16 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes16 {
    expectBytesN(b.raw, 16);
    return new Bytes16(b.raw);
  }

  static fromMemory(ptr: usize): Bytes16 {
    return new Bytes16(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(16)));
  }
}

/** The spec type `BytesN<20>`. */
export class Bytes20 extends BytesBase {
  static readonly SIZE: u32 = 20;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes20 {
    expectBytesN(v, 20);
    return new Bytes20(v);
  }

  /** Checks that `b` has 20 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes20 {
    expectBytesN(b.raw, 20);
    return new Bytes20(b.raw);
  }

  static fromMemory(ptr: usize): Bytes20 {
    return new Bytes20(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(20)));
  }
}

/** The spec type `BytesN<24>`. */
export class Bytes24 extends BytesBase {
  static readonly SIZE: u32 = 24;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes24 {
    expectBytesN(v, 24);
    return new Bytes24(v);
  }

  /** Checks that `b` has 24 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes24 {
    expectBytesN(b.raw, 24);
    return new Bytes24(b.raw);
  }

  static fromMemory(ptr: usize): Bytes24 {
    return new Bytes24(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(24)));
  }
}

/** The spec type `BytesN<32>`. */
export class Bytes32 extends BytesBase {
  static readonly SIZE: u32 = 32;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes32 {
    expectBytesN(v, 32);
    return new Bytes32(v);
  }

  /** Checks that `b` has 32 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes32 {
    expectBytesN(b.raw, 32);
    return new Bytes32(b.raw);
  }

  static fromMemory(ptr: usize): Bytes32 {
    return new Bytes32(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(32)));
  }
}

/** The spec type `BytesN<33>`. */
export class Bytes33 extends BytesBase {
  static readonly SIZE: u32 = 33;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes33 {
    expectBytesN(v, 33);
    return new Bytes33(v);
  }

  /** Checks that `b` has 33 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes33 {
    expectBytesN(b.raw, 33);
    return new Bytes33(b.raw);
  }

  static fromMemory(ptr: usize): Bytes33 {
    return new Bytes33(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(33)));
  }
}

/** The spec type `BytesN<48>`. */
export class Bytes48 extends BytesBase {
  static readonly SIZE: u32 = 48;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes48 {
    expectBytesN(v, 48);
    return new Bytes48(v);
  }

  /** Checks that `b` has 48 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes48 {
    expectBytesN(b.raw, 48);
    return new Bytes48(b.raw);
  }

  static fromMemory(ptr: usize): Bytes48 {
    return new Bytes48(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(48)));
  }
}

/** The spec type `BytesN<64>`. */
export class Bytes64 extends BytesBase {
  static readonly SIZE: u32 = 64;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes64 {
    expectBytesN(v, 64);
    return new Bytes64(v);
  }

  /** Checks that `b` has 64 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes64 {
    expectBytesN(b.raw, 64);
    return new Bytes64(b.raw);
  }

  static fromMemory(ptr: usize): Bytes64 {
    return new Bytes64(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(64)));
  }
}

/** The spec type `BytesN<65>`. */
export class Bytes65 extends BytesBase {
  static readonly SIZE: u32 = 65;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes65 {
    expectBytesN(v, 65);
    return new Bytes65(v);
  }

  /** Checks that `b` has 65 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes65 {
    expectBytesN(b.raw, 65);
    return new Bytes65(b.raw);
  }

  static fromMemory(ptr: usize): Bytes65 {
    return new Bytes65(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(65)));
  }
}

/** The spec type `BytesN<96>`. */
export class Bytes96 extends BytesBase {
  static readonly SIZE: u32 = 96;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes96 {
    expectBytesN(v, 96);
    return new Bytes96(v);
  }

  /** Checks that `b` has 96 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes96 {
    expectBytesN(b.raw, 96);
    return new Bytes96(b.raw);
  }

  static fromMemory(ptr: usize): Bytes96 {
    return new Bytes96(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(96)));
  }
}

/** The spec type `BytesN<128>`. */
export class Bytes128 extends BytesBase {
  static readonly SIZE: u32 = 128;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes128 {
    expectBytesN(v, 128);
    return new Bytes128(v);
  }

  /** Checks that `b` has 128 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes128 {
    expectBytesN(b.raw, 128);
    return new Bytes128(b.raw);
  }

  static fromMemory(ptr: usize): Bytes128 {
    return new Bytes128(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(128)));
  }
}

/** The spec type `BytesN<192>`. */
export class Bytes192 extends BytesBase {
  static readonly SIZE: u32 = 192;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes192 {
    expectBytesN(v, 192);
    return new Bytes192(v);
  }

  /** Checks that `b` has 192 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes192 {
    expectBytesN(b.raw, 192);
    return new Bytes192(b.raw);
  }

  static fromMemory(ptr: usize): Bytes192 {
    return new Bytes192(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(192)));
  }
}

/** The spec type `BytesN<256>`. */
export class Bytes256 extends BytesBase {
  static readonly SIZE: u32 = 256;

  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Bytes256 {
    expectBytesN(v, 256);
    return new Bytes256(v);
  }

  /** Checks that `b` has 256 bytes (traps otherwise). */
  static from(b: BytesBase): Bytes256 {
    expectBytesN(b.raw, 256);
    return new Bytes256(b.raw);
  }

  static fromMemory(ptr: usize): Bytes256 {
    return new Bytes256(bytes_new_from_linear_memory(u32Val(<u32>ptr), u32Val(256)));
  }
}
