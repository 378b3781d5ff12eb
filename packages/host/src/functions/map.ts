/**
 * env.json module `map`: immutable maps whose keys stay sorted and unique in the host's total
 * order (`soroban-env-host/src/host.rs` "map" region, `host/metered_map.rs`), plus the
 * linear-memory forms the SDK uses for `contracttype` structs: Symbol keys given as
 * (ptr, len) byte strings in the guest, values as raw Vals (`host/mem_helper.rs`; the `sparse_*`
 * forms are CAP-86, protocol 28).
 */
import { CostType } from '../budget/cost-type.ts';
import { compareVals, findKey } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import { readBytes, readVals, writeVals } from '../host/linear-memory.ts';
import { compareBytes, type MapObject } from '../host/objects.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { SYMBOL_MAX_LEN, symbolCharCode } from '../val/symbol.ts';
import { Tag } from '../val/tag.ts';
import { VOID, fromBool, fromU32, tagOf, toU32, type Val } from '../val/val.ts';
import { checkGoodVal } from '../vm/arg-types.ts';
import { symbolBytesOf, symbolVal } from '../xdr/scval.ts';
import type { HostFnTable } from './types.ts';

const VAL_SIZE = 8;
const SLICE_SIZE = 8;

const mapOf = (host: Host, m: Val): MapObject => host.get(m, Tag.MapObject);

/** Stores a new map; building it copies every entry, as the reference's clone does. */
const newMap = (host: Host, keys: Val[], values: Val[]): Val => {
  host.budget.charge(CostType.MemCpy, keys.length * 2 * VAL_SIZE);
  return host.add({ tag: Tag.MapObject, keys, values });
};


/** `HostMap::from_exact_iter`: the pairs must already be strictly ascending by key. */
const mapFromSorted = (host: Host, keys: Val[], values: Val[]): Val => {
  for (let i = 1; i < keys.length; i++)
    if (compareVals(host, keys[i - 1], keys[i]) >= 0)
      throw hostError(ErrorType.Object, ErrorCode.InvalidInput, 'map keys are not strictly ascending');
  return newMap(host, keys, values);
};

const checkPosition = (map: MapObject, i: number): void => {
  if (i >= map.keys.length)
    throw hostError(ErrorType.Object, ErrorCode.IndexBounds, `map position ${i} out of bounds for length ${map.keys.length}`);
};

const missingKey = (fn: string) => hostError(ErrorType.Object, ErrorCode.MissingValue, `map key not found in ${fn}`);

const isSymbol = (v: Val): boolean => tagOf(v) === Tag.SymbolSmall || tagOf(v) === Tag.SymbolObject;

// ---- linear memory ----

/**
 * `metered_vm_scan_slices_in_linear_memory`: `count` (ptr: u32 LE, len: u32 LE) entries at `pos`,
 * each followed to its bytes and handed to `visit` in order, so an error in entry i comes before
 * any bounds error in a later one. The table copy is charged up front, as the reference does.
 */
const scanSlices = (host: Host, pos: number, count: number, visit: (i: number, bytes: Uint8Array) => void): void => {
  host.budget.charge(CostType.MemCpy, count * SLICE_SIZE);
  for (let i = 0; i < count; i++) {
    const entry = new DataView(readBytes(host, pos + i * SLICE_SIZE, SLICE_SIZE).buffer);
    visit(i, readBytes(host, entry.getUint32(0, true), entry.getUint32(4, true)));
  }
};

/**
 * A map key from guest bytes. The reference converts through `ScSymbol` (over 32 bytes is an XDR
 * length error, `(Value, InvalidInput)`) and then `to_valid_host_val`, which reports a bad char
 * as `(Value, InternalError)`.
 */
const keySymbol = (host: Host, bytes: Uint8Array): Val => {
  if (bytes.length > SYMBOL_MAX_LEN)
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `map key of ${bytes.length} bytes is longer than a Symbol`);
  if (bytes.some((c) => symbolCharCode(c) === 0))
    throw hostError(ErrorType.Value, ErrorCode.InternalError, 'map key is not a valid Symbol');
  return symbolVal(host, bytes);
};

/** The keys at `keysPos` (as Symbols) and the `len` values at `valsPos` (absolute, checked). */
const readEntries = (host: Host, keysPos: Val, valsPos: Val, lenVal: Val): { keys: Val[]; values: Val[] } => {
  const len = toU32(lenVal);
  host.budget.charge(CostType.MemAlloc, len * VAL_SIZE);
  const keys: Val[] = [];
  scanSlices(host, toU32(keysPos), len, (_i, bytes) => keys.push(keySymbol(host, bytes)));
  // Charged before the read like the reference's value buffer, so absurd lengths hit the budget.
  host.budget.charge(CostType.MemAlloc, len * VAL_SIZE);
  host.budget.charge(CostType.MemCpy, len * VAL_SIZE);
  const values = readVals(host, toU32(valsPos), len).map((raw) => host.toAbsolute(raw));
  values.forEach(checkGoodVal);
  return { keys, values };
};

/** Orders a map key, which must be a Symbol (`Symbol::try_from`), against guest key bytes. */
const compareSymbolToBytes = (host: Host, key: Val, bytes: Uint8Array): number => {
  if (!isSymbol(key)) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'map key is not a Symbol');
  const own = symbolBytesOf(host, key);
  host.budget.charge(CostType.MemCmp, Math.min(own.length, bytes.length));
  return compareBytes(own, bytes);
};

const writeValues = (host: Host, valsPos: Val, values: readonly Val[]): void => {
  host.budget.charge(CostType.MemCpy, values.length * VAL_SIZE);
  writeVals(
    host,
    toU32(valsPos),
    values.map((v) => host.toRelative(v)),
  );
};

export const mapFunctions: HostFnTable = {
  map_new: (host) => newMap(host, [], []),

  /** An existing key keeps its position; both its value and the key Val itself are replaced. */
  map_put: (host, m, k, v) => {
    const map = mapOf(host, m);
    const { found, index } = findKey(host, map.keys, k);
    const keys = map.keys.slice();
    const values = map.values.slice();
    keys.splice(index, found ? 1 : 0, k);
    values.splice(index, found ? 1 : 0, v);
    return newMap(host, keys, values);
  },

  map_get: (host, m, k) => {
    const map = mapOf(host, m);
    const { found, index } = findKey(host, map.keys, k);
    if (!found) throw missingKey('map_get');
    return map.values[index];
  },

  map_del: (host, m, k) => {
    const map = mapOf(host, m);
    const { found, index } = findKey(host, map.keys, k);
    if (!found) throw missingKey('map_del');
    return newMap(
      host,
      map.keys.filter((_, i) => i !== index),
      map.values.filter((_, i) => i !== index),
    );
  },

  map_len: (host, m) => fromU32(mapOf(host, m).keys.length),

  map_has: (host, m, k) => fromBool(findKey(host, mapOf(host, m).keys, k).found),

  map_key_by_pos: (host, m, i) => {
    const map = mapOf(host, m);
    checkPosition(map, toU32(i));
    return map.keys[toU32(i)];
  },

  map_val_by_pos: (host, m, i) => {
    const map = mapOf(host, m);
    checkPosition(map, toU32(i));
    return map.values[toU32(i)];
  },

  map_keys: (host, m) => {
    const keys = mapOf(host, m).keys.slice();
    host.budget.charge(CostType.MemCpy, keys.length * VAL_SIZE);
    return host.add({ tag: Tag.VecObject, items: keys });
  },

  map_values: (host, m) => {
    const values = mapOf(host, m).values.slice();
    host.budget.charge(CostType.MemCpy, values.length * VAL_SIZE);
    return host.add({ tag: Tag.VecObject, items: values });
  },

  map_new_from_linear_memory: (host, keysPos, valsPos, len) => {
    const { keys, values } = readEntries(host, keysPos, valsPos, len);
    return mapFromSorted(host, keys, values);
  },

  /** The guest's keys must be exactly the map's keys, in order; all values are written out. */
  map_unpack_to_linear_memory: (host, m, keysPos, valsPos, lenVal) => {
    const map = mapOf(host, m);
    const len = toU32(lenVal);
    if (map.keys.length !== len)
      throw hostError(
        ErrorType.Object,
        ErrorCode.UnexpectedSize,
        `differing host map (${map.keys.length}) and output slice (${len}) lengths when unpacking map to linear memory`,
      );
    scanSlices(host, toU32(keysPos), len, (i, bytes) => {
      if (compareSymbolToBytes(host, map.keys[i], bytes) !== 0)
        throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `symbol mismatch at map position ${i}`);
    });
    writeValues(host, valsPos, map.values);
    return VOID;
  },

  /**
   * As `map_new_from_linear_memory`, but entries whose value is Void are left out; the key order
   * is checked on the entries kept.
   */
  sparse_map_new_from_linear_memory: (host, keysPos, valsPos, len) => {
    const { keys, values } = readEntries(host, keysPos, valsPos, len);
    const kept = keys.flatMap((_, i) => (tagOf(values[i]) === Tag.Void ? [] : [i]));
    return mapFromSorted(
      host,
      kept.map((i) => keys[i]),
      kept.map((i) => values[i]),
    );
  },

  /**
   * Looks each guest key up in the map, writing Void for the ones it lacks; map keys the guest
   * does not name are skipped. The guest keys must be strictly ascending byte strings and need
   * not be valid Symbols. A single merge walk over both sorted sequences: every map key it
   * reaches must be a Symbol.
   */
  sparse_map_unpack_to_linear_memory: (host, m, keysPos, valsPos, len) => {
    const map = mapOf(host, m);
    const out: Val[] = [];
    let cursor = 0;
    let prev: Uint8Array | undefined;
    scanSlices(host, toU32(keysPos), toU32(len), (i, bytes) => {
      if (prev && compareBytes(prev, bytes) >= 0)
        throw hostError(ErrorType.Object, ErrorCode.InvalidInput, `keys are not in ascending order at index ${i}`);
      prev = bytes;
      let value = VOID;
      while (cursor < map.keys.length) {
        const c = compareSymbolToBytes(host, map.keys[cursor], bytes);
        if (c < 0) {
          cursor++;
          continue;
        }
        if (c === 0) value = map.values[cursor++];
        break;
      }
      out.push(value);
    });
    writeValues(host, valsPos, out);
    return VOID;
  },
};
