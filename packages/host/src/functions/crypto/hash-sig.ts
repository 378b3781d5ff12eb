/**
 * env.json module `crypto`: hashes and signatures (`soroban-env-host/src/crypto/mod.rs` and the
 * "crypto" region of `host.rs`). Signature checks are written against the curve primitives so that
 * they accept and reject exactly what the reference's libraries do (ed25519-dalek `verify_strict`,
 * k256 `recover_from_prehash`, p256 `verify_prehash`).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToNumberBE, bytesToNumberLE } from '@noble/curves/utils.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { CostType } from '../../budget/cost-type.ts';
import type { Host } from '../../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../../val/error.ts';
import { Tag } from '../../val/tag.ts';
import { VOID, toU32, type Val } from '../../val/val.ts';
import type { HostFnTable } from '../types.ts';

const bytesOf = (host: Host, v: Val): Uint8Array => host.get(v, Tag.BytesObject).bytes;

const newBytes = (host: Host, bytes: Uint8Array): Val => host.add({ tag: Tag.BytesObject, bytes });

const cryptoInvalid = (message: string) => hostError(ErrorType.Crypto, ErrorCode.InvalidInput, message);

/** `fixed_length_bytes_from_bytesobj_input`: a wrong length is `Error(Object, UnexpectedSize)`. */
export const fixedLength = (host: Host, v: Val, n: number, name: string): Uint8Array => {
  const bytes = bytesOf(host, v);
  if (bytes.length !== n)
    throw hostError(ErrorType.Object, ErrorCode.UnexpectedSize, `expected ${n} bytes for ${name}, got ${bytes.length}`);
  host.budget.charge(CostType.MemCpy, n);
  return bytes;
};

const hashInto = (host: Host, cost: CostType, hash: (b: Uint8Array) => Uint8Array, v: Val): Val => {
  const input = bytesOf(host, v);
  host.budget.charge(CostType.MemCpy, 32);
  host.budget.charge(cost, input.length);
  return newBytes(host, hash(input));
};

// ---- ed25519 ----

const EdPoint = ed25519.Point;
const ED_ORDER = EdPoint.Fn.ORDER;

/**
 * ed25519-dalek `VerifyingKey::from_bytes`: a 32-byte encoding that decompresses. Like dalek it takes
 * a non-canonical y and x = 0 with the sign bit set (noble's ZIP-215 decoding).
 */
const edDecompress = (bytes: Uint8Array): InstanceType<typeof EdPoint> | undefined => {
  try {
    return EdPoint.fromBytes(bytes, true);
  } catch {
    return undefined;
  }
};

/**
 * ed25519-dalek `verify_strict`: canonical s, R decompresses, neither R nor A of small order, and the
 * cofactorless equation [s]B - [k]A == R with k = SHA-512(R ‖ A ‖ M) over the given encodings.
 */
const verifyStrict = (key: Uint8Array, point: InstanceType<typeof EdPoint>, msg: Uint8Array, sig: Uint8Array): boolean => {
  const rBytes = sig.subarray(0, 32);
  const s = bytesToNumberLE(sig.subarray(32));
  if (s >= ED_ORDER) return false;
  const r = edDecompress(rBytes);
  if (!r || r.isSmallOrder() || point.isSmallOrder()) return false;
  const digest = sha512.create().update(rBytes).update(key).update(msg).digest();
  const k = bytesToNumberLE(digest) % ED_ORDER;
  const expected = EdPoint.BASE.multiplyUnsafe(s).subtract(point.multiplyUnsafe(k));
  return expected.equals(r);
};

const verifySigEd25519 = (host: Host, k: Val, x: Val, s: Val): Val => {
  const key = bytesOf(host, k);
  host.budget.charge(CostType.ComputeEd25519PubKey);
  if (key.length !== 32) throw cryptoInvalid(`invalid length of ed25519 public key: ${key.length}`);
  const point = edDecompress(key);
  if (!point) throw cryptoInvalid('invalid ed25519 public key');
  const sig = fixedLength(host, s, 64, 'sig');
  const msg = bytesOf(host, x);
  host.budget.charge(CostType.VerifyEd25519Sig, msg.length);
  if (!verifyStrict(key, point, msg, sig)) throw cryptoInvalid('failed ED25519 verification');
  return VOID;
};

// ---- ECDSA ----

interface Ecdsa {
  readonly r: bigint;
  readonly s: bigint;
}

/**
 * `ecdsa_signature_from_bytes`: 64 bytes r ‖ s, both in [1, n), and s in the low half (the
 * reference rejects `s.is_high()`, i.e. s > ⌊n/2⌋).
 */
const ecdsaSignature = (host: Host, v: Val, n: bigint): Ecdsa => {
  const bytes = bytesOf(host, v);
  host.budget.charge(CostType.DecodeEcdsaCurve256Sig);
  if (bytes.length !== 64) throw cryptoInvalid('invalid ECDSA signature length');
  const r = bytesToNumberBE(bytes.subarray(0, 32));
  const s = bytesToNumberBE(bytes.subarray(32));
  if (r === 0n || s === 0n || r >= n || s >= n) throw cryptoInvalid('invalid ECDSA signature');
  if (s > n >> 1n) throw cryptoInvalid("ECDSA signature 's' part is not normalized to low form");
  return { r, s };
};

const K1 = secp256k1.Point;
const K1_N = K1.Fn.ORDER;
const K1_P = K1.Fp.ORDER;

/** k256 `recover_from_prehash`: R from r (plus n for ids 2, 3) and the y parity, Q = r⁻¹(sR − zG). */
const recoverKeyEcdsaSecp256k1 = (host: Host, digest: Val, signature: Val, recoveryId: Val): Val => {
  const { r, s } = ecdsaSignature(host, signature, K1_N);
  const rid = toU32(recoveryId);
  if (rid > 3) throw cryptoInvalid(`invalid ECDSA-secp256k1 recovery ID ${rid}`);
  const hash = fixedLength(host, digest, 32, 'msg_digest');
  host.budget.charge(CostType.RecoverEcdsaSecp256k1Key);
  const fail = () => cryptoInvalid('ECDSA-secp256k1 signature recovery failed');
  const x = rid & 2 ? r + K1_N : r;
  if (x >= K1_P) throw fail();
  let big: InstanceType<typeof K1>;
  try {
    big = K1.fromBytes(Uint8Array.from([rid & 1 ? 3 : 2, ...K1.Fp.toBytes(x)]));
  } catch {
    throw fail();
  }
  const Fn = K1.Fn;
  const z = Fn.create(bytesToNumberBE(hash));
  const rInv = Fn.inv(r);
  const u1 = Fn.neg(Fn.mul(z, rInv));
  const u2 = Fn.mul(s, rInv);
  const q = K1.BASE.multiplyUnsafe(u1).add(big.multiplyUnsafe(u2));
  if (q.is0()) throw fail();
  return newBytes(host, q.toBytes(false));
};

const R1 = p256.Point;
const R1_N = R1.Fn.ORDER;

/** `secp256r1_decode_sec1_uncompressed_pubkey`: tag 0x04, 65 bytes, a point on the curve. */
const p256PublicKey = (host: Host, v: Val): InstanceType<typeof R1> => {
  const bytes = bytesOf(host, v);
  host.budget.charge(CostType.Sec1DecodePointUncompressed);
  if (bytes.length !== 65 || bytes[0] !== 4) throw cryptoInvalid('invalid ECDSA public key');
  try {
    return R1.fromBytes(bytes);
  } catch {
    throw cryptoInvalid('invalid ECDSA public key');
  }
};

/** p256 `verify_prehash`: x(u1·G + u2·Q) ≡ r (mod n) with u1 = z/s, u2 = r/s. */
const verifySigEcdsaSecp256r1 = (host: Host, publicKey: Val, digest: Val, signature: Val): Val => {
  const q = p256PublicKey(host, publicKey);
  const { r, s } = ecdsaSignature(host, signature, R1_N);
  const hash = fixedLength(host, digest, 32, 'msg_digest');
  host.budget.charge(CostType.VerifyEcdsaSecp256r1Sig);
  const Fn = R1.Fn;
  const sInv = Fn.inv(s);
  const point = R1.BASE.multiplyUnsafe(Fn.mul(Fn.create(bytesToNumberBE(hash)), sInv)).add(q.multiplyUnsafe(Fn.mul(r, sInv)));
  if (point.is0() || Fn.create(point.toAffine().x) !== r) throw cryptoInvalid('failed secp256r1 verification');
  return VOID;
};

export const hashSigFunctions: HostFnTable = {
  compute_hash_sha256: (host, x) => hashInto(host, CostType.ComputeSha256Hash, sha256, x),
  compute_hash_keccak256: (host, x) => hashInto(host, CostType.ComputeKeccak256Hash, keccak_256, x),
  verify_sig_ed25519: verifySigEd25519,
  recover_key_ecdsa_secp256k1: recoverKeyEcdsaSecp256k1,
  verify_sig_ecdsa_secp256r1: verifySigEcdsaSecp256r1,
};
