// env.json module `address`, the non-authorization functions, through real Wasm: strkey
// conversions of accounts, contracts and muxed accounts. Known answers are the SEP-23 examples the
// reference's own tests use (rs-soroban-env `soroban-env-host/src/test/address.rs`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Address, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/index.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const PK = Uint8Array.from([
  0x3f, 0x0c, 0x34, 0xbf, 0x93, 0xad, 0x0d, 0x99, 0x71, 0xd0, 0x4c, 0xcc, 0x90, 0xf7, 0x05, 0x51, 0x1c, 0x83,
  0x8a, 0xad, 0x97, 0x34, 0xa4, 0xa2, 0xfb, 0x0d, 0x7a, 0x03, 0xfc, 0x7f, 0xe8, 0x9a,
]);
const G = 'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ';
const C = 'CA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA';
const M0 = 'MA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAAAAAAAACJUQ';

const enc = (s: string) => new TextEncoder().encode(s);
const str = (s: string) => xdr.ScVal.scvString(enc(s));
const bytesOfStr = (s: string) => xdr.ScVal.scvBytes(enc(s));
const account = (key: Uint8Array) => Address.account(Buffer.from(key)).toScVal();
const contractAddr = (id: Uint8Array) => Address.contract(Buffer.from(id)).toScVal();
const muxed = (key: Uint8Array, id: bigint) =>
  xdr.ScVal.fromXdrObject({ type: 18, address: { type: 2, muxedAccount: { id, ed25519: key } } } as never);

/** Strings the reference rejects as strkeys of an address (`run_test_invalid_strkey_to_address`). */
const INVALID: readonly string[] = [
  '',
  'GAAAAAAAACGC6',
  'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSG',
  'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZZ',
  'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZA',
  'DA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUWDA',
  'SBU2RRGLXH3E5CQHTD3ODLDF2BWDCYUSSBLLZ5GNW7JXHDIYKXZWHOKR',
  'TBU2RRGLXH3E5CQHTD3ODLDF2BWDCYUSSBLLZ5GNW7JXHDIYKXZWHXL7',
  'XBU2RRGLXH3E5CQHTD3ODLDF2BWDCYUSSBLLZ5GNW7JXHDIYKXZWGTOG',
  'PA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJUAAAAAQACAQDAQCQMBYIBEFAWDANBYHRAEISCMKBKFQXDAMRUGY4DUPB6IBZGM',
  'LA3D5KRYM6CB7OWQ6TWYRR3Z4T7GNZLKERYNZGGA5SOAOPIFY6YQGZ5J',
  'BAADMPVKHBTYIH522D2O3CGHPHSP4ZXFNISHBXEYYDWJYBZ5AXD3CA3GDE',
  'GA0QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ',
  'GA1QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ',
  'GA8QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ',
  'GA9QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ',
  'ga7qynf7sowq3glr2bgmzehxavirza4kvwltjjfc7mgxua74p7ujvsgz',
  'GA!QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ',
  'GA QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ',
  // A wrong checksum.
  'GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGA',
];

/** 56 bytes that are not UTF-8 (the reference decodes them lossily, then fails to parse). */
const INVALID_UTF8: readonly Uint8Array[] = [
  new Uint8Array(56).fill(0x80),
  Uint8Array.from({ length: 56 }, (_, i) => (i === 0 ? 0xc0 : i === 1 ? 0x80 : 0x47)),
  Uint8Array.from({ length: 56 }, (_, i) => (i === 0 ? 0xe0 : 0x41)),
];

const expectAllInvalid = (name: string): void => {
  for (const s of INVALID) {
    expectError(
      callHostFn(name, [str(s)]),
      ErrorType.Value,
      ErrorCode.InvalidInput,
      `${name}(String ${JSON.stringify(s)})`,
    );
    expectError(
      callHostFn(name, [bytesOfStr(s)]),
      ErrorType.Value,
      ErrorCode.InvalidInput,
      `${name}(Bytes ${JSON.stringify(s)})`,
    );
  }
  for (const b of INVALID_UTF8)
    expectError(
      callHostFn(name, [xdr.ScVal.scvBytes(b)]),
      ErrorType.Value,
      ErrorCode.InvalidInput,
      `${name}(non-UTF-8 bytes)`,
    );
  expectError(callHostFn(name, [xdr.ScVal.scvU32(1)]), ErrorType.Value, ErrorCode.UnexpectedType, `${name}(U32)`);
  expectError(callHostFn(name, [xdr.ScVal.scvVec([])]), ErrorType.Value, ErrorCode.UnexpectedType, `${name}(Vec)`);
  expectError(
    callHostFn(name, [xdr.ScVal.scvSymbol('G'.repeat(20))]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
    `${name}(Symbol object)`,
  );
};

test('address_to_strkey renders accounts as G and contracts as C strkeys (SEP-23 examples)', () => {
  expectValue(callHostFn('address_to_strkey', [account(PK)]), str(G), 'account');
  expectValue(callHostFn('address_to_strkey', [contractAddr(PK)]), str(C), 'contract');
});

test('address_to_strkey: anything but an AddressObject, a muxed address included, is Error(Value, InvalidInput)', () => {
  expectError(callHostFn('address_to_strkey', [muxed(PK, 1n)]), ErrorType.Value, ErrorCode.InvalidInput, 'muxed');
  expectError(callHostFn('address_to_strkey', [str(G)]), ErrorType.Value, ErrorCode.InvalidInput, 'string');
});

test('strkey_to_address parses G and C strkeys from Strings and Bytes', () => {
  expectValue(callHostFn('strkey_to_address', [str(G)]), account(PK), 'G string');
  expectValue(callHostFn('strkey_to_address', [bytesOfStr(G)]), account(PK), 'G bytes');
  expectValue(callHostFn('strkey_to_address', [str(C)]), contractAddr(PK), 'C string');
  expectValue(callHostFn('strkey_to_address', [bytesOfStr(C)]), contractAddr(PK), 'C bytes');
});

test('strkey_to_address rejects other strkeys, bad encodings and non-strings; M keys too', () => {
  expectAllInvalid('strkey_to_address');
  expectError(callHostFn('strkey_to_address', [str(M0)]), ErrorType.Value, ErrorCode.InvalidInput, 'M key');
});

test('get_address_from_muxed_address strips the id; get_id_from_muxed_address returns it as U64', () => {
  const key = new Uint8Array(32).fill(10);
  expectValue(callHostFn('get_address_from_muxed_address', [muxed(key, 123n)]), account(key), 'address');
  expectValue(callHostFn('get_id_from_muxed_address', [muxed(key, 123n)]), xdr.ScVal.scvU64(123n), 'id');
  expectValue(
    callHostFn('get_id_from_muxed_address', [muxed(key, 12345678901234567890n)]),
    xdr.ScVal.scvU64(12345678901234567890n),
    'large id',
  );
});

test('the muxed-address getters take only a MuxedAddressObject: Error(Value, InvalidInput) otherwise', () => {
  for (const name of ['get_address_from_muxed_address', 'get_id_from_muxed_address']) {
    expectError(callHostFn(name, [account(PK)]), ErrorType.Value, ErrorCode.InvalidInput, `${name}(account)`);
    expectError(callHostFn(name, [xdr.ScVal.scvVoid()]), ErrorType.Value, ErrorCode.InvalidInput, `${name}(Void)`);
  }
});

test('strkey_to_muxed_address: M keys give muxed addresses, G and C keys plain addresses', () => {
  expectValue(callHostFn('strkey_to_muxed_address', [str(M0)]), muxed(PK, 0n), 'M string');
  expectValue(callHostFn('strkey_to_muxed_address', [bytesOfStr(M0)]), muxed(PK, 0n), 'M bytes');
  expectValue(callHostFn('strkey_to_muxed_address', [str(G)]), account(PK), 'G');
  expectValue(callHostFn('strkey_to_muxed_address', [bytesOfStr(C)]), contractAddr(PK), 'C');
});

test('strkey_to_muxed_address rejects what strkey_to_address rejects, and malformed M keys', () => {
  expectAllInvalid('strkey_to_muxed_address');
  // The right length for an M key, but a broken checksum.
  expectError(
    callHostFn('strkey_to_muxed_address', [str(`${M0.slice(0, -1)}A`)]),
    ErrorType.Value,
    ErrorCode.InvalidInput,
    'M checksum',
  );
});

test('muxed_address_to_strkey renders muxed addresses as M strkeys, plain ones as G / C; round trips', () => {
  expectValue(callHostFn('muxed_address_to_strkey', [muxed(PK, 0n)]), str(M0), 'M id 0');
  expectValue(callHostFn('muxed_address_to_strkey', [account(PK)]), str(G), 'G');
  expectValue(callHostFn('muxed_address_to_strkey', [contractAddr(PK)]), str(C), 'C');
  const big = muxed(PK, 12345678901234567890n);
  const { outcome } = callHostFn('muxed_address_to_strkey', [big]);
  assert.ok(outcome.ok);
  expectValue(callHostFn('strkey_to_muxed_address', [outcome.value]), big, 'round trip');
});

test('muxed_address_to_strkey of a non-address is Error(Value, UnexpectedType)', () => {
  expectError(
    callHostFn('muxed_address_to_strkey', [xdr.ScVal.scvVoid()]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
    'Void',
  );
  expectError(
    callHostFn('muxed_address_to_strkey', [xdr.ScVal.scvVec([])]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
    'Vec',
  );
});
