// Big integers: the spec types i128, u128, i256 and u256 (I128, U128, I256, U256 here), and
// Timepoint and Duration. Each holds its Val, small when the value fits the 56-bit body. Arithmetic
// runs on the host's 256-bit functions; 128-bit results are narrowed back and trap on overflow.
// Operators (+ - * / % and comparisons) are overloaded.
import {
  duration_obj_from_u64,
  duration_obj_to_u64,
  i256_add,
  i256_div,
  i256_mul,
  i256_pow,
  i256_rem_euclid,
  i256_shl,
  i256_shr,
  i256_sub,
  i256_val_from_be_bytes,
  i256_val_to_be_bytes,
  obj_from_i128_pieces,
  obj_from_i256_pieces,
  obj_from_u128_pieces,
  obj_from_u256_pieces,
  obj_to_i128_hi64,
  obj_to_i128_lo64,
  obj_to_i256_hi_hi,
  obj_to_i256_hi_lo,
  obj_to_i256_lo_hi,
  obj_to_i256_lo_lo,
  obj_to_u128_hi64,
  obj_to_u128_lo64,
  obj_to_u256_hi_hi,
  obj_to_u256_hi_lo,
  obj_to_u256_lo_hi,
  obj_to_u256_lo_lo,
  timepoint_obj_from_u64,
  timepoint_obj_to_u64,
  u256_add,
  u256_div,
  u256_mul,
  u256_pow,
  u256_rem_euclid,
  u256_shl,
  u256_shr,
  u256_sub,
  u256_val_from_be_bytes,
  u256_val_to_be_bytes,
} from "./env";
import { Bytes32 } from "./bytes";
import { Tag, Val, expectTags, tagOf, u32Val, valCompare, refEquals } from "./val";

const SMALL_U: u64 = <u64>1 << 56;
const SMALL_I_MIN: i64 = -(<i64>1 << 55);
const SMALL_I_MAX: i64 = (<i64>1 << 55) - 1;

// @ts-ignore: decorator
@inline function fitsSmallSigned(x: i64): bool {
  return x >= SMALL_I_MIN && x <= SMALL_I_MAX;
}

// @ts-ignore: decorator
@inline function retag(v: u64, tag: u32): u64 {
  return (v & ~(<u64>0xff)) | tag;
}

// ---- 128-bit, via 256-bit host arithmetic

function i128ToI256(v: u64): u64 {
  if (tagOf(v) == Tag.I128Small) return retag(v, Tag.I256Small);
  const hi = obj_to_i128_hi64(v);
  const ext = hi >> 63;
  return obj_from_i256_pieces(ext, <u64>ext, <u64>hi, obj_to_i128_lo64(v));
}

/** The i128 Val of an i256 Val, or 0 (never a valid Val: tag False with a body) on overflow. */
function i256ToI128OrZero(v: u64): u64 {
  if (tagOf(v) == Tag.I256Small) return retag(v, Tag.I128Small);
  const hh = obj_to_i256_hi_hi(v);
  const hl = obj_to_i256_hi_lo(v);
  const lh = obj_to_i256_lo_hi(v);
  // Overflow unless the top 128 bits are the sign extension of the low 128.
  const ext = <i64>lh >> 63;
  if (hh != ext || hl != <u64>ext) return 0;
  return I128.fromParts(<i64>lh, obj_to_i256_lo_lo(v)).raw;
}

function i256ToI128(v: u64): u64 {
  const r = i256ToI128OrZero(v);
  if (r == 0) unreachable();
  return r;
}

function i128OrNull(v: u64): I128 | null {
  return v == 0 ? null : new I128(v);
}

function u128ToU256(v: u64): u64 {
  if (tagOf(v) == Tag.U128Small) return retag(v, Tag.U256Small);
  return obj_from_u256_pieces(0, 0, obj_to_u128_hi64(v), obj_to_u128_lo64(v));
}

function u256ToU128(v: u64): u64 {
  if (tagOf(v) == Tag.U256Small) return retag(v, Tag.U128Small);
  if (obj_to_u256_hi_hi(v) != 0 || obj_to_u256_hi_lo(v) != 0) unreachable();
  return U128.fromParts(obj_to_u256_lo_hi(v), obj_to_u256_lo_lo(v)).raw;
}

/** The spec type `i128`. */
export class I128 extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): I128 {
    expectTags(v, Tag.I128Small, Tag.I128Object);
    return new I128(v);
  }

  static fromI64(x: i64): I128 {
    return I128.fromParts(x >> 63, <u64>x);
  }

  /** The value `hi * 2^64 + lo`. */
  static fromParts(hi: i64, lo: u64): I128 {
    if (hi == <i64>lo >> 63 && fitsSmallSigned(<i64>lo)) return new I128((lo << 8) | Tag.I128Small);
    return new I128(obj_from_i128_pieces(hi, lo));
  }

  get hi(): i64 {
    return tagOf(this.raw) == Tag.I128Small ? <i64>this.raw >> 63 : obj_to_i128_hi64(this.raw);
  }

  get lo(): u64 {
    return tagOf(this.raw) == Tag.I128Small ? <u64>(<i64>this.raw >> 8) : obj_to_i128_lo64(this.raw);
  }

  /** The value as i64 (traps when it does not fit). */
  toI64(): i64 {
    const lo = this.lo;
    if (this.hi != <i64>lo >> 63) unreachable();
    return <i64>lo;
  }

  isNegative(): bool {
    return this.hi < 0;
  }

  // @ts-ignore: decorator
  @operator("+") add(o: I128): I128 {
    return new I128(i256ToI128(i256_add(i128ToI256(this.raw), i128ToI256(o.raw))));
  }

  // @ts-ignore: decorator
  @operator("-") sub(o: I128): I128 {
    return new I128(i256ToI128(i256_sub(i128ToI256(this.raw), i128ToI256(o.raw))));
  }

  // @ts-ignore: decorator
  @operator("*") mul(o: I128): I128 {
    return new I128(i256ToI128(i256_mul(i128ToI256(this.raw), i128ToI256(o.raw))));
  }

  /** Division truncating toward zero (traps on division by zero). */
  // @ts-ignore: decorator
  @operator("/") div(o: I128): I128 {
    return new I128(i256ToI128(i256_div(i128ToI256(this.raw), i128ToI256(o.raw))));
  }

  /** Remainder of the truncating division, with the dividend's sign (Rust's `%`). */
  // @ts-ignore: decorator
  @operator("%") rem(o: I128): I128 {
    return this - (this / o) * o;
  }

  /** Euclidean remainder (never negative; Rust's `rem_euclid`). */
  remEuclid(o: I128): I128 {
    return new I128(i256ToI128(i256_rem_euclid(i128ToI256(this.raw), i128ToI256(o.raw))));
  }

  pow(exp: u32): I128 {
    return new I128(i256ToI128(i256_pow(i128ToI256(this.raw), u32Val(exp))));
  }

  /** this + o, or null on overflow (Rust's `checked_add`). */
  checkedAdd(o: I128): I128 | null {
    return i128OrNull(i256ToI128OrZero(i256_add(i128ToI256(this.raw), i128ToI256(o.raw))));
  }

  /** this - o, or null on overflow (Rust's `checked_sub`). */
  checkedSub(o: I128): I128 | null {
    return i128OrNull(i256ToI128OrZero(i256_sub(i128ToI256(this.raw), i128ToI256(o.raw))));
  }

  compare(o: I128): i32 {
    return valCompare(this.raw, o.raw);
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: I128 | null, b: I128 | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: I128 | null, b: I128 | null): bool {
    return !refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("<") lt(o: I128): bool {
    return this.compare(o) < 0;
  }

  // @ts-ignore: decorator
  @operator("<=") le(o: I128): bool {
    return this.compare(o) <= 0;
  }

  // @ts-ignore: decorator
  @operator(">") gt(o: I128): bool {
    return this.compare(o) > 0;
  }

  // @ts-ignore: decorator
  @operator(">=") ge(o: I128): bool {
    return this.compare(o) >= 0;
  }
}

/** The spec type `u128`. */
export class U128 extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): U128 {
    expectTags(v, Tag.U128Small, Tag.U128Object);
    return new U128(v);
  }

  static fromU64(x: u64): U128 {
    return U128.fromParts(0, x);
  }

  /** The value `hi * 2^64 + lo`. */
  static fromParts(hi: u64, lo: u64): U128 {
    if (hi == 0 && lo < SMALL_U) return new U128((lo << 8) | Tag.U128Small);
    return new U128(obj_from_u128_pieces(hi, lo));
  }

  get hi(): u64 {
    return tagOf(this.raw) == Tag.U128Small ? 0 : obj_to_u128_hi64(this.raw);
  }

  get lo(): u64 {
    return tagOf(this.raw) == Tag.U128Small ? this.raw >> 8 : obj_to_u128_lo64(this.raw);
  }

  /** The value as u64 (traps when it does not fit). */
  toU64(): u64 {
    if (this.hi != 0) unreachable();
    return this.lo;
  }

  // @ts-ignore: decorator
  @operator("+") add(o: U128): U128 {
    return new U128(u256ToU128(u256_add(u128ToU256(this.raw), u128ToU256(o.raw))));
  }

  /** Subtraction (traps below zero). */
  // @ts-ignore: decorator
  @operator("-") sub(o: U128): U128 {
    return new U128(u256ToU128(u256_sub(u128ToU256(this.raw), u128ToU256(o.raw))));
  }

  // @ts-ignore: decorator
  @operator("*") mul(o: U128): U128 {
    return new U128(u256ToU128(u256_mul(u128ToU256(this.raw), u128ToU256(o.raw))));
  }

  // @ts-ignore: decorator
  @operator("/") div(o: U128): U128 {
    return new U128(u256ToU128(u256_div(u128ToU256(this.raw), u128ToU256(o.raw))));
  }

  // @ts-ignore: decorator
  @operator("%") rem(o: U128): U128 {
    return new U128(u256ToU128(u256_rem_euclid(u128ToU256(this.raw), u128ToU256(o.raw))));
  }

  pow(exp: u32): U128 {
    return new U128(u256ToU128(u256_pow(u128ToU256(this.raw), u32Val(exp))));
  }

  compare(o: U128): i32 {
    return valCompare(this.raw, o.raw);
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: U128 | null, b: U128 | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: U128 | null, b: U128 | null): bool {
    return !refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("<") lt(o: U128): bool {
    return this.compare(o) < 0;
  }

  // @ts-ignore: decorator
  @operator("<=") le(o: U128): bool {
    return this.compare(o) <= 0;
  }

  // @ts-ignore: decorator
  @operator(">") gt(o: U128): bool {
    return this.compare(o) > 0;
  }

  // @ts-ignore: decorator
  @operator(">=") ge(o: U128): bool {
    return this.compare(o) >= 0;
  }
}

// ---- 256-bit, directly on the host

/** The spec type `i256`. */
export class I256 extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): I256 {
    expectTags(v, Tag.I256Small, Tag.I256Object);
    return new I256(v);
  }

  static fromI64(x: i64): I256 {
    if (fitsSmallSigned(x)) return new I256((<u64>x << 8) | Tag.I256Small);
    const ext = x >> 63;
    return new I256(obj_from_i256_pieces(ext, <u64>ext, <u64>ext, <u64>x));
  }

  static fromI128(x: I128): I256 {
    return new I256(i128ToI256(x.raw));
  }

  /** The value from four 64-bit pieces, most significant first. */
  static fromParts(hiHi: i64, hiLo: u64, loHi: u64, loLo: u64): I256 {
    return new I256(obj_from_i256_pieces(hiHi, hiLo, loHi, loLo));
  }

  /** The value from 32 big-endian two's-complement bytes. */
  static fromBeBytes(b: Bytes32): I256 {
    return new I256(i256_val_from_be_bytes(b.raw));
  }

  toBeBytes(): Bytes32 {
    return new Bytes32(i256_val_to_be_bytes(this.raw));
  }

  get hiHi(): i64 {
    return tagOf(this.raw) == Tag.I256Small ? <i64>this.raw >> 63 : obj_to_i256_hi_hi(this.raw);
  }

  get hiLo(): u64 {
    return tagOf(this.raw) == Tag.I256Small ? <u64>(<i64>this.raw >> 63) : obj_to_i256_hi_lo(this.raw);
  }

  get loHi(): u64 {
    return tagOf(this.raw) == Tag.I256Small ? <u64>(<i64>this.raw >> 63) : obj_to_i256_lo_hi(this.raw);
  }

  get loLo(): u64 {
    return tagOf(this.raw) == Tag.I256Small ? <u64>(<i64>this.raw >> 8) : obj_to_i256_lo_lo(this.raw);
  }

  /** Narrows to i128 (traps when it does not fit). */
  toI128(): I128 {
    return new I128(i256ToI128(this.raw));
  }

  // @ts-ignore: decorator
  @operator("+") add(o: I256): I256 {
    return new I256(i256_add(this.raw, o.raw));
  }

  // @ts-ignore: decorator
  @operator("-") sub(o: I256): I256 {
    return new I256(i256_sub(this.raw, o.raw));
  }

  // @ts-ignore: decorator
  @operator("*") mul(o: I256): I256 {
    return new I256(i256_mul(this.raw, o.raw));
  }

  // @ts-ignore: decorator
  @operator("/") div(o: I256): I256 {
    return new I256(i256_div(this.raw, o.raw));
  }

  /** Remainder of the truncating division, with the dividend's sign (Rust's `%`). */
  // @ts-ignore: decorator
  @operator("%") rem(o: I256): I256 {
    return this - (this / o) * o;
  }

  /** Euclidean remainder (never negative; the Rust SDK's `I256::rem_euclid`). */
  remEuclid(o: I256): I256 {
    return new I256(i256_rem_euclid(this.raw, o.raw));
  }

  pow(exp: u32): I256 {
    return new I256(i256_pow(this.raw, u32Val(exp)));
  }

  shl(bits: u32): I256 {
    return new I256(i256_shl(this.raw, u32Val(bits)));
  }

  shr(bits: u32): I256 {
    return new I256(i256_shr(this.raw, u32Val(bits)));
  }

  compare(o: I256): i32 {
    return valCompare(this.raw, o.raw);
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: I256 | null, b: I256 | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: I256 | null, b: I256 | null): bool {
    return !refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("<") lt(o: I256): bool {
    return this.compare(o) < 0;
  }

  // @ts-ignore: decorator
  @operator("<=") le(o: I256): bool {
    return this.compare(o) <= 0;
  }

  // @ts-ignore: decorator
  @operator(">") gt(o: I256): bool {
    return this.compare(o) > 0;
  }

  // @ts-ignore: decorator
  @operator(">=") ge(o: I256): bool {
    return this.compare(o) >= 0;
  }
}

/** The spec type `u256`. */
export class U256 extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): U256 {
    expectTags(v, Tag.U256Small, Tag.U256Object);
    return new U256(v);
  }

  static fromU64(x: u64): U256 {
    if (x < SMALL_U) return new U256((x << 8) | Tag.U256Small);
    return new U256(obj_from_u256_pieces(0, 0, 0, x));
  }

  static fromU128(x: U128): U256 {
    return new U256(u128ToU256(x.raw));
  }

  /** The value from four 64-bit pieces, most significant first. */
  static fromParts(hiHi: u64, hiLo: u64, loHi: u64, loLo: u64): U256 {
    return new U256(obj_from_u256_pieces(hiHi, hiLo, loHi, loLo));
  }

  /** The value from 32 big-endian bytes. */
  static fromBeBytes(b: Bytes32): U256 {
    return new U256(u256_val_from_be_bytes(b.raw));
  }

  toBeBytes(): Bytes32 {
    return new Bytes32(u256_val_to_be_bytes(this.raw));
  }

  get hiHi(): u64 {
    return tagOf(this.raw) == Tag.U256Small ? 0 : obj_to_u256_hi_hi(this.raw);
  }

  get hiLo(): u64 {
    return tagOf(this.raw) == Tag.U256Small ? 0 : obj_to_u256_hi_lo(this.raw);
  }

  get loHi(): u64 {
    return tagOf(this.raw) == Tag.U256Small ? 0 : obj_to_u256_lo_hi(this.raw);
  }

  get loLo(): u64 {
    return tagOf(this.raw) == Tag.U256Small ? this.raw >> 8 : obj_to_u256_lo_lo(this.raw);
  }

  /** Narrows to u128 (traps when it does not fit). */
  toU128(): U128 {
    return new U128(u256ToU128(this.raw));
  }

  // @ts-ignore: decorator
  @operator("+") add(o: U256): U256 {
    return new U256(u256_add(this.raw, o.raw));
  }

  // @ts-ignore: decorator
  @operator("-") sub(o: U256): U256 {
    return new U256(u256_sub(this.raw, o.raw));
  }

  // @ts-ignore: decorator
  @operator("*") mul(o: U256): U256 {
    return new U256(u256_mul(this.raw, o.raw));
  }

  // @ts-ignore: decorator
  @operator("/") div(o: U256): U256 {
    return new U256(u256_div(this.raw, o.raw));
  }

  // @ts-ignore: decorator
  @operator("%") rem(o: U256): U256 {
    return new U256(u256_rem_euclid(this.raw, o.raw));
  }

  pow(exp: u32): U256 {
    return new U256(u256_pow(this.raw, u32Val(exp)));
  }

  shl(bits: u32): U256 {
    return new U256(u256_shl(this.raw, u32Val(bits)));
  }

  shr(bits: u32): U256 {
    return new U256(u256_shr(this.raw, u32Val(bits)));
  }

  compare(o: U256): i32 {
    return valCompare(this.raw, o.raw);
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: U256 | null, b: U256 | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: U256 | null, b: U256 | null): bool {
    return !refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("<") lt(o: U256): bool {
    return this.compare(o) < 0;
  }

  // @ts-ignore: decorator
  @operator("<=") le(o: U256): bool {
    return this.compare(o) <= 0;
  }

  // @ts-ignore: decorator
  @operator(">") gt(o: U256): bool {
    return this.compare(o) > 0;
  }

  // @ts-ignore: decorator
  @operator(">=") ge(o: U256): bool {
    return this.compare(o) >= 0;
  }
}

// ---- time

/** The spec type `Timepoint`: seconds since the Unix epoch. */
export class Timepoint extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Timepoint {
    expectTags(v, Tag.TimepointSmall, Tag.TimepointObject);
    return new Timepoint(v);
  }

  static fromSeconds(s: u64): Timepoint {
    return new Timepoint(s < SMALL_U ? (s << 8) | Tag.TimepointSmall : timepoint_obj_from_u64(s));
  }

  get seconds(): u64 {
    return tagOf(this.raw) == Tag.TimepointSmall ? this.raw >> 8 : timepoint_obj_to_u64(this.raw);
  }
}

/** The spec type `Duration`: a number of seconds. */
export class Duration extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Duration {
    expectTags(v, Tag.DurationSmall, Tag.DurationObject);
    return new Duration(v);
  }

  static fromSeconds(s: u64): Duration {
    return new Duration(s < SMALL_U ? (s << 8) | Tag.DurationSmall : duration_obj_from_u64(s));
  }

  get seconds(): u64 {
    return tagOf(this.raw) == Tag.DurationSmall ? this.raw >> 8 : duration_obj_to_u64(this.raw);
  }
}
