/**
 * History rows as the records of the interface. XDR fields decode on first access: most callers
 * (RPC responses) need only some of them.
 */
import { xdr } from '@stellar/stellar-sdk';
import type { EventRecord, LedgerRecord, TransactionRecord } from '../api.ts';
import type { EventRow, LedgerRow, TransactionRow } from './history.ts';

/** Defines `key` on `target` as computed once, on first read. */
const lazy = <T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void => {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true });
      return value;
    },
  });
};

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** `emptyMeta` rebuilds the close meta of an empty ledger, which is not stored. */
export const ledgerRecord = (row: LedgerRow, protocolVersion: number, emptyMeta: (row: LedgerRow) => Uint8Array): LedgerRecord => {
  const record = { sequence: row.sequence, hash: hex(row.hash), closeTime: BigInt(row.close_time), protocolVersion } as LedgerRecord;
  lazy(record, 'headerXdr', () => xdr.LedgerHeaderHistoryEntry.fromXdr(row.header));
  lazy(record, 'metaXdr', () => xdr.LedgerCloseMeta.fromXdr(row.meta ?? emptyMeta(row)));
  return record;
};

export const transactionRecord = (row: TransactionRow, createdAt: bigint): TransactionRecord => {
  const record = {
    hash: hex(row.hash),
    status: row.successful ? 'SUCCESS' : 'FAILED',
    ledger: row.ledger,
    createdAt,
    applicationOrder: row.application_order,
    feeBump: row.fee_bump === 1,
  } as TransactionRecord;
  lazy(record, 'envelope', () => xdr.TransactionEnvelope.fromXdr(row.envelope));
  lazy(record, 'result', () => xdr.TransactionResult.fromXdr(row.result));
  lazy(record, 'meta', () => xdr.TransactionMeta.fromXdr(row.meta));
  lazy(record, 'diagnosticEvents', () => {
    const meta = record.meta.toXdrObject();
    return meta.v === 4 ? meta.v4.diagnosticEvents.map((e) => xdr.DiagnosticEvent.fromXdrObject(e)) : [];
  });
  return record;
};

export const eventRecord = (row: EventRow): EventRecord => {
  const diagnostic = xdr.DiagnosticEvent.fromXdr(row.event);
  return {
    id: row.id,
    ledger: row.ledger,
    ledgerClosedAt: BigInt(row.close_time),
    transactionIndex: row.transaction_index,
    operationIndex: row.operation_index,
    eventIndex: row.event_index,
    txHash: hex(row.tx_hash),
    inSuccessfulContractCall: diagnostic.inSuccessfulContractCall,
    event: diagnostic.event,
  };
};
