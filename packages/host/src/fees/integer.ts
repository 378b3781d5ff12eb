/**
 * The fixed-width integer arithmetic the reference fee code is written in (`i64`, `u32`, `i128`
 * with `saturating_*` operations and `num_integer::div_ceil`), reproduced on bigint so every
 * fee matches the reference bit for bit, including at the integer limits.
 */

export const U32_MAX = 0xffff_ffffn;
export const I64_MAX = (1n << 63n) - 1n;
export const I64_MIN = -(1n << 63n);
const I128_MAX = (1n << 127n) - 1n;
const I128_MIN = -(1n << 127n);

const clamp = (x: bigint, lo: bigint, hi: bigint): bigint => (x < lo ? lo : x > hi ? hi : x);

/** The result of any `i64::saturating_*` operation given its exact value. */
export const satI64 = (x: bigint): bigint => clamp(x, I64_MIN, I64_MAX);
/** The result of any `i128::saturating_*` operation given its exact value. */
export const satI128 = (x: bigint): bigint => clamp(x, I128_MIN, I128_MAX);
/** The result of any `u32::saturating_*` operation given its exact value. */
export const satU32 = (x: bigint): bigint => clamp(x, 0n, U32_MAX);

export const maxOf = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** `num_integer::div_ceil`: the quotient rounded toward positive infinity (also for negatives). */
export const divCeil = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  const r = a % b;
  return r !== 0n && r > 0n === b > 0n ? q + 1n : q;
};

/**
 * The reference's `clamp_fee`: negative results (only reachable with a nonsensical configuration)
 * become `i64::MAX`, so a broken config fails transactions rather than making them free; values
 * past `i64::MAX` saturate.
 */
export const clampFee = (x: bigint): bigint => (x < 0n || x > I64_MAX ? I64_MAX : x);

/** Checks a field the reference types as `u32` (the type system does it there). */
export const u32 = (name: string, value: number): bigint => {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new RangeError(`${name} must be an integer in [0, 2^32 - 1], got ${value}`);
  }
  return BigInt(value);
};

/** Checks a field the reference types as `i64`. */
export const i64 = (name: string, value: bigint): bigint => {
  if (typeof value !== 'bigint' || value < I64_MIN || value > I64_MAX) {
    throw new RangeError(`${name} must be a bigint in the i64 range, got ${String(value)}`);
  }
  return value;
};
