// Vec<T>: the spec type `Vec<T>`, a host vector of Vals. Elements convert on access, like the Rust
// SDK's Vec. Host objects are immutable: mutators replace this value's handle.
import {
  vec_append,
  vec_back,
  vec_binary_search,
  vec_del,
  vec_first_index_of,
  vec_front,
  vec_get,
  vec_insert,
  vec_last_index_of,
  vec_len,
  vec_new,
  vec_new_from_linear_memory,
  vec_pop_back,
  vec_pop_front,
  vec_push_back,
  vec_push_front,
  vec_put,
  vec_slice,
  vec_unpack_to_linear_memory,
} from "./env";
import { Tag, VOID, Val, expectTag, u32Val, valCompare, refEquals } from "./val";

/** A vector from `len` raw Vals stored at `ptr`. */
export function vecFromMemory(ptr: usize, len: u32): u64 {
  return vec_new_from_linear_memory(u32Val(<u32>ptr), u32Val(len));
}

/** Unpacks a vector of exactly `len` elements into raw Vals at `ptr` (traps on another length). */
export function vecToMemory(v: u64, ptr: usize, len: u32): void {
  vec_unpack_to_linear_memory(v, u32Val(<u32>ptr), u32Val(len));
}

export class Vec<T> extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Vec<T> {
    expectTag(v, Tag.VecObject);
    return new Vec<T>(v);
  }

  static new<T>(): Vec<T> {
    return new Vec<T>(vec_new());
  }

  /** A vector of the given elements. */
  static from<T>(items: T[]): Vec<T> {
    const n = items.length;
    const vals = new StaticArray<u64>(n);
    for (let i = 0; i < n; i++) unchecked((vals[i] = toVal<T>(unchecked(items[i]))));
    return new Vec<T>(vecFromMemory(changetype<usize>(vals), <u32>n));
  }

  get length(): u32 {
    return <u32>(vec_len(this.raw) >> 32);
  }

  isEmpty(): bool {
    return this.length == 0;
  }

  get(i: u32): T {
    return fromVal<T>(vec_get(this.raw, u32Val(i)));
  }

  set(i: u32, x: T): void {
    this.raw = vec_put(this.raw, u32Val(i), toVal<T>(x));
  }

  pushBack(x: T): void {
    this.raw = vec_push_back(this.raw, toVal<T>(x));
  }

  pushFront(x: T): void {
    this.raw = vec_push_front(this.raw, toVal<T>(x));
  }

  /** Removes and returns the last element (traps when empty). */
  popBack(): T {
    const last = fromVal<T>(vec_back(this.raw));
    this.raw = vec_pop_back(this.raw);
    return last;
  }

  /** Removes and returns the first element (traps when empty). */
  popFront(): T {
    const first = fromVal<T>(vec_front(this.raw));
    this.raw = vec_pop_front(this.raw);
    return first;
  }

  first(): T {
    return fromVal<T>(vec_front(this.raw));
  }

  last(): T {
    return fromVal<T>(vec_back(this.raw));
  }

  insert(i: u32, x: T): void {
    this.raw = vec_insert(this.raw, u32Val(i), toVal<T>(x));
  }

  remove(i: u32): void {
    this.raw = vec_del(this.raw, u32Val(i));
  }

  append(other: Vec<T>): void {
    this.raw = vec_append(this.raw, other.raw);
  }

  concat(other: Vec<T>): Vec<T> {
    return new Vec<T>(vec_append(this.raw, other.raw));
  }

  slice(start: u32, end: u32): Vec<T> {
    return new Vec<T>(vec_slice(this.raw, u32Val(start), u32Val(end)));
  }

  /** Index of the first element equal to `x`, or -1. */
  indexOf(x: T): i32 {
    const r = vec_first_index_of(this.raw, toVal<T>(x));
    return r == VOID ? -1 : <i32>(r >> 32);
  }

  /** Index of the last element equal to `x`, or -1. */
  lastIndexOf(x: T): i32 {
    const r = vec_last_index_of(this.raw, toVal<T>(x));
    return r == VOID ? -1 : <i32>(r >> 32);
  }

  includes(x: T): bool {
    return this.indexOf(x) >= 0;
  }

  /** Binary search in a sorted vector: the index when found, else -(insertion point) - 1. */
  binarySearch(x: T): i64 {
    const r = vec_binary_search(this.raw, toVal<T>(x));
    const index = <i64>(r & 0xffffffff);
    return (r >> 32) == 1 ? index : -index - 1;
  }

  toArray(): T[] {
    const n = this.length;
    const vals = new StaticArray<u64>(n);
    vecToMemory(this.raw, changetype<usize>(vals), n);
    const out = new Array<T>(0);
    for (let i: i32 = 0; i < <i32>n; i++) out.push(fromVal<T>(unchecked(vals[i])));
    return out;
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

  compare(other: Vec<T>): i32 {
    return valCompare(this.raw, other.raw);
  }
}
