/**
 * The host PRNG: ChaCha20 keyed by a 32-byte seed with a 64-bit block counter and stream 0, words
 * drawn little-endian, as `rand_chacha::ChaCha20Rng` used by the reference
 * (`soroban-env-host/src/host/prng.rs`). Deterministic: seeded from the transaction, never from
 * the clock or `Math.random`.
 */
const SIGMA = [0x61707865, 0x3320646e, 0x79622d32, 0x6b206574];

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

  constructor(seed: Uint8Array) {
    if (seed.length !== 32) throw new Error('PRNG seed must be 32 bytes');
    const view = new DataView(seed.buffer, seed.byteOffset, 32);
    this.key = Uint32Array.from({ length: 8 }, (_, i) => view.getUint32(i * 4, true));
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

  nextU64(): bigint {
    const lo = BigInt(this.nextU32());
    const hi = BigInt(this.nextU32());
    return (hi << 32n) | lo;
  }

  fillBytes(out: Uint8Array): void {
    for (let i = 0; i < out.length; i += 4) {
      const w = this.nextU32();
      for (let j = 0; j < 4 && i + j < out.length; j++) out[i + j] = (w >>> (8 * j)) & 0xff;
    }
  }

  /** A uniform value in `[lo, hi]` by widening multiply with rejection (no modulo bias). */
  u64InInclusiveRange(lo: bigint, hi: bigint): bigint {
    const range = (hi - lo + 1n) & 0xffffffffffffffffn;
    if (range === 0n) return this.nextU64();
    const max = 0xffffffffffffffffn;
    const zone = max - ((max - range + 1n) % range);
    for (;;) {
      const v = this.nextU64();
      const wide = v * range;
      if ((wide & max) <= zone) return lo + (wide >> 64n);
    }
  }

  /** Fisher–Yates from the end, as `SliceRandom::shuffle`. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Number(this.u64InInclusiveRange(0n, BigInt(i)));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** A child PRNG seeded from this one's output, as each frame's PRNG is from the base. */
  sub(): Prng {
    const seed = new Uint8Array(32);
    this.fillBytes(seed);
    return new Prng(seed);
  }
}
