// The host's per-frame pseudo-random generator. Not suitable for anything an adversary can gain
// from predicting: validators and simulators see the same seed.
import { prng_bytes_new, prng_reseed, prng_u64_in_inclusive_range, prng_vec_shuffle } from "./env";
import { Bytes, Bytes32 } from "./bytes";
import { Vec } from "./vec";
import { u32Val } from "./val";

export namespace prng {
  export function reseed(seed: Bytes32): void {
    prng_reseed(seed.raw);
  }

  export function bytes(length: u32): Bytes {
    return new Bytes(prng_bytes_new(u32Val(length)));
  }

  /** A uniformly distributed number in [lo, hi]. */
  export function u64InRange(lo: u64, hi: u64): u64 {
    return prng_u64_in_inclusive_range(lo, hi);
  }

  export function shuffle<T>(v: Vec<T>): Vec<T> {
    return new Vec<T>(prng_vec_shuffle(v.raw));
  }
}
