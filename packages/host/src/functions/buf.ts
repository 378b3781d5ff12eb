/**
 * env.json module `buf`: Bytes, String and Symbol objects, their linear-memory copies and XDR
 * (de)serialization of any Val (`soroban-env-host/src/host.rs` "buf" region, `host/mem_helper.rs`).
 * Objects are immutable: every "mutation" builds a new object from a copy.
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { checkedEnd, readBytes, writeBytes } from '../host/linear-memory.ts';
import { compareBytes } from '../host/objects.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { validateSymbol } from '../val/symbol.ts';
import { Tag } from '../val/tag.ts';
import { VOID, fromU32, toU32, type Val } from '../val/val.ts';
import { scValToVal, symbolBytesOf, valToScVal } from '../xdr/scval.ts';
import type { HostFnTable } from './types.ts';

type MemTag = Tag.BytesObject | Tag.StringObject | Tag.SymbolObject;

/** `DEFAULT_XDR_RW_LIMITS.depth` of the reference host. */
const XDR_DEPTH_LIMIT = 500;

/** ScVal types 19..21 (ContractInstance, LedgerKeyContractInstance, LedgerKeyNonce) have no Val form. */
const NOT_REPRESENTABLE = new Set([19, 20, 21]);

const bytesOf = (host: Host, v: Val, tag: MemTag = Tag.BytesObject): Uint8Array => host.get(v, tag).bytes;

/** Stores bytes the caller owns (a fresh copy) as a new object. */
const newObject = (host: Host, tag: MemTag, bytes: Uint8Array): Val => host.add({ tag, bytes });

/** A metered copy, the host's `metered_clone`. */
const copyOf = (host: Host, bytes: Uint8Array, capacity = bytes.length): Uint8Array => {
  host.budget.charge(CostType.MemCpy, bytes.length);
  const out = new Uint8Array(capacity);
  out.set(bytes);
  return out;
};

const indexOutOfBounds = (what: string) =>
  hostError(ErrorType.Object, ErrorCode.IndexBounds, `${what} out of bounds`);

/** A byte value argument: a U32Val above 255 is `Error(Value, ArithDomain)`, checked before any index. */
const byteArg = (v: Val): number => {
  const u = toU32(v);
  if (u > 255) throw hostError(ErrorType.Value, ErrorCode.ArithDomain, 'expecting U32Val less than 256', u);
  return u;
};

// ---- memory-like objects ⇄ linear memory ----

/** Copies `[objPos, objPos+len)` of an object into linear memory at `lmPos`. */
const copyToLinearMemory = (host: Host, tag: MemTag, obj: Val, objPos: Val, lmPos: Val, len: Val): Val => {
  const bytes = bytesOf(host, obj, tag);
  const start = toU32(objPos);
  const end = checkedEnd(start, toU32(len));
  if (end > bytes.length)
    throw hostError(
      ErrorType.Object,
      ErrorCode.IndexBounds,
      'out-of-bounds read from memory-like host object',
    );
  writeBytes(host, toU32(lmPos), bytes.subarray(start, end));
  return VOID;
};

/** A new object from a memory range. A Symbol made here is always an object, even when short. */
const newFromLinearMemory = (host: Host, tag: MemTag, lmPos: Val, len: Val): Val => {
  host.budget.charge(CostType.MemAlloc, toU32(len));
  const bytes = readBytes(host, toU32(lmPos), toU32(len));
  // The reference accepts any bytes for Bytes and String (no UTF-8 check); a Symbol is validated.
  if (tag === Tag.SymbolObject) validateSymbol(bytes);
  return newObject(host, tag, bytes);
};

/**
 * `bytes_copy_from_linear_memory`: a copy of `b`, grown with zeros when `bPos+len` passes its end
 * (so `bPos` past the end is not an error), with linear memory copied in at `bPos`.
 */
const copyFromLinearMemory = (host: Host, b: Val, bPos: Val, lmPos: Val, len: Val): Val => {
  const old = bytesOf(host, b);
  const start = toU32(bPos);
  const end = checkedEnd(start, toU32(len));
  if (end > old.length) host.budget.charge(CostType.MemAlloc, end - old.length);
  const out = copyOf(host, old, Math.max(old.length, end));
  out.set(readBytes(host, toU32(lmPos), toU32(len)), start);
  return newObject(host, Tag.BytesObject, out);
};

/** Whether a linear-memory slice spells the symbol `sym` (small or object). */
const symbolMatches = (host: Host, slice: Uint8Array, sym: Uint8Array): boolean => {
  host.budget.charge(CostType.MemCmp, Math.min(slice.length, sym.length));
  return compareBytes(slice, sym) === 0;
};

/**
 * `symbol_index_in_linear_memory`: `len` (ptr: u32 LE, len: u32 LE) slices at `pos`; the index of
 * the first one equal to `sym`. Every slice is read (and bounds-checked) even after a match, as
 * the reference does; none matching is `Error(Value, MissingValue)`.
 */
const symbolIndexInLinearMemory = (host: Host, sym: Val, pos: Val, len: Val): Val => {
  const name = symbolBytesOf(host, sym);
  let found: number | undefined;
  let at = toU32(pos);
  for (let i = 0; i < toU32(len); i++) {
    const ref = new DataView(readBytes(host, at, 8).buffer);
    at += 8;
    const slice = readBytes(host, ref.getUint32(0, true), ref.getUint32(4, true));
    if (symbolMatches(host, slice, name)) found ??= i;
  }
  if (found === undefined)
    throw hostError(ErrorType.Value, ErrorCode.MissingValue, 'symbol not found in linear memory slices', sym);
  return fromU32(found);
};

// ---- XDR ----

const serializeToBytes = (host: Host, v: Val): Val => {
  const out = valToScVal(host, v).toXdr();
  host.budget.charge(CostType.ValSer, out.length);
  return newObject(host, Tag.BytesObject, out);
};

const representable = (w: xdr.ScValWire): boolean => {
  if (w.type === 16) return w.vec !== null && w.vec.every(representable);
  if (w.type === 17)
    return w.map !== null && w.map.every((e) => representable(e.key) && representable(e.val));
  return !NOT_REPRESENTABLE.has(w.type);
};

/**
 * The reference reads with a length limit equal to the input size, checked before every read, so
 * running past the end (truncated data, an oversized length prefix) is a limit error, like nesting
 * too deep; every other malformation (bad discriminant or padding, trailing bytes…) is invalid input.
 */
const xdrReadError = (e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  return /incomplete XDR data|exceeds remaining|max recursion depth/.test(message)
    ? hostError(ErrorType.Context, ErrorCode.ExceededLimit, `XDR read limit: ${message}`)
    : hostError(ErrorType.Value, ErrorCode.InvalidInput, `malformed XDR: ${message}`);
};

const deserializeFromBytes = (host: Host, b: Val): Val => {
  const bytes = bytesOf(host, b);
  host.budget.charge(CostType.ValDeser, bytes.length);
  let wire: xdr.ScValWire;
  try {
    wire = xdr.ScVal.schema.decode(bytes, { maxDepth: XDR_DEPTH_LIMIT });
  } catch (e) {
    throw xdrReadError(e);
  }
  // Checked on the whole value before converting, so it wins over conversion errors (map order…).
  if (!representable(wire))
    throw hostError(
      ErrorType.Value,
      ErrorCode.UnexpectedType,
      'Deserialized ScVal type cannot be represented as Val',
      wire.type,
    );
  return scValToVal(host, xdr.ScVal.fromXdrObject(wire));
};

// ---- Bytes as a sequence ----

const bytesPut = (host: Host, b: Val, i: Val, u: Val): Val => {
  const byte = byteArg(u);
  const old = bytesOf(host, b);
  if (toU32(i) >= old.length) throw indexOutOfBounds('bytes_put');
  const out = copyOf(host, old);
  out[toU32(i)] = byte;
  return newObject(host, Tag.BytesObject, out);
};

const bytesGet = (host: Host, b: Val, i: Val): Val => {
  const bytes = bytesOf(host, b);
  if (toU32(i) >= bytes.length) throw indexOutOfBounds('bytes_get');
  return fromU32(bytes[toU32(i)]);
};

const bytesDel = (host: Host, b: Val, i: Val): Val => {
  const old = bytesOf(host, b);
  const at = toU32(i);
  if (at >= old.length) throw indexOutOfBounds('bytes_del');
  host.budget.charge(CostType.MemCpy, old.length - 1);
  const out = new Uint8Array(old.length - 1);
  out.set(old.subarray(0, at));
  out.set(old.subarray(at + 1), at);
  return newObject(host, Tag.BytesObject, out);
};

const bytesInsert = (host: Host, b: Val, i: Val, u: Val): Val => {
  const byte = byteArg(u);
  const old = bytesOf(host, b);
  const at = toU32(i);
  if (at > old.length) throw indexOutOfBounds('bytes_insert');
  host.budget.charge(CostType.MemCpy, old.length + 1);
  const out = new Uint8Array(old.length + 1);
  out.set(old.subarray(0, at));
  out[at] = byte;
  out.set(old.subarray(at), at + 1);
  return newObject(host, Tag.BytesObject, out);
};

const bytesPush = (host: Host, b: Val, u: Val): Val => {
  const byte = byteArg(u);
  const old = bytesOf(host, b);
  const out = copyOf(host, old, old.length + 1);
  out[old.length] = byte;
  return newObject(host, Tag.BytesObject, out);
};

const bytesPop = (host: Host, b: Val): Val => {
  const old = bytesOf(host, b);
  if (old.length === 0) throw indexOutOfBounds('bytes_pop');
  return newObject(host, Tag.BytesObject, copyOf(host, old.subarray(0, old.length - 1)));
};

const bytesEnd = (host: Host, b: Val, front: boolean): Val => {
  const bytes = bytesOf(host, b);
  if (bytes.length === 0) throw indexOutOfBounds(front ? 'bytes_front' : 'bytes_back');
  return fromU32(bytes[front ? 0 : bytes.length - 1]);
};

const bytesAppend = (host: Host, b1: Val, b2: Val): Val => {
  const a = bytesOf(host, b1);
  const c = bytesOf(host, b2);
  const out = copyOf(host, a, a.length + c.length);
  host.budget.charge(CostType.MemCpy, c.length);
  out.set(c, a.length);
  return newObject(host, Tag.BytesObject, out);
};

/** `start > len` or `end > len` is an index error, then `start > end` is `Error(Object, InvalidInput)`. */
const bytesSlice = (host: Host, b: Val, start: Val, end: Val): Val => {
  const bytes = bytesOf(host, b);
  const s = toU32(start);
  const e = toU32(end);
  if (s > bytes.length) throw indexOutOfBounds('bytes_slice start');
  if (e > bytes.length) throw indexOutOfBounds('bytes_slice end');
  if (s > e)
    throw hostError(ErrorType.Object, ErrorCode.InvalidInput, 'start index greater than end index', s, e);
  return newObject(host, Tag.BytesObject, copyOf(host, bytes.subarray(s, e)));
};

/** p23 conversions between Bytes and String: the same contents, no encoding check. */
const convert = (host: Host, v: Val, from: MemTag, to: MemTag): Val =>
  newObject(host, to, copyOf(host, bytesOf(host, v, from)));

export const bufFunctions: HostFnTable = {
  serialize_to_bytes: serializeToBytes,
  deserialize_from_bytes: deserializeFromBytes,
  bytes_copy_to_linear_memory: (host, b, bPos, lmPos, len) =>
    copyToLinearMemory(host, Tag.BytesObject, b, bPos, lmPos, len),
  bytes_copy_from_linear_memory: copyFromLinearMemory,
  bytes_new_from_linear_memory: (host, lmPos, len) => newFromLinearMemory(host, Tag.BytesObject, lmPos, len),
  bytes_new: (host) => newObject(host, Tag.BytesObject, new Uint8Array(0)),
  bytes_put: bytesPut,
  bytes_get: bytesGet,
  bytes_del: bytesDel,
  bytes_len: (host, b) => fromU32(bytesOf(host, b).length),
  bytes_push: bytesPush,
  bytes_pop: bytesPop,
  bytes_front: (host, b) => bytesEnd(host, b, true),
  bytes_back: (host, b) => bytesEnd(host, b, false),
  bytes_insert: bytesInsert,
  bytes_append: bytesAppend,
  bytes_slice: bytesSlice,
  string_copy_to_linear_memory: (host, s, sPos, lmPos, len) =>
    copyToLinearMemory(host, Tag.StringObject, s, sPos, lmPos, len),
  symbol_copy_to_linear_memory: (host, s, sPos, lmPos, len) =>
    copyToLinearMemory(host, Tag.SymbolObject, s, sPos, lmPos, len),
  string_new_from_linear_memory: (host, lmPos, len) =>
    newFromLinearMemory(host, Tag.StringObject, lmPos, len),
  symbol_new_from_linear_memory: (host, lmPos, len) =>
    newFromLinearMemory(host, Tag.SymbolObject, lmPos, len),
  string_len: (host, s) => fromU32(bytesOf(host, s, Tag.StringObject).length),
  symbol_len: (host, s) => fromU32(bytesOf(host, s, Tag.SymbolObject).length),
  symbol_index_in_linear_memory: symbolIndexInLinearMemory,
  string_to_bytes: (host, s) => convert(host, s, Tag.StringObject, Tag.BytesObject),
  bytes_to_string: (host, b) => convert(host, b, Tag.BytesObject, Tag.StringObject),
};
