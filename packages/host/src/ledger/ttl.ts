/**
 * TTL rules (`Storage::extend_ttl` in `soroban-env-host/src/storage.rs`, CAP-78 for the `_v2`
 * forms). TTL = live_until - current ledger. An extension never lowers a live-until; past the
 * maximum (`seq + max_entry_ttl - 1`) a persistent entry is clamped and a temporary one fails.
 */
import type { Host } from '../host/host.ts';
import { maxLiveUntilLedger } from '../host/ledger-info.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { checkSupportedKey, durabilityOf, PERSISTENT, TEMPORARY, type Durability, type LedgerKeyWire } from './keys.ts';
import type { Storage } from './storage.ts';

const U32_MAX = 0xffffffff;

/** A ledger number that overflows u32 means a misconfigured network: an internal error. */
const checkedLedger = (n: number, what: string): number => {
  if (n > U32_MAX) throw hostError(ErrorType.Context, ErrorCode.InternalError, `${what} overflows u32`);
  return n;
};

/** Live-until of an entry created now: `seq + min_ttl - 1`. */
export const minLiveUntilLedger = (host: Host, durability: Durability): number => {
  const l = host.ledger;
  const minTtl = durability === TEMPORARY ? l.minTemporaryTtl : l.minPersistentTtl;
  return checkedLedger(l.sequenceNumber + minTtl - 1, 'minimum live-until ledger');
};

export const maxLiveUntil = (host: Host): number => checkedLedger(maxLiveUntilLedger(host.ledger), 'maximum live-until ledger');

/** The live-until `extend_to` asks for, clamped for persistent entries, refused for temporary ones. */
const targetLiveUntil = (host: Host, key: LedgerKeyWire, extendTo: number): number => {
  const wanted = checkedLedger(host.ledger.sequenceNumber + extendTo, 'extended live-until ledger');
  const max = maxLiveUntil(host);
  if (wanted <= max) return wanted;
  const durability = durabilityOf(key);
  if (durability === PERSISTENT) return max;
  if (durability === TEMPORARY)
    throw hostError(ErrorType.Storage, ErrorCode.InvalidAction, `trying to extend past max live_until ledger ${max}`, wanted);
  throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'durability is missing');
};

/** The entry's current live-until; extending a missing entry fails with the read's error. */
const currentLiveUntil = (host: Host, storage: Storage, key: LedgerKeyWire): number => {
  const { liveUntil } = storage.get(host, key);
  if (liveUntil === undefined) throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'trying to extend invalid entry');
  if (liveUntil < host.ledger.sequenceNumber)
    throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'accessing no-longer-live entry');
  return liveUntil;
};

/** `extend_ttl(threshold, extend_to)`: to `seq + extend_to`, if the TTL is at most `threshold`. */
export const extendTtl = (host: Host, storage: Storage, key: LedgerKeyWire, threshold: number, extendTo: number): void => {
  checkSupportedKey(key);
  if (threshold > extendTo)
    throw hostError(ErrorType.Storage, ErrorCode.InvalidInput, 'threshold must be <= extend_to', threshold, extendTo);
  const old = currentLiveUntil(host, storage, key);
  const target = targetLiveUntil(host, key, extendTo);
  if (target > old && old - host.ledger.sequenceNumber <= threshold) storage.setLiveUntil(host, key, target);
};

/**
 * CAP-78: extend towards `seq + extend_to` only if that adds at least `min_extension` ledgers, and
 * add at most `max_extension`. The max-TTL rule applies to `extend_to` itself, before the bounds.
 */
export const extendTtlV2 = (
  host: Host,
  storage: Storage,
  key: LedgerKeyWire,
  extendTo: number,
  minExtension: number,
  maxExtension: number,
): void => {
  checkSupportedKey(key);
  if (maxExtension < minExtension)
    throw hostError(ErrorType.Storage, ErrorCode.InvalidInput, 'max_extension must be >= min_extension', minExtension, maxExtension);
  const old = currentLiveUntil(host, storage, key);
  const target = targetLiveUntil(host, key, extendTo);
  if (target <= old) return;
  const extension = target - old;
  if (extension >= minExtension) storage.setLiveUntil(host, key, old + Math.min(extension, maxExtension));
};
