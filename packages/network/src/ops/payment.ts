/**
 * Payment (`PaymentOpFrame`, applied as stellar-core does: a path payment without a path). The
 * destination is credited first, then the source debited; an issuer sends and receives its own
 * asset without a trustline (mint and burn).
 */
import type { xdr } from '@stellar/stellar-sdk';
import {
  addAccountBalance,
  addTrustLineBalance,
  availableBalance,
  isAuthorized,
  loadAccount,
  loadTrustLine,
  putAccount,
  putTrustLine,
} from '../ledger/accounts.ts';
import { isAssetValid, isIssuer } from '../ledger/assets.ts';
import { toMuxedIdOf, transferEvent } from '../tx/events.ts';
import { accountOfMuxed } from '../tx/frame.ts';
import type { ApplyContext } from '../tx/context.ts';
import type { OperationHandler, OpResult } from './types.ts';

const SUCCESS = 0;
const MALFORMED = -1;
const UNDERFUNDED = -2;
const SRC_NO_TRUST = -3;
const SRC_NOT_AUTHORIZED = -4;
const NO_DESTINATION = -5;
const NO_TRUST = -6;
const NOT_AUTHORIZED = -7;
const LINE_FULL = -8;

const result = (code: number): OpResult => ({ code: 0, tr: { type: 1, paymentResult: { code } } }) as OpResult;

/** Credits the destination; returns the failure code, if any. */
const credit = (ctx: ApplyContext, dest: Uint8Array, asset: xdr.AssetWire, amount: bigint): number | undefined => {
  if (asset.type === 0) {
    const account = loadAccount(ctx.ltx, dest);
    if (!account) return NO_DESTINATION;
    const credited = addAccountBalance(ctx.ledger, account, amount);
    if (!credited) return LINE_FULL;
    putAccount(ctx.ltx, credited);
    return undefined;
  }
  if (isIssuer(dest, asset)) return loadAccount(ctx.ltx, dest) ? undefined : NO_TRUST;
  const line = loadTrustLine(ctx.ltx, dest, asset);
  if (!line) return NO_TRUST;
  if (!isAuthorized(line)) return NOT_AUTHORIZED;
  const credited = addTrustLineBalance(line, amount);
  if (!credited) return LINE_FULL;
  putTrustLine(ctx.ltx, credited);
  return undefined;
};

/** Debits the source; returns the failure code, if any. */
const debit = (ctx: ApplyContext, asset: xdr.AssetWire, amount: bigint): number | undefined => {
  if (asset.type === 0) {
    const account = loadAccount(ctx.ltx, ctx.source)!;
    if (amount > availableBalance(ctx.ledger, account)) return UNDERFUNDED;
    const debited = addAccountBalance(ctx.ledger, account, -amount);
    if (!debited) return UNDERFUNDED;
    putAccount(ctx.ltx, debited);
    return undefined;
  }
  if (isIssuer(ctx.source, asset)) return undefined;
  const line = loadTrustLine(ctx.ltx, ctx.source, asset);
  if (!line) return SRC_NO_TRUST;
  if (!isAuthorized(line)) return SRC_NOT_AUTHORIZED;
  const debited = addTrustLineBalance(line, -amount);
  if (!debited) return UNDERFUNDED;
  putTrustLine(ctx.ltx, debited);
  return undefined;
};

export const payment: OperationHandler = {
  threshold: () => 'medium',
  initial: () => result(SUCCESS),
  checkValid(_ctx, body) {
    if (body.type !== 1) throw new Error('not a Payment');
    const { asset, amount } = body.paymentOp;
    if (amount <= 0n || !isAssetValid(asset)) return result(MALFORMED);
    return undefined;
  },
  apply(ctx, body) {
    if (body.type !== 1) throw new Error('not a Payment');
    const { destination, asset, amount } = body.paymentOp;
    const dest = accountOfMuxed(destination);
    // Sending lumens to oneself changes nothing (the destination exists: it is the source).
    if (asset.type === 0 && Buffer.compare(dest, ctx.source) === 0) return result(SUCCESS);
    if (asset.type !== 0 && !isIssuer(dest, asset) && !loadAccount(ctx.ltx, dest)) return result(NO_DESTINATION);
    const failure = credit(ctx, dest, asset, amount) ?? debit(ctx, asset, amount);
    if (failure !== undefined) return result(failure);
    ctx.events.push(transferEvent(ctx.ledger.networkId, asset, ctx.source, dest, amount, toMuxedIdOf(destination, ctx.frame.inner.tx.memo)));
    return result(SUCCESS);
  },
};
