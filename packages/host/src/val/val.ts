/**
 * Raw Val encoding: a 64-bit word (held as an unsigned bigint) with an 8-bit tag and a 56-bit body;
 * the body splits into a 32-bit major and a 24-bit minor (`soroban-env-common/src/val.rs`).
 */
import { Tag } from './tag.ts';
import type { ScErrorValue } from './error.ts';

export type Val = bigint;

const MASK64 = (1n << 64n) - 1n;
const BODY_MAX_U = (1n << 56n) - 1n;
const BODY_MIN_I = -(1n << 55n);
const BODY_MAX_I = (1n << 55n) - 1n;

export const VOID: Val = BigInt(Tag.Void);
export const TRUE: Val = BigInt(Tag.True);
export const FALSE: Val = BigInt(Tag.False);

export const tagOf = (v: Val): number => Number(v & 0xffn);
export const bodyOf = (v: Val): bigint => v >> 8n;
export const majorOf = (v: Val): number => Number(v >> 32n);
export const minorOf = (v: Val): number => Number((v >> 8n) & 0xffffffn);

/** Reinterprets a Wasm i64 (signed bigint) as the unsigned Val word. */
export const fromWasm = (x: bigint): Val => x & MASK64;

export const fromBody = (tag: number, body: bigint): Val => ((body << 8n) | BigInt(tag)) & MASK64;
export const fromMajorMinor = (tag: number, major: number, minor: number): Val =>
  (BigInt(major >>> 0) << 32n) | (BigInt(minor & 0xffffff) << 8n) | BigInt(tag);

export const fromBool = (b: boolean): Val => (b ? TRUE : FALSE);
export const fromU32 = (n: number): Val => fromMajorMinor(Tag.U32Val, n >>> 0, 0);
export const fromI32 = (n: number): Val => fromMajorMinor(Tag.I32Val, n | 0, 0);
export const toU32 = (v: Val): number => majorOf(v);
export const toI32 = (v: Val): number => majorOf(v) | 0;

export const fromError = ({ type, code }: ScErrorValue): Val => fromMajorMinor(Tag.Error, code, type);
export const toError = (v: Val): ScErrorValue => ({ type: minorOf(v), code: majorOf(v) });

/** The small form of an unsigned number when it fits the 56-bit body, else undefined. */
export const smallUnsigned = (tag: number, x: bigint): Val | undefined =>
  x >= 0n && x <= BODY_MAX_U ? fromBody(tag, x) : undefined;

/** The small form of a signed number when it fits the 56-bit body (sign-extended), else undefined. */
export const smallSigned = (tag: number, x: bigint): Val | undefined =>
  x >= BODY_MIN_I && x <= BODY_MAX_I ? fromBody(tag, x & BODY_MAX_U) : undefined;

export const smallUnsignedValue = (v: Val): bigint => v >> 8n;
export const smallSignedValue = (v: Val): bigint => BigInt.asIntN(64, v) >> 8n;

export const objectHandle = (v: Val): number => majorOf(v);
export const fromObjectHandle = (tag: number, handle: number): Val => fromMajorMinor(tag, handle, 0);
