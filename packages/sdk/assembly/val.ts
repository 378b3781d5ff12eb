// Val: the 64-bit value every host function and contract function exchanges. Low 8 bits are the
// tag; the 56-bit body splits into a 32-bit major (high) and a 24-bit minor part
// (soroban-env-common val.rs). Object handles are relative to the running contract.
import { obj_cmp, obj_from_i64, obj_from_u64, obj_to_i64, obj_to_u64 } from "./env";

export namespace Tag {
  export const False: u32 = 0;
  export const True: u32 = 1;
  export const Void: u32 = 2;
  export const Error: u32 = 3;
  export const U32: u32 = 4;
  export const I32: u32 = 5;
  export const U64Small: u32 = 6;
  export const I64Small: u32 = 7;
  export const TimepointSmall: u32 = 8;
  export const DurationSmall: u32 = 9;
  export const U128Small: u32 = 10;
  export const I128Small: u32 = 11;
  export const U256Small: u32 = 12;
  export const I256Small: u32 = 13;
  export const SymbolSmall: u32 = 14;
  export const U64Object: u32 = 64;
  export const I64Object: u32 = 65;
  export const TimepointObject: u32 = 66;
  export const DurationObject: u32 = 67;
  export const U128Object: u32 = 68;
  export const I128Object: u32 = 69;
  export const U256Object: u32 = 70;
  export const I256Object: u32 = 71;
  export const BytesObject: u32 = 72;
  export const StringObject: u32 = 73;
  export const SymbolObject: u32 = 74;
  export const VecObject: u32 = 75;
  export const MapObject: u32 = 76;
  export const AddressObject: u32 = 77;
  export const MuxedAddressObject: u32 = 78;
  export const ExecutableTagObject: u32 = 79;
}

export const VOID: u64 = 2;
export const TRUE: u64 = 1;
export const FALSE: u64 = 0;

// @ts-ignore: decorator
@inline export function tagOf(v: u64): u32 {
  return <u32>(v & 0xff);
}

// @ts-ignore: decorator
@inline export function isObject(v: u64): bool {
  const t = tagOf(v);
  return t > 63 && t < 80;
}

// @ts-ignore: decorator
@inline export function u32Val(x: u32): u64 {
  return (<u64>x << 32) | Tag.U32;
}

// @ts-ignore: decorator
@inline export function i32Val(x: i32): u64 {
  return (<u64><u32>x << 32) | Tag.I32;
}

/** Traps (the contract fails with Error(WasmVm, InvalidAction)) unless `v` has tag `tag`. */
// @ts-ignore: decorator
@inline export function expectTag(v: u64, tag: u32): void {
  if (tagOf(v) != tag) unreachable();
}

/** Traps unless `v` has one of two tags (the small and object forms of one type). */
// @ts-ignore: decorator
@inline export function expectTags(v: u64, small: u32, object: u32): void {
  const t = tagOf(v);
  if (t != small && t != object) unreachable();
}

export function u32FromVal(v: u64): u32 {
  expectTag(v, Tag.U32);
  return <u32>(v >> 32);
}

export function i32FromVal(v: u64): i32 {
  expectTag(v, Tag.I32);
  return <i32>(v >> 32);
}

export function boolFromVal(v: u64): bool {
  if (v == TRUE) return true;
  if (v != FALSE) unreachable();
  return false;
}

export function u64Val(x: u64): u64 {
  return x < (<u64>1 << 56) ? (x << 8) | Tag.U64Small : obj_from_u64(x);
}

export function u64FromVal(v: u64): u64 {
  if (tagOf(v) == Tag.U64Small) return v >> 8;
  expectTag(v, Tag.U64Object);
  return obj_to_u64(v);
}

export function i64Val(x: i64): u64 {
  const min: i64 = -(<i64>1 << 55);
  const max: i64 = (<i64>1 << 55) - 1;
  return x >= min && x <= max ? (<u64>x << 8) | Tag.I64Small : obj_from_i64(x);
}

export function i64FromVal(v: u64): i64 {
  if (tagOf(v) == Tag.I64Small) return <i64>v >> 8;
  expectTag(v, Tag.I64Object);
  return obj_to_i64(v);
}

/** Structural equality the way the host compares values (an object holding 5 equals small 5). */
export function valEquals(a: u64, b: u64): bool {
  if (a == b) return true;
  if (!isObject(a) && !isObject(b)) return false;
  return obj_cmp(a, b) == 0;
}

/** Equality of two optional values: both null, or equal values. */
export function refEquals(a: Val | null, b: Val | null): bool {
  if (!a || !b) return changetype<usize>(a) == changetype<usize>(b);
  return valEquals(a.raw, b.raw);
}

/** Host ordering of two values: -1, 0 or 1. */
export function valCompare(a: u64, b: u64): i32 {
  if (a == b) return 0;
  if (isObject(a) || isObject(b)) return <i32>obj_cmp(a, b);
  const ta = tagOf(a);
  const tb = tagOf(b);
  if (ta != tb) return ta < tb ? -1 : 1;
  // Same small tag: signed bodies for the signed kinds; errors by (type, code); small symbols by
  // their characters; the other kinds by their unsigned bodies.
  if (ta == Tag.I32 || ta == Tag.I64Small || ta == Tag.I128Small || ta == Tag.I256Small) return <i64>a < <i64>b ? -1 : 1;
  if (ta == Tag.Error) {
    const ma = (a >> 8) & 0xffffff;
    const mb = (b >> 8) & 0xffffff;
    if (ma != mb) return ma < mb ? -1 : 1;
  }
  if (ta == Tag.SymbolSmall) return compareSmallSymbols(a >> 8, b >> 8);
  return a < b ? -1 : 1;
}

/** The ASCII char of a 6-bit symbol code. */
export function symbolCodeChar(code: u32): u32 {
  if (code == 1) return 0x5f;
  if (code < 12) return code - 2 + 0x30;
  if (code < 38) return code - 12 + 0x41;
  return code - 38 + 0x61;
}

function symbolCodeCount(body: u64): u32 {
  let n: u32 = 0;
  while (body != 0) {
    n++;
    body >>= 6;
  }
  return n;
}

function compareSmallSymbols(a: u64, b: u64): i32 {
  const na = symbolCodeCount(a);
  const nb = symbolCodeCount(b);
  const n = na < nb ? na : nb;
  for (let i: u32 = 1; i <= n; i++) {
    const ca = symbolCodeChar(<u32>(a >> (6 * (na - i))) & 0x3f);
    const cb = symbolCodeChar(<u32>(b >> (6 * (nb - i))) & 0x3f);
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return na == nb ? 0 : na < nb ? -1 : 1;
}

/** Any value, untyped: the spec type `Val`. */
export class Val {
  constructor(public raw: u64) {}

  toVal(): u64 {
    return this.raw;
  }

  get tag(): u32 {
    return tagOf(this.raw);
  }

  isVoid(): bool {
    return this.raw == VOID;
  }

  equals(other: Val): bool {
    return valEquals(this.raw, other.raw);
  }

  /** Reads the value as `T` (traps when it has another type). */
  as<T>(): T {
    return fromVal<T>(this.raw);
  }

  static of<T>(x: T): Val {
    return new Val(toVal<T>(x));
  }
}

// The two generic conversions every typed value goes through. Classes convert through their
// `toVal()` method and a `__fromVal(v)` method that must not use `this` (it is called on a null
// receiver, so it must never be overridden): SDK types define both, and the build generates them for
// contract types.

/** Converts an AssemblyScript value to a Val, the way the Rust SDK's IntoVal does. */
// @ts-ignore: decorator
@global export function toVal<T>(x: T): u64 {
  if (isBoolean<T>()) return x ? TRUE : FALSE;
  if (isInteger<T>()) {
    if (sizeof<T>() == 8) {
      // @ts-ignore: integer
      return isSigned<T>() ? i64Val(<i64>x) : u64Val(<u64>x);
    }
    if (sizeof<T>() == 4) {
      // @ts-ignore: integer
      return isSigned<T>() ? i32Val(<i32>x) : u32Val(<u32>x);
    }
    ERROR("contract values have no 8- or 16-bit integers: use u32 or i32");
  }
  if (isFloat<T>()) ERROR("contracts cannot use floating-point numbers");
  if (isString<T>()) {
    // @ts-ignore: string
    return __sdk_stringToVal(changetype<string>(x));
  }
  if (isReference<T>()) {
    if (isNullable<T>()) {
      if (changetype<usize>(x) == 0) return VOID;
    }
    // @ts-ignore: every contract value class has toVal()
    return changetype<NonNullable<T>>(x).toVal();
  }
  ERROR("this type cannot be converted to a contract value");
  return VOID;
}

/** Converts a Val to `T`, trapping when the Val has another type. */
// @ts-ignore: decorator
@global export function fromVal<T>(v: u64): T {
  if (isBoolean<T>()) {
    // @ts-ignore: bool
    return boolFromVal(v);
  }
  if (isInteger<T>()) {
    if (sizeof<T>() == 8) {
      // @ts-ignore: integer
      return isSigned<T>() ? <T>i64FromVal(v) : <T>u64FromVal(v);
    }
    if (sizeof<T>() == 4) {
      // @ts-ignore: integer
      return isSigned<T>() ? <T>i32FromVal(v) : <T>u32FromVal(v);
    }
    ERROR("contract values have no 8- or 16-bit integers: use u32 or i32");
  }
  if (isFloat<T>()) ERROR("contracts cannot use floating-point numbers");
  if (isString<T>()) {
    // @ts-ignore: string
    return __sdk_stringFromVal(v);
  }
  if (isReference<T>()) {
    if (isNullable<T>()) {
      if (v == VOID) return changetype<T>(0);
    }
    if (idof<NonNullable<T>>() == idof<Val>()) return changetype<T>(new Val(v));
    // @ts-ignore: every contract value class has __fromVal()
    return changetype<NonNullable<T>>(0).__fromVal(v);
  }
  ERROR("this type cannot be converted from a contract value");
  return changetype<T>(0);
}
