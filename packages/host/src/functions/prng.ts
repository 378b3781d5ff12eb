/**
 * env.json module `prng`: the frame-local PRNG (`soroban-env-host/src/host.rs`, `host/prng.rs`).
 * Each frame gets its PRNG lazily, keyed from the base PRNG on its first use, so a callee's
 * stream can be neither chosen nor observed by its caller.
 */
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { Prng, SEED_BYTES } from '../host/prng.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, toU32, type Val } from '../val/val.ts';
import type { HostFnTable } from './types.ts';

/** `with_current_prng`: the frame's PRNG, created from the base one (charged) on first use. */
const framePrng = (host: Host): Prng => {
  const frame = host.currentFrame();
  if (!frame.prng) {
    host.budget.charge(CostType.ChaCha20DrawBytes, SEED_BYTES);
    frame.prng = host.basePrng.sub();
    host.budget.charge(CostType.MemCpy, SEED_BYTES);
  }
  return frame.prng;
};

const prng_reseed = (host: Host, seed: Val): Val => {
  const bytes = host.get(seed, Tag.BytesObject).bytes;
  host.budget.charge(CostType.MemCpy, SEED_BYTES);
  if (bytes.length !== SEED_BYTES)
    throw hostError(
      ErrorType.Value,
      ErrorCode.UnexpectedSize,
      'Unexpected size of BytesObject in prng_reseed',
      bytes.length,
    );
  // The reference replaces the frame PRNG inside `with_current_prng`, so a frame without one
  // still draws a sub-seed from the base PRNG first: the base stream advances either way.
  const frame = host.currentFrame();
  framePrng(host);
  frame.prng = Prng.fromSeed(bytes, host.budget);
  return VOID;
};

const prng_bytes_new = (host: Host, length: Val): Val => {
  const prng = framePrng(host);
  const len = toU32(length);
  host.budget.charge(CostType.MemAlloc, len);
  host.budget.charge(CostType.MemCpy, len);
  host.budget.charge(CostType.ChaCha20DrawBytes, len);
  const bytes = new Uint8Array(len);
  prng.fillBytes(bytes);
  return host.add({ tag: Tag.BytesObject, bytes });
};

const prng_u64_in_inclusive_range = (host: Host, lo: Val, hi: Val): Val => {
  const prng = framePrng(host);
  if (lo > hi)
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, 'prng_u64_in_inclusive_range: lo > hi');
  // Rejection sampling usually draws once; the reference charges for two u64 draws.
  host.budget.charge(CostType.ChaCha20DrawBytes, 16);
  return prng.u64InInclusiveRange(lo, hi);
};

const prng_vec_shuffle = (host: Host, vec: Val): Val => {
  const prng = framePrng(host);
  const items = [...host.get(vec, Tag.VecObject).items];
  host.budget.charge(CostType.MemCpy, items.length * 8);
  // Charged as 16 drawn bytes and one swap per element, like the reference.
  host.budget.charge(CostType.ChaCha20DrawBytes, 16 * items.length);
  host.budget.charge(CostType.MemCpy, items.length);
  return host.add({ tag: Tag.VecObject, items: prng.shuffle(items) });
};

export const prngFunctions: HostFnTable = {
  prng_reseed,
  prng_bytes_new,
  prng_u64_in_inclusive_range,
  prng_vec_shuffle,
};
