/**
 * Soroban rent (`soroban-env-host/src/fees.rs`: `compute_rent_write_fee_per_1kb`,
 * `compute_rent_fee`). Rent is paid when an entry's TTL is extended (for the added ledgers at the
 * new size) and when an entry grows (for the ledgers already paid at the old size); every extended
 * entry also pays for writing its TTL entry.
 */
import { computeFeePerIncrement, DATA_SIZE_1KB_INCREMENT } from './resource-fee.ts';
import { clampFee, divCeil, i64, maxOf, satI128, satI64, satU32, u32 } from './integer.ts';

/** Size of a `TtlEntry` ledger entry's XDR, charged as a write for every extended entry. */
export const TTL_ENTRY_SIZE = 48;
/** The rent rate per KiB never goes below this, whatever the Soroban state size. */
export const MINIMUM_RENT_WRITE_FEE_PER_1KB = 1000n;
/** Contract code entries pay this fraction of the rent of a data entry of the same size. */
export const CODE_ENTRY_RENT_DISCOUNT_FACTOR = 3n;
/** The protocol whose rules these functions follow unless told otherwise. */
export const RENT_FEE_DEFAULT_PROTOCOL = 26;

/** Network settings that set the rent rate from the Soroban state size. */
export interface RentWriteFeeConfiguration {
  /** The rate grows linearly from low to high until the state reaches this size (i64). */
  readonly stateTargetSizeBytes: bigint;
  /** Rate per KiB at an empty state (i64; may be negative, then the minimum applies longer). */
  readonly rentFee1KbStateSizeLow: bigint;
  /** Rate per KiB at the target state size (i64). */
  readonly rentFee1KbStateSizeHigh: bigint;
  /** Slope multiplier for the state past the target (u32). */
  readonly stateSizeRentFeeGrowthFactor: number;
}

/** Rent settings (all i64 stroops / ledger counts). */
export interface RentFeeConfiguration {
  /** Flat write rate per KiB, used for the TTL entry writes (same as `FeeConfiguration`). */
  readonly feePerWrite1Kb: bigint;
  /** Rent rate per KiB, from `computeRentWriteFeePer1Kb`. */
  readonly feePerRent1Kb: bigint;
  /** Per written entry, used for the TTL entry writes (same as `FeeConfiguration`). */
  readonly feePerWriteEntry: bigint;
  /** 1 KiB of persistent storage costs `feePerRent1Kb` every this many ledgers. */
  readonly persistentRentRateDenominator: bigint;
  /** Same for temporary storage. */
  readonly temporaryRentRateDenominator: bigint;
}

/** One entry before and after a transaction (all sizes and ledgers are u32). */
export interface LedgerEntryRentChange {
  readonly isPersistent: boolean;
  readonly isCodeEntry: boolean;
  /** In-memory size before the change; 0 for a new entry. */
  readonly oldSizeBytes: number;
  /** In-memory size after the change; 0 for a removed entry. */
  readonly newSizeBytes: number;
  /** 0 for a new entry. */
  readonly oldLiveUntilLedger: number;
  /** 0 for a removed entry. */
  readonly newLiveUntilLedger: number;
}

/**
 * The rent rate per KiB for the current Soroban state size (stellar-core passes the average over
 * its state-size window): linear from `low` at 0 to `high` at the target, then `growth` times
 * steeper, never below `MINIMUM_RENT_WRITE_FEE_PER_1KB`.
 */
export const computeRentWriteFeePer1Kb = (
  sorobanStateSizeBytes: bigint,
  config: RentWriteFeeConfiguration,
): bigint => {
  const size = i64('sorobanStateSizeBytes', sorobanStateSizeBytes);
  const target = i64('stateTargetSizeBytes', config.stateTargetSizeBytes);
  const low = i64('rentFee1KbStateSizeLow', config.rentFee1KbStateSizeLow);
  const high = i64('rentFee1KbStateSizeHigh', config.rentFee1KbStateSizeHigh);
  const growth = u32('stateSizeRentFeeGrowthFactor', config.stateSizeRentFeeGrowthFactor);
  const slope = clampFee(satI64(high - low));
  const denominator = maxOf(target, 1n);
  let fee: bigint;
  if (size < target) {
    // The product is taken in i128 in the reference; the low rate is added unclamped (it may be negative).
    fee = satI64(clampFee(divCeil(satI128(slope * size), denominator)) + low);
  } else {
    const pastTarget = satI64(size - target);
    fee = satI64(high + clampFee(divCeil(satI128(satI128(slope * pastTarget) * growth), denominator)));
  }
  return maxOf(fee, MINIMUM_RENT_WRITE_FEE_PER_1KB);
};

interface CheckedChange {
  readonly isPersistent: boolean;
  readonly isCodeEntry: boolean;
  readonly oldSize: bigint;
  readonly newSize: bigint;
  readonly oldLiveUntil: bigint;
  readonly newLiveUntil: bigint;
}

const check = (c: LedgerEntryRentChange): CheckedChange => ({
  isPersistent: c.isPersistent,
  isCodeEntry: c.isCodeEntry,
  oldSize: u32('oldSizeBytes', c.oldSizeBytes),
  newSize: u32('newSizeBytes', c.newSizeBytes),
  oldLiveUntil: u32('oldLiveUntilLedger', c.oldLiveUntilLedger),
  newLiveUntil: u32('newLiveUntilLedger', c.newLiveUntilLedger),
});

const isNew = (c: CheckedChange) => c.oldSize === 0n && c.oldLiveUntil === 0n;

/** Ledgers added past the old live-until (a new entry is paid from the current ledger on). */
const extensionLedgers = (c: CheckedChange, currentLedger: bigint): bigint | undefined => {
  const before = isNew(c) ? satU32(currentLedger - 1n) : c.oldLiveUntil;
  return c.newLiveUntil >= before ? c.newLiveUntil - before : undefined;
};

/** Ledgers from the current one through the old live-until, already paid at the old size. */
const prepaidLedgers = (c: CheckedChange, currentLedger: bigint): bigint | undefined => {
  if (isNew(c) || c.oldLiveUntil < currentLedger) return undefined;
  return satU32(c.oldLiveUntil - currentLedger + 1n);
};

const rentForSizeAndLedgers = (
  isPersistent: boolean,
  sizeBytes: bigint,
  ledgers: bigint,
  config: RentFeeConfiguration,
): bigint => {
  const numerator = satI64(satI64(sizeBytes * config.feePerRent1Kb) * ledgers);
  const rate = isPersistent ? config.persistentRentRateDenominator : config.temporaryRentRateDenominator;
  return divCeil(numerator, maxOf(satI64(DATA_SIZE_1KB_INCREMENT * rate), 1n));
};

const rentForChange = (
  c: CheckedChange,
  config: RentFeeConfiguration,
  currentLedger: bigint,
  protocolVersion: number,
): bigint => {
  let fee = 0n;
  const extension = extensionLedgers(c, currentLedger);
  if (extension !== undefined) {
    fee = satI64(fee + rentForSizeAndLedgers(c.isPersistent, c.newSize, extension, config));
  }
  const prepaid = prepaidLedgers(c, currentLedger);
  if (prepaid !== undefined && c.newSize >= c.oldSize) {
    fee = satI64(fee + rentForSizeAndLedgers(c.isPersistent, c.newSize - c.oldSize, prepaid, config));
  }
  if (c.isCodeEntry) {
    // Protocol 26 rounds the discounted rent up; protocols 23-25 truncated it (`fee /= 3`).
    fee =
      protocolVersion >= 26
        ? divCeil(fee, CODE_ENTRY_RENT_DISCOUNT_FACTOR)
        : fee / CODE_ENTRY_RENT_DISCOUNT_FACTOR;
  }
  return fee;
};

/**
 * The total rent fee for `changes` applied at ledger `currentLedgerSeq`. Like the reference, it
 * expects consistent changes (rent is computed by the network, not from user input).
 */
export const computeRentFee = (
  changes: readonly LedgerEntryRentChange[],
  config: RentFeeConfiguration,
  currentLedgerSeq: number,
  protocolVersion: number = RENT_FEE_DEFAULT_PROTOCOL,
): bigint => {
  if (!Number.isInteger(protocolVersion) || protocolVersion < 23) {
    throw new RangeError(`rent fees are modelled for protocol 23 and later, got ${protocolVersion}`);
  }
  const checkedConfig: RentFeeConfiguration = {
    feePerWrite1Kb: i64('feePerWrite1Kb', config.feePerWrite1Kb),
    feePerRent1Kb: i64('feePerRent1Kb', config.feePerRent1Kb),
    feePerWriteEntry: i64('feePerWriteEntry', config.feePerWriteEntry),
    persistentRentRateDenominator: i64('persistentRentRateDenominator', config.persistentRentRateDenominator),
    temporaryRentRateDenominator: i64('temporaryRentRateDenominator', config.temporaryRentRateDenominator),
  };
  const currentLedger = u32('currentLedgerSeq', currentLedgerSeq);
  let fee = 0n;
  let extendedEntries = 0n;
  let ttlBytes = 0n;
  for (const change of changes) {
    const c = check(change);
    fee = satI64(fee + rentForChange(c, checkedConfig, currentLedger, protocolVersion));
    if (c.oldLiveUntil < c.newLiveUntil) {
      extendedEntries += 1n;
      ttlBytes = satU32(ttlBytes + BigInt(TTL_ENTRY_SIZE));
    }
  }
  // Every extension rewrites the entry's fixed-size TTL entry.
  fee = satI64(fee + satI64(checkedConfig.feePerWriteEntry * extendedEntries));
  return satI64(
    fee + computeFeePerIncrement(ttlBytes, checkedConfig.feePerWrite1Kb, DATA_SIZE_1KB_INCREMENT),
  );
};
