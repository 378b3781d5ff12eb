/**
 * Signature checking as stellar-core's `SignatureChecker` does it: signers weigh in until the
 * needed weight is reached (pre-authorized transaction hashes, then hash(x) preimages, then ed25519
 * keys, then ed25519 signed payloads), each signature counts for at most one signer of a check, and
 * every signature must have been used by some check (`checkAllSignaturesUsed`). Ed25519 is verified
 * with Node's native implementation.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { xdr } from '@stellar/stellar-sdk';
import { sha256 } from '../ledger/keys.ts';
import type { SignatureWire } from './frame.ts';

export interface Signer {
  readonly key: xdr.SignerKeyWire;
  readonly weight: number;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const publicKeys = new Map<string, KeyObject>();

const publicKeyObject = (raw: Uint8Array): KeyObject => {
  const id = Buffer.from(raw).toString('latin1');
  let key = publicKeys.get(id);
  if (!key) {
    if (publicKeys.size > 10_000) publicKeys.clear();
    key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    publicKeys.set(id, key);
  }
  return key;
};

export const verifyEd25519 = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean => {
  if (signature.length !== 64) return false;
  try {
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
};

const hintMatches = (hint: Uint8Array, key: Uint8Array): boolean => {
  const tail = key.subarray(key.length - 4);
  return hint.length === 4 && hint.every((b, i) => b === tail[i]);
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The hint of a signed-payload signer: the key's last 4 bytes xor the payload's (zero-padded). */
const signedPayloadHint = (publicKey: Uint8Array, payload: Uint8Array): Uint8Array => {
  const padded = new Uint8Array(Math.max(4, payload.length));
  padded.set(payload);
  const tail = padded.subarray(padded.length - 4);
  return publicKey.subarray(28).map((b, i) => b ^ tail[i]);
};

const capWeight = (w: number): number => Math.min(w, 255);

export class SignatureChecker {
  private readonly used: boolean[];

  /** `cache` keeps ed25519 results across checkers of the same envelope (submit, then apply). */
  constructor(
    private readonly contentsHash: Uint8Array,
    private readonly signatures: readonly SignatureWire[],
    private readonly cache: Map<string, boolean>,
  ) {
    this.used = signatures.map(() => false);
  }

  private ed25519(index: number, publicKey: Uint8Array, message: Uint8Array): boolean {
    const sig = this.signatures[index];
    const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
    const id = `${index}:${latin1(publicKey)}:${message === this.contentsHash ? '' : latin1(message)}`;
    let ok = this.cache.get(id);
    if (ok === undefined) {
      ok = verifyEd25519(publicKey, message, sig.signature);
      this.cache.set(id, ok);
    }
    return ok;
  }

  private matches(index: number, key: xdr.SignerKeyWire): boolean {
    const sig = this.signatures[index];
    switch (key.type) {
      case 2:
        return hintMatches(sig.hint, key.hashX) && sameBytes(sha256(sig.signature), key.hashX);
      case 0:
        return hintMatches(sig.hint, key.ed25519) && this.ed25519(index, key.ed25519, this.contentsHash);
      case 3: {
        const { ed25519, payload } = key.ed25519SignedPayload;
        return sameBytes(sig.hint, signedPayloadHint(ed25519, payload)) && this.ed25519(index, ed25519, payload);
      }
      default:
        return false;
    }
  }

  /** True when the signers' weight reaches `neededWeight` (at least one signer must count). */
  check(signers: readonly Signer[], neededWeight: number): boolean {
    let total = 0;
    for (const s of signers) {
      if (s.key.type === 1 && sameBytes(s.key.preAuthTx, this.contentsHash)) {
        total += capWeight(s.weight);
        if (total >= neededWeight) return true;
      }
    }
    for (const type of [2, 0, 3]) {
      const remaining = signers.filter((s) => s.key.type === type);
      for (let i = 0; i < this.signatures.length; i++) {
        const at = remaining.findIndex((s) => this.matches(i, s.key));
        if (at < 0) continue;
        this.used[i] = true;
        total += capWeight(remaining[at].weight);
        if (total >= neededWeight) return true;
        remaining.splice(at, 1);
      }
    }
    return false;
  }

  allUsed(): boolean {
    return this.used.every(Boolean);
  }
}
