/** getTransaction, getTransactions and sendTransaction. */
import { xdr } from '@stellar/stellar-sdk';
import type { TransactionRecord } from '@sorobox/network';
import { ledgerRange, type RpcContext } from '../context.ts';
import { invalidParams, invalidRequest, type Methods } from '../jsonrpc.ts';
import { optionalUint, paginationOf, requiredString, xdrFormatOf, type XdrFormat } from '../params.ts';
import { xdrField, xdrListField } from '../xdr-format.ts';
import { parseToid, toid } from '../toid.ts';

export const GET_TRANSACTIONS_DEFAULT_LIMIT = 50;
export const GET_TRANSACTIONS_MAX_LIMIT = 200;

/** Transaction-level events and each operation's contract events, from the meta (v4; v3 has one op's). */
const eventsOf = (
  meta: xdr.TransactionMeta,
): { transactionEvents: xdr.TransactionEvent[]; contractEvents: xdr.ContractEvent[][] } => {
  const wire = meta.toXdrObject();
  if (wire.v === 4)
    return {
      transactionEvents: wire.v4.events.map((e) => xdr.TransactionEvent.fromXdrObject(e)),
      contractEvents: wire.v4.operations.map((op) =>
        op.events.map((e) => xdr.ContractEvent.fromXdrObject(e)),
      ),
    };
  if (wire.v === 3 && wire.v3.sorobanMeta)
    return {
      transactionEvents: [],
      contractEvents: [wire.v3.sorobanMeta.events.map((e) => xdr.ContractEvent.fromXdrObject(e))],
    };
  return { transactionEvents: [], contractEvents: [] };
};

/** stellar-rpc's TransactionDetails (without `createdAt`, whose encoding differs between the methods). */
const transactionDetails = (format: XdrFormat, tx: TransactionRecord) => {
  const { transactionEvents, contractEvents } = eventsOf(tx.meta);
  const events =
    format === 'json'
      ? {
          transactionEventsJson: transactionEvents.map((e) => e.toJson()),
          contractEventsJson: contractEvents.map((op) => op.map((e) => e.toJson())),
        }
      : {
          transactionEventsXdr: transactionEvents.map((e) => e.toXdr('base64')),
          contractEventsXdr: contractEvents.map((op) => op.map((e) => e.toXdr('base64'))),
        };
  return {
    status: tx.status,
    txHash: tx.hash,
    applicationOrder: tx.applicationOrder,
    feeBump: tx.feeBump,
    ...xdrField(format, 'envelopeXdr', 'envelopeJson', tx.envelope),
    ...xdrField(format, 'resultXdr', 'resultJson', tx.result),
    ...xdrField(format, 'resultMetaXdr', 'resultMetaJson', tx.meta),
    ...(tx.diagnosticEvents.length
      ? xdrListField(format, 'diagnosticEventsXdr', 'diagnosticEventsJson', tx.diagnosticEvents)
      : {}),
    events,
    ledger: tx.ledger,
  };
};

const parseHash = (hash: string): string => {
  if (hash.length !== 64) throw invalidParams(`unexpected hash length (${hash.length})`);
  if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw invalidParams('incorrect hash: encoding/hex: invalid byte');
  return hash.toLowerCase();
};

export const transactionMethods = (ctx: RpcContext): Methods => ({
  getTransaction: (params) => {
    const format = xdrFormatOf(params);
    const hash = parseHash(requiredString(params, 'hash'));
    const minLedger = optionalUint(params, 'minLedger');
    const maxLedger = optionalUint(params, 'maxLedger');
    if (minLedger !== undefined && maxLedger !== undefined && minLedger > maxLedger)
      throw invalidParams(`minLedger (${minLedger}) must not exceed maxLedger (${maxLedger})`);
    const tx = ctx.network.transaction(hash);
    const range = ledgerRange(ctx);
    const common = {
      latestLedger: range.latestLedger,
      latestLedgerCloseTime: String(range.latestLedgerCloseTime),
      oldestLedger: range.oldestLedger,
      oldestLedgerCloseTime: String(range.oldestLedgerCloseTime),
    };
    const inBounds =
      tx &&
      (minLedger === undefined || tx.ledger >= minLedger) &&
      (maxLedger === undefined || tx.ledger <= maxLedger);
    if (!tx || !inBounds)
      return {
        ...common,
        status: 'NOT_FOUND',
        txHash: hash,
        applicationOrder: 0,
        feeBump: false,
        ledger: 0,
        createdAt: '0',
      };
    return { ...common, ...transactionDetails(format, tx), createdAt: String(tx.createdAt) };
  },

  getTransactions: (params) => {
    const format = xdrFormatOf(params);
    const range = ledgerRange(ctx);
    const startLedger = optionalUint(params, 'startLedger', 0x7fff_ffff);
    const { cursor, limit = GET_TRANSACTIONS_DEFAULT_LIMIT } = paginationOf(
      params,
      GET_TRANSACTIONS_MAX_LIMIT,
      invalidRequest,
    );
    // Where to start: a ledger and an application order within it (1-based).
    let start: { ledger: number; tx: number };
    if (cursor !== undefined) {
      if (startLedger !== undefined) throw invalidRequest('startLedger and cursor cannot both be set');
      const parsed = parseToid(cursor);
      if (!parsed) throw invalidParams(`invalid cursor ${JSON.stringify(cursor)}`);
      start = { ledger: parsed.ledger, tx: parsed.tx + 1 };
    } else {
      const seq = startLedger ?? 0;
      if (seq < range.oldestLedger || seq > range.latestLedger)
        throw invalidRequest(
          `start ledger must be between the oldest ledger: ${range.oldestLedger} and the latest ledger: ${range.latestLedger} for this rpc instance`,
        );
      start = { ledger: seq, tx: 1 };
    }
    // The network pages after a TOID; the largest one of the previous transaction covers any operation index.
    const after = start.tx > 1 ? toid(start.ledger, start.tx - 1, 0xfff).toString() : undefined;
    const txs =
      start.ledger > range.latestLedger
        ? []
        : ctx.network.transactions(Math.max(start.ledger, range.oldestLedger), after, limit);
    const last = txs.at(-1);
    // Past the last transaction returned: where to resume. With fewer than `limit`, everything up to
    // the latest ledger has been seen, so the cursor points at its last transaction.
    const cursorAt =
      txs.length === limit && last
        ? { ledger: last.ledger, tx: last.applicationOrder }
        : {
            ledger: range.latestLedger,
            tx:
              last?.ledger === range.latestLedger
                ? last.applicationOrder
                : start.ledger === range.latestLedger
                  ? start.tx - 1
                  : 0,
          };
    return {
      transactions: txs.map((tx) => ({ ...transactionDetails(format, tx), createdAt: Number(tx.createdAt) })),
      latestLedger: range.latestLedger,
      latestLedgerCloseTimestamp: Number(range.latestLedgerCloseTime),
      oldestLedger: range.oldestLedger,
      oldestLedgerCloseTimestamp: Number(range.oldestLedgerCloseTime),
      cursor: toid(cursorAt.ledger, cursorAt.tx, 1).toString(),
    };
  },

  sendTransaction: (params) => {
    const format = xdrFormatOf(params);
    const b64 = requiredString(params, 'transaction');
    if (!xdr.TransactionEnvelope.validateXdr(b64, 'base64')) throw invalidParams('invalid_xdr');
    // The client's own bytes: the network hashes and stores them as sent.
    const r = ctx.network.submit(new Uint8Array(Buffer.from(b64, 'base64')));
    return {
      status: r.status,
      hash: r.hash,
      latestLedger: r.latestLedger,
      latestLedgerCloseTime: String(r.latestLedgerCloseTime),
      ...(r.status === 'ERROR' && r.errorResult
        ? xdrField(format, 'errorResultXdr', 'errorResultJson', r.errorResult)
        : {}),
      ...(r.status === 'ERROR' && r.diagnosticEvents?.length
        ? xdrListField(format, 'diagnosticEventsXdr', 'diagnosticEventsJson', r.diagnosticEvents)
        : {}),
    };
  },
});
