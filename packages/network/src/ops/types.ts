/**
 * The shape every operation implements (stellar-core's `OperationFrame` subclasses): the signing
 * threshold it needs, its state-independent checks, and its application to the ledger.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { ApplyContext, CheckContext } from '../tx/context.ts';

export type OpBody = xdr.OperationBodyWire;
export type OpResult = xdr.OperationResultWire;
export type ThresholdLevel = 'low' | 'medium' | 'high';

export interface OperationHandler {
  threshold(body: OpBody): ThresholdLevel;
  /** False for forms of the operation this network does not implement (`opNOT_SUPPORTED`). */
  supported?(body: OpBody): boolean;
  /** The result a valid operation starts with: success with default contents. */
  initial(): OpResult;
  /** Checks that need no ledger state (`doCheckValid`): the failure result, or undefined. */
  checkValid(ctx: CheckContext, body: OpBody): OpResult | undefined;
  /** Applies the operation in `ctx.ltx`; `succeeded` tells whether the result is a success. */
  apply(ctx: ApplyContext, body: OpBody): OpResult;
}

export const OP_TOO_MANY_SUBENTRIES: OpResult = { code: -4 };

/** True for `opINNER` with the operation's own success code. */
export const succeeded = (r: OpResult): boolean => {
  if (r.code !== 0) return false;
  for (const [k, v] of Object.entries(r.tr)) if (k !== 'type') return (v as { code: number }).code === 0;
  return false;
};
