/**
 * State snapshots for `snapshotState` / `revertState`: a copy of the `entries` table taken inside
 * the database, and the ledger it was taken at. Reverting restores the entries, drops the history
 * after that ledger and the snapshots taken after this one (as Anvil's `evm_revert` does).
 */
import type { Db } from './database.ts';
import type { HistoryStore } from './history.ts';

export const createSnapshot = (db: Db, ledger: number): string =>
  db.transaction(() => {
    const id = Number(db.prepare('INSERT INTO snapshots (ledger) VALUES (?)').run(ledger).lastInsertRowid);
    db.prepare('INSERT INTO snapshot_entries (snapshot, key, entry, live_until, owner, temporary) SELECT ?, key, entry, live_until, owner, temporary FROM entries').run(id);
    return String(id);
  })();

/** Restores snapshot `id`; returns the ledger it was taken at. */
export const revertToSnapshot = (db: Db, history: HistoryStore, id: string): number => {
  const snapshot = /^\d+$/.test(id) ? (db.prepare('SELECT ledger FROM snapshots WHERE id = ?').get(Number(id)) as { ledger: number } | undefined) : undefined;
  if (!snapshot) throw new Error(`no snapshot "${id}" (snapshots are dropped when an earlier one is reverted to)`);
  db.transaction(() => {
    db.prepare('DELETE FROM entries').run();
    db.prepare('INSERT INTO entries (key, entry, live_until, owner, temporary) SELECT key, entry, live_until, owner, temporary FROM snapshot_entries WHERE snapshot = ?').run(Number(id));
    history.deleteAfter(snapshot.ledger);
    db.prepare('DELETE FROM snapshot_entries WHERE snapshot >= ?').run(Number(id));
    db.prepare('DELETE FROM snapshots WHERE id >= ?').run(Number(id));
  })();
  return snapshot.ledger;
};
