/**
 * A closed ledger's history rows: the ledger, its transactions (with what fee statistics count) and
 * their events under stellar-rpc's ids. Transaction-level events (fees) get the ids stellar-rpc
 * gives them: before all transactions at transaction 0, after all at the transaction mask, after
 * one transaction at its index and the operation mask.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { ClosedLedger, ClosedTx } from '../ledger/close.ts';
import { encodeStoredEvent } from '../ledger/encode.ts';
import { TOID_OP_MASK, TOID_TX_MASK, eventId, type HistoryStore } from './history.ts';

const STAGE_BEFORE_ALL_TXS = 0;
const STAGE_AFTER_ALL_TXS = 2;

/** What fee statistics count: the fee per operation (classic), the fee beyond resources (Soroban). */
const inclusionFeeCharged = (t: ClosedTx): number => {
  const { frame } = t.applied;
  if (!frame.isSoroban) return Number(t.result.feeCharged / BigInt(Math.max(1, frame.inner.operations.length)));
  const ext = t.meta.v === 4 ? t.meta.v4.sorobanMeta?.ext : undefined;
  const resources = ext?.v === 1 ? ext.v1.totalNonRefundableResourceFeeCharged + ext.v1.totalRefundableResourceFeeCharged : 0n;
  return Number(t.result.feeCharged - resources);
};

export const recordLedger = (history: HistoryStore, closed: ClosedLedger): void => {
  const ledger = closed.header.ledgerSeq;
  const closeTime = Number(closed.header.scpValue.closeTime);
  history.insertLedger({
    sequence: ledger,
    hash: closed.hash,
    close_time: closeTime,
    soroban_state_size: Number(closed.sorobanStateSize),
    header: closed.headerEntry,
    meta: closed.empty ? null : closed.meta,
  });
  const stageIndex = [0, 0, 0];
  for (const t of closed.txs) {
    const { frame, result } = t.applied;
    history.insertTransaction({
      hash: frame.hash,
      ledger,
      application_order: t.applicationOrder,
      successful: result.success ? 1 : 0,
      fee_bump: frame.feeBump ? 1 : 0,
      soroban: frame.isSoroban ? 1 : 0,
      inclusion_fee_charged: inclusionFeeCharged(t),
      envelope: frame.envelopeBytes,
      result: t.resultBytes,
      meta: t.metaBytes,
    });
    const insert = (tx: number, op: number, index: number, event: xdr.ContractEventWire) =>
      history.insertEvent({
        id: eventId(ledger, tx, op, index),
        ledger,
        transaction_index: tx,
        operation_index: op,
        event_index: index,
        tx_hash: frame.hash,
        close_time: closeTime,
        event: encodeStoredEvent(result.success, event),
      });
    for (const e of t.applied.txEvents) {
      const [tx, op] = e.stage === STAGE_BEFORE_ALL_TXS ? [0, 0] : e.stage === STAGE_AFTER_ALL_TXS ? [TOID_TX_MASK, 0] : [t.applicationOrder, TOID_OP_MASK];
      insert(tx, op, stageIndex[e.stage]++, e.event);
    }
    if (t.meta.v === 4) t.meta.v4.operations.forEach((opMeta, opIndex) => opMeta.events.forEach((event, index) => insert(t.applicationOrder, opIndex, index, event)));
  }
};
