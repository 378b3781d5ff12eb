// env.json module `buf`: Bytes as a sequence, String/Symbol lengths, Bytes⇄String, and Val XDR
// (de)serialization, all called through real Wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr } from '@stellar/stellar-sdk';
import { invokeContract } from '../src/index.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { contract, hostFnProxy, importOf } from './support/wat.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const bytes = (...b: number[]) => xdr.ScVal.scvBytes(Uint8Array.from(b));
const u32 = (n: number) => xdr.ScVal.scvU32(n);
const str = (s: string | Uint8Array) => xdr.ScVal.scvString(s);
const sym = (s: string) => xdr.ScVal.scvSymbol(s);

// ---- Bytes as a sequence ----

test('bytes_new makes an empty Bytes', () => {
  expectValue(callHostFn('bytes_new'), bytes());
});

test('bytes_new in an endless loop runs out of memory budget', () => {
  const code = contract(`(module
    ${importOf('bytes_new')}
    (func (export "call") (result i64)
      (loop $l (drop (call $bytes_new)) (br $l))
      (i64.const 2)))`);
  // Plenty of CPU: it is the objects' memory that runs out.
  const outcome = invokeContract(
    { code, fn: 'call' },
    { budget: { cpuInstructions: 100_000_000, memoryBytes: 1_000_000 } },
  ).outcome;
  expectError(outcome, ErrorType.Budget, ErrorCode.ExceededLimit);
  assert.match(outcome.ok ? '' : outcome.message, /memory/);
});

test('bytes_put replaces one byte', () => {
  expectValue(callHostFn('bytes_put', [bytes(1, 2, 3), u32(1), u32(255)]), bytes(1, 255, 3));
});

test('bytes_put checks the byte value before the index', () => {
  expectError(callHostFn('bytes_put', [bytes(1, 2, 3), u32(7), u32(256)]), ErrorType.Value, ErrorCode.ArithDomain);
  expectError(callHostFn('bytes_put', [bytes(1, 2, 3), u32(3), u32(0)]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('bytes_get returns a byte as U32', () => {
  expectValue(callHostFn('bytes_get', [bytes(10, 20, 30), u32(2)]), u32(30));
  expectError(callHostFn('bytes_get', [bytes(10, 20, 30), u32(3)]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('bytes_del removes one byte', () => {
  expectValue(callHostFn('bytes_del', [bytes(10, 20, 30), u32(1)]), bytes(10, 30));
  expectValue(callHostFn('bytes_del', [bytes(10), u32(0)]), bytes());
  expectError(callHostFn('bytes_del', [bytes(), u32(0)]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('bytes_len counts bytes and takes only Bytes', () => {
  expectValue(callHostFn('bytes_len', [bytes(1, 2, 3, 4)]), u32(4));
  expectValue(callHostFn('bytes_len', [bytes()]), u32(0));
  expectError(callHostFn('bytes_len', [str('abc')]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('bytes_push appends a byte', () => {
  expectValue(callHostFn('bytes_push', [bytes(1), u32(0)]), bytes(1, 0));
  expectError(callHostFn('bytes_push', [bytes(1), u32(300)]), ErrorType.Value, ErrorCode.ArithDomain);
});

test('bytes_pop drops the last byte', () => {
  expectValue(callHostFn('bytes_pop', [bytes(1, 2)]), bytes(1));
  expectError(callHostFn('bytes_pop', [bytes()]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('bytes_front and bytes_back read the ends', () => {
  expectValue(callHostFn('bytes_front', [bytes(7, 8, 9)]), u32(7));
  expectValue(callHostFn('bytes_back', [bytes(7, 8, 9)]), u32(9));
  expectError(callHostFn('bytes_front', [bytes()]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('bytes_back', [bytes()]), ErrorType.Object, ErrorCode.IndexBounds);
});

test('bytes_insert shifts the tail right; inserting at len appends', () => {
  expectValue(callHostFn('bytes_insert', [bytes(1, 2), u32(1), u32(9)]), bytes(1, 9, 2));
  expectValue(callHostFn('bytes_insert', [bytes(1, 2), u32(2), u32(9)]), bytes(1, 2, 9));
  expectValue(callHostFn('bytes_insert', [bytes(), u32(0), u32(0)]), bytes(0));
});

test('bytes_insert errors: byte value first, then index past len', () => {
  expectError(callHostFn('bytes_insert', [bytes(1, 2), u32(3), u32(9)]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('bytes_insert', [bytes(1, 2), u32(3), u32(256)]), ErrorType.Value, ErrorCode.ArithDomain);
});

test('bytes_append concatenates', () => {
  expectValue(callHostFn('bytes_append', [bytes(1, 2), bytes(3)]), bytes(1, 2, 3));
  expectValue(callHostFn('bytes_append', [bytes(), bytes()]), bytes());
  expectError(callHostFn('bytes_append', [bytes(1), str('x')]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('bytes_slice copies [start, end)', () => {
  expectValue(callHostFn('bytes_slice', [bytes(1, 2, 3, 4, 5), u32(1), u32(3)]), bytes(2, 3));
  expectValue(callHostFn('bytes_slice', [bytes(1, 2, 3), u32(3), u32(3)]), bytes());
  expectValue(callHostFn('bytes_slice', [bytes(1, 2, 3), u32(0), u32(3)]), bytes(1, 2, 3));
});

test('bytes_slice errors: bounds first, then start > end', () => {
  expectError(callHostFn('bytes_slice', [bytes(1, 2, 3), u32(4), u32(1)]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('bytes_slice', [bytes(1, 2, 3), u32(0), u32(4)]), ErrorType.Object, ErrorCode.IndexBounds);
  expectError(callHostFn('bytes_slice', [bytes(1, 2, 3), u32(2), u32(1)]), ErrorType.Object, ErrorCode.InvalidInput);
});

// ---- String and Symbol ----

test('string_len counts UTF-8 bytes', () => {
  expectValue(callHostFn('string_len', [str('héllo')]), u32(6));
  expectValue(callHostFn('string_len', [str('')]), u32(0));
  expectError(callHostFn('string_len', [bytes(1)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('symbol_len takes a SymbolObject (a name longer than 9 chars)', () => {
  expectValue(callHostFn('symbol_len', [sym('abcdefghijk')]), u32(11));
  // A short name travels as a SymbolSmall, which env.json's `SymbolObject` type rejects.
  expectError(callHostFn('symbol_len', [sym('abc')]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('string_to_bytes and bytes_to_string copy contents with no encoding check', () => {
  expectValue(callHostFn('string_to_bytes', [str('hi')]), bytes(0x68, 0x69));
  expectValue(callHostFn('bytes_to_string', [bytes(0xff, 0x61)]), str(Uint8Array.of(0xff, 0x61)));
  expectValue(callHostFn('bytes_to_string', [bytes()]), str(''));
  expectError(callHostFn('string_to_bytes', [bytes(1)]), ErrorType.Value, ErrorCode.InvalidInput);
  expectError(callHostFn('bytes_to_string', [str('x')]), ErrorType.Value, ErrorCode.InvalidInput);
});

// ---- XDR ----

const sampleMap = xdr.ScVal.scvMap([
  new xdr.ScMapEntry({
    key: sym('a'),
    val: xdr.ScVal.scvVec([u32(1), str('two'), xdr.ScVal.scvU64(1n << 60n)]),
  }),
  new xdr.ScMapEntry({ key: sym('b'), val: xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: -1n, lo: 5n })) }),
]);

test('serialize_to_bytes writes the ScVal XDR', () => {
  expectValue(callHostFn('serialize_to_bytes', [u32(7)]), bytes(0, 0, 0, 3, 0, 0, 0, 7));
  expectValue(callHostFn('serialize_to_bytes', [sampleMap]), xdr.ScVal.scvBytes(sampleMap.toXdr()));
  expectValue(callHostFn('serialize_to_bytes', [sym('abcdefghijk')]), xdr.ScVal.scvBytes(sym('abcdefghijk').toXdr()));
});

test('serialize_to_bytes rejects a malformed Val', () => {
  // Tag 15 is not a Val tag.
  const code = contract(`(module
    ${importOf('serialize_to_bytes')}
    (func (export "call") (result i64) (call $serialize_to_bytes (i64.const 15))))`);
  expectError(invokeContract({ code, fn: 'call' }).outcome, ErrorType.Value, ErrorCode.InvalidInput);
});

test('serialize_to_bytes charges ValSer', () => {
  const r = invokeContract({ code: hostFnProxy('serialize_to_bytes'), fn: 'call', args: [sampleMap] });
  assert.ok(r.outcome.ok);
  assert.ok(r.budget.byType.some((u) => u.type === 6 && u.count > 0));
});

test('deserialize_from_bytes reads any representable ScVal', () => {
  expectValue(callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(sampleMap.toXdr())]), sampleMap);
  expectValue(callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 1)]), xdr.ScVal.scvVoid());
  // An Error returned by a contract fails the call, so it travels inside a Vec.
  const err = xdr.ScVal.scvVec([xdr.ScVal.scvError(xdr.ScError.sceContract(42))]);
  expectValue(callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(err.toXdr())]), err);
});

test('deserialize_from_bytes then serialize_to_bytes round-trips inside Wasm', () => {
  const code = contract(`(module
    ${importOf('serialize_to_bytes')}
    ${importOf('deserialize_from_bytes')}
    (func (export "call") (param i64) (result i64)
      (call $serialize_to_bytes (call $deserialize_from_bytes (local.get 0)))))`);
  const input = xdr.ScVal.scvBytes(sampleMap.toXdr());
  expectValue(invokeContract({ code, fn: 'call', args: [input] }).outcome, input);
});

test('deserialize_from_bytes: malformed XDR is (Value, InvalidInput)', () => {
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 3, 0, 0, 0, 7, 0)]),
    ErrorType.Value,
    ErrorCode.InvalidInput,
  ); // trailing byte
  expectError(callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 99)]), ErrorType.Value, ErrorCode.InvalidInput); // no such ScValType
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 15, 0, 0, 0, 1, 0x61, 1, 0, 0)]),
    ErrorType.Value,
    ErrorCode.InvalidInput,
  ); // padding
  // A Symbol longer than 32 is refused by the XDR reader itself.
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 15, 0, 0, 0, 40)]),
    ErrorType.Value,
    ErrorCode.InvalidInput,
  );
  // A symbol with a char outside [a-zA-Z0-9_] is valid XDR but not a valid Symbol.
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 15, 0, 0, 0, 1, 0x21, 0, 0, 0)]),
    ErrorType.Value,
    ErrorCode.InvalidInput,
  );
});

test('deserialize_from_bytes: reading past the end hits the length limit (Context, ExceededLimit)', () => {
  expectError(callHostFn('deserialize_from_bytes', [bytes()]), ErrorType.Context, ErrorCode.ExceededLimit);
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 3, 0, 0)]),
    ErrorType.Context,
    ErrorCode.ExceededLimit,
  );
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 13, 0xff, 0xff, 0xff, 0xf0)]),
    ErrorType.Context,
    ErrorCode.ExceededLimit,
  );
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 16, 0, 0, 0, 1, 0x7f, 0xff, 0xff, 0xff)]),
    ErrorType.Context,
    ErrorCode.ExceededLimit,
  );
});

const nestedVec = (depth: number, leaf: xdr.ScVal): xdr.ScVal => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = xdr.ScVal.scvVec([v]);
  return v;
};

test('deserialize_from_bytes: too deep is (Context, ExceededLimit)', () => {
  expectValue(
    callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(nestedVec(99, u32(1)).toXdr())]),
    nestedVec(99, u32(1)),
  );
  // Deeper than the host's 100 levels, then deeper than the XDR reader's limit.
  for (const depth of [101, 200])
    expectError(
      callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(nestedVec(depth, u32(1)).toXdr())]),
      ErrorType.Context,
      ErrorCode.ExceededLimit,
    );
});

test('deserialize_from_bytes: an ScVal with no Val form is (Value, UnexpectedType)', () => {
  const keyInstance = xdr.ScVal.scvLedgerKeyContractInstance();
  expectError(
    callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(keyInstance.toXdr())]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
  );
  expectError(
    callHostFn('deserialize_from_bytes', [bytes(0, 0, 0, 16, 0, 0, 0, 0)]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
  ); // Vec(None)
  // Checked on the whole value first: it wins over the unsorted map keys next to it.
  const bad = xdr.ScVal.scvVec([
    xdr.ScVal.scvMap([
      new xdr.ScMapEntry({ key: u32(2), val: u32(0) }),
      new xdr.ScMapEntry({ key: u32(1), val: u32(0) }),
    ]),
    keyInstance,
  ]);
  expectError(
    callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(bad.toXdr())]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
  );
  // Too deep for the host but with a non-representable leaf: the representability check comes first.
  expectError(
    callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(nestedVec(110, keyInstance).toXdr())]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
  );
});

test('deserialize_from_bytes: map keys out of order are (Object, InvalidInput)', () => {
  const unsorted = xdr.ScVal.scvMap([
    new xdr.ScMapEntry({ key: u32(2), val: u32(0) }),
    new xdr.ScMapEntry({ key: u32(1), val: u32(0) }),
  ]);
  expectError(
    callHostFn('deserialize_from_bytes', [xdr.ScVal.scvBytes(unsorted.toXdr())]),
    ErrorType.Object,
    ErrorCode.InvalidInput,
  );
});
