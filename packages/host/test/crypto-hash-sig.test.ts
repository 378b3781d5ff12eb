// env.json module `crypto`: SHA-256, Keccak-256, ed25519, ECDSA secp256k1 recovery and secp256r1
// verification, through real Wasm, with published known-answer vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr } from '@stellar/stellar-sdk';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { CostType, ErrorCode, ErrorType, type InvokeResult } from '../src/index.ts';
import { callHostFn, charged, expectError, expectValue } from './support/outcome.ts';

const bytes = (hex: string) => xdr.ScVal.scvBytes(hexToBytes(hex));
const raw = (b: Uint8Array) => xdr.ScVal.scvBytes(b);
const u32 = (n: number) => xdr.ScVal.scvU32(n);

const expectBytes = ({ outcome: o }: InvokeResult, hex: string, what: string): void => {
  assert.ok(o.ok, `${what}: ${o.ok ? '' : o.message}`);
  assert.equal(bytesToHex(bytesOf(o.value)), hex, what);
};
const bytesOf = (v: xdr.ScVal): Uint8Array => {
  assert.equal(v.type, 'scvBytes');
  return (v.toXdrObject() as { bytes: Uint8Array }).bytes;
};
const expectVoid = (r: InvokeResult, what: string): void => expectValue(r, xdr.ScVal.scvVoid(), what);

test('compute_hash_sha256: FIPS 180-2 vectors, charged by input length', () => {
  const abc = new TextEncoder().encode('abc');
  const r = callHostFn('compute_hash_sha256', [raw(abc)]);
  expectBytes(r, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 'sha256("abc")');
  assert.ok(charged(r, CostType.ComputeSha256Hash));
  expectBytes(callHostFn('compute_hash_sha256', [raw(new Uint8Array())]), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'sha256("")');
  const million = new Uint8Array(1_000_000).fill(0x61);
  expectBytes(callHostFn('compute_hash_sha256', [raw(million)]), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0', "sha256(10^6 × 'a')");
});

test('compute_hash_sha256: a non-Bytes argument is rejected by the dispatcher', () => {
  expectError(callHostFn('compute_hash_sha256', [u32(1)]), ErrorType.Value, ErrorCode.InvalidInput, 'u32 argument');
});

test('compute_hash_keccak256: Keccak (not SHA-3) vectors', () => {
  const r = callHostFn('compute_hash_keccak256', [raw(new Uint8Array())]);
  expectBytes(r, 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470', 'keccak256("")');
  assert.ok(charged(r, CostType.ComputeKeccak256Hash));
  expectBytes(
    callHostFn('compute_hash_keccak256', [raw(new TextEncoder().encode('test vector for soroban'))]),
    '352fe2eaddf44eb02eb3eab1f8d6ff4ba426df4f1734b1e3f210d621ee8853d9',
    'soroban SDK vector',
  );
  expectError(callHostFn('compute_hash_keccak256', [u32(1)]), ErrorType.Value, ErrorCode.InvalidInput, 'u32 argument');
});

// RFC 8032 §7.1, tests 1 and 2.
const ED1 = {
  pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  msg: '',
  sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};
const ED2 = {
  pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  msg: '72',
  sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
};
const ED_L = (1n << 252n) + 27742317777372353535851937790883648493n;
const verifyEd = (pk: string, msg: string, sig: string) => callHostFn('verify_sig_ed25519', [bytes(pk), bytes(msg), bytes(sig)]);

test('verify_sig_ed25519: RFC 8032 signatures verify', () => {
  const r = verifyEd(ED1.pk, ED1.msg, ED1.sig);
  expectVoid(r, 'RFC 8032 test 1');
  assert.ok(charged(r, CostType.VerifyEd25519Sig) && charged(r, CostType.ComputeEd25519PubKey));
  expectVoid(verifyEd(ED2.pk, ED2.msg, ED2.sig), 'RFC 8032 test 2');
});

test('verify_sig_ed25519: malformed inputs and failed verification', () => {
  const Crypto = ErrorType.Crypto;
  const Obj = ErrorType.Object;
  expectError(verifyEd(ED2.pk, '73', ED2.sig), Crypto, ErrorCode.InvalidInput, 'other message');
  expectError(verifyEd(ED1.pk, ED2.msg, ED2.sig), Crypto, ErrorCode.InvalidInput, 'other key');
  expectError(verifyEd(ED2.pk.slice(2), ED2.msg, ED2.sig), Crypto, ErrorCode.InvalidInput, '31-byte key');
  expectError(verifyEd(`${ED2.pk}00`, ED2.msg, ED2.sig), Crypto, ErrorCode.InvalidInput, '33-byte key');
  // y = 2 is not the y coordinate of any point: the key does not decompress.
  expectError(verifyEd(`02${'00'.repeat(31)}`, ED2.msg, ED2.sig), Crypto, ErrorCode.InvalidInput, 'key off the curve');
  expectError(verifyEd(ED2.pk, ED2.msg, ED2.sig.slice(2)), Obj, ErrorCode.UnexpectedSize, '63-byte signature');
  expectError(verifyEd(ED2.pk, ED2.msg, `${ED2.sig}00`), Obj, ErrorCode.UnexpectedSize, '65-byte signature');
  // Key length is checked before signature length.
  expectError(verifyEd(ED2.pk.slice(2), ED2.msg, ED2.sig.slice(2)), Crypto, ErrorCode.InvalidInput, 'both wrong');
});

test('verify_sig_ed25519: strict verification rejects a non-canonical s and a small-order key', () => {
  // s + l satisfies the group equation but is not canonical (ed25519-dalek rejects it).
  const sigBytes = hexToBytes(ED1.sig);
  let s = 0n;
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sigBytes[i]);
  s += ED_L;
  for (let i = 32; i < 64; i++, s >>= 8n) sigBytes[i] = Number(s & 0xffn);
  expectError(verifyEd(ED1.pk, ED1.msg, bytesToHex(sigBytes)), ErrorType.Crypto, ErrorCode.InvalidInput, 'non-canonical s');
  // The identity as public key with R = identity and s = 0: [0]B = R + [k]A holds, but A has small order.
  const identity = `01${'00'.repeat(31)}`;
  expectError(verifyEd(identity, '61', `${identity}${'00'.repeat(32)}`), ErrorType.Crypto, ErrorCode.InvalidInput, 'small-order key');
});

// go-ethereum crypto/secp256k1 test vector (recovery id 1).
const K1_MSG = 'ce0677bb30baa8cf067c88db9811f4333d131bf8bcf12fe7065d211dce971008';
const K1_SIG = '90f27b8b488db00b00606796d2987f6a5f59ae62ea05effe84fef5b8b0e549984a691139ad57a3f0b906637673aa2f63d1f55cb1a69199d4009eea23ceaddc93';
const K1_PUB =
  '04e32df42865e97135acfb65f3bae71bdc86f4d49150ad6a440b6f15878109880a0a2b2667f7e725ceea70c673093bf67663e0312623c8e091b13cf2c0f11ef652';
const K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const hex32 = (x: bigint) => x.toString(16).padStart(64, '0');
const recover = (msg: string, sig: string, rid: number) => callHostFn('recover_key_ecdsa_secp256k1', [bytes(msg), bytes(sig), u32(rid)]);

test('recover_key_ecdsa_secp256k1: recovers the 65-byte SEC-1 key', () => {
  const r = recover(K1_MSG, K1_SIG, 1);
  expectBytes(r, K1_PUB, 'go-ethereum vector');
  assert.ok(charged(r, CostType.RecoverEcdsaSecp256k1Key) && charged(r, CostType.DecodeEcdsaCurve256Sig));
  // The other parity gives another key.
  const other = recover(K1_MSG, K1_SIG, 0);
  assert.ok(other.outcome.ok && bytesToHex(bytesOf(other.outcome.value)) !== K1_PUB);
  // Signatures from a fresh key, for both parities.
  for (let i = 1; i <= 4; i++) {
    const sk = sha256(new Uint8Array([i]));
    const digest = sha256(new Uint8Array([i, i]));
    const sig = secp256k1.sign(digest, sk, { prehash: false, format: 'recovered' });
    const expected = bytesToHex(secp256k1.getPublicKey(sk, false));
    expectBytes(recover(bytesToHex(digest), bytesToHex(sig.subarray(1)), sig[0]), expected, `key ${i}`);
  }
});

test('recover_key_ecdsa_secp256k1: signature, recovery id and digest checks', () => {
  const Crypto = ErrorType.Crypto;
  const Obj = ErrorType.Object;
  const r = K1_SIG.slice(0, 64);
  const s = BigInt(`0x${K1_SIG.slice(64)}`);
  expectError(recover(K1_MSG, `${r}${hex32(K1_N - s)}`, 1), Crypto, ErrorCode.InvalidInput, 'high s');
  expectError(recover(K1_MSG, `${hex32(0n)}${hex32(s)}`, 1), Crypto, ErrorCode.InvalidInput, 'r = 0');
  expectError(recover(K1_MSG, `${r}${hex32(0n)}`, 1), Crypto, ErrorCode.InvalidInput, 's = 0');
  expectError(recover(K1_MSG, `${hex32(K1_N)}${hex32(s)}`, 1), Crypto, ErrorCode.InvalidInput, 'r = n');
  expectError(recover(K1_MSG, K1_SIG.slice(2), 1), Crypto, ErrorCode.InvalidInput, '63-byte signature');
  expectError(recover(K1_MSG, K1_SIG, 4), Crypto, ErrorCode.InvalidInput, 'recovery id 4');
  // r + n is above the field modulus for this r: ids 2 and 3 cannot recover.
  expectError(recover(K1_MSG, K1_SIG, 2), Crypto, ErrorCode.InvalidInput, 'recovery id 2');
  expectError(recover(K1_MSG, K1_SIG, 3), Crypto, ErrorCode.InvalidInput, 'recovery id 3');
  expectError(recover(K1_MSG.slice(2), K1_SIG, 1), Obj, ErrorCode.UnexpectedSize, '31-byte digest');
  // x = 5 is not the x coordinate of any secp256k1 point.
  expectError(recover(K1_MSG, `${hex32(5n)}${hex32(s)}`, 0), Crypto, ErrorCode.InvalidInput, 'r not an x coordinate');
  // The signature is checked before the recovery id and the digest.
  expectError(recover(K1_MSG.slice(2), K1_SIG.slice(2), 9), Crypto, ErrorCode.InvalidInput, 'all wrong');
});

// RFC 6979 §A.2.5: P-256 with SHA-256, message "sample". Its s is in the high half.
const R1_PUB =
  '0460fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb67903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
const R1_R = 'efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716';
const R1_S = 0xf7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8n;
const R1_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const R1_DIGEST = bytesToHex(sha256(new TextEncoder().encode('sample')));
const R1_LOW_SIG = `${R1_R}${hex32(R1_N - R1_S)}`;
const verifyR1 = (pk: string, digest: string, sig: string) => callHostFn('verify_sig_ecdsa_secp256r1', [bytes(pk), bytes(digest), bytes(sig)]);

test('verify_sig_ecdsa_secp256r1: the RFC 6979 signature, normalized to low s, verifies', () => {
  const r = verifyR1(R1_PUB, R1_DIGEST, R1_LOW_SIG);
  expectVoid(r, 'RFC 6979 A.2.5');
  assert.ok(charged(r, CostType.VerifyEcdsaSecp256r1Sig) && charged(r, CostType.Sec1DecodePointUncompressed));
});

test('verify_sig_ecdsa_secp256r1: malformed keys, signatures and digests', () => {
  const Crypto = ErrorType.Crypto;
  const Obj = ErrorType.Object;
  expectError(verifyR1(R1_PUB, R1_DIGEST, `${R1_R}${hex32(R1_S)}`), Crypto, ErrorCode.InvalidInput, 'high s');
  const otherDigest = bytesToHex(sha256(new TextEncoder().encode('test')));
  expectError(verifyR1(R1_PUB, otherDigest, R1_LOW_SIG), Crypto, ErrorCode.InvalidInput, 'other digest');
  expectError(verifyR1(`02${R1_PUB.slice(2, 66)}`, R1_DIGEST, R1_LOW_SIG), Crypto, ErrorCode.InvalidInput, 'compressed key');
  expectError(verifyR1(R1_PUB.slice(0, -2), R1_DIGEST, R1_LOW_SIG), Crypto, ErrorCode.InvalidInput, '64-byte key');
  expectError(verifyR1(`${R1_PUB.slice(0, -2)}00`, R1_DIGEST, R1_LOW_SIG), Crypto, ErrorCode.InvalidInput, 'key off the curve');
  expectError(verifyR1('', R1_DIGEST, R1_LOW_SIG), Crypto, ErrorCode.InvalidInput, 'empty key');
  expectError(verifyR1(R1_PUB, R1_DIGEST, R1_LOW_SIG.slice(2)), Crypto, ErrorCode.InvalidInput, '63-byte signature');
  expectError(verifyR1(R1_PUB, `${R1_DIGEST}00`, R1_LOW_SIG), Obj, ErrorCode.UnexpectedSize, '33-byte digest');
  // The key is checked first, then the signature, then the digest.
  expectError(verifyR1(R1_PUB, `${R1_DIGEST}00`, R1_LOW_SIG.slice(2)), Crypto, ErrorCode.InvalidInput, 'signature before digest');
});
