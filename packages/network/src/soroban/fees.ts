/**
 * Soroban resource fees as stellar-core charges them (protocol 23+): the fee for the declared
 * resources (`computeSorobanResourceFee`), split into a non-refundable part charged up front and a
 * refundable part that pays for rent and contract events, with the unused rest refunded after
 * apply (`RefundableFeeTracker`).
 */
import {
  computeRentFee,
  computeTransactionResourceFee,
  feeConfigFromNetwork,
  rentConfigFromNetwork,
  type LedgerEntryRentChange,
  type NetworkConfig,
  type ResourceFee,
} from '@sorobox/host';
import { CONTRACT_CODE, isPersistentKey, isSorobanKey, type KeyWire } from '../ledger/keys.ts';
import type { SorobanDataWire, TxFrame } from '../tx/frame.ts';

const RESTORE_FOOTPRINT = 26;

/**
 * Entries read from disk (`getNumDiskReadEntries`): classic entries in the footprint plus the
 * archived entries to restore; a RestoreFootprint reads all of its read-write entries.
 */
export const diskReadEntries = (soroban: SorobanDataWire, isRestore: boolean): number => {
  const fp = soroban.resources.footprint;
  if (isRestore) return fp.readWrite.length;
  const classic = [...fp.readOnly, ...fp.readWrite].filter((k) => !isSorobanKey(k)).length;
  return classic + (soroban.ext.v === 1 ? soroban.ext.resourceExt.archivedSorobanEntries.length : 0);
};

const isRestoreTx = (frame: TxFrame): boolean => frame.inner.operations[0]?.body.type === RESTORE_FOOTPRINT;

/** The fee for a Soroban transaction's declared resources, with `eventsSize` bytes of events. */
export const resourceFeeOf = (frame: TxFrame, config: NetworkConfig, eventsSize: number): ResourceFee => {
  const soroban = frame.inner.soroban!;
  const r = soroban.resources;
  return computeTransactionResourceFee(
    {
      instructions: r.instructions,
      diskReadEntries: diskReadEntries(soroban, isRestoreTx(frame)),
      writeEntries: r.footprint.readWrite.length,
      diskReadBytes: r.diskReadBytes,
      writeBytes: r.writeBytes,
      contractEventsSizeBytes: eventsSize,
      transactionSizeBytes: frame.envelopeBytes.length,
    },
    feeConfigFromNetwork(config),
  );
};

/**
 * One entry's rent change (`extract_rent_changes`): none when the entry is neither extended nor
 * grown. Sizes are sizes for rent (`entrySizeForRent`).
 */
export const rentChange = (
  key: KeyWire,
  oldSize: number,
  newSize: number,
  oldLiveUntil: number,
  newLiveUntil: number,
): LedgerEntryRentChange | undefined => {
  if (oldLiveUntil >= newLiveUntil && oldSize >= newSize) return undefined;
  return {
    isPersistent: isPersistentKey(key),
    isCodeEntry: key.type === CONTRACT_CODE,
    oldSizeBytes: oldSize,
    newSizeBytes: newSize,
    oldLiveUntilLedger: oldLiveUntil,
    newLiveUntilLedger: newLiveUntil,
  };
};

/** The rent for a set of entry changes at the current Soroban state size. */
export const rentFeeOf = (
  changes: readonly LedgerEntryRentChange[],
  config: NetworkConfig,
  sorobanStateSize: bigint,
  ledgerSeq: number,
  protocol: number,
): bigint => (changes.length === 0 ? 0n : computeRentFee(changes, rentConfigFromNetwork(config, sorobanStateSize), ledgerSeq, protocol));

/**
 * The refundable part of a Soroban fee: the declared resource fee minus the non-refundable fee.
 * Rent and events are paid from it as the transaction runs; what is left is refunded.
 */
export class RefundableFeeTracker {
  private eventsSize = 0;
  private rent = 0n;
  private consumed = 0n;

  constructor(readonly maximum: bigint) {}

  /** Pays for more events and rent; returns an error message when the refundable fee runs out. */
  consume(frame: TxFrame, config: NetworkConfig, eventsSize: number, rentFee: bigint): string | undefined {
    this.eventsSize += eventsSize;
    this.rent += rentFee;
    if (this.maximum < this.rent) {
      return `refundable resource fee was not sufficient to cover the ledger storage rent: ${this.rent} > ${this.maximum}`;
    }
    const events = resourceFeeOf(frame, config, this.eventsSize).refundableFee;
    this.consumed = this.rent + events;
    if (this.maximum < this.consumed) {
      return `refundable resource fee was not sufficient to cover the events fee after paying for ledger storage rent: ${events} > ${this.maximum}`;
    }
    return undefined;
  }

  /** A failed transaction consumes nothing: its whole refundable fee comes back. */
  reset(): void {
    this.eventsSize = 0;
    this.rent = 0n;
    this.consumed = 0n;
  }

  get refund(): bigint {
    return this.maximum - this.consumed;
  }

  get rentFee(): bigint {
    return this.rent;
  }

  get consumedRefundableFee(): bigint {
    return this.consumed;
  }
}
