/**
 * Rent changes of a simulated run (`extract_rent_changes`): for every entry with a TTL that the run
 * created, grew, restored or extended, its size and live-until before and after. A new or restored
 * entry pays from scratch (old size and live-until 0).
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { LedgerChange, LedgerEntryRentChange, NetworkConfig } from '@sorobox/host';
import { entrySizeForRent as networkEntrySizeForRent } from '@sorobox/network';
import { isCodeKey, isPersistentKey } from './resources.ts';

/** The size rent is charged on, as the network charges it (contract code: its parsed module's memory). */
export const entrySizeForRent = (entry: xdr.LedgerEntry, config: NetworkConfig): number =>
  networkEntrySizeForRent(entry.toXdrObject(), entry.toXdr().length, config);

export const rentChangesOf = (
  changes: readonly LedgerChange[],
  config: NetworkConfig,
): LedgerEntryRentChange[] => {
  const out: LedgerEntryRentChange[] = [];
  for (const c of changes) {
    if (!c.entry || c.liveUntilLedger === undefined) continue; // deleted, or an entry without TTL
    const before = !c.restored && c.previous ? c.previous : undefined;
    const oldSizeBytes = before ? entrySizeForRent(before.entry, config) : 0;
    const oldLiveUntilLedger = before?.liveUntilLedger ?? 0;
    const newSizeBytes = entrySizeForRent(c.entry, config);
    if (oldLiveUntilLedger >= c.liveUntilLedger && oldSizeBytes >= newSizeBytes) continue;
    out.push({
      isPersistent: isPersistentKey(c.key),
      isCodeEntry: isCodeKey(c.key),
      oldSizeBytes,
      newSizeBytes,
      oldLiveUntilLedger,
      newLiveUntilLedger: c.liveUntilLedger,
    });
  }
  return out;
};
