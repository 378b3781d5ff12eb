/**
 * The current ledger state in the `entries` table, with a cache of decoded entries in front of it
 * (entries are immutable values, so a cached one can be shared). Writes happen only when a ledger
 * closes, inside the close's SQLite transaction.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';
import type { Delta, EntrySource } from '../ledger/ltx.ts';
import { CONTRACT_CODE, CONTRACT_DATA, TEMPORARY, TTL, decodeEntry, encodeEntry, encodeKey, keyId, ttlKeyOf, type EntryWire } from '../ledger/keys.ts';

const CACHE_LIMIT = 20_000;

export interface ExpiredEntry {
  readonly ttlKey: Uint8Array;
  readonly key: Uint8Array;
}

export class StateStore implements EntrySource {
  private readonly cache = new Map<string, EntryWire | null>();
  private readonly select: Statement<[Uint8Array], { entry: Uint8Array }>;
  private readonly upsert: Statement<[Uint8Array, Uint8Array, number | null]>;
  private readonly remove: Statement<[Uint8Array]>;
  private readonly setOwner: Statement<[Uint8Array, number, Uint8Array]>;
  private readonly expired: Statement<[number], { key: Uint8Array; owner: Uint8Array }>;

  constructor(private readonly db: Db) {
    this.select = db.prepare('SELECT entry FROM entries WHERE key = ?');
    this.upsert = db.prepare(
      'INSERT INTO entries (key, entry, live_until) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET entry = excluded.entry, live_until = excluded.live_until',
    );
    this.remove = db.prepare('DELETE FROM entries WHERE key = ?');
    this.setOwner = db.prepare('UPDATE entries SET owner = ?, temporary = ? WHERE key = ?');
    this.expired = db.prepare('SELECT key, owner FROM entries WHERE temporary = 1 AND live_until < ? AND owner IS NOT NULL');
  }

  get(id: string, keyBytes: Uint8Array): EntryWire | undefined {
    const cached = this.cache.get(id);
    if (cached !== undefined) return cached ?? undefined;
    const row = this.select.get(keyBytes);
    const entry = row ? decodeEntry(row.entry) : undefined;
    this.remember(id, entry);
    return entry;
  }

  private remember(id: string, entry: EntryWire | undefined): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(id, entry ?? null);
  }

  /** Writes a ledger's net changes; call inside the close's SQLite transaction. */
  apply(deltas: Iterable<Delta>): void {
    const owners: { ttlKey: Uint8Array; key: Uint8Array; temporary: number }[] = [];
    for (const { keyBytes, entry, entryBytes } of deltas) {
      const id = keyId(keyBytes);
      if (!entry) {
        this.remove.run(keyBytes);
        this.remember(id, undefined);
        continue;
      }
      const data = entry.data;
      this.upsert.run(keyBytes, entryBytes ?? encodeEntry(entry), data.type === TTL ? data.ttl.liveUntilLedgerSeq : null);
      this.remember(id, entry);
      if (data.type === CONTRACT_DATA || data.type === CONTRACT_CODE) {
        const temporary = data.type === CONTRACT_DATA && data.contractData.durability === TEMPORARY ? 1 : 0;
        owners.push({ ttlKey: encodeKey(ttlKeyOf(keyBytes)), key: keyBytes, temporary });
      }
    }
    // A TTL row records whose TTL it is, so expired temporary entries can be found and evicted.
    for (const o of owners) this.setOwner.run(o.key, o.temporary, o.ttlKey);
  }

  /** Temporary entries whose TTL ended before `ledgerSeq`. */
  expiredTemporary(ledgerSeq: number): ExpiredEntry[] {
    return this.expired.all(ledgerSeq).map((r) => ({ ttlKey: r.key, key: r.owner }));
  }

  /** Forgets cached entries (after the table was rewritten behind the cache). */
  clearCache(): void {
    this.cache.clear();
  }
}
