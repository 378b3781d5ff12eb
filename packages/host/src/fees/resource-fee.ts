/**
 * Soroban transaction resource fees (`soroban-env-host/src/fees.rs`,
 * `compute_transaction_resource_fee`, protocol 23+ field set): what a transaction pays for the
 * resources it declares, as a non-refundable part and a refundable part (contract events; rent,
 * computed by `computeRentFee`, is the other refundable charge).
 */
import { divCeil, i64, maxOf, satI64, satU32, u32 } from './integer.ts';

/** Rough size of any transaction's result in the history archives, added to its envelope size. */
export const TX_BASE_RESULT_SIZE = 300;
/** Instructions are priced per this many. */
export const INSTRUCTIONS_INCREMENT = 10_000n;
/** Byte quantities are priced per KiB. */
export const DATA_SIZE_1KB_INCREMENT = 1024n;

/** The resources a Soroban transaction declares (all `u32`). */
export interface TransactionResources {
  readonly instructions: number;
  /** Entries read from disk (in protocol 23+ in-memory Soroban state is not counted). */
  readonly diskReadEntries: number;
  readonly writeEntries: number;
  readonly diskReadBytes: number;
  readonly writeBytes: number;
  /** Size of the contract events XDR. */
  readonly contractEventsSizeBytes: number;
  /** Size of the transaction envelope XDR. */
  readonly transactionSizeBytes: number;
}

/** Fee rates in stroops (all `i64`), normally loaded from the network settings. */
export interface FeeConfiguration {
  /** Per `INSTRUCTIONS_INCREMENT` (10,000) instructions. */
  readonly feePerInstructionIncrement: bigint;
  readonly feePerDiskReadEntry: bigint;
  readonly feePerWriteEntry: bigint;
  readonly feePerDiskRead1Kb: bigint;
  /** Flat write rate (protocol 23+); rent uses a separate, state-size dependent rate. */
  readonly feePerWrite1Kb: bigint;
  /** Per KiB of history: envelope size plus `TX_BASE_RESULT_SIZE`. */
  readonly feePerHistorical1Kb: bigint;
  readonly feePerContractEvent1Kb: bigint;
  readonly feePerTransactionSize1Kb: bigint;
}

/** The charge for each resource, in stroops. */
export interface ResourceFeeComponents {
  readonly compute: bigint;
  readonly diskReadEntries: bigint;
  readonly writeEntries: bigint;
  readonly diskReadBytes: bigint;
  readonly writeBytes: bigint;
  readonly historical: bigint;
  readonly transactionSize: bigint;
  readonly events: bigint;
}

export interface ResourceFee {
  readonly nonRefundableFee: bigint;
  /** Contract events only. */
  readonly refundableFee: bigint;
  readonly components: ResourceFeeComponents;
}

/** `compute_fee_per_increment`: ceil(resource × rate / increment) on saturating i64. */
export const computeFeePerIncrement = (resource: bigint, feeRate: bigint, increment: bigint): bigint =>
  divCeil(satI64(resource * feeRate), maxOf(increment, 1n));

/**
 * The resource fee for `resources` under `config`. Accepts any u32 resources (user input, as in
 * the reference); sums saturate at `i64::MAX` instead of overflowing.
 */
export const computeTransactionResourceFee = (
  resources: TransactionResources,
  config: FeeConfiguration,
): ResourceFee => {
  const r = {
    instructions: u32('instructions', resources.instructions),
    diskReadEntries: u32('diskReadEntries', resources.diskReadEntries),
    writeEntries: u32('writeEntries', resources.writeEntries),
    diskReadBytes: u32('diskReadBytes', resources.diskReadBytes),
    writeBytes: u32('writeBytes', resources.writeBytes),
    contractEventsSizeBytes: u32('contractEventsSizeBytes', resources.contractEventsSizeBytes),
    transactionSizeBytes: u32('transactionSizeBytes', resources.transactionSizeBytes),
  };
  const fee = (name: keyof FeeConfiguration): bigint => i64(name, config[name]);
  const perKb = (bytes: bigint, name: keyof FeeConfiguration) =>
    computeFeePerIncrement(bytes, fee(name), DATA_SIZE_1KB_INCREMENT);

  const components: ResourceFeeComponents = {
    compute: computeFeePerIncrement(
      r.instructions,
      fee('feePerInstructionIncrement'),
      INSTRUCTIONS_INCREMENT,
    ),
    // Since protocol 23 written entries are not also billed as reads (unless read from disk).
    diskReadEntries: satI64(fee('feePerDiskReadEntry') * r.diskReadEntries),
    writeEntries: satI64(fee('feePerWriteEntry') * r.writeEntries),
    diskReadBytes: perKb(r.diskReadBytes, 'feePerDiskRead1Kb'),
    writeBytes: perKb(r.writeBytes, 'feePerWrite1Kb'),
    // The size is a u32 in the reference, so adding the result size saturates at 2^32 - 1.
    historical: perKb(satU32(r.transactionSizeBytes + BigInt(TX_BASE_RESULT_SIZE)), 'feePerHistorical1Kb'),
    transactionSize: perKb(r.transactionSizeBytes, 'feePerTransactionSize1Kb'),
    events: perKb(r.contractEventsSizeBytes, 'feePerContractEvent1Kb'),
  };
  const nonRefundable = [
    components.compute,
    components.diskReadEntries,
    components.writeEntries,
    components.diskReadBytes,
    components.writeBytes,
    components.historical,
    components.transactionSize,
  ];
  return {
    nonRefundableFee: nonRefundable.reduce((sum, part) => satI64(sum + part), 0n),
    refundableFee: components.events,
    components,
  };
};
