import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Address, Keypair, StrKey, nativeToScVal, xdr } from '@stellar/stellar-sdk';
import { Host } from '../src/host/host.ts';
import { ErrorCode, ErrorType, HostError } from '../src/val/error.ts';
import { symbolSmallBody } from '../src/val/symbol.ts';
import { Tag } from '../src/val/tag.ts';
import { fromBody, fromError, fromI32, fromU32, tagOf, VOID } from '../src/val/val.ts';
import { scValToVal, valToScVal } from '../src/xdr/scval.ts';
import { invokeContract } from '../src/index.ts';
import { contract } from './support/wat.ts';

const sym = (s: string) => fromBody(Tag.SymbolSmall, symbolSmallBody(new TextEncoder().encode(s)));

test('known Val encodings match the reference (soroban-host-facts §2)', () => {
  assert.equal(sym('add'), 0x00000000026a690en);
  assert.equal(fromU32(8128), 0x00001fc000000004n);
  assert.equal(fromI32(4), 0x0000000400000005n);
  assert.equal(fromI32(11), 0x0000000b00000005n);
  assert.equal(VOID, 0x0000000000000002n);
  assert.equal(fromError({ type: ErrorType.Context, code: ErrorCode.InvalidAction }), 0x0000000600000203n);
  assert.equal(fromError({ type: ErrorType.WasmVm, code: ErrorCode.InvalidAction }), 0x0000000600000103n);
  assert.equal(fromError({ type: ErrorType.Contract, code: 12345 }), 0x0000303900000003n);
});

const kp = Keypair.fromRawEd25519Seed(new Uint8Array(32).fill(3));
const contractAddr = Address.contract(new Uint8Array(32).fill(9) as never);
const muxed = xdr.ScVal.scvAddress(
  xdr.ScAddress.fromXdrObject({ type: 2, muxedAccount: { id: 77n, ed25519: kp.rawPublicKey() } } as xdr.ScAddressWire),
);

/** One ScVal of every type, each built by the SDK, with the tag the host must choose. */
const samples: [string, xdr.ScVal, Tag][] = [
  ['true', xdr.ScVal.scvBool(true), Tag.True],
  ['false', xdr.ScVal.scvBool(false), Tag.False],
  ['void', xdr.ScVal.scvVoid(), Tag.Void],
  ['contract error', xdr.ScVal.scvError(xdr.ScError.sceContract(42)), Tag.Error],
  ['host error', xdr.ScVal.scvError(xdr.ScError.sceStorage(xdr.ScErrorCode.scecMissingValue)), Tag.Error],
  ['u32', xdr.ScVal.scvU32(0xffffffff), Tag.U32Val],
  ['i32', xdr.ScVal.scvI32(-7), Tag.I32Val],
  ['u64 small', nativeToScVal((1n << 56n) - 1n, { type: 'u64' }), Tag.U64Small],
  ['u64 object', nativeToScVal(1n << 56n, { type: 'u64' }), Tag.U64Object],
  ['i64 small negative', nativeToScVal(-(1n << 55n), { type: 'i64' }), Tag.I64Small],
  ['i64 object', nativeToScVal(-(1n << 55n) - 1n, { type: 'i64' }), Tag.I64Object],
  ['timepoint', xdr.ScVal.scvTimepoint(1_700_000_000n), Tag.TimepointSmall],
  ['timepoint object', xdr.ScVal.scvTimepoint(0xffffffffffffffffn), Tag.TimepointObject],
  ['duration', xdr.ScVal.scvDuration(3600n), Tag.DurationSmall],
  ['u128 small', nativeToScVal(5n, { type: 'u128' }), Tag.U128Small],
  ['u128 object', nativeToScVal((1n << 128n) - 1n, { type: 'u128' }), Tag.U128Object],
  ['i128 small', nativeToScVal(-5n, { type: 'i128' }), Tag.I128Small],
  ['i128 object', nativeToScVal(-(1n << 127n), { type: 'i128' }), Tag.I128Object],
  ['u256 object', nativeToScVal((1n << 256n) - 1n, { type: 'u256' }), Tag.U256Object],
  ['u256 small', nativeToScVal(1n, { type: 'u256' }), Tag.U256Small],
  ['i256 object', nativeToScVal(-(1n << 255n), { type: 'i256' }), Tag.I256Object],
  ['i256 small', nativeToScVal(-1n, { type: 'i256' }), Tag.I256Small],
  ['bytes', xdr.ScVal.scvBytes(new Uint8Array([0, 1, 255])), Tag.BytesObject],
  ['string', xdr.ScVal.scvString('héllo'), Tag.StringObject],
  ['symbol small', xdr.ScVal.scvSymbol('transfer'), Tag.SymbolSmall],
  ['symbol 9 chars', xdr.ScVal.scvSymbol('abcdefghi'), Tag.SymbolSmall],
  ['symbol object', xdr.ScVal.scvSymbol('a_much_longer_symbol_name_32char'), Tag.SymbolObject],
  ['vec', nativeToScVal([1, 'x', [true]]), Tag.VecObject],
  ['map', nativeToScVal({ a: 1, b: [2, 3], c: { d: 'e' } }), Tag.MapObject],
  ['account address', nativeToScVal(kp.publicKey(), { type: 'address' }), Tag.AddressObject],
  ['contract address', contractAddr.toScVal(), Tag.AddressObject],
  ['muxed address', muxed, Tag.MuxedAddressObject],
  ['executable tag', xdr.ScVal.scvExecutableTag('token'), Tag.ExecutableTagObject],
];

for (const [name, scv, tag] of samples) {
  test(`ScVal round trip: ${name}`, () => {
    const host = new Host();
    const v = scValToVal(host, scv);
    assert.equal(tagOf(v), tag);
    const back = valToScVal(host, v);
    assert.equal(Buffer.from(back.toXdr()).toString('hex'), Buffer.from(scv.toXdr()).toString('hex'));
  });
}

test('every value type passes through a contract unchanged (frame-relative handles)', () => {
  const wasm = contract(`(module (func (export "id") (param i64) (result i64) (local.get 0)))`);
  for (const [name, scv] of samples) {
    if (name.includes('error')) continue; // returning an Error value fails the call, tested below
    const r = invokeContract({ code: wasm, fn: 'id', args: [scv] });
    assert.ok(r.outcome.ok, `${name}: ${!r.outcome.ok && r.outcome.message}`);
    assert.ok(r.outcome.value.equals(scv), name);
  }
});

test('returning a contract error fails the call with it; other errors become Error(Context, InvalidAction)', () => {
  const wasm = contract(`(module (func (export "id") (param i64) (result i64) (local.get 0)))`);
  const c = invokeContract({ code: wasm, fn: 'id', args: [xdr.ScVal.scvError(xdr.ScError.sceContract(42))] });
  assert.deepEqual(!c.outcome.ok && c.outcome.error, { type: ErrorType.Contract, code: 42 });
  const h = invokeContract({ code: wasm, fn: 'id', args: [xdr.ScVal.scvError(xdr.ScError.sceStorage(xdr.ScErrorCode.scecMissingValue))] });
  assert.deepEqual(!h.outcome.ok && h.outcome.error, { type: ErrorType.Context, code: ErrorCode.InvalidAction });
});

const expectHostError = (f: () => unknown, type: ErrorType, code: ErrorCode) =>
  assert.throws(f, (e: unknown) => e instanceof HostError && e.error.type === type && e.error.code === code);

test('map keys out of order or duplicated are rejected (Object, InvalidInput)', () => {
  const entry = (k: string) => ({ key: xdr.ScVal.scvSymbol(k).toXdrObject(), val: xdr.ScVal.scvU32(1).toXdrObject() });
  const unsorted = xdr.ScVal.fromXdrObject({ type: 17, map: [entry('b'), entry('a')] });
  const dup = xdr.ScVal.fromXdrObject({ type: 17, map: [entry('a'), entry('a')] });
  expectHostError(() => scValToVal(new Host(), unsorted), ErrorType.Object, ErrorCode.InvalidInput);
  expectHostError(() => scValToVal(new Host(), dup), ErrorType.Object, ErrorCode.InvalidInput);
});

test('map keys order across types by SCValType, numbers by value across small and object forms', () => {
  const host = new Host();
  const sorted = xdr.ScVal.scvMap([
    new xdr.ScMapEntry({ key: xdr.ScVal.scvBool(false), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: xdr.ScVal.scvU32(1), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: nativeToScVal(5n, { type: 'u64' }), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: nativeToScVal(1n << 60n, { type: 'u64' }), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: xdr.ScVal.scvBytes(new Uint8Array([1])), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('a'), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('a_long_symbol_object'), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('b'), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: nativeToScVal(kp.publicKey(), { type: 'address' }), val: xdr.ScVal.scvVoid() }),
    new xdr.ScMapEntry({ key: contractAddr.toScVal(), val: xdr.ScVal.scvVoid() }),
  ]);
  assert.ok(valToScVal(host, scValToVal(host, sorted)).equals(sorted));
});

test('symbols are validated: bad chars and over 32 chars are (Value, InvalidInput)', () => {
  expectHostError(() => scValToVal(new Host(), xdr.ScVal.scvSymbol('no-dash')), ErrorType.Value, ErrorCode.InvalidInput);
  expectHostError(() => scValToVal(new Host(), xdr.ScVal.scvSymbol('x'.repeat(33))), ErrorType.Value, ErrorCode.InvalidInput);
});

test('ledger-key ScVals cannot be Vals (Value, UnexpectedType)', () => {
  expectHostError(() => scValToVal(new Host(), xdr.ScVal.scvLedgerKeyContractInstance()), ErrorType.Value, ErrorCode.UnexpectedType);
});

test('nesting deeper than 100 is (Context, ExceededLimit)', () => {
  let v: xdr.ScVal = xdr.ScVal.scvVoid();
  for (let i = 0; i < 102; i++) v = xdr.ScVal.scvVec([v]);
  expectHostError(() => scValToVal(new Host(), v), ErrorType.Context, ErrorCode.ExceededLimit);
});

test('strkeys of addresses survive the round trip', () => {
  const host = new Host();
  const back = valToScVal(host, scValToVal(host, contractAddr.toScVal()));
  assert.equal(Address.fromScVal(back).toString(), StrKey.encodeContract(Buffer.alloc(32, 9)));
});
