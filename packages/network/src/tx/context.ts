/**
 * What validation and application see of the ledger a transaction goes into, and what an
 * operation works with while it applies.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { LedgerInfo, NetworkConfig } from '@sorobox/host';
import type { LedgerTxn } from '../ledger/ltx.ts';
import type { RefundableFeeTracker } from '../soroban/fees.ts';
import type { RestoredValues } from '../soroban/restore.ts';
import type { TxFrame } from './frame.ts';

export interface LedgerContext {
  readonly networkId: Uint8Array;
  readonly protocol: number;
  /** The ledger the transaction is validated for or applied in. */
  readonly seq: number;
  readonly closeTime: bigint;
  readonly baseFee: number;
  readonly baseReserve: number;
  readonly config: NetworkConfig;
  /** Size of the live Soroban state, which sets the rent rate. */
  readonly sorobanStateSize: bigint;
  /** Whether the host records diagnostic events. */
  readonly diagnostics: boolean;
}

export const ledgerInfoOf = (ctx: LedgerContext): LedgerInfo => ({
  protocolVersion: ctx.protocol,
  sequenceNumber: ctx.seq,
  timestamp: ctx.closeTime,
  networkId: ctx.networkId,
  baseReserve: ctx.baseReserve,
  minTemporaryTtl: ctx.config.minTemporaryTtl,
  minPersistentTtl: ctx.config.minPersistentTtl,
  maxEntryTtl: ctx.config.maxEntryTtl,
});

export type ContractEventWire = xdr.ContractEventWire;
export type DiagnosticEventWire = xdr.DiagnosticEventWire;

/** A Soroban transaction's running state while its operation applies. */
export interface SorobanApply {
  readonly refundable: RefundableFeeTracker;
  /** Seed of the running operation's PRNG. */
  prngSeed: Uint8Array;
  returnValue: xdr.ScValWire | undefined;
}

export interface CheckContext {
  readonly ledger: LedgerContext;
  readonly frame: TxFrame;
  readonly source: Uint8Array;
  readonly diagnostics: DiagnosticEventWire[];
}

export interface ApplyContext extends CheckContext {
  readonly opIndex: number;
  /** The operation's own layer of the ledger state. */
  readonly ltx: LedgerTxn;
  /** Events the operation emits (CAP-67 classic events, contract events). */
  readonly events: ContractEventWire[];
  readonly soroban: SorobanApply | undefined;
  /** Entries the operation restored from the archive, for their RESTORED meta. */
  readonly restored: RestoredValues;
  /** Restored entries the operation did not rewrite (RestoreFootprint), reported as they are. */
  readonly untouchedRestored: xdr.LedgerEntryWire[];
}
