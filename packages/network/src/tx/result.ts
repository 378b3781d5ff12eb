/**
 * A transaction's result as it is built during validation and apply (stellar-core's
 * `MutableTransactionResult` / `FeeBumpMutableTransactionResult`), and its `TransactionResult` XDR.
 */
import { xdr } from '@stellar/stellar-sdk';
import type { RefundableFeeTracker } from '../soroban/fees.ts';
import type { TxFrame } from './frame.ts';

export type OperationResultWire = xdr.OperationResultWire;

export const TX = {
  FEE_BUMP_INNER_SUCCESS: 1,
  SUCCESS: 0,
  FAILED: -1,
  TOO_EARLY: -2,
  TOO_LATE: -3,
  MISSING_OPERATION: -4,
  BAD_SEQ: -5,
  BAD_AUTH: -6,
  INSUFFICIENT_BALANCE: -7,
  NO_ACCOUNT: -8,
  INSUFFICIENT_FEE: -9,
  BAD_AUTH_EXTRA: -10,
  INTERNAL_ERROR: -11,
  NOT_SUPPORTED: -12,
  FEE_BUMP_INNER_FAILED: -13,
  BAD_SPONSORSHIP: -14,
  BAD_MIN_SEQ_AGE_OR_GAP: -15,
  MALFORMED: -16,
  SOROBAN_INVALID: -17,
} as const;

export const OP = { INNER: 0, BAD_AUTH: -1, NO_ACCOUNT: -2, NOT_SUPPORTED: -3, TOO_MANY_SUBENTRIES: -4 } as const;

export class TxResult {
  /** The innermost result code (the inner transaction's for a fee bump). */
  code: number = TX.SUCCESS;
  /** A fee bump's own failure (fee source, outer signatures, outer fee), before the inner tx. */
  outerCode: number | undefined;
  refundable: RefundableFeeTracker | undefined;

  constructor(
    readonly frame: TxFrame,
    public feeCharged: bigint,
    public innerFeeCharged: bigint,
    readonly opResults: OperationResultWire[],
  ) {}

  get success(): boolean {
    return this.outerCode === undefined && this.code === TX.SUCCESS;
  }

  /** Fails the (inner) transaction; a failed transaction consumes none of its refundable fee. */
  setError(code: number): void {
    this.code = code;
    this.refundable?.reset();
  }

  setOuterError(code: number): void {
    this.outerCode = code;
  }

  /** Subtracts the refund from the fees charged (`finalizeFeeRefund`). */
  applyRefund(refund: bigint, protocol: number): void {
    this.feeCharged -= refund;
    // The inner fee of a fee bump is only reported before protocol 25.
    if (this.frame.feeBump && protocol < 25) this.innerFeeCharged -= refund;
  }

  private innerResult(): xdr.InnerTransactionResultResultWire {
    return this.code === TX.SUCCESS || this.code === TX.FAILED
      ? { code: this.code, results: this.opResults }
      : ({ code: this.code } as xdr.InnerTransactionResultResultWire);
  }

  toWire(): xdr.TransactionResultWire {
    const fb = this.frame.feeBump;
    let result: xdr.TransactionResultResultWire;
    if (this.outerCode !== undefined) {
      result = { code: this.outerCode } as xdr.TransactionResultResultWire;
    } else if (fb) {
      result = {
        code: this.code === TX.SUCCESS ? TX.FEE_BUMP_INNER_SUCCESS : TX.FEE_BUMP_INNER_FAILED,
        innerResultPair: {
          transactionHash: this.frame.inner.contentsHash,
          result: { feeCharged: this.innerFeeCharged, result: this.innerResult(), ext: { v: 0 } },
        },
      };
    } else {
      result = this.innerResult() as xdr.TransactionResultResultWire;
    }
    return { feeCharged: this.feeCharged, result, ext: { v: 0 } };
  }
}

/** The name of a result code as the SDK spells it (`txBadSeq`), for logs. */
export const txCodeName = (code: number): string => {
  try {
    return xdr.TransactionResultCode.fromValue(code).name;
  } catch {
    return `tx(${code})`;
  }
};
