// Support for the code the build generates (contract function wrappers and the conversions of
// contract types). Not meant to be called by hand.
import {
  call,
  contract_event,
  map_new,
  sparse_map_new_from_linear_memory,
  sparse_map_unpack_to_linear_memory,
  try_call,
  vec_get,
  vec_len,
} from "./env";
import { mapFromSlices, mapToSlices } from "./map";
import { vecFromMemory, vecToMemory } from "./vec";
import { Tag, VOID, expectTag, u32FromVal, u32Val, valEquals } from "./val";

/** Replaces AssemblyScript's `abort` (which would import env.abort): a failed assertion traps. */
// @ts-ignore: decorator
@global export function __sdk_abort(message: string | null, file: string | null, line: u32, column: u32): void {
  unreachable();
}

/**
 * Symbol-key slices for map_new_from_linear_memory: `blob` holds the UTF-8 names back to back,
 * `lens` their `n` lengths; returns (pointer, length) u32 pairs.
 */
// @ts-ignore: decorator
@global export function __sdk_keys(blob: usize, lens: usize, n: u32): usize {
  const slices = new StaticArray<u32>(n * 2);
  let at = <u32>blob;
  for (let i: u32 = 0; i < n; i++) {
    const len = load<u32>(lens + (<usize>i << 2));
    unchecked((slices[i * 2] = at));
    unchecked((slices[i * 2 + 1] = len));
    at += len;
  }
  return changetype<usize>(slices);
}

/**
 * A struct's map from its sorted field-name slices and field Vals; `sparse` leaves out the fields
 * whose value is Void (event data, as the Rust SDK 28 packs it).
 */
// @ts-ignore: decorator
@global export function __sdk_structToVal(keys: usize, vals: StaticArray<u64>, sparse: bool = false): u64 {
  if (sparse)
    return sparse_map_new_from_linear_memory(u32Val(<u32>keys), u32Val(<u32>changetype<usize>(vals)), u32Val(<u32>vals.length));
  return mapFromSlices(keys, changetype<usize>(vals), <u32>vals.length);
}

/**
 * A struct's field Vals, in sorted field-name order. Exact: traps unless the map has exactly those
 * fields. Sparse (protocol 28, as the Rust SDK 28): other keys are ignored and a missing field is
 * Void, which only an Option field accepts.
 */
// @ts-ignore: decorator
@global export function __sdk_structFields(v: u64, keys: usize, n: u32, sparse: bool): StaticArray<u64> {
  expectTag(v, Tag.MapObject);
  const vals = new StaticArray<u64>(n);
  if (sparse) sparse_map_unpack_to_linear_memory(v, u32Val(<u32>keys), u32Val(<u32>changetype<usize>(vals)), u32Val(n));
  else mapToSlices(v, keys, changetype<usize>(vals), n);
  return vals;
}

/** A vector of Vals: a union case (its symbol, then the payload), a tuple struct, vec event data. */
// @ts-ignore: decorator
@global export function __sdk_vecOf(vals: StaticArray<u64>): u64 {
  return vecFromMemory(changetype<usize>(vals), <u32>vals.length);
}

/** A tuple struct's field Vals (traps unless a vector of exactly `n`). */
// @ts-ignore: decorator
@global export function __sdk_tupleFields(v: u64, n: u32): StaticArray<u64> {
  expectTag(v, Tag.VecObject);
  const vals = new StaticArray<u64>(n);
  vecToMemory(v, changetype<usize>(vals), n);
  return vals;
}

/** The case symbol of a union value (traps unless a non-empty vector headed by a symbol). */
// @ts-ignore: decorator
@global export function __sdk_unionCase(v: u64): u64 {
  expectTag(v, Tag.VecObject);
  if (vec_len(v) == u32Val(0)) unreachable();
  const head = vec_get(v, u32Val(0));
  const t = <u32>(head & 0xff);
  if (t != Tag.SymbolSmall && t != Tag.SymbolObject) unreachable();
  return head;
}

/** Payload `i` of a union value (its arity checked by `__sdk_unionArity`). */
// @ts-ignore: decorator
@global export function __sdk_unionField(v: u64, i: u32): u64 {
  return vec_get(v, u32Val(i + 1));
}

/** An integer enum's value from a U32 Val, trapping unless it is one of the `n` u32s at `values`. */
// @ts-ignore: decorator
@global export function __sdk_enumFromVal(v: u64, values: usize, n: u32): u32 {
  const x = u32FromVal(v);
  for (let i: u32 = 0; i < n; i++) if (load<u32>(values + (<usize>i << 2)) == x) return x;
  unreachable();
  return 0;
}

/** Traps unless a union value carries exactly `count` payloads. */
// @ts-ignore: decorator
@global export function __sdk_unionArity(v: u64, count: u32): void {
  if (vec_len(v) != u32Val(count + 1)) unreachable();
}

// @ts-ignore: decorator
@global export function __sdk_valEquals(a: u64, b: u64): bool {
  return valEquals(a, b);
}

/** Publishes a contract event from its topic Vals and data. */
// @ts-ignore: decorator
@global export function __sdk_publish(topics: StaticArray<u64>, data: u64): void {
  contract_event(vecFromMemory(changetype<usize>(topics), <u32>topics.length), data);
}

// @ts-ignore: decorator
@global export function __sdk_emptyMap(): u64 {
  return map_new();
}

/** A contract client's call: fails when the callee fails. */
// @ts-ignore: decorator
@global export function __sdk_call(contract: u64, fn: u64, args: StaticArray<u64>): u64 {
  return call(contract, fn, __sdk_vecOf(args));
}

/** A contract client's call that returns the callee's error as a value (for a Result). */
// @ts-ignore: decorator
@global export function __sdk_tryCall(contract: u64, fn: u64, args: StaticArray<u64>): u64 {
  return try_call(contract, fn, __sdk_vecOf(args));
}

/** Traps unless a call returned Void (what a function without a result returns). */
// @ts-ignore: decorator
@global export function __sdk_expectVoid(v: u64): void {
  if (v != VOID) unreachable();
}
