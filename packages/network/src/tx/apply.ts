/**
 * Applying transactions in a ledger close, in stellar-core's three passes: fees are charged for
 * every transaction first (`processFeeSeqNum`), then each transaction applies (sequence number,
 * signatures, operations in nested ledger layers: `TransactionFrame::apply`), then unused
 * refundable Soroban fees go back to their fee sources (`processPostTxSetApply`, protocol 23+).
 * Each step records its meta as core does (TransactionMeta v4, fee processing changes, events).
 */
import { xdr } from '@stellar/stellar-sdk';
import { addAccountBalance, loadAccount, putAccount, withSequence } from '../ledger/accounts.ts';
import { sha256 } from '../ledger/keys.ts';
import type { ChangeWire, LedgerTxn } from '../ledger/ltx.ts';
import { removeSignerAt } from '../ledger/subentries.ts';
import { handlerOf } from '../ops/index.ts';
import { succeeded, type OpResult } from '../ops/types.ts';
import { RefundableFeeTracker, resourceFeeOf } from '../soroban/fees.ts';
import { restoreMeta } from '../soroban/restore.ts';
import type { ApplyContext, ContractEventWire, DiagnosticEventWire, LedgerContext, SorobanApply } from './context.ts';
import { feeEvent } from './events.ts';
import { feeSourceOf, operationSource, type TxFrame } from './frame.ts';
import { OP, TX, TxResult } from './result.ts';
import { SignatureChecker } from './signatures.ts';
import { Level, checkOperationSignature, commonValid, feeToCharge, initialOperationResults } from './validate.ts';

const STAGE_BEFORE_ALL_TXS = 0;
const STAGE_AFTER_ALL_TXS = 2;

/** The ledger header fields transactions change. */
export interface HeaderTotals {
  feePool: bigint;
}

export interface AppliedTx {
  readonly frame: TxFrame;
  readonly result: TxResult;
  readonly feeProcessing: ChangeWire[];
  postTxApplyFeeProcessing: ChangeWire[];
  readonly txChangesBefore: ChangeWire[];
  operations: xdr.OperationMetaV2Wire[];
  readonly txEvents: xdr.TransactionEventWire[];
  readonly diagnostics: DiagnosticEventWire[];
  sorobanMeta: xdr.SorobanTransactionMetaV2Wire | null;
}

const u64Bytes = (n: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
};

/** The PRNG seed of the `index`-th operation of a transaction (core: sub-seed per operation). */
const subSeed = (seed: Uint8Array, index: number): Uint8Array => sha256(Buffer.concat([seed, u64Bytes(index)]));

/** Charges a transaction's fee (`processFeeSeqNum`); the result starts here. */
export const chargeFee = (ledger: LedgerContext, ltx: LedgerTxn, frame: TxFrame, header: HeaderTotals): AppliedTx => {
  const layer = ltx.child();
  const feeSource = feeSourceOf(frame);
  const account = loadAccount(layer, feeSource);
  if (!account) throw new Error('fee source vanished between validation and apply');
  let fee = feeToCharge(ledger, frame, true);
  if (fee > 0n) {
    fee = fee < account.balance ? fee : account.balance;
    putAccount(layer, { ...account, balance: account.balance - fee });
    header.feePool += fee;
  }
  // Before protocol 25 a fee bump also reported what the inner transaction alone would pay.
  const innerFee = frame.feeBump && ledger.protocol < 25 ? feeToCharge(ledger, { ...frame, feeBump: undefined }, true) : 0n;
  const applied: AppliedTx = {
    frame,
    result: new TxResult(frame, fee, innerFee, initialOperationResults(frame)),
    feeProcessing: layer.changes(),
    postTxApplyFeeProcessing: [],
    txChangesBefore: [],
    operations: [],
    txEvents: [],
    diagnostics: [],
    sorobanMeta: null,
  };
  if (fee !== 0n) applied.txEvents.push({ stage: STAGE_BEFORE_ALL_TXS, event: feeEvent(ledger.networkId, feeSource, fee) });
  layer.commit();
  return applied;
};

/** Removes a pre-authorized-transaction signer for `hash` from the account, if it has one. */
const removeOneTimeSigner = (ltx: LedgerTxn, accountId: Uint8Array, hash: Uint8Array): void => {
  const account = loadAccount(ltx, accountId);
  if (!account) return;
  const at = account.signers.findIndex((s) => s.key.type === 1 && Buffer.compare(s.key.preAuthTx, hash) === 0);
  if (at >= 0) putAccount(ltx, removeSignerAt(account, at));
};

const removeOneTimeSigners = (ltx: LedgerTxn, frame: TxFrame): void => {
  const sources = new Map<string, Uint8Array>([[Buffer.from(frame.inner.source).toString('hex'), frame.inner.source]]);
  for (const op of frame.inner.operations) {
    const s = operationSource(frame, op);
    sources.set(Buffer.from(s).toString('hex'), s);
  }
  for (const s of sources.values()) removeOneTimeSigner(ltx, s, frame.inner.contentsHash);
};

/** `processSignatures`: every operation's threshold, then no unused signature. */
const processSignatures = (level: Level, ltx: LedgerTxn, frame: TxFrame, checker: SignatureChecker, result: TxResult): boolean => {
  if (level !== Level.Valid) {
    removeOneTimeSigners(ltx, frame);
    return false;
  }
  let allOpsValid = true;
  for (const [i, op] of frame.inner.operations.entries()) {
    const handler = handlerOf(op.body);
    const failure = handler ? checkOperationSignature(ltx, frame, checker, handler, i, false) : { code: OP.NOT_SUPPORTED };
    if (failure) {
      result.opResults[i] = failure;
      allOpsValid = false;
    }
  }
  removeOneTimeSigners(ltx, frame);
  if (!allOpsValid) {
    result.setError(TX.FAILED);
    return false;
  }
  if (!checker.allUsed()) {
    result.setError(TX.BAD_AUTH_EXTRA);
    return false;
  }
  return true;
};

/** Applies the operations in a layer of their own; keeps it only when every one succeeded. */
const applyOperations = (ledger: LedgerContext, ltx: LedgerTxn, applied: AppliedTx, soroban: SorobanApply | undefined, txSeed: Uint8Array): boolean => {
  const { frame, result } = applied;
  const layer = ltx.child();
  const metas: xdr.OperationMetaV2Wire[] = [];
  let success = true;
  for (const [i, op] of frame.inner.operations.entries()) {
    const opLayer = layer.child();
    const source = operationSource(frame, op);
    const handler = handlerOf(op.body);
    if (soroban) soroban.prngSeed = subSeed(txSeed, i);
    const ctx: ApplyContext = {
      ledger,
      frame,
      source,
      diagnostics: applied.diagnostics,
      opIndex: i,
      ltx: opLayer,
      events: [] as ContractEventWire[],
      soroban,
      restored: new Map(),
      untouchedRestored: [],
    };
    let opResult: OpResult;
    if (!handler) opResult = { code: OP.NOT_SUPPORTED };
    else if (!loadAccount(opLayer, source)) opResult = { code: OP.NO_ACCOUNT };
    else opResult = handler.checkValid(ctx, op.body) ?? handler.apply(ctx, op.body);
    result.opResults[i] = opResult;
    const ok = succeeded(opResult);
    if (!ok) success = false;
    if (success) {
      metas.push({ ext: { v: 0 }, changes: restoreMeta(opLayer.changes(), ctx.restored, ledger.seq, ctx.untouchedRestored), events: ctx.events });
    }
    if (ok) opLayer.commit();
  }
  if (!success) {
    result.setError(TX.FAILED);
    return false;
  }
  applied.operations = metas;
  layer.commit();
  return true;
};

/**
 * Applies one transaction whose fee is already charged (`TransactionFrame::apply`, and for a fee
 * bump `FeeBumpTransactionFrame::apply` around it). `txSeed` seeds its Soroban PRNG.
 */
export const applyTransaction = (ledger: LedgerContext, ltx: LedgerTxn, applied: AppliedTx, txSeed: Uint8Array): void => {
  const { frame, result } = applied;
  if (frame.feeBump) {
    const layer = ltx.child();
    removeOneTimeSigner(layer, frame.feeBump.feeSource, frame.hash);
    applied.txChangesBefore.push(...layer.changes());
    layer.commit();
  }
  let soroban: SorobanApply | undefined;
  let nonRefundable = 0n;
  if (frame.isSoroban && frame.inner.soroban) {
    nonRefundable = resourceFeeOf(frame, ledger.config, 0).nonRefundableFee;
    const refundable = new RefundableFeeTracker(frame.inner.soroban.resourceFee - nonRefundable);
    result.refundable = refundable;
    soroban = { refundable, prngSeed: txSeed, returnValue: undefined };
  }
  const before = ltx.child();
  const checker = new SignatureChecker(frame.inner.contentsHash, frame.inner.signatures, frame.verified);
  const level = commonValid(ledger, before, frame, checker, true, !frame.feeBump, result, applied.diagnostics);
  if (level >= Level.UpdateSeq) {
    const source = loadAccount(before, frame.inner.source)!;
    putAccount(before, withSequence(source, frame.inner.tx.seqNum, ledger.seq, ledger.closeTime));
  }
  const signaturesValid = processSignatures(level, before, frame, checker, result);
  applied.txChangesBefore.push(...before.changes());
  before.commit();
  const ok = signaturesValid && level === Level.Valid && applyOperations(ledger, ltx, applied, soroban, txSeed);
  if (soroban) {
    const tracker = soroban.refundable;
    applied.sorobanMeta = {
      ext: {
        v: 1,
        v1: {
          ext: { v: 0 },
          totalNonRefundableResourceFeeCharged: nonRefundable,
          totalRefundableResourceFeeCharged: tracker.consumedRefundableFee,
          rentFeeCharged: tracker.rentFee,
        },
      },
      returnValue: ok && soroban.returnValue ? soroban.returnValue : null,
    };
  }
};

/** Refunds what a Soroban transaction did not use of its refundable fee (`processRefund`). */
export const refundFee = (ledger: LedgerContext, ltx: LedgerTxn, applied: AppliedTx, header: HeaderTotals): void => {
  const tracker = applied.result.refundable;
  if (!tracker || tracker.refund === 0n) return;
  const feeSource = feeSourceOf(applied.frame);
  const layer = ltx.child();
  const account = loadAccount(layer, feeSource);
  const credited = account && addAccountBalance(ledger, account, tracker.refund);
  if (!credited) return;
  putAccount(layer, credited);
  header.feePool -= tracker.refund;
  applied.result.applyRefund(tracker.refund, ledger.protocol);
  applied.postTxApplyFeeProcessing = layer.changes();
  layer.commit();
  applied.txEvents.push({ stage: STAGE_AFTER_ALL_TXS, event: feeEvent(ledger.networkId, feeSource, -tracker.refund) });
};

/** The transaction's meta once every pass is done. */
export const transactionMeta = (applied: AppliedTx): xdr.TransactionMetaWire => ({
  v: 4,
  v4: {
    ext: { v: 0 },
    txChangesBefore: applied.txChangesBefore,
    operations: applied.result.success ? applied.operations : [],
    txChangesAfter: [],
    sorobanMeta: applied.sorobanMeta,
    events: applied.txEvents,
    diagnosticEvents: applied.diagnostics,
  },
});
