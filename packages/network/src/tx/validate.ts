/**
 * Transaction validation as stellar-core does it (`commonValidPreSeqNum`, `commonValid`,
 * `checkValid`, and the fee-bump variants): envelope shape, Soroban resources and fees, time and
 * ledger bounds, fees, sequence numbers, signatures and thresholds, balances. The same checks run
 * at submission (against the next ledger) and again when the transaction applies.
 */
import { xdr } from '@stellar/stellar-sdk';
import { INT64_MAX, THRESHOLD_HIGH, THRESHOLD_LOW, THRESHOLD_MEDIUM, availableBalance, loadAccount, signersOf, startingSequenceNumber, type AccountWire } from '../ledger/accounts.ts';
import type { LedgerTxn } from '../ledger/ltx.ts';
import { handlerOf } from '../ops/index.ts';
import type { OperationHandler, OpResult, ThresholdLevel } from '../ops/types.ts';
import type { CheckContext, DiagnosticEventWire, LedgerContext } from './context.ts';
import { declaredResourceFee, feeOperationCount, inclusionFee, operationSource, type InnerTx, type TxFrame } from './frame.ts';
import { OP, TX, TxResult } from './result.ts';
import { sorobanError } from './soroban-checks.ts';
import { SignatureChecker } from './signatures.ts';

/** Roughly 112 million lumens: the most a transaction may declare as its resource fee. */
const MAX_RESOURCE_FEE = 1n << 50n;

/** How far validation got (`ValidationType`): it decides what apply still does with a bad transaction. */
export const enum Level {
  Invalid = 0,
  UpdateSeq = 1,
  PostAuth = 2,
  Valid = 3,
}

export const minInclusionFee = (ledger: LedgerContext, ops: number): bigint => BigInt(ledger.baseFee) * BigInt(Math.max(1, ops));

/**
 * The fee charged: the declared resource fee plus the inclusion fee at the ledger's base fee, or
 * (applying) the bid when it is lower (`getFee`).
 */
export const feeToCharge = (ledger: LedgerContext, frame: TxFrame, applying: boolean): bigint => {
  const adjusted = minInclusionFee(ledger, feeOperationCount(frame));
  const inclusion = inclusionFee(frame);
  return declaredResourceFee(frame) + (applying && inclusion < adjusted ? inclusion : adjusted);
};

/** `XDRProvidesValidFee`: a Soroban transaction needs Soroban data with a sane resource fee. */
const providesValidFee = (frame: TxFrame): boolean => {
  if (frame.feeBump && frame.feeBump.fee < 0n) return false;
  if (!frame.isSoroban) return true;
  const soroban = frame.inner.soroban;
  return soroban !== undefined && soroban.resourceFee >= 0n && soroban.resourceFee <= MAX_RESOURCE_FEE;
};

const preconditions = (inner: InnerTx): xdr.PreconditionsV2Wire | undefined => (inner.tx.cond.type === 2 ? inner.tx.cond.v2 : undefined);
const timeBounds = (inner: InnerTx): xdr.TimeBoundsWire | undefined =>
  inner.tx.cond.type === 1 ? inner.tx.cond.timeBounds : inner.tx.cond.type === 2 ? (inner.tx.cond.v2.timeBounds ?? undefined) : undefined;

const isTooEarly = (ledger: LedgerContext, inner: InnerTx): boolean => {
  const tb = timeBounds(inner);
  if (tb && tb.minTime !== 0n && tb.minTime > ledger.closeTime) return true;
  const lb = preconditions(inner)?.ledgerBounds;
  return lb !== undefined && lb !== null && lb.minLedger > ledger.seq;
};

const isTooLate = (ledger: LedgerContext, inner: InnerTx): boolean => {
  const tb = timeBounds(inner);
  if (tb && tb.maxTime !== 0n && tb.maxTime < ledger.closeTime) return true;
  const lb = preconditions(inner)?.ledgerBounds;
  return lb !== undefined && lb !== null && lb.maxLedger !== 0 && lb.maxLedger <= ledger.seq;
};

/** `isBadSeq`: the account's sequence number must be one less (or within `minSeqNum`). */
const isBadSeq = (ledger: LedgerContext, inner: InnerTx, accountSeq: bigint): boolean => {
  const seq = inner.tx.seqNum;
  if (seq === startingSequenceNumber(ledger.seq)) return true;
  const min = preconditions(inner)?.minSeqNum;
  if (min !== undefined && min !== null) return accountSeq < min || accountSeq >= seq;
  return accountSeq === INT64_MAX || accountSeq + 1n !== seq;
};

const seqExtension = (a: AccountWire): { seqLedger: number; seqTime: bigint } =>
  a.ext.v === 1 && a.ext.v1.ext.v === 2 && a.ext.v1.ext.v2.ext.v === 3 ? a.ext.v1.ext.v2.ext.v3 : { seqLedger: 0, seqTime: 0n };

/** `isTooEarlyForAccount`: the `minSeqAge` / `minSeqLedgerGap` preconditions. */
const isTooEarlyForAccount = (ledger: LedgerContext, inner: InnerTx, source: AccountWire): boolean => {
  const cond = preconditions(inner);
  const minSeqAge = cond?.minSeqAge ?? 0n;
  const gap = cond?.minSeqLedgerGap ?? 0;
  const { seqLedger, seqTime } = seqExtension(source);
  if (minSeqAge > ledger.closeTime || ledger.closeTime - minSeqAge < seqTime) return true;
  return gap > ledger.seq || ledger.seq - gap < seqLedger;
};

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** `commonValidPreSeqNum` for the inner transaction: what does not depend on the source account. */
const validPreSeqNum = (ledger: LedgerContext, state: LedgerTxn, frame: TxFrame, chargeFee: boolean, result: TxResult, diagnostics: DiagnosticEventWire[]): boolean => {
  const inner = frame.inner;
  const extraSigners = preconditions(inner)?.extraSigners ?? [];
  if (extraSigners.length === 2 && sameBytes(xdr.SignerKey.schema.encode(extraSigners[0]), xdr.SignerKey.schema.encode(extraSigners[1]))) {
    result.setError(TX.MALFORMED);
    return false;
  }
  if (extraSigners.some((s) => s.type === 3 && s.ed25519SignedPayload.payload.length === 0)) {
    result.setError(TX.MALFORMED);
    return false;
  }
  if (inner.operations.length === 0) {
    result.setError(TX.MISSING_OPERATION);
    return false;
  }
  const sorobanOps = inner.operations.filter((op) => [24, 25, 26].includes(op.body.type)).length;
  if ((sorobanOps > 0 && sorobanOps !== inner.operations.length) || (frame.isSoroban && inner.operations.length !== 1)) {
    result.setError(TX.MALFORMED);
    return false;
  }
  if (frame.isSoroban) {
    const error = sorobanError(ledger, frame);
    if (error) {
      diagnostics.push(error);
      result.setError(TX.SOROBAN_INVALID);
      return false;
    }
  } else if (inner.tx.ext.v !== 0) {
    result.setError(TX.MALFORMED);
    return false;
  }
  if (isTooEarly(ledger, inner)) {
    result.setError(TX.TOO_EARLY);
    return false;
  }
  if (isTooLate(ledger, inner)) {
    result.setError(TX.TOO_LATE);
    return false;
  }
  const innerInclusion = BigInt(inner.tx.fee) - (frame.isSoroban ? inner.soroban!.resourceFee : 0n);
  if ((chargeFee && innerInclusion < minInclusionFee(ledger, inner.operations.length)) || (!chargeFee && innerInclusion < 0n)) {
    result.setError(TX.INSUFFICIENT_FEE);
    return false;
  }
  if (!loadAccount(state, inner.source)) {
    result.setError(TX.NO_ACCOUNT);
    return false;
  }
  return true;
};

export const thresholdOf = (account: AccountWire, level: ThresholdLevel): number =>
  account.thresholds[level === 'low' ? THRESHOLD_LOW : level === 'medium' ? THRESHOLD_MEDIUM : THRESHOLD_HIGH];

/** `commonValid` for the inner transaction. */
export const commonValid = (
  ledger: LedgerContext,
  state: LedgerTxn,
  frame: TxFrame,
  checker: SignatureChecker,
  applying: boolean,
  chargeFee: boolean,
  result: TxResult,
  diagnostics: DiagnosticEventWire[],
): Level => {
  if (!validPreSeqNum(ledger, state, frame, chargeFee, result, diagnostics)) return Level.Invalid;
  const inner = frame.inner;
  const source = loadAccount(state, inner.source)!;
  if (isBadSeq(ledger, inner, source.seqNum)) {
    result.setError(TX.BAD_SEQ);
    return Level.Invalid;
  }
  if (isTooEarlyForAccount(ledger, inner, source)) {
    result.setError(TX.BAD_MIN_SEQ_AGE_OR_GAP);
    return Level.UpdateSeq;
  }
  if (!checker.check(signersOf(source), source.thresholds[THRESHOLD_LOW])) {
    result.setError(TX.BAD_AUTH);
    return Level.UpdateSeq;
  }
  const extraSigners = preconditions(inner)?.extraSigners ?? [];
  if (extraSigners.length > 0 && !checker.check(extraSigners.map((key) => ({ key, weight: 1 })), extraSigners.length)) {
    result.setError(TX.BAD_AUTH);
    return Level.UpdateSeq;
  }
  // Applying, the fee is already charged; validating, it must still leave the reserve intact.
  const feeToPay = applying ? 0n : BigInt(inner.tx.fee);
  if (chargeFee && availableBalance(ledger, source) < feeToPay) {
    result.setError(TX.INSUFFICIENT_BALANCE);
    return Level.PostAuth;
  }
  return Level.Valid;
};

/**
 * An operation's signature check (`OperationFrame::checkSignature`): the source account's
 * threshold for the operation, or, for a source account that does not exist yet when validating,
 * a signature by that key.
 */
export const checkOperationSignature = (
  state: LedgerTxn,
  frame: TxFrame,
  checker: SignatureChecker,
  handler: OperationHandler,
  index: number,
  forApply: boolean,
): OpResult | undefined => {
  const op = frame.inner.operations[index];
  const sourceId = operationSource(frame, op);
  const account = loadAccount(state, sourceId);
  if (account) {
    return checker.check(signersOf(account), thresholdOf(account, handler.threshold(op.body))) ? undefined : { code: OP.BAD_AUTH };
  }
  if (forApply || !op.sourceAccount) return { code: OP.NO_ACCOUNT };
  return checker.check([{ key: { type: 0, ed25519: sourceId }, weight: 1 }], 0) ? undefined : { code: OP.BAD_AUTH };
};

/** The initial results of a transaction's operations (success, or not supported). */
export const initialOperationResults = (frame: TxFrame): OpResult[] =>
  frame.inner.operations.map((op) => handlerOf(op.body)?.initial() ?? { code: OP.NOT_SUPPORTED });

/** A fresh result for `frame` with the fee a validation reports (`getFee` at the base fee). */
export const validationResult = (ledger: LedgerContext, frame: TxFrame): TxResult =>
  new TxResult(frame, feeToCharge(ledger, frame, false), 0n, initialOperationResults(frame));

/** `checkValidWithOptionallyChargedFee`: the inner transaction and its operations. */
const checkValidInner = (ledger: LedgerContext, state: LedgerTxn, frame: TxFrame, chargeFee: boolean, result: TxResult, diagnostics: DiagnosticEventWire[]): void => {
  const inner = frame.inner;
  const checker = new SignatureChecker(inner.contentsHash, inner.signatures, frame.verified);
  if (commonValid(ledger, state, frame, checker, false, chargeFee, result, diagnostics) !== Level.Valid) return;
  for (const [i, op] of inner.operations.entries()) {
    const handler = handlerOf(op.body);
    if (!handler) {
      result.opResults[i] = { code: OP.NOT_SUPPORTED };
      result.setError(TX.FAILED);
      return;
    }
    const ctx: CheckContext = { ledger, frame, source: operationSource(frame, op), diagnostics };
    const failure = checkOperationSignature(state, frame, checker, handler, i, false) ?? handler.checkValid(ctx, op.body);
    if (failure) {
      result.opResults[i] = failure;
      result.setError(TX.FAILED);
      return;
    }
  }
  if (!checker.allUsed()) result.setError(TX.BAD_AUTH_EXTRA);
};

/** The fee-bump envelope's own checks (`FeeBumpTransactionFrame::commonValid`); true when valid. */
const checkFeeBump = (ledger: LedgerContext, state: LedgerTxn, frame: TxFrame, result: TxResult, applying: boolean): boolean => {
  const fb = frame.feeBump!;
  const outerInclusion = inclusionFee(frame);
  const minOuter = minInclusionFee(ledger, feeOperationCount(frame));
  if (outerInclusion < minOuter) {
    result.setOuterError(TX.INSUFFICIENT_FEE);
    return false;
  }
  const innerInclusion = BigInt(frame.inner.tx.fee) - declaredResourceFee(frame);
  if (innerInclusion >= 0n) {
    // The fee bump must raise the inclusion fee per operation.
    const minInner = minInclusionFee(ledger, frame.inner.operations.length);
    const v1 = outerInclusion * minInner;
    const v2 = innerInclusion * minOuter;
    if (v1 < v2) {
      result.setOuterError(TX.INSUFFICIENT_FEE);
      result.feeCharged = (v2 + minInner - 1n) / minInner;
      return false;
    }
  } else if (!frame.isSoroban) {
    result.setOuterError(TX.FEE_BUMP_INNER_FAILED);
    return false;
  }
  const feeSource = loadAccount(state, fb.feeSource);
  if (!feeSource) {
    result.setOuterError(TX.NO_ACCOUNT);
    return false;
  }
  const checker = new SignatureChecker(frame.hash, fb.signatures, frame.verified);
  if (!checker.check(signersOf(feeSource), feeSource.thresholds[THRESHOLD_LOW])) {
    result.setOuterError(TX.BAD_AUTH);
    return false;
  }
  if (availableBalance(ledger, feeSource) < (applying ? 0n : fb.fee)) {
    result.setOuterError(TX.INSUFFICIENT_BALANCE);
    return false;
  }
  if (!applying && !checker.allUsed()) {
    result.setOuterError(TX.BAD_AUTH_EXTRA);
    return false;
  }
  return true;
};

/** Full validation at submission (`checkValid`): the result (success or the failure) and diagnostics. */
export const checkValid = (ledger: LedgerContext, state: LedgerTxn, frame: TxFrame): { result: TxResult; diagnostics: DiagnosticEventWire[] } => {
  const diagnostics: DiagnosticEventWire[] = [];
  const result = validationResult(ledger, frame);
  if (!providesValidFee(frame)) {
    if (frame.feeBump) result.setOuterError(TX.MALFORMED);
    else result.setError(TX.MALFORMED);
    return { result, diagnostics };
  }
  if (frame.feeBump && !checkFeeBump(ledger, state, frame, result, false)) return { result, diagnostics };
  checkValidInner(ledger, state, frame, !frame.feeBump, result, diagnostics);
  return { result, diagnostics };
};
