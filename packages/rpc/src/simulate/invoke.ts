/**
 * Simulating an InvokeHostFunction operation (`simulate_invoke_host_function_op`): the host runs it
 * in recording mode against the current state (footprint recorded, archived entries restored
 * automatically, authorization recorded or enforced), and the run's measurements become the
 * transaction's resources and fee.
 */
import { createHash } from 'node:crypto';
import { xdr } from '@stellar/stellar-sdk';
import {
  applyHostFunction,
  type AuthMode,
  type HostFunctionResult,
  type LedgerSnapshot,
} from '@sorobox/host';
import { rentChangesOf } from './rent.ts';
import {
  isSorobanKey,
  sortKeys,
  transactionDataFor,
  xdrSize,
  type AdjustmentConfig,
  type FeeContext,
} from './resources.ts';
import { simulateRestore } from './ttl-ops.ts';
import type { SimulationResult, StateChange } from './types.ts';

/** Protocol 23 brought automatic restoration (CAP-66); before it, archived entries need a restore preamble. */
const AUTO_RESTORE_PROTOCOL = 23;
const DIAGNOSTIC = 2;

export interface InvokeRequest {
  readonly hostFunction: xdr.HostFunction;
  readonly auth: readonly xdr.SorobanAuthorizationEntry[];
  readonly authMode: AuthMode;
  /** The operation's source, else the transaction's: `G...`. */
  readonly sourceAccount: string;
}

const keyHex = (k: xdr.LedgerKey): string => Buffer.from(k.toXdr()).toString('hex');

/** Contract events of the successful run plus the return value, in XDR bytes (what the events fee covers). */
const eventsAndReturnValueSize = (r: HostFunctionResult, retval: xdr.ScVal): number =>
  r.events
    .filter((e) => e.inSuccessfulContractCall && e.event.toXdrObject().type !== DIAGNOSTIC)
    .reduce((sum, e) => sum + xdrSize(e.event), xdrSize(retval));

const stateChangesOf = (r: HostFunctionResult): StateChange[] =>
  r.changes
    .filter((c) => !c.readOnly)
    .map((c) => ({ key: c.key, before: c.previous?.entry, after: c.entry }));

export const simulateInvoke = (
  request: InvokeRequest,
  snapshot: LedgerSnapshot,
  fees: FeeContext,
  adjustment: AdjustmentConfig,
): SimulationResult => {
  const enforcing = request.authMode === 'enforce';
  const r = applyHostFunction(
    {
      hostFunction: request.hostFunction,
      snapshot,
      auth: enforcing ? request.auth : undefined,
      authMode: request.authMode,
      sourceAccount: request.sourceAccount,
    },
    {
      ledger: fees.ledger,
      config: fees.config,
      diagnostics: true,
      // Deterministic: what the contract would see differs on the network anyway (its seed comes from the transaction).
      prngSeed: new Uint8Array(createHash('sha256').update(request.hostFunction.toXdr()).digest()),
    },
  );
  if (!r.outcome.ok) return { error: `HostError: ${r.outcome.message}`, events: r.events, stateChanges: [] };

  const retval = r.outcome.value;
  const auth = enforcing ? [...request.auth] : [...r.auth];
  const autoRestore = fees.ledger.protocolVersion >= AUTO_RESTORE_PROTOCOL;
  const restored = new Set(r.restored.map(keyHex));
  const readOnly = sortKeys(r.footprint.readOnly);
  const readWrite = sortKeys(r.footprint.readWrite);
  const archived = autoRestore ? readWrite.flatMap((k, i) => (restored.has(keyHex(k)) ? [i] : [])) : [];
  const changed = new Map(r.changes.map((c) => [keyHex(c.key), c]));
  let diskReadBytes = 0;
  let writeBytes = 0;
  for (const key of [...readOnly, ...readWrite]) {
    const before = snapshot.get(key);
    if (before && (!isSorobanKey(key) || (autoRestore && restored.has(keyHex(key)))))
      diskReadBytes += xdrSize(before.entry);
  }
  for (const key of readWrite) {
    const change = changed.get(keyHex(key));
    // A read-write entry is written back whether or not it changed.
    const after = change ? change.entry : snapshot.get(key)?.entry;
    if (after) writeBytes += xdrSize(after);
  }
  const classicKeys = [...readOnly, ...readWrite].filter((k) => !isSorobanKey(k)).length;
  const transactionData = transactionDataFor(
    {
      type: 24,
      invokeHostFunctionOp: {
        hostFunction: request.hostFunction.toXdrObject(),
        auth: auth.map((a) => a.toXdrObject()),
      },
    },
    {
      readOnly,
      readWrite,
      archived,
      diskReadEntries: classicKeys + archived.length,
      instructions: r.budget.cpuInstructions,
      diskReadBytes,
      writeBytes,
      eventsSizeBytes: eventsAndReturnValueSize(r, retval),
      rentChanges: rentChangesOf(r.changes, fees.config),
    },
    adjustment,
    fees,
  );
  return {
    transactionData,
    events: r.events,
    result: { retval, auth },
    restorePreamble:
      !autoRestore && r.restored.length ? simulateRestore(r.restored, snapshot, fees, adjustment) : undefined,
    stateChanges: stateChangesOf(r),
  };
};
