/**
 * RestoreFootprint (`RestoreFootprintOpFrame`, protocol 23+): every archived entry of the
 * read-write footprint lives again until `seq + minPersistentTtl - 1`. Restored entries are read
 * and written (metered against the declared bytes) and pay rent as new entries.
 */
import type { LedgerEntryRentChange } from '@sorobox/host';
import { encodeEntry, encodeKey, isPersistentKey, keyId, ttlEntry, ttlKeyOf, type EntryWire, type KeyWire } from '../ledger/keys.ts';
import { entrySizeFailure, liveUntilOf } from '../soroban/footprint.ts';
import { rentChange, rentFeeOf } from '../soroban/fees.ts';
import { entrySizeForRent } from '../soroban/rent-size.ts';
import { ScErrorCode, ScErrorType, diagnosticError, u64Val } from '../tx/events.ts';
import type { OperationHandler, OpResult } from './types.ts';

const SUCCESS = 0;
const MALFORMED = -1;
const RESOURCE_LIMIT_EXCEEDED = -2;
const INSUFFICIENT_REFUNDABLE_FEE = -3;

const result = (code: number): OpResult => ({ code: 0, tr: { type: 26, restoreFootprintResult: { code } } }) as OpResult;

export const restoreFootprint: OperationHandler = {
  threshold: () => 'low',
  initial: () => result(SUCCESS),
  checkValid(ctx, body) {
    if (body.type !== 26) throw new Error('not a RestoreFootprint');
    const { readOnly, readWrite } = ctx.frame.inner.soroban!.resources.footprint;
    const malformed = (message: string): OpResult => {
      ctx.diagnostics.push(diagnosticError(ScErrorType.Storage, ScErrorCode.InvalidInput, message));
      return result(MALFORMED);
    };
    if (readOnly.length > 0) return malformed('read-only footprint must be empty for RestoreFootprint operation');
    if (!readWrite.every(isPersistentKey)) return malformed('only persistent Soroban entries can be restored');
    return undefined;
  },
  apply(ctx, body) {
    if (body.type !== 26) throw new Error('not a RestoreFootprint');
    const seq = ctx.ledger.seq;
    const { config } = ctx.ledger;
    const resources = ctx.frame.inner.soroban!.resources;
    const restoredUntil = seq + config.minPersistentTtl - 1;
    const rent: LedgerEntryRentChange[] = [];
    const limit = (message: string, used: number, declared: number): OpResult => {
      ctx.diagnostics.push(diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, message, [u64Val(used), u64Val(declared)]));
      return result(RESOURCE_LIMIT_EXCEEDED);
    };
    let read = 0;
    let written = 0;
    for (const key of resources.footprint.readWrite as KeyWire[]) {
      const keyBytes = encodeKey(key);
      const current = liveUntilOf(ctx.ltx.load(ttlKeyOf(keyBytes)));
      if (current === undefined || current >= seq) continue; // missing, or live already
      const entry = ctx.ltx.get(keyId(keyBytes), keyBytes) as EntryWire;
      const size = encodeEntry(entry).length;
      read += size;
      if (read > resources.diskReadBytes) return limit('operation byte-read resources exceeds amount specified', read, resources.diskReadBytes);
      const tooBig = entrySizeFailure(key, size, config);
      if (tooBig) {
        ctx.diagnostics.push(tooBig);
        return result(RESOURCE_LIMIT_EXCEEDED);
      }
      written += size;
      if (written > resources.writeBytes) return limit('operation byte-write resources exceeds amount specified', written, resources.writeBytes);
      const rc = rentChange(key, 0, entrySizeForRent(entry, size, config), 0, restoredUntil);
      if (rc) rent.push(rc);
      const ttl = ctx.ltx.put(ttlEntry(keyBytes, restoredUntil, seq));
      ctx.restored.set(keyId(encodeKey(ttlKeyOf(keyBytes))), ttl);
      ctx.untouchedRestored.push(entry);
    }
    const rentFee = rentFeeOf(rent, config, ctx.ledger.sorobanStateSize, seq, ctx.ledger.protocol);
    const shortfall = ctx.soroban!.refundable.consume(ctx.frame, config, 0, rentFee);
    if (shortfall) {
      ctx.diagnostics.push(diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, shortfall));
      return result(INSUFFICIENT_REFUNDABLE_FEE);
    }
    return result(SUCCESS);
  },
};
