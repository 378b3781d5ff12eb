/**
 * InvokeHostFunction (`InvokeHostFunctionOpFrame::doApply`, protocol 23+): loads the footprint
 * (restoring listed archived entries), runs the host function through `applyHostFunction` in
 * enforcing mode, then writes back every read-write entry, meters written bytes, event sizes and
 * rent against the declared resources and the refundable fee.
 */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import { HostError, applyHostFunction, type LedgerChange, type LedgerEntryRentChange, type SnapshotEntry } from '@sorobox/host';
import { AUTO_RESTORE_PROTOCOL } from '../config.ts';
import { encodeEntry, keyId, ttlEntry, ttlKeyOf, sha256, type EntryWire } from '../ledger/keys.ts';
import { entrySizeFailure, hostFootprint, readFootprint, type FootprintEntry } from '../soroban/footprint.ts';
import { rentChange, rentFeeOf } from '../soroban/fees.ts';
import { entrySizeForRent } from '../soroban/rent-size.ts';
import { writeRestored } from '../soroban/restore.ts';
import { ledgerInfoOf, type ApplyContext, type ContractEventWire } from '../tx/context.ts';
import { ScErrorCode, ScErrorType, diagnosticError, encodeContractEvent, u64Val } from '../tx/events.ts';
import type { OperationHandler, OpResult } from './types.ts';

const SUCCESS = 0;
const MALFORMED = -1;
const TRAPPED = -2;
const RESOURCE_LIMIT_EXCEEDED = -3;
const ENTRY_ARCHIVED = -4;
const INSUFFICIENT_REFUNDABLE_FEE = -5;
const DIAGNOSTIC = 2;

const result = (code: number, success?: Uint8Array): OpResult =>
  ({ code: 0, tr: { type: 24, invokeHostFunctionResult: code === SUCCESS ? { code, success } : { code } } }) as OpResult;

const exceeded = (ctx: ApplyContext, message: string, used: number | bigint, limit: number | bigint): OpResult => {
  ctx.diagnostics.push(diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, message, [u64Val(BigInt(used)), u64Val(BigInt(limit))]));
  return result(RESOURCE_LIMIT_EXCEEDED);
};

/** Entries as the host takes them, converted once per entry (contract code and instances are read by every call). */
const hostEntries = new WeakMap<EntryWire, xdr.LedgerEntry>();

const hostEntry = (entry: EntryWire): xdr.LedgerEntry => {
  let e = hostEntries.get(entry);
  if (!e) hostEntries.set(entry, (e = xdr.LedgerEntry.fromXdrObject(entry)));
  return e;
};

const snapshotOf = (reads: readonly FootprintEntry[]) => {
  const byId = new Map<string, SnapshotEntry>();
  for (const r of reads) if (r.entry) byId.set(r.id, { entry: hostEntry(r.entry), liveUntilLedger: r.liveUntil });
  return { get: (key: xdr.LedgerKey) => byId.get(keyId(key.toXdr())) };
};

/** The final state of each footprint entry after a successful run, written into the op's layer. */
const writeBack = (ctx: ApplyContext, reads: readonly FootprintEntry[], changes: readonly LedgerChange[]): OpResult | LedgerEntryRentChange[] => {
  const { config } = ctx.ledger;
  const declaredWrite = ctx.frame.inner.soroban!.resources.writeBytes;
  const byId = new Map(changes.map((c) => [keyId(c.key.toXdr()), c]));
  const rent: LedgerEntryRentChange[] = [];
  let written = 0;
  for (const r of reads) {
    const change = byId.get(r.id);
    const oldSize = r.restored || !r.entry ? 0 : entrySizeForRent(r.entry, r.size, config);
    const oldLiveUntil = r.restored ? 0 : (r.liveUntil ?? 0);
    if (r.readOnly) {
      // A read-only entry can only have its TTL extended.
      if (!change?.entry || change.liveUntilLedger === undefined) continue;
      ctx.ltx.put(ttlEntry(r.keyBytes, change.liveUntilLedger, ctx.ltx.ledgerSeq));
      const rc = rentChange(r.key, oldSize, oldSize, oldLiveUntil, change.liveUntilLedger);
      if (rc) rent.push(rc);
      continue;
    }
    const entry: EntryWire | undefined = change ? change.entry?.toXdrObject() : r.entry;
    if (!entry) {
      if (r.entry) {
        ctx.ltx.erase(r.key);
        ctx.ltx.erase(ttlKeyOf(r.keyBytes));
      }
      continue;
    }
    const size = encodeEntry(entry).length;
    const tooBig = entrySizeFailure(r.key, size, config);
    if (tooBig) {
      ctx.diagnostics.push(tooBig);
      return result(RESOURCE_LIMIT_EXCEEDED);
    }
    written += size;
    if (written > declaredWrite) return exceeded(ctx, 'operation byte-write resources exceeds amount specified', written, declaredWrite);
    ctx.ltx.put(entry);
    const liveUntil = change?.liveUntilLedger ?? r.liveUntil;
    if (liveUntil !== undefined && (liveUntil !== r.liveUntil || !r.entry)) ctx.ltx.put(ttlEntry(r.keyBytes, liveUntil, ctx.ltx.ledgerSeq));
    if (liveUntil !== undefined) {
      const rc = rentChange(r.key, oldSize, entrySizeForRent(entry, size, config), oldLiveUntil, liveUntil);
      if (rc) rent.push(rc);
    }
  }
  return rent;
};

/**
 * `applyHostFunction`, which reports contract and host failures in its outcome; a budget exhausted
 * before the run even starts (setting up the host is metered too) surfaces as an exception.
 */
const runHost = (ctx: ApplyContext, ...args: Parameters<typeof applyHostFunction>): ReturnType<typeof applyHostFunction> | { failed: OpResult } => {
  try {
    return applyHostFunction(...args);
  } catch (e) {
    if (e instanceof HostError && e.error.type === ScErrorType.Budget && e.error.code === ScErrorCode.ExceededLimit) {
      ctx.diagnostics.push(diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, `operation exceeds its declared resources: ${e.message}`));
      return { failed: result(RESOURCE_LIMIT_EXCEEDED) };
    }
    throw e;
  }
};

export const invokeHostFunction: OperationHandler = {
  threshold: () => 'low',
  initial: () => result(SUCCESS, new Uint8Array(32)),
  checkValid(ctx, body) {
    if (body.type !== 24) throw new Error('not an InvokeHostFunction');
    const fn = body.invokeHostFunctionOp.hostFunction;
    if (fn.type === 2 && fn.wasm.length > ctx.ledger.config.contractMaxSizeBytes) {
      ctx.diagnostics.push(
        diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, 'uploaded Wasm size exceeds network config maximum contract size', [
          u64Val(fn.wasm.length),
          u64Val(ctx.ledger.config.contractMaxSizeBytes),
        ]),
      );
      return result(MALFORMED);
    }
    return undefined;
  },
  apply(ctx, body) {
    if (body.type !== 24) throw new Error('not an InvokeHostFunction');
    const { ledger, frame } = ctx;
    const soroban = frame.inner.soroban!;
    const reads = readFootprint(ctx.ltx, soroban, { ledgerSeq: ledger.seq, config: ledger.config, autoRestore: ledger.protocol >= AUTO_RESTORE_PROTOCOL });
    if (!Array.isArray(reads)) {
      ctx.diagnostics.push(reads.diagnostic);
      return result(reads.failure === 'archived' ? ENTRY_ARCHIVED : RESOURCE_LIMIT_EXCEEDED);
    }
    for (const r of reads) if (r.restored && r.entry) writeRestored(ctx.ltx, r.keyBytes, r.entry, r.liveUntil!, ctx.restored);

    const { hostFunction, auth } = body.invokeHostFunctionOp;
    const run = runHost(
      ctx,
      {
        hostFunction: xdr.HostFunction.fromXdrObject(hostFunction),
        snapshot: snapshotOf(reads),
        footprint: hostFootprint(soroban),
        auth: auth.map((a) => xdr.SorobanAuthorizationEntry.fromXdrObject(a)),
        authMode: 'enforce',
        sourceAccount: StrKey.encodeEd25519PublicKey(Buffer.from(ctx.source)),
      },
      {
        ledger: ledgerInfoOf(ledger),
        config: ledger.config,
        diagnostics: ledger.diagnostics,
        prngSeed: ctx.soroban!.prngSeed,
        budget: { cpuInstructions: soroban.resources.instructions, memoryBytes: ledger.config.txMemoryLimit },
      },
    );
    if ('failed' in run) return run.failed;
    const hostEvents = run.events.map((e) => e.toXdrObject());
    ctx.diagnostics.push(...hostEvents);
    if (!run.outcome.ok) {
      const { cpuInstructions, memoryBytes } = run.budget;
      if (cpuInstructions > soroban.resources.instructions) {
        return exceeded(ctx, 'operation instructions exceeds amount specified', cpuInstructions, soroban.resources.instructions);
      }
      if (memoryBytes > ledger.config.txMemoryLimit) {
        return exceeded(ctx, 'operation memory usage exceeds network config limit', memoryBytes, ledger.config.txMemoryLimit);
      }
      return result(TRAPPED);
    }

    const rent = writeBack(ctx, reads, run.changes);
    if (!Array.isArray(rent)) return rent;

    const events: ContractEventWire[] = hostEvents.filter((e) => e.inSuccessfulContractCall && e.event.type !== DIAGNOSTIC).map((e) => e.event);
    const maxEvents = ledger.config.txMaxContractEventsSizeBytes;
    let eventsSize = 0;
    for (const e of events) {
      eventsSize += encodeContractEvent(e).length;
      if (eventsSize > maxEvents) return exceeded(ctx, 'total events size exceeds network config maximum', eventsSize, maxEvents);
    }
    const returnValue = run.outcome.value.toXdrObject();
    eventsSize += xdr.ScVal.schema.encode(returnValue).length;
    if (eventsSize > maxEvents) return exceeded(ctx, 'return value pushes events size above network config maximum', eventsSize, maxEvents);

    const rentFee = rentFeeOf(rent, ledger.config, ledger.sorobanStateSize, ledger.seq, ledger.protocol);
    const shortfall = ctx.soroban!.refundable.consume(frame, ledger.config, eventsSize, rentFee);
    if (shortfall) {
      ctx.diagnostics.push(diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, shortfall));
      return result(INSUFFICIENT_REFUNDABLE_FEE);
    }
    ctx.events.push(...events);
    ctx.soroban!.returnValue = returnValue;
    return result(SUCCESS, sha256(xdr.InvokeHostFunctionSuccessPreImage.schema.encode({ returnValue, events })));
  },
};
