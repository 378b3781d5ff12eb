/** What a simulation produces, before it is put on the wire. */
import type { xdr } from '@stellar/stellar-sdk';

export interface StateChange {
  readonly key: xdr.LedgerKey;
  /** Absent for a created entry. */
  readonly before: xdr.LedgerEntry | undefined;
  /** Absent for a deleted entry. */
  readonly after: xdr.LedgerEntry | undefined;
}

export interface SimulationResult {
  /** Set when the simulation failed; the other fields then hold what is known (events). */
  readonly error?: string;
  readonly transactionData?: xdr.SorobanTransactionData;
  readonly events: readonly xdr.DiagnosticEvent[];
  /** InvokeHostFunction only: the return value and the authorizations to sign. */
  readonly result?: { readonly retval: xdr.ScVal; readonly auth: readonly xdr.SorobanAuthorizationEntry[] };
  /** A RestoreFootprint transaction to run first, when archived entries must be restored explicitly. */
  readonly restorePreamble?: xdr.SorobanTransactionData;
  readonly stateChanges: readonly StateChange[];
}
