/**
 * The host PRNG, bit for bit the reference's (`soroban-env-host/src/host/prng.rs`, rand 0.8.5 and
 * rand_chacha 0.3.1): ChaCha20 keyed by a 32-byte seed with a 64-bit block counter and stream 0,
 * drawn as little-endian u32 words. Deterministic: seeded from the transaction, never from the
 * clock or `Math.random`.
 *
 * Seeding: the base PRNG and every reseed go through `Prng.fromSeed` (HMAC unbiasing); a frame's
 * PRNG is `base.sub()`, keyed directly by 32 drawn bytes.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { Budget } from '../budget/budget.ts';
import { CostType } from '../budget/cost-type.ts';

export const SEED_BYTES = 32;

/**
 * HMAC key for seed unbiasing: the Stellar public network id, sha256("Public Global Stellar
 * Network ; September 2015"). Fixed by the protocol (`crypto/mod.rs`, `unbias_prng_seed`).
 */
const UNBIAS_SALT = Uint8Array.from(
  '7ac33997544e3175d266bd022439b22cdb16508c01163f26e5cb2a3e1045a979'
    .match(/../g)!
    .map((h) => parseInt(h, 16)),
);

const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];
const U64_MAX = (1n << 64n) - 1n;

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

const quarter = (s: Uint32Array, a: number, b: number, c: number, d: number): void => {
  s[a] = (s[a] + s[b]) | 0;
  s[d] = rotl(s[d] ^ s[a], 16);
  s[c] = (s[c] + s[d]) | 0;
  s[b] = rotl(s[b] ^ s[c], 12);
  s[a] = (s[a] + s[b]) | 0;
  s[d] = rotl(s[d] ^ s[a], 8);
  s[c] = (s[c] + s[d]) | 0;
  s[b] = rotl(s[b] ^ s[c], 7);
};

export class Prng {
  private readonly key: Uint32Array;
  private counter = 0n;
  private readonly block = new Uint32Array(16);
  /** Next unread word of `block`; 16 means empty. */
  private index = 16;

  /** A stream keyed by exactly `key` (`ChaCha20Rng::from_seed`, no unbiasing). */
  constructor(key: Uint8Array) {
    if (key.length !== SEED_BYTES) throw new Error(`PRNG seed must be ${SEED_BYTES} bytes`);
    const view = new DataView(key.buffer, key.byteOffset, SEED_BYTES);
    this.key = Uint32Array.from({ length: 8 }, (_, i) => view.getUint32(i * 4, true));
  }

  /**
   * `Prng::new_from_seed`: a user- or embedder-provided seed may be biased (all zeros, say), so it
   * is first run through HMAC-SHA256 keyed by a fixed uniform salt, charged as two 64-byte SHA-256
   * runs like the reference (the caller may have charged them already: pass no budget then).
   */
  static fromSeed(seed: Uint8Array, budget?: Budget): Prng {
    budget?.charge(CostType.ComputeSha256Hash, 64, 2);
    return new Prng(hmac(sha256, UNBIAS_SALT, seed));
  }

  /**
   * The host's base PRNG (`set_base_prng_seed`). The reference always draws two unmetered 32-byte
   * sub-seeds right away (for the recording-auth nonce PRNG and the test PRNG), whatever the
   * build, so frame PRNGs start 64 bytes into the base stream.
   */
  static base(seed: Uint8Array, budget?: Budget): Prng {
    const prng = Prng.fromSeed(seed, budget);
    prng.fillBytes(new Uint8Array(2 * SEED_BYTES));
    return prng;
  }

  private refill(): void {
    const input = new Uint32Array(16);
    input.set(SIGMA, 0);
    input.set(this.key, 4);
    input[12] = Number(this.counter & 0xffffffffn);
    input[13] = Number(this.counter >> 32n);
    const s = input.slice();
    for (let i = 0; i < 10; i++) {
      quarter(s, 0, 4, 8, 12);
      quarter(s, 1, 5, 9, 13);
      quarter(s, 2, 6, 10, 14);
      quarter(s, 3, 7, 11, 15);
      quarter(s, 0, 5, 10, 15);
      quarter(s, 1, 6, 11, 12);
      quarter(s, 2, 7, 8, 13);
      quarter(s, 3, 4, 9, 14);
    }
    for (let i = 0; i < 16; i++) this.block[i] = (s[i] + input[i]) >>> 0;
    this.counter++;
    this.index = 0;
  }

  nextU32(): number {
    if (this.index >= 16) this.refill();
    return this.block[this.index++];
  }

  /** Two words, low first (rand_core `BlockRng::next_u64`, also across a block boundary). */
  nextU64(): bigint {
    const lo = BigInt(this.nextU32());
    const hi = BigInt(this.nextU32());
    return (hi << 32n) | lo;
  }

  /** Whole words are consumed: the unused tail of the last word is dropped (`fill_via_u32_chunks`). */
  fillBytes(out: Uint8Array): void {
    for (let i = 0; i < out.length; i += 4) {
      const w = this.nextU32();
      for (let j = 0; j < 4 && i + j < out.length; j++) out[i + j] = (w >>> (8 * j)) & 0xff;
    }
  }

  /**
   * A uniform value in `[lo, hi]` (`lo <= hi`): rand's `Uniform::<u64>::new_inclusive` then
   * `sample`, widening multiply with rejection over the exact zone. A full range is a plain draw.
   */
  u64InInclusiveRange(lo: bigint, hi: bigint): bigint {
    const range = (hi - lo + 1n) & U64_MAX;
    if (range === 0n) return this.nextU64();
    const zone = U64_MAX - ((U64_MAX - range + 1n) % range);
    for (;;) {
      const wide = this.nextU64() * range;
      if ((wide & U64_MAX) <= zone) return lo + (wide >> 64n);
    }
  }

  /**
   * A uniform index in `[0, n)` for `0 < n <= 2^32 - 1`: rand's `gen_index`, i.e.
   * `UniformInt::<u32>::sample_single`, whose rejection zone is the fast approximation.
   */
  indexBelow(n: number): number {
    const range = n >>> 0;
    const zone = ((range << Math.clz32(range)) >>> 0) - 1;
    for (;;) {
      const m = BigInt(this.nextU32()) * BigInt(range);
      if (Number(m & 0xffffffffn) <= zone) return Number(m >> 32n);
    }
  }

  /** Fisher–Yates from the end, in place (`SliceRandom::shuffle`). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.indexBelow(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A child PRNG keyed by 32 bytes of this one's output (`sub_prng`: no unbiasing). */
  sub(): Prng {
    const seed = new Uint8Array(SEED_BYTES);
    this.fillBytes(seed);
    return new Prng(seed);
  }
}
