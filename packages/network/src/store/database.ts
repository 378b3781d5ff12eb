/**
 * The SQLite database: one file `<dataDir>/sorobox.sqlite` in WAL mode (or in memory), holding the
 * ledger state, the retained history and the network's identity. Every ledger close is one SQLite
 * transaction, so a crash leaves the database at the last closed ledger.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../config.ts';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- Rowid tables where rows can be large (entries, transactions): SQLite keeps WITHOUT ROWID for
-- small rows.
-- Ledger entries by the XDR of their key. TTL rows also carry their live-until ledger, the key of
-- the entry they belong to and whether it is temporary, so expired entries can be found by index.
CREATE TABLE IF NOT EXISTS entries (
  key BLOB PRIMARY KEY,
  entry BLOB NOT NULL,
  live_until INTEGER,
  owner BLOB,
  temporary INTEGER
);
CREATE INDEX IF NOT EXISTS entries_expiry ON entries (temporary, live_until) WHERE live_until IS NOT NULL;
-- meta is NULL for a ledger without transactions or evictions: it follows from the header and the
-- Soroban state size (time travel closes many such ledgers).
CREATE TABLE IF NOT EXISTS ledgers (
  sequence INTEGER PRIMARY KEY,
  hash BLOB NOT NULL,
  close_time INTEGER NOT NULL,
  soroban_state_size INTEGER NOT NULL,
  header BLOB NOT NULL,
  meta BLOB
);
CREATE TABLE IF NOT EXISTS transactions (
  hash BLOB PRIMARY KEY,
  ledger INTEGER NOT NULL,
  application_order INTEGER NOT NULL,
  successful INTEGER NOT NULL,
  fee_bump INTEGER NOT NULL,
  soroban INTEGER NOT NULL,
  -- What fee statistics count: per operation for classic transactions, the inclusion part of the
  -- fee charged for Soroban ones.
  inclusion_fee_charged INTEGER NOT NULL,
  envelope BLOB NOT NULL,
  result BLOB NOT NULL,
  meta BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_order ON transactions (ledger, application_order);
CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  ledger INTEGER NOT NULL,
  transaction_index INTEGER NOT NULL,
  operation_index INTEGER NOT NULL,
  event_index INTEGER NOT NULL,
  tx_hash BLOB NOT NULL,
  close_time INTEGER NOT NULL,
  event BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (id INTEGER PRIMARY KEY, ledger INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot_entries (
  snapshot INTEGER NOT NULL,
  key BLOB NOT NULL,
  entry BLOB NOT NULL,
  live_until INTEGER,
  owner BLOB,
  temporary INTEGER,
  PRIMARY KEY (snapshot, key)
) WITHOUT ROWID;
`;

/** Bumped when the tables change: an older database is refused rather than misread. */
const SCHEMA_VERSION = '3';

/** Opens (creating if needed) the database; `undefined` directory means in memory. */
export const openDatabase = (dataDir: string | undefined): Db => {
  let db: Db;
  if (dataDir === undefined) {
    db = new Database(':memory:');
  } else {
    mkdirSync(dataDir, { recursive: true });
    db = new Database(join(dataDir, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
    // WAL with NORMAL: a committed ledger survives a process crash; only an OS crash or power
    // loss could lose the last few, and never leaves a half-written one.
    db.pragma('synchronous = NORMAL');
  }
  const hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").get() !== undefined;
  const version = hasTables ? (db.prepare("SELECT value FROM settings WHERE name = 'schema'").get() as { value: string } | undefined)?.value : SCHEMA_VERSION;
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`the database in ${dataDir} was written by another version of Sorobox (schema ${version ?? 'unknown'}, expected ${SCHEMA_VERSION}); remove it to start afresh`);
  }
  db.exec(SCHEMA);
  db.prepare("INSERT OR IGNORE INTO settings (name, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
  return db;
};

const settingStatements = new WeakMap<Db, { read: Database.Statement<[string], { value: string }>; write: Database.Statement<[string, string]> }>();

const statementsOf = (db: Db) => {
  let s = settingStatements.get(db);
  if (!s) {
    s = {
      read: db.prepare('SELECT value FROM settings WHERE name = ?'),
      write: db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value'),
    };
    settingStatements.set(db, s);
  }
  return s;
};

export const readSetting = (db: Db, name: string): string | undefined => statementsOf(db).read.get(name)?.value;

export const writeSetting = (db: Db, name: string, value: string): void => {
  statementsOf(db).write.run(name, value);
};
