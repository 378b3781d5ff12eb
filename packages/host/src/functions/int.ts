/**
 * env.json module `int`: number objects and their 64-bit pieces, 256-bit byte conversions and
 * 256-bit arithmetic (`soroban-env-host/src/host.rs` "int" region and `host/num.rs`).
 */
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import {
  DURATION,
  I128,
  I256,
  I64,
  TIMEPOINT,
  U128,
  U256,
  U64,
  inRange,
  minOf,
  numberOf,
  numberVal,
  type NumberKind,
} from '../host/numbers.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, toU32, type Val } from '../val/val.ts';
import type { HostFn, HostFnTable } from './types.ts';

const BITS = 256n;
const WORD = 64n;

// ---- objects from and to raw 64-bit words ----

/** `obj_from_*` always allocate an object, even for values that would fit the small form. */
const newObject = (host: Host, k: NumberKind, value: bigint): Val => host.add({ tag: k.object, value });

/** `obj_from_u64` and friends: one raw word, stored as is. */
const objFrom =
  (k: NumberKind): HostFn =>
  (host, v) =>
    newObject(host, k, v);

/** `obj_to_u64` and friends: the reference clones the 8-byte value out of the object (metered). */
const objTo =
  (k: NumberKind): HostFn =>
  (host, obj) => {
    const { value } = host.get(obj, k.object);
    host.budget.charge(CostType.MemCpy, 8);
    return value;
  };

/** The 64-bit word `index` of `x` (0 = lowest), as u64; `signed` keeps the sign of the top word. */
const word = (x: bigint, index: number, signed = false): bigint => {
  const shifted = x >> (WORD * BigInt(index));
  return signed ? BigInt.asIntN(64, shifted) : BigInt.asUintN(64, shifted);
};

/** Joins big-endian words; a negative (signed) top word makes the result negative. */
const fromWords = (...words: bigint[]): bigint => words.reduce((acc, w) => (acc << WORD) | w, 0n);

/** `obj_to_*_{hi,lo}*`: one word of a 128/256-bit object. */
const objWord =
  (k: NumberKind, index: number, signed = false): HostFn =>
  (host, obj) =>
    word(host.get(obj, k.object).value, index, signed);

const objFromWords =
  (k: NumberKind): HostFn =>
  (host, ...words) =>
    newObject(host, k, fromWords(...words));

// ---- 256-bit values from and to big-endian bytes ----

const BYTES_256 = 32;

const fromBeBytes = (k: NumberKind): HostFn => (host, bytesObj) => {
  const { bytes } = host.get(bytesObj, Tag.BytesObject);
  if (bytes.length !== BYTES_256)
    throw hostError(
      ErrorType.Object,
      ErrorCode.UnexpectedSize,
      `expected fixed-length bytes slice, got slice with different size: ${k.name} bytes need ${BYTES_256}, got ${bytes.length}`,
    );
  host.budget.charge(CostType.MemCpy, BYTES_256);
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return numberVal(host, k, k.signed ? BigInt.asIntN(256, x) : x);
};

const toBeBytes = (k: NumberKind): HostFn => (host, v) => {
  let x = BigInt.asUintN(256, numberOf(host, k, v));
  host.budget.charge(CostType.MemCpy, BYTES_256);
  const bytes = new Uint8Array(BYTES_256);
  for (let i = BYTES_256 - 1; i >= 0; i--, x >>= 8n) bytes[i] = Number(x & 0xffn);
  return host.add({ tag: Tag.BytesObject, bytes });
};

// ---- 256-bit arithmetic ----

/**
 * An operation with Rust's `checked_*` semantics (ethnum): the result, or undefined where Rust
 * gives `None`.
 */
type CheckedOp = (k: NumberKind, a: bigint, b: bigint) => bigint | undefined;

const fit = (k: NumberKind, x: bigint): bigint | undefined => (inRange(k, x) ? x : undefined);

const checkedMul: CheckedOp = (k, a, b) => fit(k, a * b);

const checkedDiv: CheckedOp = (k, a, b) => (b === 0n ? undefined : fit(k, a / b));

/** Rust refuses `MIN.rem_euclid(-1)` (the matching division overflows) though the remainder is 0. */
const checkedRemEuclid: CheckedOp = (k, a, b) => {
  if (b === 0n || (k.signed && a === minOf(k) && b === -1n)) return undefined;
  const r = a % b;
  return r < 0n ? r + (b < 0n ? -b : b) : r;
};

/**
 * Square-and-multiply as ethnum's `checked_pow`, checking every product: the numbers stay within
 * 256 bits however large the exponent.
 */
const checkedPow: CheckedOp = (k, base, e) => {
  if (e === 0n) return 1n;
  let acc: bigint | undefined = 1n;
  let b: bigint | undefined = base;
  for (; e > 1n; e >>= 1n) {
    if (e & 1n) {
      acc = checkedMul(k, acc, b);
      if (acc === undefined) return undefined;
    }
    b = checkedMul(k, b, b);
    if (b === undefined) return undefined;
  }
  return checkedMul(k, acc, b);
};

/** Only the shift amount is checked: bits shifted out are dropped; shr of a signed value is arithmetic. */
const checkedShl: CheckedOp = (k, a, s) =>
  s >= BITS ? undefined : k.signed ? BigInt.asIntN(256, a << s) : BigInt.asUintN(256, a << s);
const checkedShr: CheckedOp = (_k, a, s) => (s >= BITS ? undefined : a >> s);

interface Arith {
  readonly cost: CostType;
  readonly op: CheckedOp;
  /** The right operand is a U32Val (pow, shifts) rather than a number of the same kind. */
  readonly u32Rhs?: boolean;
}

const ARITH = {
  add: { cost: CostType.Int256AddSub, op: (k, a, b) => fit(k, a + b) },
  sub: { cost: CostType.Int256AddSub, op: (k, a, b) => fit(k, a - b) },
  mul: { cost: CostType.Int256Mul, op: checkedMul },
  div: { cost: CostType.Int256Div, op: checkedDiv },
  rem_euclid: { cost: CostType.Int256Div, op: checkedRemEuclid },
  pow: { cost: CostType.Int256Pow, op: checkedPow, u32Rhs: true },
  shl: { cost: CostType.Int256Shift, op: checkedShl, u32Rhs: true },
  shr: { cost: CostType.Int256Shift, op: checkedShr, u32Rhs: true },
} satisfies Record<string, Arith>;

type ArithName = keyof typeof ARITH;

/** Runs `name` on the operands as the reference does: charge first, then read both operands. */
const compute = (host: Host, k: NumberKind, { cost, op, u32Rhs }: Arith, lhs: Val, rhs: Val): bigint | undefined => {
  host.budget.charge(cost);
  const a = numberOf(host, k, lhs);
  const b = u32Rhs ? BigInt(toU32(rhs)) : numberOf(host, k, rhs);
  return op(k, a, b);
};

/** `u256_add` etc.: a result that does not exist is `Error(Object, ArithDomain)`. */
const trapping =
  (k: NumberKind, name: ArithName): HostFn =>
  (host, lhs, rhs) => {
    const r = compute(host, k, ARITH[name], lhs, rhs);
    if (r === undefined)
      throw hostError(ErrorType.Object, ErrorCode.ArithDomain, `overflow has occured in ${k.name}_${name}`, lhs, rhs);
    return numberVal(host, k, r);
  };

/** Protocol 26 (CAP-82) `u256_checked_add` etc.: Void where the trapping version fails. */
const voidOnOverflow =
  (k: NumberKind, name: ArithName): HostFn =>
  (host, lhs, rhs) => {
    const r = compute(host, k, ARITH[name], lhs, rhs);
    return r === undefined ? VOID : numberVal(host, k, r);
  };

const arithmetic = (k: NumberKind): Record<string, HostFn> => {
  const out: Record<string, HostFn> = {};
  for (const name of Object.keys(ARITH) as ArithName[]) out[`${k.name}_${name}`] = trapping(k, name);
  for (const name of ['add', 'sub', 'mul', 'pow'] as const) out[`${k.name}_checked_${name}`] = voidOnOverflow(k, name);
  return out;
};

export const intFunctions: HostFnTable = {
  obj_from_u64: objFrom(U64),
  obj_to_u64: objTo(U64),
  obj_from_i64: objFrom(I64),
  obj_to_i64: objTo(I64),
  timepoint_obj_from_u64: objFrom(TIMEPOINT),
  timepoint_obj_to_u64: objTo(TIMEPOINT),
  duration_obj_from_u64: objFrom(DURATION),
  duration_obj_to_u64: objTo(DURATION),

  obj_from_u128_pieces: objFromWords(U128),
  obj_to_u128_lo64: objWord(U128, 0),
  obj_to_u128_hi64: objWord(U128, 1),
  obj_from_i128_pieces: objFromWords(I128),
  obj_to_i128_lo64: objWord(I128, 0),
  obj_to_i128_hi64: objWord(I128, 1, true),

  obj_from_u256_pieces: objFromWords(U256),
  obj_to_u256_hi_hi: objWord(U256, 3),
  obj_to_u256_hi_lo: objWord(U256, 2),
  obj_to_u256_lo_hi: objWord(U256, 1),
  obj_to_u256_lo_lo: objWord(U256, 0),
  obj_from_i256_pieces: objFromWords(I256),
  obj_to_i256_hi_hi: objWord(I256, 3, true),
  obj_to_i256_hi_lo: objWord(I256, 2),
  obj_to_i256_lo_hi: objWord(I256, 1),
  obj_to_i256_lo_lo: objWord(I256, 0),

  u256_val_from_be_bytes: fromBeBytes(U256),
  u256_val_to_be_bytes: toBeBytes(U256),
  i256_val_from_be_bytes: fromBeBytes(I256),
  i256_val_to_be_bytes: toBeBytes(I256),

  ...arithmetic(U256),
  ...arithmetic(I256),
};
