/**
 * Restoring archived persistent entries, and the `LEDGER_ENTRY_RESTORED` meta stellar-core emits for
 * them (`processOpLedgerEntryChanges`, for entries restored from the live state: this network never
 * evicts persistent entries, so every restoration is one). A restored entry lives until
 * `seq + minPersistentTtl - 1`.
 */
import { xdr } from '@stellar/stellar-sdk';
import { encodeKey, keyId, keyOfEntry, ttlEntry, ttlKeyOf, type EntryWire } from '../ledger/keys.ts';
import { RESTORED, STATE, UPDATED, type ChangeWire, type LedgerTxn } from '../ledger/ltx.ts';

/** The restored values of data/code and TTL entries, by key id, to recognise them in meta. */
export type RestoredValues = Map<string, EntryWire>;

const dataBytes = (e: EntryWire): Uint8Array => xdr.LedgerEntryData.schema.encode(e.data);
const sameData = (a: EntryWire, b: EntryWire): boolean => Buffer.compare(dataBytes(a), dataBytes(b)) === 0;
const idOfEntry = (e: EntryWire): string => keyId(encodeKey(keyOfEntry(e)));

/**
 * Writes a restored entry back with its new TTL (automatic restoration rewrites both), and records
 * both restored values.
 */
export const writeRestored = (ltx: LedgerTxn, keyBytes: Uint8Array, entry: EntryWire, liveUntil: number, restored: RestoredValues): void => {
  const data = ltx.put(entry);
  const ttl = ltx.put(ttlEntry(keyBytes, liveUntil, ltx.ledgerSeq));
  restored.set(keyId(keyBytes), data);
  restored.set(keyId(encodeKey(ttlKeyOf(keyBytes))), ttl);
};

/**
 * Rewrites an operation's changes for restored entries: a restored, unmodified entry becomes one
 * RESTORED change; a restored then modified one has its STATE turned into RESTORED (stamped with
 * this ledger) before its UPDATED. `untouched` are restored entries the operation did not rewrite
 * (RestoreFootprint only extends the TTL): they are appended as RESTORED as they are.
 */
export const restoreMeta = (changes: ChangeWire[], restored: RestoredValues, ledgerSeq: number, untouched: EntryWire[] = []): ChangeWire[] => {
  if (restored.size === 0 && untouched.length === 0) return changes;
  const dropState = new Set<string>();
  const convertState = new Set<string>();
  const rewritten = changes.map((c): ChangeWire => {
    if (c.type !== UPDATED) return c;
    const id = idOfEntry(c.updated);
    const value = restored.get(id);
    if (!value) return c;
    if (sameData(c.updated, value)) {
      dropState.add(id);
      return { type: RESTORED, restored: c.updated };
    }
    convertState.add(id);
    return c;
  });
  const out: ChangeWire[] = [];
  for (const c of rewritten) {
    if (c.type === STATE) {
      const id = idOfEntry(c.state);
      if (dropState.has(id)) continue;
      if (convertState.has(id)) {
        out.push({ type: RESTORED, restored: { ...c.state, lastModifiedLedgerSeq: ledgerSeq } });
        continue;
      }
    }
    out.push(c);
  }
  for (const e of untouched) out.push({ type: RESTORED, restored: e });
  return out;
};
