/**
 * Turning what a simulated run used into the resources and fee a transaction declares, as
 * `soroban-simulation` (`resources.rs`, `simulation.rs`) does: each measured figure is padded by an
 * adjustment factor, the transaction size is estimated for the largest envelope the operation can
 * travel in, and the resource fee is the network's fee for those resources plus rent.
 */
import { xdr } from '@stellar/stellar-sdk';
import {
  computeRentFee,
  computeTransactionResourceFee,
  feeConfigFromNetwork,
  rentConfigFromNetwork,
  type LedgerEntryRentChange,
  type LedgerInfo,
  type NetworkConfig,
} from '@sorobox/host';

/** `max(value × multiplicative, value + additive)`; 0 stays 0 (an unused resource needs no padding). */
export interface AdjustmentFactor {
  readonly multiplicative: number;
  readonly additive: number;
}

export interface AdjustmentConfig {
  readonly instructions: AdjustmentFactor;
  readonly diskReadBytes: AdjustmentFactor;
  readonly writeBytes: AdjustmentFactor;
  readonly txSize: AdjustmentFactor;
  readonly refundableFee: AdjustmentFactor;
}

const NONE: AdjustmentFactor = { multiplicative: 1, additive: 0 };

/**
 * `SimulationAdjustmentConfig::default_adjustment`, with stellar-rpc's `instructionLeeway` raising
 * the additive instruction padding.
 */
export const defaultAdjustment = (instructionLeeway = 0): AdjustmentConfig => ({
  instructions: { multiplicative: 1.02, additive: Math.max(50_000, instructionLeeway) },
  diskReadBytes: NONE,
  writeBytes: NONE,
  // Generous: an unused transaction size fee is not charged beyond the declared size, and the fee is small.
  txSize: { multiplicative: 1.1, additive: 500 },
  refundableFee: { multiplicative: 1.15, additive: 0 },
});

const U32_MAX = 0xffff_ffff;
const I64_MAX = 0x7fff_ffff_ffff_ffffn;

export const adjustU32 = (value: number, f: AdjustmentFactor): number => {
  if (value === 0) return 0;
  const added = Math.min(value + f.additive, U32_MAX);
  const scaled = Math.floor(Math.min(Math.max(value * f.multiplicative, 0), U32_MAX));
  return Math.max(added, scaled);
};

export const adjustI64 = (value: bigint, f: AdjustmentFactor): bigint => {
  if (value === 0n) return 0n;
  const added = value + BigInt(f.additive) > I64_MAX ? I64_MAX : value + BigInt(f.additive);
  const scaledNumber = Math.min(Math.max(Number(value) * f.multiplicative, 0), Number(I64_MAX));
  const scaled = BigInt(Math.floor(scaledNumber)) > I64_MAX ? I64_MAX : BigInt(Math.floor(scaledNumber));
  return added > scaled ? added : scaled;
};

const CONTRACT_DATA = 6;
const CONTRACT_CODE = 7;
const PERSISTENT = 1;
export const isSorobanKey = (key: xdr.LedgerKey): boolean => {
  const type = key.toXdrObject().type;
  return type === CONTRACT_DATA || type === CONTRACT_CODE;
};
export const isCodeKey = (key: xdr.LedgerKey): boolean => key.toXdrObject().type === CONTRACT_CODE;
/** Contract code, and contract data of persistent durability: the entries that are archived, not deleted, when they expire. */
export const isPersistentKey = (key: xdr.LedgerKey): boolean => {
  const wire = key.toXdrObject();
  return (
    wire.type === CONTRACT_CODE ||
    (wire.type === CONTRACT_DATA && wire.contractData.durability === PERSISTENT)
  );
};

export const xdrSize = (value: { toXdr(): Uint8Array }): number => value.toXdr().length;

/** Keys in a canonical order (by their XDR), as a footprint lists them. */
export const sortKeys = (keys: readonly xdr.LedgerKey[]): xdr.LedgerKey[] =>
  keys
    .map((k) => ({ k, hex: Buffer.from(k.toXdr()).toString('hex') }))
    .sort((a, b) => (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0))
    .map(({ k }) => k);

const ZERO32 = new Uint8Array(32);
const ZERO64 = new Uint8Array(64);
const MAX_SIGNATURES = 20;

/**
 * The size of the largest envelope carrying `operation` with this footprint
 * (`estimate_max_transaction_size_for_operation`): muxed sources, every precondition, a hash memo,
 * two signed-payload extra signers and twenty signatures.
 */
export const estimateMaxTransactionSize = (
  operation: xdr.OperationBodyWire,
  footprint: xdr.LedgerFootprintWire,
  archived: readonly number[],
): number => {
  const source: xdr.MuxedAccountWire = { type: 256, med25519: { id: 0n, ed25519: ZERO32 } };
  const signer: xdr.SignerKeyWire = { type: 3, ed25519SignedPayload: { ed25519: ZERO32, payload: ZERO64 } };
  const envelope = xdr.TransactionEnvelope.fromXdrObject({
    type: 2,
    v1: {
      tx: {
        sourceAccount: source,
        fee: 0,
        seqNum: 0n,
        cond: {
          type: 2,
          v2: {
            timeBounds: { minTime: 0n, maxTime: 0n },
            ledgerBounds: { minLedger: 0, maxLedger: 0 },
            minSeqNum: 0n,
            minSeqAge: 0n,
            minSeqLedgerGap: 0,
            extraSigners: [signer, signer],
          },
        },
        memo: { type: 3, hash: ZERO32 },
        operations: [{ sourceAccount: source, body: operation }],
        ext: {
          v: 1,
          sorobanData: {
            ext: archived.length
              ? { v: 1, resourceExt: { archivedSorobanEntries: [...archived] } }
              : { v: 0 },
            resources: { footprint, instructions: 0, diskReadBytes: 0, writeBytes: 0 },
            resourceFee: 0n,
          },
        },
      },
      signatures: Array.from({ length: MAX_SIGNATURES }, () => ({
        hint: new Uint8Array(4),
        signature: ZERO64,
      })),
    },
  } as xdr.TransactionEnvelopeWire);
  return envelope.toXdr().length;
};

/** What a simulated operation needs, before adjustment. */
export interface SimulatedResources {
  readonly readOnly: readonly xdr.LedgerKey[];
  readonly readWrite: readonly xdr.LedgerKey[];
  /** Indices into `readWrite` of archived entries the transaction restores (protocol 23 automatic restoration). */
  readonly archived: readonly number[];
  /** Entries read from disk (classic ones and archived ones; in-memory Soroban state is free since protocol 23). */
  readonly diskReadEntries: number;
  readonly instructions: number;
  readonly diskReadBytes: number;
  readonly writeBytes: number;
  /** Contract events and the return value, XDR bytes. */
  readonly eventsSizeBytes: number;
  readonly rentChanges: readonly LedgerEntryRentChange[];
}

/** The Soroban state size rent is priced at: the latest ledger's, from its close meta (as stellar-rpc reads it). */
export const sorobanStateSize = (meta: xdr.LedgerCloseMeta): bigint => {
  const wire = meta.toXdrObject();
  return wire.v === 1
    ? wire.v1.totalByteSizeOfLiveSorobanState
    : wire.v === 2
      ? wire.v2.totalByteSizeOfLiveSorobanState
      : 0n;
};

export interface FeeContext {
  readonly config: NetworkConfig;
  readonly ledger: LedgerInfo;
  readonly stateSizeBytes: bigint;
}

/** The transaction data to declare for `operation`, with its resource fee (`compute_resource_fee`). */
export const transactionDataFor = (
  operation: xdr.OperationBodyWire,
  used: SimulatedResources,
  adjustment: AdjustmentConfig,
  fees: FeeContext,
): xdr.SorobanTransactionData => {
  const footprint: xdr.LedgerFootprintWire = {
    readOnly: used.readOnly.map((k) => k.toXdrObject()),
    readWrite: used.readWrite.map((k) => k.toXdrObject()),
  };
  const instructions = adjustU32(used.instructions, adjustment.instructions);
  const diskReadBytes = adjustU32(used.diskReadBytes, adjustment.diskReadBytes);
  const writeBytes = adjustU32(used.writeBytes, adjustment.writeBytes);
  const resourceFee = computeTransactionResourceFee(
    {
      instructions,
      diskReadEntries: used.diskReadEntries,
      writeEntries: used.readWrite.length,
      diskReadBytes,
      writeBytes,
      contractEventsSizeBytes: used.eventsSizeBytes,
      transactionSizeBytes: adjustU32(
        estimateMaxTransactionSize(operation, footprint, used.archived),
        adjustment.txSize,
      ),
    },
    feeConfigFromNetwork(fees.config),
  );
  const rent = computeRentFee(
    used.rentChanges,
    rentConfigFromNetwork(fees.config, fees.stateSizeBytes),
    fees.ledger.sequenceNumber,
    fees.ledger.protocolVersion,
  );
  const refundable = adjustI64(resourceFee.refundableFee + rent, adjustment.refundableFee);
  return xdr.SorobanTransactionData.fromXdrObject({
    ext: used.archived.length
      ? { v: 1, resourceExt: { archivedSorobanEntries: [...used.archived] } }
      : { v: 0 },
    resources: { footprint, instructions, diskReadBytes, writeBytes },
    resourceFee: resourceFee.nonRefundableFee + refundable,
  });
};
