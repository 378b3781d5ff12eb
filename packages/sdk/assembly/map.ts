// Map<K, V>: the spec type `Map<K, V>`, a host map kept sorted by key in the host's value order.
// Entries convert on access; mutators replace this value's handle (host objects are immutable).
import {
  map_del,
  map_get,
  map_has,
  map_key_by_pos,
  map_keys,
  map_len,
  map_new,
  map_new_from_linear_memory,
  map_put,
  map_unpack_to_linear_memory,
  map_val_by_pos,
  map_values,
} from "./env";
import { Vec } from "./vec";
import { TRUE, Tag, Val, expectTag, u32Val, valCompare, refEquals } from "./val";

/**
 * A map from symbol keys given as (pointer, length) UTF-8 slices at `keys`, sorted, and raw Vals at
 * `vals`: the encoding of contract structs.
 */
export function mapFromSlices(keys: usize, vals: usize, len: u32): u64 {
  return map_new_from_linear_memory(u32Val(<u32>keys), u32Val(<u32>vals), u32Val(len));
}

/** Unpacks a map with exactly the symbol keys at `keys` into raw Vals at `vals` (traps otherwise). */
export function mapToSlices(map: u64, keys: usize, vals: usize, len: u32): void {
  map_unpack_to_linear_memory(map, u32Val(<u32>keys), u32Val(<u32>vals), u32Val(len));
}

export class Map<K, V> extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Map<K, V> {
    expectTag(v, Tag.MapObject);
    return new Map<K, V>(v);
  }

  static new<K, V>(): Map<K, V> {
    return new Map<K, V>(map_new());
  }

  get length(): u32 {
    return <u32>(map_len(this.raw) >> 32);
  }

  isEmpty(): bool {
    return this.length == 0;
  }

  has(k: K): bool {
    return map_has(this.raw, toVal<K>(k)) == TRUE;
  }

  /** The value for `k` (traps when missing: check with `has`, or use `getOr`). */
  get(k: K): V {
    return fromVal<V>(map_get(this.raw, toVal<K>(k)));
  }

  getOr(k: K, fallback: V): V {
    const key = toVal<K>(k);
    return map_has(this.raw, key) == TRUE ? fromVal<V>(map_get(this.raw, key)) : fallback;
  }

  set(k: K, v: V): void {
    this.raw = map_put(this.raw, toVal<K>(k), toVal<V>(v));
  }

  /** Removes `k` (traps when missing). */
  remove(k: K): void {
    this.raw = map_del(this.raw, toVal<K>(k));
  }

  keyAt(i: u32): K {
    return fromVal<K>(map_key_by_pos(this.raw, u32Val(i)));
  }

  valueAt(i: u32): V {
    return fromVal<V>(map_val_by_pos(this.raw, u32Val(i)));
  }

  keys(): Vec<K> {
    return new Vec<K>(map_keys(this.raw));
  }

  values(): Vec<V> {
    return new Vec<V>(map_values(this.raw));
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: Val | null, b: Val | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: Val | null, b: Val | null): bool {
    return !refEquals(a, b);
  }

  compare(other: Map<K, V>): i32 {
    return valCompare(this.raw, other.raw);
  }
}
