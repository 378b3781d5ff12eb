// env.json module `map`: immutable sorted maps and the (sparse) linear-memory struct forms, all
// through real Wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr, nativeToScVal } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, invokeContract, type InvokeOutcome, type InvokeResult } from '../src/index.ts';
import { HOST_FUNCTIONS_BY_NAME } from '../src/env/interface.ts';
import { contract, hostFnProxy, importOf } from './support/wat.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const run = (code: Uint8Array, args: xdr.ScVal[] = []): InvokeOutcome => invokeContract({ code, fn: 'call', args }).outcome;

const u32 = (n: number) => xdr.ScVal.scvU32(n);
const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const str = (s: string) => xdr.ScVal.scvString(s);
const vec = (...items: xdr.ScVal[]) => xdr.ScVal.scvVec(items);
const map = (...entries: [xdr.ScVal, xdr.ScVal][]) =>
  xdr.ScVal.scvMap(entries.map(([key, val]) => new xdr.ScMapEntry({ key, val })));
const VOID = xdr.ScVal.scvVoid();

const ab = map([sym('a'), u32(1)], [sym('b'), u32(2)]);

// ---- keyed access ----

test('map_new makes an empty map and map_len counts entries', () => {
  expectValue(callHostFn('map_new'), map());
  expectValue(callHostFn('map_len', [ab]), u32(2));
  expectValue(callHostFn('map_len', [map()]), u32(0));
});

test('map_new and map_len fail as the reference does', () => {
  // map_new can only fail by exhausting the budget: each call is charged.
  const loop = contract(`(module ${importOf('map_new')}
    (func (export "call") (result i64) (loop $l (drop (call $map_new)) (br $l)) (i64.const 2)))`);
  expectError(run(loop), ErrorType.Budget, ErrorCode.ExceededLimit);
  expectError(callHostFn('map_len', [vec()]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('map_put inserts keys in the host order, whatever the insertion order', () => {
  expectValue(callHostFn('map_put', [ab, sym('aa'), u32(3)]), map([sym('a'), u32(1)], [sym('aa'), u32(3)], [sym('b'), u32(2)]));
  expectValue(callHostFn('map_put', [map(), u32(5), VOID]), map([u32(5), VOID]));
  // Keys of different types order by type: u32 before symbol before vec.
  expectValue(callHostFn('map_put', [ab, u32(9), u32(0)]), map([u32(9), u32(0)], [sym('a'), u32(1)], [sym('b'), u32(2)]));
  expectValue(callHostFn('map_put', [ab, vec(), u32(0)]), map([sym('a'), u32(1)], [sym('b'), u32(2)], [vec(), u32(0)]));
  expectError(callHostFn('map_put', [vec(), u32(1), u32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('map_put on an existing key replaces its value and returns a new map; the original is kept', () => {
  const code = contract(`(module ${importOf('map_put')} ${importOf('vec_new_from_linear_memory')}
    (memory (export "memory") 1)
    (func (export "call") (param $m i64) (param $k i64) (param $v i64) (result i64)
      (i64.store (i32.const 0) (call $map_put (local.get $m) (local.get $k) (local.get $v)))
      (i64.store (i32.const 8) (local.get $m))
      (call $vec_new_from_linear_memory (i64.const ${rawU32(0)}) (i64.const ${rawU32(2)}))))`);
  expectValue(run(code, [ab, sym('b'), str('new')]), vec(map([sym('a'), u32(1)], [sym('b'), str('new')]), ab));
});

test('map_put with an equal key of another form replaces the key Val too', () => {
  // A U64 object holding 5 equals the small U64 5: the entry keeps its position, the key is
  // replaced. The contract returns the Val tag of the key now stored and the map length.
  const code = contract(`(module ${importOf('map_put')} ${importOf('map_key_by_pos')} ${importOf('map_len')} ${importOf('obj_from_u64')}
    (func (export "call") (param $m i64) (result i64) (local $n i64)
      (local.set $n (call $map_put (local.get $m) (call $obj_from_u64 (i64.const 5)) (i64.const ${rawU32(7)})))
      (i64.or
        (i64.or (i64.shl (i64.and (call $map_key_by_pos (local.get $n) (i64.const ${rawU32(0)})) (i64.const 0xff)) (i64.const 32))
                (i64.shl (i64.shr_u (call $map_len (local.get $n)) (i64.const 32)) (i64.const 48)))
        (i64.const 4))))`);
  const r = run(code, [map([nativeToScVal(5n, { type: 'u64' }), u32(1)])]);
  // Tag 64 is U64Object (the small form is tag 6); the length stays 1.
  expectValue(r, u32(64 | (1 << 16)));
});

test('map_get returns the value; a missing key is (Object, MissingValue)', () => {
  expectValue(callHostFn('map_get', [ab, sym('b')]), u32(2));
  expectError(callHostFn('map_get', [ab, sym('c')]), ErrorType.Object, ErrorCode.MissingValue);
  expectError(callHostFn('map_get', [map(), u32(0)]), ErrorType.Object, ErrorCode.MissingValue);
});

test('map_has tests presence', () => {
  expectValue(callHostFn('map_has', [ab, sym('a')]), xdr.ScVal.scvBool(true));
  expectValue(callHostFn('map_has', [ab, str('a')]), xdr.ScVal.scvBool(false));
  expectError(callHostFn('map_has', [vec(), sym('a')]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('map_del removes a key; a missing key is (Object, MissingValue)', () => {
  expectValue(callHostFn('map_del', [ab, sym('a')]), map([sym('b'), u32(2)]));
  expectValue(callHostFn('map_del', [map([u32(1), u32(1)]), u32(1)]), map());
  expectError(callHostFn('map_del', [ab, sym('c')]), ErrorType.Object, ErrorCode.MissingValue);
});

// ---- positions ----

test('map_key_by_pos / map_val_by_pos read entry i in key order; i >= len is (Object, IndexBounds)', () => {
  const m = map([u32(1), sym('one')], [sym('z'), sym('zed')]);
  expectValue(callHostFn('map_key_by_pos', [m, u32(0)]), u32(1));
  expectValue(callHostFn('map_key_by_pos', [m, u32(1)]), sym('z'));
  expectValue(callHostFn('map_val_by_pos', [m, u32(1)]), sym('zed'));
  expectError(callHostFn('map_key_by_pos', [m, u32(2)]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('map_val_by_pos', [m, u32(2)]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('map_keys / map_values return vectors in key order', () => {
  const m = map([u32(1), sym('one')], [sym('z'), sym('zed')]);
  expectValue(callHostFn('map_keys', [m]), vec(u32(1), sym('z')));
  expectValue(callHostFn('map_values', [m]), vec(sym('one'), sym('zed')));
  expectValue(callHostFn('map_keys', [map()]), vec());
  expectError(callHostFn('map_keys', [vec()]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(callHostFn('map_values', [vec()]), ErrorType.Value, ErrorCode.InvalidInput);
});

// ---- linear memory ----

/** A raw U32Val word, for memory contents and WAT constants. */
const rawU32 = (n: number): bigint => (BigInt(n) << 32n) | 4n;
const RAW_VOID = 2n;

const KEYS_POS = 0;
const VALS_POS = 128;
const BYTES_POS = 256;

/** Memory holding (ptr, len) key slices at KEYS_POS (bytes from BYTES_POS) and raw Vals at VALS_POS. */
const layout = (keys: readonly (string | Uint8Array)[], vals: readonly bigint[] = []): Uint8Array => {
  const data = new Uint8Array(1024);
  const view = new DataView(data.buffer);
  let at = BYTES_POS;
  keys.forEach((k, i) => {
    const bytes = typeof k === 'string' ? new TextEncoder().encode(k) : k;
    view.setUint32(KEYS_POS + i * 8, at, true);
    view.setUint32(KEYS_POS + i * 8 + 4, bytes.length, true);
    data.set(bytes, at);
    at += bytes.length;
  });
  vals.forEach((v, i) => view.setBigUint64(VALS_POS + i * 8, v, true));
  return data;
};

const newFromMemory = (name: string, keys: readonly (string | Uint8Array)[], vals: readonly bigint[]): InvokeResult =>
  callHostFn(name, [u32(KEYS_POS), u32(VALS_POS), u32(keys.length)], { data: layout(keys, vals) });

test('map_new_from_linear_memory builds a Symbol-keyed map; long keys become Symbol objects', () => {
  const long = 'a_key_longer_than_nine';
  expectValue(
    newFromMemory('map_new_from_linear_memory', ['a', long, 'b'], [rawU32(1), RAW_VOID, rawU32(3)]),
    map([sym('a'), u32(1)], [sym(long), VOID], [sym('b'), u32(3)]),
  );
  expectValue(newFromMemory('map_new_from_linear_memory', [], []), map());
});

test('map_new_from_linear_memory maps the frame-relative handles of the values', () => {
  const data = layout(['k']);
  const code = contract(`(module ${importOf('map_new_from_linear_memory')}
    (memory (export "memory") 1)
    (data (i32.const 0) "${[...data.subarray(0, 512)].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")
    (func (export "call") (param $v i64) (result i64)
      (i64.store (i32.const ${VALS_POS}) (local.get $v))
      (call $map_new_from_linear_memory (i64.const ${rawU32(KEYS_POS)}) (i64.const ${rawU32(VALS_POS)}) (i64.const ${rawU32(1)}))))`);
  expectValue(run(code, [str('hello')]), map([sym('k'), str('hello')]));
});

test('map_new_from_linear_memory: keys must be strictly ascending, else (Object, InvalidInput)', () => {
  expectError(newFromMemory('map_new_from_linear_memory', ['b', 'a'], [rawU32(1), rawU32(2)]), ErrorType.Object, ErrorCode.InvalidInput);
  expectError(newFromMemory('map_new_from_linear_memory', ['a', 'a'], [rawU32(1), rawU32(2)]), ErrorType.Object, ErrorCode.InvalidInput);
  // Symbols order by bytes, so a short key sorts before its extensions.
  expectError(
    newFromMemory('map_new_from_linear_memory', ['ab', 'a'], [rawU32(1), rawU32(2)]),
    ErrorType.Object,
    ErrorCode.InvalidInput,
  );
});

test('map_new_from_linear_memory: key and value errors as the reference reports them', () => {
  const name = 'map_new_from_linear_memory';
  // Longer than a Symbol (32 bytes): an XDR length error, (Value, InvalidInput).
  expectError(newFromMemory(name, ['a'.repeat(33)], [rawU32(1)]), ErrorType.Value, ErrorCode.InvalidInput);
  // A char Symbols do not allow fails inside `to_valid_host_val`: (Value, InternalError).
  expectError(newFromMemory(name, ['a-b'], [rawU32(1)]), ErrorType.Value, ErrorCode.InternalError);
  // A malformed value word (True with a body).
  expectError(newFromMemory(name, ['a'], [1n | (1n << 8n)]), ErrorType.Value, ErrorCode.InvalidInput);
  // A key slice pointing past the one page of memory.
  const data = layout(['a'], [rawU32(1)]);
  new DataView(data.buffer).setUint32(KEYS_POS, 65536, true);
  expectError(callHostFn(name, [u32(KEYS_POS), u32(VALS_POS), u32(1)], { data }), ErrorType.WasmVm, ErrorCode.IndexBounds);
  // Values past the end of memory.
  expectError(callHostFn(name, [u32(KEYS_POS), u32(65530), u32(1)], { data: layout(['a']) }), ErrorType.WasmVm, ErrorCode.IndexBounds);
});

/**
 * A contract whose `call(m)` unpacks map `m` against the keys in memory (`layout(keys)`), with
 * the value slots prefilled with U32 77, and returns the value slots as a vector.
 */
const unpacker = (name: string, keys: readonly string[], len = keys.length): Uint8Array => {
  const data = layout(keys, keys.map(() => rawU32(77)));
  return contract(`(module ${importOf(name)} ${importOf('vec_new_from_linear_memory')}
    (memory (export "memory") 1)
    (data (i32.const 0) "${[...data].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")
    (func (export "call") (param $m i64) (result i64)
      (drop (call $${name} (local.get $m) (i64.const ${rawU32(KEYS_POS)}) (i64.const ${rawU32(VALS_POS)}) (i64.const ${rawU32(len)})))
      (call $vec_new_from_linear_memory (i64.const ${rawU32(VALS_POS)}) (i64.const ${rawU32(keys.length)}))))`);
};

test('map_unpack_to_linear_memory writes every value when the keys match the map exactly', () => {
  const long = 'a_key_longer_than_nine';
  const m = map([sym('a'), str('x')], [sym(long), VOID], [sym('b'), vec(u32(1))]);
  expectValue(run(unpacker('map_unpack_to_linear_memory', ['a', long, 'b']), [m]), vec(str('x'), VOID, vec(u32(1))));
  expectValue(run(unpacker('map_unpack_to_linear_memory', []), [map()]), vec());
});

test('map_unpack_to_linear_memory errors: size, key mismatch, non-Symbol key', () => {
  const name = 'map_unpack_to_linear_memory';
  expectError(run(unpacker(name, ['a']), [ab]), ErrorType.Object, ErrorCode.UnexpectedSize);
  expectError(run(unpacker(name, ['a', 'b', 'c']), [ab]), ErrorType.Object, ErrorCode.UnexpectedSize);
  expectError(run(unpacker(name, ['a', 'c']), [ab]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(run(unpacker(name, ['b', 'a']), [ab]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(run(unpacker(name, ['a', 'b']), [map([u32(1), u32(1)], [sym('b'), u32(2)])]), ErrorType.Value, ErrorCode.UnexpectedType);
});

test('sparse_map_new_from_linear_memory leaves out the entries whose value is Void', () => {
  const name = 'sparse_map_new_from_linear_memory';
  expectValue(
    newFromMemory(name, ['extra', 'owner', 'value'], [RAW_VOID, rawU32(10), rawU32(20)]),
    map([sym('owner'), u32(10)], [sym('value'), u32(20)]),
  );
  expectValue(
    newFromMemory(name, ['extra', 'owner'], [rawU32(30), rawU32(10)]),
    map([sym('extra'), u32(30)], [sym('owner'), u32(10)]),
  );
  expectValue(newFromMemory(name, ['a', 'b'], [RAW_VOID, RAW_VOID]), map());
});

test('sparse_map_new_from_linear_memory errors: unsorted keys, bad keys, bad values', () => {
  const name = 'sparse_map_new_from_linear_memory';
  expectError(newFromMemory(name, ['b', 'a'], [rawU32(1), rawU32(2)]), ErrorType.Object, ErrorCode.InvalidInput);
  expectError(newFromMemory(name, ['a'.repeat(33)], [RAW_VOID]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(newFromMemory(name, ['a b'], [rawU32(1)]), ErrorType.Value, ErrorCode.InternalError);
  expectError(newFromMemory(name, ['a'], [1n | (1n << 8n)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('sparse_map_unpack_to_linear_memory writes Void for absent keys and ignores extra map keys', () => {
  const name = 'sparse_map_unpack_to_linear_memory';
  const old = map([sym('owner'), u32(10)], [sym('value'), u32(20)]);
  // A key the map lacks reads as Void (overwriting the slot).
  expectValue(run(unpacker(name, ['extra', 'owner', 'value']), [old]), vec(VOID, u32(10), u32(20)));
  // Map keys the guest does not ask for are skipped.
  expectValue(run(unpacker(name, ['value']), [old]), vec(u32(20)));
  expectValue(run(unpacker(name, ['a', 'z']), [old]), vec(VOID, VOID));
  expectValue(run(unpacker(name, []), [old]), vec());
  // Keys that are not valid Symbols are allowed: they are just never found.
  expectValue(run(unpacker(name, ['a-b', 'owner']), [old]), vec(VOID, u32(10)));
  // Long keys match Symbol objects.
  const long = 'a_key_longer_than_nine';
  expectValue(run(unpacker(name, [long, 'b']), [map([sym(long), u32(1)], [sym('b'), u32(2)])]), vec(u32(1), u32(2)));
});

test('sparse_map_unpack_to_linear_memory errors: unsorted keys, non-Symbol map keys on the walk', () => {
  const name = 'sparse_map_unpack_to_linear_memory';
  expectError(run(unpacker(name, ['b', 'a']), [ab]), ErrorType.Object, ErrorCode.InvalidInput);
  expectError(run(unpacker(name, ['a', 'a']), [ab]), ErrorType.Object, ErrorCode.InvalidInput);
  // A U32 key sorts before every Symbol, so the walk meets it first.
  expectError(run(unpacker(name, ['a']), [map([u32(1), u32(1)], [sym('a'), u32(2)])]), ErrorType.Value, ErrorCode.UnexpectedType);
  // A Vec key sorts after every Symbol: the walk stops before it.
  expectValue(run(unpacker(name, ['a']), [map([sym('a'), u32(2)], [vec(), u32(1)])]), vec(u32(2)));
});

test('the sparse functions are protocol 28 host functions', () => {
  for (const name of ['sparse_map_new_from_linear_memory', 'sparse_map_unpack_to_linear_memory'])
    assert.equal(HOST_FUNCTIONS_BY_NAME.get(name)?.minProtocol, 28);
  // A contract built for protocol 27 cannot link them.
  const code = hostFnProxy('sparse_map_new_from_linear_memory', { meta: { protocol: 27 } });
  expectError(run(code, [u32(0), u32(0), u32(0)]), ErrorType.WasmVm, ErrorCode.InvalidAction);
});
