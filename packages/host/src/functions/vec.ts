/**
 * env.json module `vec`: immutable vectors of Vals (`soroban-env-host/src/host.rs` "vec" region,
 * `host/metered_vector.rs`). Every change returns a new VecObject; the input is never modified.
 */
import { CostType } from '../budget/cost-type.ts';
import { compareVals } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import { readVals, writeVals } from '../host/linear-memory.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, fromU32, toU32, type Val } from '../val/val.ts';
import { checkGoodVal } from '../vm/arg-types.ts';
import type { HostFnTable } from './types.ts';

const U32_MAX = 0xffffffff;
const VAL_SIZE = 8;

const itemsOf = (host: Host, v: Val): readonly Val[] => host.get(v, Tag.VecObject).items;

/** Stores a new vector; building it copies every element, as the reference's clone does. */
const newVec = (host: Host, items: Val[]): Val => {
  host.budget.charge(CostType.MemCpy, items.length * VAL_SIZE);
  return host.add({ tag: Tag.VecObject, items });
};

const outOfBounds = (message: string) => hostError(ErrorType.Object, ErrorCode.IndexBounds, message);

/** `validate_index_lt_bound`: an index must name an element. */
const checkIndex = (i: number, len: number): void => {
  if (i >= len) throw outOfBounds(`index ${i} out of bounds for length ${len}`);
};

/** Pops and `front`/`back` on an empty vector fail with the raw `VEC_OOB` error. */
const checkNotEmpty = (items: readonly Val[]): void => {
  if (items.length === 0) throw outOfBounds('vector is empty');
};

/**
 * Rust's `slice::binary_search_by` (std 1.82+, the toolchain the reference builds with): a fixed
 * number of probes with no early exit, so with duplicates the index found is the std one.
 * `cmp(probe)` orders the probed element against the target.
 */
const binarySearch = (items: readonly Val[], cmp: (probe: Val) => number): { found: boolean; index: number } => {
  let size = items.length;
  if (size === 0) return { found: false, index: 0 };
  let base = 0;
  while (size > 1) {
    const half = Math.floor(size / 2);
    const mid = base + half;
    if (cmp(items[mid]) <= 0) base = mid;
    size -= half;
  }
  const c = cmp(items[base]);
  return c === 0 ? { found: true, index: base } : { found: false, index: base + (c < 0 ? 1 : 0) };
};

export const vecFunctions: HostFnTable = {
  vec_new: (host) => newVec(host, []),

  vec_put: (host, v, i, x) => {
    const items = itemsOf(host, v);
    checkIndex(toU32(i), items.length);
    const out = items.slice();
    out[toU32(i)] = x;
    return newVec(host, out);
  },

  vec_get: (host, v, i) => {
    const items = itemsOf(host, v);
    checkIndex(toU32(i), items.length);
    return items[toU32(i)];
  },

  vec_del: (host, v, i) => {
    const items = itemsOf(host, v);
    checkIndex(toU32(i), items.length);
    return newVec(host, items.filter((_, j) => j !== toU32(i)));
  },

  vec_len: (host, v) => fromU32(itemsOf(host, v).length),

  vec_push_front: (host, v, x) => newVec(host, [x, ...itemsOf(host, v)]),

  vec_pop_front: (host, v) => {
    const items = itemsOf(host, v);
    checkNotEmpty(items);
    return newVec(host, items.slice(1));
  },

  vec_push_back: (host, v, x) => newVec(host, [...itemsOf(host, v), x]),

  vec_pop_back: (host, v) => {
    const items = itemsOf(host, v);
    checkNotEmpty(items);
    return newVec(host, items.slice(0, -1));
  },

  vec_front: (host, v) => {
    const items = itemsOf(host, v);
    checkNotEmpty(items);
    return items[0];
  },

  vec_back: (host, v) => {
    const items = itemsOf(host, v);
    checkNotEmpty(items);
    return items[items.length - 1];
  },

  vec_insert: (host, v, i, x) => {
    const items = itemsOf(host, v);
    const at = toU32(i);
    // Inserting at `len` appends (`validate_index_le_bound`).
    if (at > items.length) throw outOfBounds(`insert index ${at} out of bounds for length ${items.length}`);
    return newVec(host, [...items.slice(0, at), x, ...items.slice(at)]);
  },

  vec_append: (host, v1, v2) => {
    const a = itemsOf(host, v1);
    const b = itemsOf(host, v2);
    if (a.length > U32_MAX - b.length) throw hostError(ErrorType.Value, ErrorCode.ArithDomain, 'arithmetic overflow');
    return newVec(host, [...a, ...b]);
  },

  vec_slice: (host, v, startVal, endVal) => {
    const items = itemsOf(host, v);
    const start = toU32(startVal);
    const end = toU32(endVal);
    // `valid_range_from_start_end_bound`: both bounds first, then their order.
    if (start > items.length) throw outOfBounds(`slice start ${start} out of bounds for length ${items.length}`);
    if (end > items.length) throw outOfBounds(`slice end ${end} out of bounds for length ${items.length}`);
    if (start > end) throw hostError(ErrorType.Object, ErrorCode.InvalidInput, 'start index greater than end index');
    return newVec(host, items.slice(start, end));
  },

  // Searches use the host's total order, so e.g. a U64Object holding 5 matches U64Small 5.
  vec_first_index_of: (host, v, x) => {
    const i = itemsOf(host, v).findIndex((item) => compareVals(host, x, item) === 0);
    return i < 0 ? VOID : fromU32(i);
  },

  vec_last_index_of: (host, v, x) => {
    const items = itemsOf(host, v);
    for (let i = items.length - 1; i >= 0; i--) if (compareVals(host, x, items[i]) === 0) return fromU32(i);
    return VOID;
  },

  /** Found: `(1 << 32) | index`; not found: the insertion index (`u64_from_binary_search_result`). */
  vec_binary_search: (host, v, x) => {
    const { found, index } = binarySearch(itemsOf(host, v), (probe) => compareVals(host, probe, x));
    return found ? (1n << 32n) | BigInt(index) : BigInt(index);
  },

  vec_new_from_linear_memory: (host, posVal, lenVal) => {
    const len = toU32(lenVal);
    // The reference allocates and charges the Val buffer before touching memory, so an absurd
    // length runs out of budget rather than out of bounds.
    host.budget.charge(CostType.MemAlloc, len * VAL_SIZE);
    host.budget.charge(CostType.MemCpy, len * VAL_SIZE);
    const vals = readVals(host, toU32(posVal), len).map((raw) => host.toAbsolute(raw));
    vals.forEach(checkGoodVal);
    return newVec(host, vals);
  },

  vec_unpack_to_linear_memory: (host, v, posVal, lenVal) => {
    const items = itemsOf(host, v);
    const len = toU32(lenVal);
    if (items.length !== len)
      throw hostError(
        ErrorType.Object,
        ErrorCode.UnexpectedSize,
        `differing host vector (${items.length}) and output vector (${len}) lengths when unpacking vec to linear memory`,
      );
    host.budget.charge(CostType.MemCpy, len * VAL_SIZE);
    writeVals(
      host,
      toU32(posVal),
      items.map((x) => host.toRelative(x)),
    );
    return VOID;
  },
};
