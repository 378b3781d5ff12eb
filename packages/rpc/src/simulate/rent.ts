/**
 * Rent changes of a simulated run (`extract_rent_changes`): for every entry with a TTL that the run
 * created, grew, restored or extended, its size and live-until before and after. A new or restored
 * entry pays from scratch (old size and live-until 0).
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { LedgerChange, LedgerEntryRentChange } from '@sorobox/host';

const CONTRACT_CODE = 7;
const PERSISTENT = 1;

/**
 * The size rent is charged on. The reference adds, for contract code, the memory its parsed module
 * occupies; until the host exposes that figure this is the XDR size for every entry.
 */
export const entrySizeForRent = (entry: xdr.LedgerEntry): number => entry.toXdr().length;

const isPersistentKey = (key: xdr.LedgerKey): boolean => {
  const wire = key.toXdrObject();
  return wire.type === CONTRACT_CODE || (wire.type === 6 && wire.contractData.durability === PERSISTENT);
};

export const rentChangesOf = (changes: readonly LedgerChange[]): LedgerEntryRentChange[] => {
  const out: LedgerEntryRentChange[] = [];
  for (const c of changes) {
    if (!c.entry || c.liveUntilLedger === undefined) continue; // deleted, or an entry without TTL
    const before = !c.restored && c.previous ? c.previous : undefined;
    const oldSizeBytes = before ? entrySizeForRent(before.entry) : 0;
    const oldLiveUntilLedger = before?.liveUntilLedger ?? 0;
    const newSizeBytes = entrySizeForRent(c.entry);
    if (oldLiveUntilLedger >= c.liveUntilLedger && oldSizeBytes >= newSizeBytes) continue;
    out.push({
      isPersistent: isPersistentKey(c.key),
      isCodeEntry: c.key.toXdrObject().type === CONTRACT_CODE,
      oldSizeBytes,
      newSizeBytes,
      oldLiveUntilLedger,
      newLiveUntilLedger: c.liveUntilLedger,
    });
  }
  return out;
};
