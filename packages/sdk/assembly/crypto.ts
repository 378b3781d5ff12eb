// Hashes and signature checks (the host's crypto module). Verification failures fail the
// invocation; they do not return false.
import {
  compute_hash_keccak256,
  compute_hash_sha256,
  recover_key_ecdsa_secp256k1,
  verify_sig_ecdsa_secp256r1,
  verify_sig_ed25519,
} from "./env";
import { Bytes, Bytes32, Bytes64, Bytes65, BytesBase } from "./bytes";
import { u32Val } from "./val";

export namespace crypto {
  export function sha256(data: BytesBase): Bytes32 {
    return new Bytes32(compute_hash_sha256(data.raw));
  }

  export function keccak256(data: BytesBase): Bytes32 {
    return new Bytes32(compute_hash_keccak256(data.raw));
  }

  /** Verifies an ed25519 signature of `message` (fails the invocation when invalid). */
  export function verifyEd25519(publicKey: Bytes32, message: BytesBase, signature: Bytes64): void {
    verify_sig_ed25519(publicKey.raw, message.raw, signature.raw);
  }

  /** Recovers the SEC-1 uncompressed secp256k1 public key that signed `digest`. */
  export function recoverSecp256k1(digest: Bytes32, signature: Bytes64, recoveryId: u32): Bytes65 {
    return new Bytes65(recover_key_ecdsa_secp256k1(digest.raw, signature.raw, u32Val(recoveryId)));
  }

  /** Verifies a secp256r1 (P-256) signature of `digest` (fails the invocation when invalid). */
  export function verifySecp256r1(publicKey: Bytes65, digest: Bytes32, signature: Bytes64): void {
    verify_sig_ecdsa_secp256r1(publicKey.raw, digest.raw, signature.raw);
  }

  /** Reinterprets hash output as plain Bytes. */
  export function asBytes(b: Bytes32): Bytes {
    return new Bytes(b.raw);
  }
}
