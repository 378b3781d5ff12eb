/** The SDK library through the host: each function of fixtures/lib with exact expected values. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Keypair, StrKey, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, defaultLedgerInfo } from '@sorobox/host';
import { TestContract, type CallOutcome } from '../src/testing.ts';

let lib: TestContract;

before(async () => {
  lib = await TestContract.load(new URL('../fixtures/lib', import.meta.url).pathname, {
    outDir: mkdtempSync(join(tmpdir(), 'sdk-lib-')),
  });
});

const value = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)}`);
  return r.value;
};
const call = (fn: string, args: Record<string, unknown> = {}) => value(lib.invoke(fn, args));
const errorOf = (r: CallOutcome) => (r.ok ? undefined : r.error);
const ARITH = { type: ErrorType.Object, code: ErrorCode.ArithDomain };
const TRAP = { type: ErrorType.WasmVm, code: ErrorCode.InvalidAction };

test('Vec: push, insert, remove, set, pop, slice, append, search, toArray', () => {
  assert.deepEqual(call('vec_ops', { v: [1, 2, 3] }), [5, 2, 3, 5, 2, 1, 4, 1, 5, 2, 5, 7, 9]);
  assert.equal(call('vec_search', { v: [1, 3, 5], x: 3 }), 1n);
  assert.equal(call('vec_search', { v: [1, 3, 5], x: 4 }), -3n);
  assert.equal(call('vec_search', { v: [1, 3, 5], x: 0 }), -1n);
  assert.equal(call('vec_sum', { v: [1, 2, 3, 4] }), 10n);
  // From an empty vector the pops leave nothing to slice: slice(0, 2) is out of bounds.
  assert.deepEqual(errorOf(lib.invoke('vec_ops', { v: [] })), {
    type: ErrorType.Object,
    code: ErrorCode.IndexBounds,
  });
});

test('Map: get, set, has, remove, keys, values, positions', () => {
  const sym = (s: string) => xdr.ScVal.scvSymbol(s);
  const u32 = (n: number) => xdr.ScVal.scvU32(n);
  const map = (entries: [string, number][]) =>
    xdr.ScVal.scvMap(entries.map(([k, v]) => new xdr.ScMapEntry({ key: sym(k), val: u32(v) })));
  const r1 = lib.invokeRaw('map_ops', [
    map([
      ['a', 1],
      ['gone', 5],
    ]),
    sym('a'),
  ]);
  assert.ok(r1.outcome.ok && r1.outcome.value.equals(map([['a', 2]])));
  const r2 = lib.invokeRaw('map_ops', [map([['b', 1]]), sym('c')]);
  assert.ok(
    r2.outcome.ok &&
      r2.outcome.value.equals(
        map([
          ['b', 1],
          ['c', 101],
        ]),
      ),
  );
  const parts = lib.invokeRaw('map_parts', [
    map([
      ['a', 1],
      ['b', 2],
    ]),
    u32(1),
  ]);
  const expected = xdr.ScVal.scvVec([
    xdr.ScVal.scvVec([sym('a'), sym('b')]),
    xdr.ScVal.scvVec([u32(1), u32(2)]),
    sym('b'),
    u32(2),
    u32(2),
  ]);
  assert.ok(parts.outcome.ok && parts.outcome.value.equals(expected));
});

test('Bytes, Str and BytesN', () => {
  assert.deepEqual(
    [...(call('bytes_ops', { b: Buffer.from([10, 20, 30]) }) as Uint8Array)],
    [11, 30, 65, 11, 3, 40],
  );
  assert.equal(call('bytes_sum', { b: Buffer.from([1, 2, 250]) }), 253);
  assert.deepEqual([...(call('str_to_bytes', { s: 'hé' }) as Uint8Array)], [0x68, 0xc3, 0xa9]);
  assert.equal(call('bytes_to_str', { b: Buffer.from('hi') }), 'hi');
  assert.deepEqual(errorOf(lib.invoke('bytes_n_check', { b: Buffer.alloc(31) })), TRAP);
  assert.equal((call('bytes_n_check', { b: Buffer.alloc(32, 7) }) as Uint8Array).length, 32);
});

test('u128 and i128: arithmetic, parts, comparisons, overflow', () => {
  const a = 2n ** 63n + 7n;
  assert.deepEqual(call('u128_ops', { a, b: 3n }), [a + 3n, a - 3n, a * 3n, a / 3n, a % 3n, a * a, a, a]);
  assert.deepEqual(errorOf(lib.invoke('u128_ops', { a: 1n, b: 3n })), ARITH, '1 - 3 underflows');
  assert.deepEqual(call('i128_parts', { a: -5n }), [-1n, 2n ** 64n - 5n, true, -5n]);
  assert.deepEqual(call('i128_parts', { a: 2n ** 100n }), [2n ** 36n, 0n, false, 2n ** 100n]);
  assert.deepEqual(call('i128_cmp', { a: -1n, b: 2n }), [true, true, false, false, false, true]);
  assert.deepEqual(call('i128_cmp', { a: 2n ** 100n, b: 2n ** 100n }), [
    false,
    true,
    false,
    true,
    true,
    false,
  ]);
  assert.deepEqual(call('i128_cmp', { a: 2n ** 100n, b: -(2n ** 100n) }), [
    false,
    false,
    true,
    true,
    false,
    true,
  ]);
});

test("i128: % is Rust's truncated remainder, remEuclid never negative; checked add/sub give None on overflow", () => {
  const max = 2n ** 127n - 1n;
  assert.deepEqual(call('i128_rem_checked', { a: -7n, b: 3n }), [-1n, 2n, -4n, -10n]);
  assert.deepEqual(call('i128_rem_checked', { a: 7n, b: -3n }), [1n, 1n, 4n, 10n]);
  assert.deepEqual(call('i128_rem_checked', { a: max, b: 1n }), [0n, 0n, null, max - 1n]);
  assert.deepEqual(call('i128_rem_checked', { a: -max - 1n, b: 2n ** 100n }), [
    0n,
    0n,
    -max - 1n + 2n ** 100n,
    null,
  ]);
});

test('i256 and u256: arithmetic, shifts, bytes, narrowing', () => {
  const a = -(2n ** 70n) - 5n;
  const b = 7n;
  const euclid = ((a % b) + b) % b;
  assert.deepEqual(call('i256_ops', { a, b }), [
    a + b,
    a - b,
    a * b,
    a / b,
    a % b,
    euclid,
    a ** 3n,
    a * 8n,
    a >> 1n,
    a,
  ]);
  assert.deepEqual([...(call('i256_bytes', { a: -1n }) as Uint8Array)], new Array(32).fill(0xff));
  const be = Buffer.alloc(32);
  be[30] = 1;
  assert.equal(call('u256_from_bytes', { b: be }), 256n);
  assert.deepEqual(call('narrow', { a: -12345n, b: 2n ** 100n }), [-12345n, 2n ** 100n, 2n ** 100n, -12345n]);
  assert.deepEqual(errorOf(lib.invoke('narrow', { a: 2n ** 130n, b: 1n })), TRAP);
});

test('Timepoint and Duration, small and object forms', () => {
  assert.equal(call('later', { t: 1000n, d: 2n ** 60n }), 1000n + 2n ** 60n);
  assert.equal(call('twice', { d: 5n }), 10n);
});

test('ledger info and the current contract address', () => {
  const info = defaultLedgerInfo({ sequenceNumber: 77, timestamp: 123_456n });
  const r = lib.invoke('ledger_info', {}, { ledger: { sequenceNumber: 77, timestamp: 123_456n } });
  const [protocol, seq, time, maxLive, networkId] = value(r) as [number, number, bigint, number, Uint8Array];
  assert.deepEqual([protocol, seq, time, maxLive], [28, 77, 123_456n, 77 + info.maxEntryTtl - 1]);
  assert.deepEqual(Buffer.from(networkId), Buffer.from(info.networkId));
  assert.equal(call('self_address'), StrKey.encodeContract(Buffer.alloc(32)));
});

test('addresses: strkeys both ways, muxed addresses', () => {
  const key = Keypair.random();
  assert.equal(call('strkey', { a: key.publicKey() }), key.publicKey());
  assert.equal(call('parse_strkey', { s: key.publicKey() }), key.publicKey());
  const contractId = StrKey.encodeContract(Buffer.alloc(32, 9));
  assert.equal(call('parse_strkey', { s: contractId }), contractId);
  assert.deepEqual(errorOf(lib.invoke('parse_strkey', { s: 'not a strkey' })), {
    type: ErrorType.Value,
    code: ErrorCode.InvalidInput,
  });
  const ed25519 = key.rawPublicKey();
  const muxed = xdr.ScVal.fromXdrObject({
    type: 18,
    address: { type: 2, muxedAccount: { id: 42n, ed25519 } },
  } as xdr.ScValWire);
  const r = lib.invokeRaw('muxed_parts', [muxed]);
  assert.ok(r.outcome.ok);
  assert.deepEqual(lib.spec.funcResToNative('muxed_parts', r.outcome.value), [key.publicKey(), 42n]);
});

test('crypto: sha256, keccak256, ed25519 verification', () => {
  const [sha, keccak] = call('hashes', { b: Buffer.from('abc') }) as Uint8Array[];
  assert.equal(Buffer.from(sha).toString('hex'), createHash('sha256').update('abc').digest('hex'));
  assert.equal(
    Buffer.from(keccak).toString('hex'),
    '4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45',
  );
  const key = Keypair.random();
  const message = Buffer.from('signed text');
  const signature = key.sign(message);
  assert.equal(call('verify', { key: key.rawPublicKey(), message, signature }), true);
  const forged = Buffer.from(signature);
  forged[0] ^= 1;
  assert.deepEqual(errorOf(lib.invoke('verify', { key: key.rawPublicKey(), message, signature: forged })), {
    type: ErrorType.Crypto,
    code: ErrorCode.InvalidInput,
  });
});

test('prng: seeded, in range, deterministic; shuffles keep the elements', () => {
  const seed = Buffer.alloc(32, 1);
  const rolls = call('dice', { seed, n: 20 }) as bigint[];
  assert.equal(rolls.length, 20);
  assert.ok(rolls.every((r) => r >= 1n && r <= 6n));
  assert.deepEqual(call('dice', { seed, n: 20 }), rolls);
  assert.notDeepEqual(call('dice', { seed: Buffer.alloc(32, 2), n: 20 }), rolls);
  const items = Array.from({ length: 10 }, (_, i) => i + 1);
  const shuffled = call('shuffle', { seed, v: items }) as number[];
  assert.deepEqual(
    [...shuffled].sort((x, y) => x - y),
    items,
  );
  assert.deepEqual(call('shuffle', { seed, v: items }), shuffled);
  assert.equal((call('random_bytes', { n: 16 }) as Uint8Array).length, 16);
});

test('symbols: text of small and object symbols, ordering as the host orders them', () => {
  assert.equal(call('symbol_text', { s: 'hello' }), 'hello:5');
  assert.equal(call('symbol_text', { s: 'a_long_symbol_name' }), 'a_long_symbol_name:18');
  for (const [a, b] of [
    ['Z', '_'],
    ['_', 'a'],
    ['a9', 'a_'],
    ['ab', 'a'],
    ['abc', 'abc'],
    ['abcdefghijk', 'abd'],
    ['zzz', 'abcdefghijk'],
  ])
    assert.equal(call('compare_symbols', { a, b }), a < b ? -1 : a > b ? 1 : 0, `${a} vs ${b}`);
});
