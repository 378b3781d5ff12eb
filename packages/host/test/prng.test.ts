// env.json module `prng`, through real Wasm, plus the ChaCha20 stream itself. Known answers come
// from the reference's own recorded test runs (rs-soroban-env `soroban-env-host/observations/22/
// test__prng__*.json`) and RFC 7539.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scValToNative, xdr } from '@stellar/stellar-sdk';
import {
  Budget,
  CostType,
  ErrorCode,
  ErrorType,
  TESTNET_P26_CONFIG,
  invokeContract,
  type InvokeResult,
} from '../src/index.ts';
import { Prng } from '../src/host/prng.ts';
import { contract, hostFnProxy, importOf } from './support/wat.ts';
import { expectError } from './support/outcome.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const seedOf = (byte: number) => new Uint8Array(32).fill(byte);
const u32 = (n: number) => xdr.ScVal.scvU32(n);
const bytesArg = (b: Uint8Array) => xdr.ScVal.scvBytes(b);
const vecOfU32 = (ns: readonly number[]) => xdr.ScVal.scvVec(ns.map(u32));

const value = ({ outcome: o }: InvokeResult): xdr.ScVal => {
  assert.ok(o.ok, o.ok ? '' : o.message);
  return o.value;
};
const bytesOf = (r: InvokeResult): Uint8Array => {
  const v = value(r);
  assert.equal(v.type, 'scvBytes');
  return new Uint8Array(scValToNative(v) as Uint8Array);
};
const u64Of = (r: InvokeResult): bigint => {
  const v = value(r);
  assert.equal(v.type, 'scvU64');
  return scValToNative(v) as bigint;
};
const u32sOf = (r: InvokeResult): number[] => scValToNative(value(r)) as number[];

const run = (code: Uint8Array, args: xdr.ScVal[] = [], seed = seedOf(0)): InvokeResult =>
  invokeContract({ code, fn: 'call', args }, { prngSeed: seed });

/** A contract drawing one u64 in `[lo, hi]` and returning it as a U64 object. */
const rangeContract = (lo: bigint, hi: bigint): Uint8Array =>
  contract(`(module
    ${importOf('prng_u64_in_inclusive_range')}
    ${importOf('obj_from_u64')}
    (func (export "call") (result i64)
      (call $obj_from_u64 (call $prng_u64_in_inclusive_range (i64.const ${BigInt.asIntN(64, lo)}) (i64.const ${BigInt.asIntN(64, hi)})))))`);

const bytesNew = hostFnProxy('prng_bytes_new');
const shuffle = hostFnProxy('prng_vec_shuffle');
const reseed = hostFnProxy('prng_reseed');

/** Reseeds the frame PRNG with the Bytes argument, then draws from [0, 100]. */
const reseedThenRange = contract(`(module
  ${importOf('prng_reseed')}
  ${importOf('prng_u64_in_inclusive_range')}
  ${importOf('obj_from_u64')}
  (func (export "call") (param $seed i64) (result i64)
    (drop (call $prng_reseed (local.get $seed)))
    (call $obj_from_u64 (call $prng_u64_in_inclusive_range (i64.const 0) (i64.const 100)))))`);

test('ChaCha20 keyed directly matches the RFC 7539 test vectors (reference chacha_test_vectors)', () => {
  const out = new Uint8Array(64);
  const zero = new Prng(new Uint8Array(32));
  zero.fillBytes(out);
  assert.equal(
    hex(out),
    '76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586',
  );
  zero.fillBytes(out);
  assert.equal(
    hex(out),
    '9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f',
  );
  const key1 = new Uint8Array(32);
  key1[31] = 1;
  const one = new Prng(key1);
  one.fillBytes(out);
  one.fillBytes(out);
  assert.equal(
    hex(out),
    '3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0',
  );
  const keyFf = new Uint8Array(32);
  keyFf[1] = 0xff;
  const ff = new Prng(keyFf);
  for (let i = 0; i < 3; i++) ff.fillBytes(out);
  assert.equal(
    hex(out),
    '72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096',
  );
});

test('Prng.fromSeed unbiases with HMAC-SHA256 and charges two 64-byte SHA-256 runs', () => {
  const budget = new Budget(TESTNET_P26_CONFIG);
  const unbiased = Prng.fromSeed(seedOf(0), budget);
  assert.equal(budget.report().byType.find((u) => u.type === CostType.ComputeSha256Hash)?.count, 2);
  const a = new Uint8Array(8);
  const b = new Uint8Array(8);
  unbiased.fillBytes(a);
  new Prng(seedOf(0)).fillBytes(b);
  assert.notEqual(hex(a), hex(b));
});

test('prng_u64_in_inclusive_range: the first frame of base seed [0;32] draws 33 from [0, 90], of [2;32] 81 (reference)', () => {
  assert.equal(u64Of(run(rangeContract(0n, 90n), [], seedOf(0))), 33n);
  assert.equal(u64Of(run(rangeContract(0n, 90n), [], seedOf(2))), 81n);
});

test('prng_reseed: reseeding with the first frame bytes then drawing [0, 100] gives 57 (reference commit_reveal)', () => {
  const committed = bytesOf(run(bytesNew, [u32(32)]));
  assert.equal(committed.length, 32);
  assert.equal(u64Of(run(reseedThenRange, [bytesArg(committed)])), 57n);
  // The same seed in a host with another base seed gives the same draw: reseeding replaces the stream.
  assert.equal(u64Of(run(reseedThenRange, [bytesArg(committed)], seedOf(9))), 57n);
});

test('prng_reseed: returns Void; a seed that is not 32 bytes is Error(Value, UnexpectedSize)', () => {
  assert.ok(value(run(reseed, [bytesArg(seedOf(1))])).equals(xdr.ScVal.scvVoid()));
  expectError(run(reseed, [bytesArg(new Uint8Array(31))]), ErrorType.Value, ErrorCode.UnexpectedSize);
  expectError(run(reseed, [bytesArg(new Uint8Array(33))]), ErrorType.Value, ErrorCode.UnexpectedSize);
  expectError(run(reseed, [bytesArg(new Uint8Array(0))]), ErrorType.Value, ErrorCode.UnexpectedSize);
});

test('prng_bytes_new: deterministic per base seed, different across seeds, of the asked length', () => {
  const a = bytesOf(run(bytesNew, [u32(32)], seedOf(7)));
  const b = bytesOf(run(bytesNew, [u32(32)], seedOf(7)));
  const c = bytesOf(run(bytesNew, [u32(32)], seedOf(8)));
  assert.equal(hex(a), hex(b));
  assert.notEqual(hex(a), hex(c));
  assert.equal(bytesOf(run(bytesNew, [u32(0)])).length, 0);
  assert.equal(bytesOf(run(bytesNew, [u32(1000)])).length, 1000);
  // A prefix of the same stream: 5 bytes are the first 5 of 32.
  assert.equal(hex(bytesOf(run(bytesNew, [u32(5)], seedOf(7)))), hex(a.subarray(0, 5)));
});

test('prng_bytes_new consumes whole u32 words: after drawing 3 bytes the next draw starts at byte 4', () => {
  const twoDraws = contract(`(module
    ${importOf('prng_bytes_new')}
    (func (export "call") (result i64)
      (drop (call $prng_bytes_new (i64.const ${(3n << 32n) | 4n})))
      (call $prng_bytes_new (i64.const ${(4n << 32n) | 4n}))))`);
  const eight = bytesOf(run(bytesNew, [u32(8)]));
  assert.equal(hex(bytesOf(run(twoDraws))), hex(eight.subarray(4, 8)));
});

test('prng_bytes_new: a length beyond the memory budget is Error(Budget, ExceededLimit)', () => {
  expectError(run(bytesNew, [u32(0xffffffff)]), ErrorType.Budget, ErrorCode.ExceededLimit);
});

/** The frame stream as little-endian u32 words, read through prng_bytes_new. */
const frameWords = (count: number, seed = seedOf(0)): number[] => {
  const bytes = bytesOf(run(bytesNew, [u32(count * 4)], seed));
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return Array.from({ length: count }, (_, i) => view.getUint32(i * 4, true));
};

test('prng_u64_in_inclusive_range samples rand 0.8 UniformInt<u64> over the frame words (low word first)', () => {
  const [w0, w1] = frameWords(2);
  const v = (BigInt(w1) << 32n) | BigInt(w0);
  // The full range is one plain u64 draw.
  assert.equal(u64Of(run(rangeContract(0n, (1n << 64n) - 1n))), v);
  // A power-of-two range never rejects: the high half of v * range.
  assert.equal(u64Of(run(rangeContract(10n, 10n + (1n << 40n) - 1n))), 10n + ((v * (1n << 40n)) >> 64n));
});

test('prng_u64_in_inclusive_range: bounds are inclusive, a single value is exact, lo > hi is Error(Value, InvalidInput)', () => {
  assert.equal(u64Of(run(rangeContract(5n, 5n))), 5n);
  const top = (1n << 64n) - 1n;
  for (let s = 0; s < 8; s++) {
    const x = u64Of(run(rangeContract(top - 1n, top), [], seedOf(s)));
    assert.ok(x === top - 1n || x === top);
    const y = u64Of(run(rangeContract(12345n, 78910n), [], seedOf(s)));
    assert.ok(y >= 12345n && y <= 78910n);
  }
  expectError(run(rangeContract(2n, 1n)), ErrorType.Value, ErrorCode.InvalidInput);
});

/** Fisher–Yates from the end with rand 0.8's u32 `gen_index` (`sample_single`), over raw words. */
const expectedShuffle = <T>(items: T[], words: number[]): T[] => {
  const out = [...items];
  let next = 0;
  for (let i = out.length - 1; i > 0; i--) {
    const range = i + 1;
    const zone = ((range << Math.clz32(range)) >>> 0) - 1;
    let j: number;
    for (;;) {
      const m = BigInt(words[next++]) * BigInt(range);
      if (Number(m & 0xffffffffn) <= zone) {
        j = Number(m >> 32n);
        break;
      }
    }
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

test('prng_vec_shuffle: a Fisher–Yates permutation drawing one u32 word per index from the frame stream', () => {
  const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  for (const seed of [0, 1, 2]) {
    const got = u32sOf(run(shuffle, [vecOfU32(items)], seedOf(seed)));
    assert.deepEqual(got, expectedShuffle(items, frameWords(64, seedOf(seed))));
    assert.deepEqual(
      [...got].sort((a, b) => a - b),
      items,
    );
  }
  assert.deepEqual(u32sOf(run(shuffle, [vecOfU32([1, 2, 3])])), [3, 1, 2]);
  assert.deepEqual(u32sOf(run(shuffle, [vecOfU32([])])), []);
  assert.deepEqual(u32sOf(run(shuffle, [vecOfU32([42])])), [42]);
});

test('prng_vec_shuffle: a non-Vec argument is Error(Value, InvalidInput)', () => {
  expectError(run(shuffle, [u32(3)]), ErrorType.Value, ErrorCode.InvalidInput);
});
