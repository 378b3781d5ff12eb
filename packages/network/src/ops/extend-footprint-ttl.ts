/**
 * ExtendFootprintTTL (`ExtendFootprintTTLOpFrame`, protocol 23+): every live entry of the
 * read-only footprint lives until at least `seq + extendTo`; archived and missing entries are
 * skipped. The rent is paid from the refundable fee.
 */
import { encodeEntry, encodeKey, isSorobanKey, keyId, ttlEntry, ttlKeyOf, type KeyWire } from '../ledger/keys.ts';
import { entrySizeFailure, liveUntilOf } from '../soroban/footprint.ts';
import { rentChange, rentFeeOf } from '../soroban/fees.ts';
import { entrySizeForRent } from '../soroban/rent-size.ts';
import { ScErrorCode, ScErrorType, diagnosticError } from '../tx/events.ts';
import type { LedgerEntryRentChange } from '@sorobox/host';
import type { OperationHandler, OpResult } from './types.ts';

const SUCCESS = 0;
const MALFORMED = -1;
const RESOURCE_LIMIT_EXCEEDED = -2;
const INSUFFICIENT_REFUNDABLE_FEE = -3;

const result = (code: number): OpResult => ({ code: 0, tr: { type: 25, extendFootprintTtlResult: { code } } }) as OpResult;

export const extendFootprintTtl: OperationHandler = {
  threshold: () => 'low',
  initial: () => result(SUCCESS),
  checkValid(ctx, body) {
    if (body.type !== 25) throw new Error('not an ExtendFootprintTTL');
    const { readOnly, readWrite } = ctx.frame.inner.soroban!.resources.footprint;
    const malformed = (message: string): OpResult => {
      ctx.diagnostics.push(diagnosticError(ScErrorType.Storage, ScErrorCode.InvalidInput, message));
      return result(MALFORMED);
    };
    if (readWrite.length > 0) return malformed('read-write footprint must be empty for ExtendFootprintTTL operation');
    if (!readOnly.every(isSorobanKey)) return malformed('only entries with TTL (contract data or code entries) can have it extended');
    if (body.extendFootprintTtlOp.extendTo > ctx.ledger.config.maxEntryTtl - 1) return malformed('TTL extension is too large');
    return undefined;
  },
  apply(ctx, body) {
    if (body.type !== 25) throw new Error('not an ExtendFootprintTTL');
    const seq = ctx.ledger.seq;
    const newLiveUntil = seq + body.extendFootprintTtlOp.extendTo;
    const rent: LedgerEntryRentChange[] = [];
    for (const key of ctx.frame.inner.soroban!.resources.footprint.readOnly as KeyWire[]) {
      const keyBytes = encodeKey(key);
      const current = liveUntilOf(ctx.ltx.load(ttlKeyOf(keyBytes)));
      if (current === undefined || current < seq || current >= newLiveUntil) continue;
      const entry = ctx.ltx.get(keyId(keyBytes), keyBytes);
      const size = entry ? encodeEntry(entry).length : 0;
      const tooBig = entrySizeFailure(key, size, ctx.ledger.config);
      if (tooBig) {
        ctx.diagnostics.push(tooBig);
        return result(RESOURCE_LIMIT_EXCEEDED);
      }
      const rentSize = entry ? entrySizeForRent(entry, size, ctx.ledger.config) : 0;
      const rc = rentChange(key, rentSize, rentSize, current, newLiveUntil);
      if (rc) rent.push(rc);
      ctx.ltx.put(ttlEntry(keyBytes, newLiveUntil, seq));
    }
    const rentFee = rentFeeOf(rent, ctx.ledger.config, ctx.ledger.sorobanStateSize, seq, ctx.ledger.protocol);
    const shortfall = ctx.soroban!.refundable.consume(ctx.frame, ctx.ledger.config, 0, rentFee);
    if (shortfall) {
      ctx.diagnostics.push(diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, shortfall));
      return result(INSUFFICIENT_REFUNDABLE_FEE);
    }
    return result(SUCCESS);
  },
};

