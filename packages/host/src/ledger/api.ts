/**
 * Running one `HostFunction` of an `InvokeHostFunctionOp` against a ledger snapshot
 * (`e2e_invoke.rs`'s `invoke_host_function`): with a declared footprint (enforcing, as a transaction
 * runs) or without one (recording, as a simulation runs). Returns the result, events and budget,
 * and on success the ledger changes the run made and the footprint it used. This is the one entry
 * point the network uses, for application and for simulation alike: `InvokeContract`,
 * `UploadContractWasm`, `CreateContract` and `CreateContractV2` (see `host-function.ts`).
 */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import { failedOutcome, type InvokeOutcome, type InvokeResult } from '../api.ts';
import { beginAuth, recordedAuth } from '../auth/hooks.ts';
import { markFailedFrom } from '../host/diagnostics.ts';
import type { Frame } from '../host/frame.ts';
import { Host, type HostOptions } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { eventsForFailedRun, externalizeEvents } from '../xdr/events.ts';
import { valToScVal } from '../xdr/scval.ts';
import { Footprint } from './footprint.ts';
import { hostFunctionName, runHostFunction } from './host-function.ts';
import { checkTransactionXdr } from './protocol-xdr.ts';
import { chargeOperationDecoding, chargeOutputEncoding, chargeRunInputDecoding, withEmulatedSignature } from './xdr-metering.ts';
import { CONTRACT_CODE, CONTRACT_DATA, checkSupportedKey, encodeEntry, encodeKey } from './keys.ts';
import type { LedgerSnapshot } from './snapshot.ts';
import { Storage, type LedgerChange } from './storage.ts';

export interface LedgerFootprint {
  readonly readOnly: readonly xdr.LedgerKey[];
  readonly readWrite: readonly xdr.LedgerKey[];
}

/**
 * How `require_auth` is answered: against the transaction's authorization entries (`enforce`), or
 * by recording what the run needs so a client can sign it (`record`; `record_allow_nonroot` also
 * records authorizations that are not at the root of the call tree), as simulation does.
 */
export type AuthMode = 'enforce' | 'record' | 'record_allow_nonroot';

export interface HostFunctionRequest {
  readonly hostFunction: xdr.HostFunction;
  readonly snapshot: LedgerSnapshot;
  /** The transaction's footprint. Without one the run records the footprint it needs. */
  readonly footprint?: LedgerFootprint;
  /** The operation's `auth` entries (enforcing mode). */
  readonly auth?: readonly xdr.SorobanAuthorizationEntry[];
  /** Default: `enforce` with a footprint, `record` without one. */
  readonly authMode?: AuthMode;
  /** The operation's (or else the transaction's) source account, `G...`. */
  readonly sourceAccount?: string;
}

export interface LedgerInvokeRequest {
  /** The contract: its 32-byte id or its `C...` address. */
  readonly contract: Uint8Array | string;
  readonly fn: string;
  readonly args?: readonly xdr.ScVal[];
  readonly snapshot: LedgerSnapshot;
  /** The transaction's footprint. Without one the run records the footprint it needs. */
  readonly footprint?: LedgerFootprint;
}

export interface LedgerInvokeResult extends InvokeResult {
  /** What the run changed; empty when it failed. */
  readonly changes: readonly LedgerChange[];
  /** The footprint as declared, or as recorded in recording mode. */
  readonly footprint: LedgerFootprint;
  /** Archived entries the run restored (recording mode only). */
  readonly restored: readonly xdr.LedgerKey[];
}

export interface HostFunctionResult extends LedgerInvokeResult {
  /** The authorization entries the run needs (recording modes); empty when enforcing. */
  readonly auth: readonly xdr.SorobanAuthorizationEntry[];
}

/**
 * The limits stellar-core applies once the host has returned: every contract data key in the
 * footprint, and every entry written. Core fails the operation with a diagnostic
 * `Error(Budget, ExceededLimit)`; here the run fails with that error.
 */
const checkSizes = (host: Host, footprint: Footprint, changes: readonly LedgerChange[]): void => {
  for (const { key } of footprint.entries()) {
    const size = encodeKey(key).length;
    if (key.type === CONTRACT_DATA && size > host.config.contractDataKeySizeBytes)
      throw hostError(ErrorType.Budget, ErrorCode.ExceededLimit, `contract data key of ${size} bytes exceeds the network limit`);
  }
  for (const c of changes) {
    if (c.readOnly || !c.entry) continue;
    const entry = c.entry.toXdrObject();
    const size = encodeEntry(entry).length;
    const limit =
      entry.data.type === CONTRACT_DATA
        ? host.config.contractDataEntrySizeBytes
        : entry.data.type === CONTRACT_CODE
          ? host.config.contractMaxSizeBytes
          : Infinity;
    if (size > limit) throw hostError(ErrorType.Budget, ErrorCode.ExceededLimit, `ledger entry of ${size} bytes exceeds the network limit`);
  }
};

/**
 * stellar-core's limit on what a run emits: the emitted events plus the return value, in XDR bytes
 * (`txMaxContractEventsSizeBytes`). Over it the operation fails with `Error(Budget, ExceededLimit)`.
 */
const checkEventsSize = (host: Host, eventBytes: number, result: xdr.ScVal): void => {
  const total = eventBytes + result.toXdr().length;
  if (total > host.config.txMaxContractEventsSizeBytes)
    throw hostError(ErrorType.Budget, ErrorCode.ExceededLimit, `events and return value of ${total} bytes exceed the network limit`);
};

/** Never throws for contract or host failures: they are in `outcome`. */
export const applyHostFunction = (request: HostFunctionRequest, options: Omit<HostOptions, 'storage'> = {}): HostFunctionResult => {
  const footprint = request.footprint
    ? Footprint.enforcing(request.footprint.readOnly, request.footprint.readWrite)
    : Footprint.recording();
  const storage = new Storage(request.snapshot, footprint);
  const host = new Host({ ...options, storage });
  // The host-function frame the reference runs every host function in: it counts towards the depth limit.
  const hostFrame: Frame = { contractId: undefined, fn: hostFunctionName(request.hostFunction), relative: [], vm: undefined, prng: undefined, eventsStart: 0 };
  host.frames.push(hostFrame);
  let outcome: InvokeOutcome;
  let changes: readonly LedgerChange[] = [];
  let events: xdr.DiagnosticEvent[];
  let auth: xdr.SorobanAuthorizationEntry[] = [];
  try {
    if (host.setupError) throw host.setupError;
    const authMode = request.authMode ?? (request.footprint ? 'enforce' : 'record');
    checkTransactionXdr(host, {
      hostFunction: request.hostFunction.toXdrObject(),
      auth: (request.auth ?? []).map((e) => e.toXdrObject()),
      footprint: footprint.entries().map((e) => e.key),
    });
    chargeOperationDecoding(host, request.hostFunction);
    if (footprint.mode === 'enforcing') chargeRunInputDecoding(host, storage, request.auth ?? []);
    beginAuth(host, { mode: authMode, entries: request.auth ?? [], sourceAccount: request.sourceAccount });
    for (const { key } of footprint.entries()) checkSupportedKey(key);
    const value = valToScVal(host, runHostFunction(host, request.hostFunction));
    auth = recordedAuth(host);
    if (footprint.mode === 'recording') chargeRunInputDecoding(host, storage, auth.map(withEmulatedSignature));
    chargeOutputEncoding(host, storage, value);
    changes = storage.changes();
    checkSizes(host, footprint, changes);
    const externalized = externalizeEvents(host);
    checkEventsSize(host, externalized.emittedBytes, value);
    events = externalized.events;
    outcome = { ok: true, value };
  } catch (e) {
    outcome = failedOutcome(e);
    changes = [];
    markFailedFrom(host, 0); // the whole invocation failed: nothing it emitted stands
    events = eventsForFailedRun(host);
  } finally {
    host.frames.pop();
  }
  return {
    outcome,
    events,
    budget: host.budget.report(),
    changes,
    footprint: { readOnly: footprint.keys('read-only'), readWrite: footprint.keys('read-write') },
    restored: storage.restoredKeys(),
    auth: outcome.ok ? auth : [],
  };
};

/** Invokes one function of a deployed contract: `applyHostFunction` with an `InvokeContract`. */
export const invokeLedgerContract = (request: LedgerInvokeRequest, options: Omit<HostOptions, 'storage'> = {}): LedgerInvokeResult => {
  const contract = typeof request.contract === 'string' ? new Uint8Array(StrKey.decodeContract(request.contract)) : request.contract;
  const hostFunction = xdr.HostFunction.fromXdrObject({
    type: 0,
    invokeContract: {
      contractAddress: { type: 1, contractId: contract },
      functionName: new xdr.XdrString(request.fn),
      args: (request.args ?? []).map((a) => a.toXdrObject()),
    },
  });
  return applyHostFunction({ hostFunction, snapshot: request.snapshot, footprint: request.footprint }, options);
};
