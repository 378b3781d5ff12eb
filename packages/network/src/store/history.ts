/**
 * Retained history: ledgers (header and close meta), transactions and events, with the ids and
 * cursors stellar-rpc uses (TOIDs: ledger << 32 | application order << 12 | operation index).
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from './database.ts';

export interface LedgerRow {
  readonly sequence: number;
  readonly hash: Uint8Array;
  readonly close_time: number;
  readonly soroban_state_size: number;
  readonly header: Uint8Array;
  /** Null for an empty ledger (see `emptyCloseMeta`). */
  readonly meta: Uint8Array | null;
}

export interface TransactionRow {
  readonly hash: Uint8Array;
  readonly ledger: number;
  readonly application_order: number;
  readonly successful: number;
  readonly fee_bump: number;
  readonly soroban: number;
  readonly inclusion_fee_charged: number;
  readonly envelope: Uint8Array;
  readonly result: Uint8Array;
  readonly meta: Uint8Array;
}

export interface EventRow {
  readonly id: string;
  readonly ledger: number;
  readonly transaction_index: number;
  readonly operation_index: number;
  readonly event_index: number;
  readonly tx_hash: Uint8Array;
  readonly close_time: number;
  /** `DiagnosticEvent` XDR (with `inSuccessfulContractCall`), as stellar-rpc stores it. */
  readonly event: Uint8Array;
}

export interface FeeRow {
  readonly ledger: number;
  readonly soroban: number;
  readonly inclusion_fee_charged: number;
}

/** stellar-rpc's masks: 20 bits of transaction index, 12 of operation index. */
export const TOID_TX_MASK = (1 << 20) - 1;
export const TOID_OP_MASK = (1 << 12) - 1;

export const toid = (ledger: number, tx: number, op: number): bigint => (BigInt(ledger) << 32n) | (BigInt(tx & TOID_TX_MASK) << 12n) | BigInt(op & TOID_OP_MASK);

/** `"%019d-%010d"`: the TOID, then the event's index. */
export const eventId = (ledger: number, tx: number, op: number, index: number): string =>
  `${toid(ledger, tx, op).toString().padStart(19, '0')}-${index.toString().padStart(10, '0')}`;

export class HistoryStore {
  private readonly insertLedgerStmt: Statement;
  private readonly insertTxStmt: Statement;
  private readonly insertEventStmt: Statement;
  private readonly latestStmt: Statement<[], LedgerRow>;
  private readonly oldestStmt: Statement<[], LedgerRow>;
  private readonly ledgerStmt: Statement<[number], LedgerRow>;
  private readonly ledgersStmt: Statement<[number, number], LedgerRow>;
  private readonly txStmt: Statement<[Uint8Array], TransactionRow>;
  private readonly txsStmt: Statement<[number, number, number, number], TransactionRow>;
  private readonly eventsStmt: Statement<[string, string], EventRow>;
  private readonly feeStmt: Statement<[number], FeeRow>;
  private readonly prune: Statement<[number]>[];
  private readonly truncate: Statement<[number]>[];

  constructor(db: Db) {
    this.insertLedgerStmt = db.prepare('INSERT INTO ledgers (sequence, hash, close_time, soroban_state_size, header, meta) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertTxStmt = db.prepare(
      `INSERT OR REPLACE INTO transactions (hash, ledger, application_order, successful, fee_bump, soroban,
         inclusion_fee_charged, envelope, result, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertEventStmt = db.prepare(
      'INSERT INTO events (id, ledger, transaction_index, operation_index, event_index, tx_hash, close_time, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.latestStmt = db.prepare('SELECT * FROM ledgers ORDER BY sequence DESC LIMIT 1');
    this.oldestStmt = db.prepare('SELECT * FROM ledgers ORDER BY sequence ASC LIMIT 1');
    this.ledgerStmt = db.prepare('SELECT * FROM ledgers WHERE sequence = ?');
    this.ledgersStmt = db.prepare('SELECT * FROM ledgers WHERE sequence >= ? ORDER BY sequence ASC LIMIT ?');
    this.txStmt = db.prepare('SELECT * FROM transactions WHERE hash = ?');
    this.txsStmt = db.prepare(
      `SELECT * FROM transactions WHERE ledger > ? OR (ledger = ? AND application_order > ?)
       ORDER BY ledger ASC, application_order ASC LIMIT ?`,
    );
    this.eventsStmt = db.prepare('SELECT * FROM events WHERE id > ? AND id < ? ORDER BY id ASC');
    this.feeStmt = db.prepare(
      'SELECT ledger, soroban, inclusion_fee_charged FROM transactions WHERE ledger >= ? ORDER BY ledger, application_order',
    );
    this.prune = ['DELETE FROM ledgers WHERE sequence < ?', 'DELETE FROM transactions WHERE ledger < ?', 'DELETE FROM events WHERE ledger < ?'].map((q) =>
      db.prepare<[number]>(q),
    );
    this.truncate = ['DELETE FROM ledgers WHERE sequence > ?', 'DELETE FROM transactions WHERE ledger > ?', 'DELETE FROM events WHERE ledger > ?'].map((q) =>
      db.prepare<[number]>(q),
    );
  }

  insertLedger(row: LedgerRow): void {
    this.insertLedgerStmt.run(row.sequence, row.hash, row.close_time, row.soroban_state_size, row.header, row.meta);
  }

  insertTransaction(r: TransactionRow): void {
    this.insertTxStmt.run(
      r.hash,
      r.ledger,
      r.application_order,
      r.successful,
      r.fee_bump,
      r.soroban,
      r.inclusion_fee_charged,
      r.envelope,
      r.result,
      r.meta,
    );
  }

  insertEvent(r: EventRow): void {
    this.insertEventStmt.run(r.id, r.ledger, r.transaction_index, r.operation_index, r.event_index, r.tx_hash, r.close_time, r.event);
  }

  latest(): LedgerRow | undefined {
    return this.latestStmt.get();
  }

  oldest(): LedgerRow | undefined {
    return this.oldestStmt.get();
  }

  ledger(sequence: number): LedgerRow | undefined {
    return this.ledgerStmt.get(sequence);
  }

  ledgersFrom(sequence: number, limit: number): LedgerRow[] {
    return this.ledgersStmt.all(sequence, limit);
  }

  transaction(hash: Uint8Array): TransactionRow | undefined {
    return this.txStmt.get(hash);
  }

  /** Transactions after position (ledger, order), in apply order. */
  transactionsAfter(ledger: number, order: number, limit: number): TransactionRow[] {
    return this.txsStmt.all(ledger, ledger, order, limit);
  }

  /** Events with ids strictly between the two, in id order. */
  *eventsBetween(afterId: string, beforeId: string): IterableIterator<EventRow> {
    yield* this.eventsStmt.iterate(afterId, beforeId);
  }

  /** Fee data of the transactions from `ledger` on (for fee statistics). */
  feeRows(fromLedger: number): FeeRow[] {
    return this.feeStmt.all(fromLedger);
  }

  /** Drops everything before ledger `oldest`. */
  pruneBefore(oldest: number): void {
    for (const s of this.prune) s.run(oldest);
  }

  /** Drops everything after ledger `latest` (reverting to a snapshot). */
  deleteAfter(latest: number): void {
    for (const s of this.truncate) s.run(latest);
  }
}
