// env.json module `int`: number objects, their 64-bit pieces and 256-bit byte conversions, all
// through real Wasm. Arithmetic is in int-arith.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr, nativeToScVal } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, Tag, invokeContract, type InvokeOutcome } from '../src/index.ts';
import { HOST_FUNCTIONS_BY_NAME } from '../src/env/interface.ts';
import { contract, importOf } from './support/wat.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const U64_MAX = (1n << 64n) - 1n;

const run = (code: Uint8Array, args: xdr.ScVal[] = []): InvokeOutcome => invokeContract({ code, fn: 'call', args }).outcome;

/** The Val-typed params and raw constants of host function `name`, for building a call in WAT. */
const callOf = (name: string, raw: readonly bigint[]): { params: string; call: string } => {
  const spec = HOST_FUNCTIONS_BY_NAME.get(name)!;
  const consts = [...raw];
  const params: string[] = [];
  const pushes = spec.args.map((a, i) => {
    if (a.type === 'u64' || a.type === 'i64') return `(i64.const ${BigInt.asIntN(64, consts.shift()!)})`;
    params.push(`(param $a${i} i64)`);
    return `(local.get $a${i})`;
  });
  return { params: params.join(' '), call: `(call $${name} ${pushes.join(' ')})` };
};

/** A contract whose `call` returns the tag of `name`'s result as a U32Val (small or object form?). */
const tagOfResult = (name: string, raw: readonly bigint[] = []): Uint8Array => {
  const c = callOf(name, raw);
  return contract(`(module ${importOf(name)}
    (func (export "call") ${c.params} (result i64)
      (i64.or (i64.shl (i64.and ${c.call} (i64.const 0xff)) (i64.const 32)) (i64.const 4))))`);
};

/** A contract whose `call` passes `name`'s raw u64/i64 result through `wrap` to make it a Val. */
const rawResult = (name: string, wrap: 'obj_from_u64' | 'obj_from_i64'): Uint8Array => {
  const c = callOf(name, []);
  return contract(`(module ${importOf(name)} ${importOf(wrap)}
    (func (export "call") ${c.params} (result i64) (call $${wrap} ${c.call})))`);
};

const u32 = (n: number) => xdr.ScVal.scvU32(n);
const u64 = (x: bigint) => nativeToScVal(x, { type: 'u64' });
const i64 = (x: bigint) => nativeToScVal(x, { type: 'i64' });
const u128 = (x: bigint) => nativeToScVal(x, { type: 'u128' });
const i128 = (x: bigint) => nativeToScVal(x, { type: 'i128' });
const u256 = (x: bigint) => nativeToScVal(x, { type: 'u256' });
const i256 = (x: bigint) => nativeToScVal(x, { type: 'i256' });
const timepoint = (x: bigint) => xdr.ScVal.scvTimepoint(x as never);
const duration = (x: bigint) => xdr.ScVal.scvDuration(x as never);
const bytes = (b: number[] | Uint8Array) => xdr.ScVal.scvBytes(Uint8Array.from(b));

// ---- 64-bit objects ----

test('obj_from_u64/i64, timepoint/duration_obj_from_u64 store the raw word', () => {
  expectValue(callHostFn('obj_from_u64', [], { raw: [U64_MAX] }), u64(U64_MAX));
  expectValue(callHostFn('obj_from_i64', [], { raw: [-(1n << 63n)] }), i64(-(1n << 63n)));
  expectValue(callHostFn('obj_from_i64', [], { raw: [-5n] }), i64(-5n));
  expectValue(callHostFn('timepoint_obj_from_u64', [], { raw: [1n << 60n] }), timepoint(1n << 60n));
  expectValue(callHostFn('duration_obj_from_u64', [], { raw: [7n] }), duration(7n));
});

test('obj_from_* always make an object, even for values that fit the small form', () => {
  const cases: [string, bigint[], Tag][] = [
    ['obj_from_u64', [5n], Tag.U64Object],
    ['obj_from_i64', [-5n], Tag.I64Object],
    ['timepoint_obj_from_u64', [0n], Tag.TimepointObject],
    ['duration_obj_from_u64', [1n], Tag.DurationObject],
    ['obj_from_u128_pieces', [0n, 5n], Tag.U128Object],
    ['obj_from_i128_pieces', [-1n, U64_MAX], Tag.I128Object],
    ['obj_from_u256_pieces', [0n, 0n, 0n, 5n], Tag.U256Object],
    ['obj_from_i256_pieces', [-1n, U64_MAX, U64_MAX, U64_MAX], Tag.I256Object],
  ];
  for (const [name, raw, tag] of cases) expectValue(run(tagOfResult(name, raw)), u32(tag));
});

test('obj_to_u64 reads back a small value stored by obj_from_u64 (so it was an object)', () => {
  const wasm = contract(`(module ${importOf('obj_from_u64')} ${importOf('obj_to_u64')}
    (func (export "call") (result i64) (call $obj_from_u64 (call $obj_to_u64 (call $obj_from_u64 (i64.const 42))))))`);
  expectValue(run(wasm), u64(42n));
});

test('obj_to_u64/i64, timepoint/duration_obj_to_u64 return the raw word', () => {
  expectValue(run(rawResult('obj_to_u64', 'obj_from_u64'), [u64(U64_MAX)]), u64(U64_MAX));
  expectValue(run(rawResult('obj_to_i64', 'obj_from_i64'), [i64(-(1n << 60n))]), i64(-(1n << 60n)));
  expectValue(run(rawResult('timepoint_obj_to_u64', 'obj_from_u64'), [timepoint(1n << 57n)]), u64(1n << 57n));
  expectValue(run(rawResult('duration_obj_to_u64', 'obj_from_u64'), [duration(U64_MAX - 1n)]), u64(U64_MAX - 1n));
});

test('obj_to_* reject the small form and other types: Error(Value, InvalidInput)', () => {
  const cases: [string, 'obj_from_u64' | 'obj_from_i64', xdr.ScVal][] = [
    ['obj_to_u64', 'obj_from_u64', u64(5n)],
    ['obj_to_u64', 'obj_from_u64', i64(-(1n << 60n))],
    ['obj_to_i64', 'obj_from_i64', i64(-5n)],
    ['timepoint_obj_to_u64', 'obj_from_u64', timepoint(3n)],
    ['timepoint_obj_to_u64', 'obj_from_u64', duration(1n << 60n)],
    ['duration_obj_to_u64', 'obj_from_u64', duration(3n)],
    ['obj_to_u128_lo64', 'obj_from_u64', u128(1n)],
    ['obj_to_u128_hi64', 'obj_from_u64', i128(1n << 100n)],
    ['obj_to_i128_lo64', 'obj_from_u64', i128(-1n)],
    ['obj_to_i128_hi64', 'obj_from_i64', u128(1n << 100n)],
    ['obj_to_u256_hi_hi', 'obj_from_u64', u256(1n)],
    ['obj_to_u256_hi_lo', 'obj_from_u64', u256(2n)],
    ['obj_to_u256_lo_hi', 'obj_from_u64', i256(1n << 200n)],
    ['obj_to_u256_lo_lo', 'obj_from_u64', u64(1n << 60n)],
    ['obj_to_i256_hi_hi', 'obj_from_i64', i256(-1n)],
    ['obj_to_i256_hi_lo', 'obj_from_u64', i256(0n)],
    ['obj_to_i256_lo_hi', 'obj_from_u64', u256(1n << 200n)],
    ['obj_to_i256_lo_lo', 'obj_from_u64', i256(5n)],
  ];
  for (const [name, wrap, arg] of cases)
    expectError(run(rawResult(name, wrap), [arg]), ErrorType.Value, ErrorCode.InvalidInput);
});

// ---- 128-bit pieces ----

test('obj_from_u128_pieces and obj_from_i128_pieces join (hi << 64) | lo', () => {
  expectValue(callHostFn('obj_from_u128_pieces', [], { raw: [1n, 2n] }), u128((1n << 64n) + 2n));
  expectValue(callHostFn('obj_from_u128_pieces', [], { raw: [U64_MAX, U64_MAX] }), u128((1n << 128n) - 1n));
  expectValue(callHostFn('obj_from_i128_pieces', [], { raw: [-1n, 0n] }), i128(-(1n << 64n)));
  expectValue(callHostFn('obj_from_i128_pieces', [], { raw: [-(1n << 63n), 0n] }), i128(-(1n << 127n)));
  expectValue(callHostFn('obj_from_i128_pieces', [], { raw: [-1n, U64_MAX] }), i128(-1n));
});

test('obj_to_u128_lo64/hi64 and obj_to_i128_lo64/hi64 split a 128-bit object', () => {
  const u = (1n << 100n) + 7n;
  expectValue(run(rawResult('obj_to_u128_lo64', 'obj_from_u64'), [u128(u)]), u64(7n));
  expectValue(run(rawResult('obj_to_u128_hi64', 'obj_from_u64'), [u128(u)]), u64(1n << 36n));
  const i = -(1n << 100n) - 1n; // two's complement: hi = -2^36 - 1, lo = all ones
  expectValue(run(rawResult('obj_to_i128_lo64', 'obj_from_u64'), [i128(i)]), u64(U64_MAX));
  expectValue(run(rawResult('obj_to_i128_hi64', 'obj_from_i64'), [i128(i)]), i64(-(1n << 36n) - 1n));
});

// ---- 256-bit pieces ----

const W = [0x0123456789abcdefn, 0xfedcba9876543210n, 0x1111222233334444n, 0x8000000000000001n] as const;
const joined = (w: readonly bigint[]) => w.reduce((acc, x) => (acc << 64n) | x, 0n);

test('obj_from_u256_pieces and obj_from_i256_pieces join four big-endian words', () => {
  expectValue(callHostFn('obj_from_u256_pieces', [], { raw: [...W] }), u256(joined(W)));
  expectValue(callHostFn('obj_from_u256_pieces', [], { raw: [U64_MAX, U64_MAX, U64_MAX, U64_MAX] }), u256((1n << 256n) - 1n));
  expectValue(callHostFn('obj_from_i256_pieces', [], { raw: [-1n, U64_MAX, U64_MAX, U64_MAX - 1n] }), i256(-2n));
  expectValue(callHostFn('obj_from_i256_pieces', [], { raw: [-(1n << 63n), 0n, 0n, 0n] }), i256(-(1n << 255n)));
  expectValue(callHostFn('obj_from_i256_pieces', [], { raw: [-2n, ...W.slice(1)] }), i256(joined([BigInt.asUintN(64, -2n), ...W.slice(1)]) - (1n << 256n)));
});

test('obj_to_u256_* and obj_to_i256_* extract each word', () => {
  const u = u256(joined(W));
  const names = ['hi_hi', 'hi_lo', 'lo_hi', 'lo_lo'];
  names.forEach((n, i) => expectValue(run(rawResult(`obj_to_u256_${n}`, 'obj_from_u64'), [u]), u64(W[i])));

  const neg = -(joined(W) >> 8n); // a negative value with a non-trivial word in each place
  const words = [0, 1, 2, 3].map((i) => BigInt.asUintN(64, neg >> BigInt(64 * (3 - i))));
  expectValue(run(rawResult('obj_to_i256_hi_hi', 'obj_from_i64'), [i256(neg)]), i64(BigInt.asIntN(64, words[0])));
  expectValue(run(rawResult('obj_to_i256_hi_lo', 'obj_from_u64'), [i256(neg)]), u64(words[1]));
  expectValue(run(rawResult('obj_to_i256_lo_hi', 'obj_from_u64'), [i256(neg)]), u64(words[2]));
  expectValue(run(rawResult('obj_to_i256_lo_lo', 'obj_from_u64'), [i256(neg)]), u64(words[3]));
  assert.ok(BigInt.asIntN(64, words[0]) < 0n);
});

// ---- 256-bit values and big-endian bytes ----

const be32 = (x: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  let v = BigInt.asUintN(256, x);
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
};

test('u256_val_from_be_bytes and i256_val_from_be_bytes read 32 big-endian bytes', () => {
  expectValue(callHostFn('u256_val_from_be_bytes', [bytes(be32(joined(W)))]), u256(joined(W)));
  expectValue(callHostFn('u256_val_from_be_bytes', [bytes(new Array(32).fill(0xff))]), u256((1n << 256n) - 1n));
  expectValue(callHostFn('i256_val_from_be_bytes', [bytes(new Array(32).fill(0xff))]), i256(-1n));
  expectValue(callHostFn('i256_val_from_be_bytes', [bytes([0x80, ...new Array(31).fill(0)])]), i256(-(1n << 255n)));
  expectValue(callHostFn('i256_val_from_be_bytes', [bytes([0x7f, ...new Array(31).fill(0xff)])]), i256((1n << 255n) - 1n));
});

test('*_val_from_be_bytes return the small form when the value fits', () => {
  expectValue(run(tagOfResult('u256_val_from_be_bytes'), [bytes(be32(5n))]), u32(Tag.U256Small));
  expectValue(run(tagOfResult('u256_val_from_be_bytes'), [bytes(be32(1n << 56n))]), u32(Tag.U256Object));
  expectValue(run(tagOfResult('i256_val_from_be_bytes'), [bytes(be32(-5n))]), u32(Tag.I256Small));
  expectValue(run(tagOfResult('i256_val_from_be_bytes'), [bytes(be32(-(1n << 55n) - 1n))]), u32(Tag.I256Object));
});

test('*_val_from_be_bytes need exactly 32 bytes: Error(Object, UnexpectedSize)', () => {
  for (const name of ['u256_val_from_be_bytes', 'i256_val_from_be_bytes']) {
    for (const n of [0, 31, 33]) expectError(callHostFn(name, [bytes(new Array(n).fill(1))]), ErrorType.Object, ErrorCode.UnexpectedSize);
    expectError(callHostFn(name, [xdr.ScVal.scvString('x'.repeat(32))]), ErrorType.Value, ErrorCode.InvalidInput);
  }
});

test('u256_val_to_be_bytes and i256_val_to_be_bytes write 32 big-endian bytes (small or object form)', () => {
  expectValue(callHostFn('u256_val_to_be_bytes', [u256(5n)]), bytes(be32(5n)));
  expectValue(callHostFn('u256_val_to_be_bytes', [u256(joined(W))]), bytes(be32(joined(W))));
  expectValue(callHostFn('i256_val_to_be_bytes', [i256(-2n)]), bytes([...new Array(31).fill(0xff), 0xfe]));
  expectValue(callHostFn('i256_val_to_be_bytes', [i256(-(1n << 255n))]), bytes([0x80, ...new Array(31).fill(0)]));
});

test('*_val_to_be_bytes reject other types: Error(Value, InvalidInput)', () => {
  expectError(callHostFn('u256_val_to_be_bytes', [i256(5n)]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(callHostFn('i256_val_to_be_bytes', [u128(5n)]), ErrorType.Value, ErrorCode.InvalidInput);
});
