/**
 * Simulating ExtendFootprintTTL and RestoreFootprint (`simulate_extend_ttl_op`,
 * `simulate_restore_op`): no contract runs, the resources follow from the entries' sizes and TTLs.
 * Extending an archived entry needs it restored first: that comes back as a restore preamble.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { LedgerEntryRentChange, LedgerSnapshot } from '@sorobox/host';
import { entrySizeForRent } from './rent.ts';
import {
  isCodeKey,
  isPersistentKey,
  isSorobanKey,
  sortKeys,
  transactionDataFor,
  xdrSize,
  type AdjustmentConfig,
  type FeeContext,
} from './resources.ts';

export class SimulationError extends Error {}

const keyText = (key: xdr.LedgerKey): string => JSON.stringify(key.toJson());

/** Restores the archived persistent entries among `keys` (live ones are left out); throws SimulationError. */
export const simulateRestore = (
  keys: readonly xdr.LedgerKey[],
  snapshot: LedgerSnapshot,
  fees: FeeContext,
  adjustment: AdjustmentConfig,
): xdr.SorobanTransactionData => {
  const seq = fees.ledger.sequenceNumber;
  const restoredLiveUntil = seq + fees.ledger.minPersistentTtl - 1;
  const restored: xdr.LedgerKey[] = [];
  const rentChanges: LedgerEntryRentChange[] = [];
  let bytes = 0;
  for (const key of keys) {
    if (!isPersistentKey(key))
      throw new SimulationError(
        `Can't restore a ledger entry with key: ${keyText(key)}. Only persistent ledger entries with TTL can be restored.`,
      );
    const found = snapshot.get(key);
    if (!found) throw new SimulationError(`Missing entry to restore for key ${keyText(key)}`);
    if (found.liveUntilLedger === undefined)
      throw new SimulationError(
        `Internal error: missing TTL for ledger key that must have TTL: ${keyText(key)}`,
      );
    if (found.liveUntilLedger >= seq) continue;
    restored.push(key);
    bytes += xdrSize(found.entry);
    rentChanges.push({
      isPersistent: true,
      isCodeEntry: isCodeKey(key),
      oldSizeBytes: 0,
      newSizeBytes: entrySizeForRent(found.entry, fees.config),
      oldLiveUntilLedger: 0,
      newLiveUntilLedger: restoredLiveUntil,
    });
  }
  const readWrite = sortKeys(restored);
  return transactionDataFor(
    { type: 26, restoreFootprintOp: { ext: { v: 0 } } },
    {
      readOnly: [],
      readWrite,
      archived: [],
      diskReadEntries: readWrite.length,
      instructions: 0,
      diskReadBytes: bytes,
      writeBytes: bytes,
      eventsSizeBytes: 0,
      rentChanges,
    },
    adjustment,
    fees,
  );
};

/**
 * Extends the TTL of `keys` to `extendTo` ledgers past the current one. Missing entries and entries
 * already live long enough are left out. Archived persistent entries are extended as if restored,
 * and listed in the returned preamble.
 */
export const simulateExtend = (
  keys: readonly xdr.LedgerKey[],
  extendTo: number,
  snapshot: LedgerSnapshot,
  fees: FeeContext,
  adjustment: AdjustmentConfig,
): {
  transactionData: xdr.SorobanTransactionData;
  restorePreamble: xdr.SorobanTransactionData | undefined;
} => {
  const seq = fees.ledger.sequenceNumber;
  const newLiveUntil = seq + extendTo;
  const extended: xdr.LedgerKey[] = [];
  const archived: xdr.LedgerKey[] = [];
  const rentChanges: LedgerEntryRentChange[] = [];
  for (const key of keys) {
    if (!isSorobanKey(key))
      throw new SimulationError(
        `Can't extend TTL for ledger entry with key ${keyText(key)}. Only entries with TTL (contract data or code entries) can have it extended`,
      );
    const found = snapshot.get(key);
    if (!found) continue;
    let liveUntil = found.liveUntilLedger;
    if (liveUntil === undefined)
      throw new SimulationError(
        `Internal error: missing TTL for ledger key that must have TTL: ${keyText(key)}`,
      );
    if (liveUntil < seq) {
      if (!isPersistentKey(key)) continue; // an expired temporary entry is gone
      archived.push(key);
      liveUntil = seq + fees.ledger.minPersistentTtl - 1;
    }
    if (newLiveUntil <= liveUntil) continue;
    extended.push(key);
    const size = entrySizeForRent(found.entry, fees.config);
    rentChanges.push({
      isPersistent: isPersistentKey(key),
      isCodeEntry: isCodeKey(key),
      oldSizeBytes: size,
      newSizeBytes: size,
      oldLiveUntilLedger: liveUntil,
      newLiveUntilLedger: newLiveUntil,
    });
  }
  const transactionData = transactionDataFor(
    { type: 25, extendFootprintTtlOp: { ext: { v: 0 }, extendTo } },
    {
      readOnly: sortKeys(extended),
      readWrite: [],
      archived: [],
      diskReadEntries: 0,
      instructions: 0,
      diskReadBytes: 0,
      writeBytes: 0,
      eventsSizeBytes: 0,
      rentChanges,
    },
    adjustment,
    fees,
  );
  return {
    transactionData,
    restorePreamble: archived.length ? simulateRestore(archived, snapshot, fees, adjustment) : undefined,
  };
};
