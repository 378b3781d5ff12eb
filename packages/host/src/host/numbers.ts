/**
 * Number Vals: the host picks the small form whenever a value fits the 56-bit body, else it makes
 * an object. Readers accept either form of a type.
 */
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import {
  smallSigned,
  smallSignedValue,
  smallUnsigned,
  smallUnsignedValue,
  tagOf,
  type Val,
} from '../val/val.ts';
import type { Host } from './host.ts';
import type { NumericObjectTag } from './objects.ts';

export interface NumberKind {
  readonly name: string;
  readonly small: Tag;
  readonly object: NumericObjectTag;
  readonly signed: boolean;
  readonly bits: 64 | 128 | 256;
}

const kind = (name: string, small: Tag, object: NumericObjectTag, signed: boolean, bits: 64 | 128 | 256) =>
  ({ name, small, object, signed, bits }) as const;

export const U64 = kind('u64', Tag.U64Small, Tag.U64Object, false, 64);
export const I64 = kind('i64', Tag.I64Small, Tag.I64Object, true, 64);
export const TIMEPOINT = kind('timepoint', Tag.TimepointSmall, Tag.TimepointObject, false, 64);
export const DURATION = kind('duration', Tag.DurationSmall, Tag.DurationObject, false, 64);
export const U128 = kind('u128', Tag.U128Small, Tag.U128Object, false, 128);
export const I128 = kind('i128', Tag.I128Small, Tag.I128Object, true, 128);
export const U256 = kind('u256', Tag.U256Small, Tag.U256Object, false, 256);
export const I256 = kind('i256', Tag.I256Small, Tag.I256Object, true, 256);

export const NUMBER_KINDS: readonly NumberKind[] = [U64, I64, TIMEPOINT, DURATION, U128, I128, U256, I256];

export const minOf = (k: NumberKind): bigint => (k.signed ? -(1n << BigInt(k.bits - 1)) : 0n);
export const maxOf = (k: NumberKind): bigint => (k.signed ? (1n << BigInt(k.bits - 1)) - 1n : (1n << BigInt(k.bits)) - 1n);

export const inRange = (k: NumberKind, x: bigint): boolean => x >= minOf(k) && x <= maxOf(k);

/** The Val for `x` of kind `k`: small when it fits, else a new object. `x` must be in range. */
export const numberVal = (host: Host, k: NumberKind, x: bigint): Val => {
  if (!inRange(k, x)) throw hostError(ErrorType.Object, ErrorCode.ArithDomain, `${x} is out of range for ${k.name}`);
  const small = k.signed ? smallSigned(k.small, x) : smallUnsigned(k.small, x);
  return small ?? host.add({ tag: k.object, value: x });
};

/** Reads a number of kind `k` from either form; `Error(Value, UnexpectedType)` for other values. */
export const numberOf = (host: Host, k: NumberKind, v: Val): bigint => {
  const tag = tagOf(v);
  if (tag === k.small) return k.signed ? smallSignedValue(v) : smallUnsignedValue(v);
  if (tag === k.object) return host.get(v, k.object).value;
  throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `expected ${k.name}, got a value with tag ${tag}`);
};

export const kindOfTag = (tag: number): NumberKind | undefined =>
  NUMBER_KINDS.find((k) => k.small === tag || k.object === tag);
