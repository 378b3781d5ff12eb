/**
 * Resource and rent fees. Worked examples are computed by hand from the reference formulas
 * (arithmetic in the comments); "reference vector" cases are ported from rs-soroban-env's
 * `soroban-env-host/tests/fees.rs` (protocol 26).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TESTNET_P26_CONFIG } from '../src/config/network-config.ts';
import {
  computeRentFee,
  computeRentWriteFeePer1Kb,
  computeTransactionResourceFee,
  estimateRent,
  feeConfigFromNetwork,
  formatXlm,
  MINIMUM_RENT_WRITE_FEE_PER_1KB,
  rentConfigFromNetwork,
  rentWriteFeeConfigFromNetwork,
  type FeeConfiguration,
  type LedgerEntryRentChange,
  type RentFeeConfiguration,
  type TransactionResources,
} from '../src/fees/index.ts';

const I64_MAX = (1n << 63n) - 1n;
const U32_MAX = 0xffff_ffff;

const NO_RESOURCES: TransactionResources = {
  instructions: 0,
  diskReadEntries: 0,
  writeEntries: 0,
  diskReadBytes: 0,
  writeBytes: 0,
  contractEventsSizeBytes: 0,
  transactionSizeBytes: 0,
};
const only = (patch: Partial<TransactionResources>): TransactionResources => ({ ...NO_RESOURCES, ...patch });
const fees = (r: TransactionResources, c: FeeConfiguration) => {
  const f = computeTransactionResourceFee(r, c);
  return [f.nonRefundableFee, f.refundableFee];
};

describe('resource fee: testnet p26 rates, one component at a time (by hand)', () => {
  const testnet = feeConfigFromNetwork(TESTNET_P26_CONFIG);
  // Every transaction pays history for its 300-byte result: ceil(300 * 16235 / 1024)
  // = ceil(4_870_500 / 1024) = ceil(4756.35) = 4757.
  const BASE_HISTORICAL = 4757n;

  test('the builder maps the network settings', () => {
    assert.deepEqual(testnet, {
      feePerInstructionIncrement: 25n,
      feePerDiskReadEntry: 6250n,
      feePerWriteEntry: 10000n,
      feePerDiskRead1Kb: 1786n,
      feePerWrite1Kb: 3500n,
      feePerHistorical1Kb: 16235n,
      feePerContractEvent1Kb: 10000n,
      feePerTransactionSize1Kb: 1624n,
    });
  });

  test('no resources: only the base historical fee', () => {
    assert.deepEqual(fees(NO_RESOURCES, testnet), [BASE_HISTORICAL, 0n]);
  });

  test('instructions: ceil(n * rate / 10_000)', () => {
    // ceil(1_234_567 * 25 / 10_000) = ceil(30_864_175 / 10_000) = ceil(3086.42) = 3087
    const f = computeTransactionResourceFee(only({ instructions: 1_234_567 }), testnet);
    assert.equal(f.components.compute, 3087n);
    assert.deepEqual([f.nonRefundableFee, f.refundableFee], [3087n + BASE_HISTORICAL, 0n]);
  });

  test('disk read entries: n * rate', () => {
    // 3 * 6250 = 18_750
    const f = computeTransactionResourceFee(only({ diskReadEntries: 3 }), testnet);
    assert.equal(f.components.diskReadEntries, 18_750n);
    assert.equal(f.nonRefundableFee, 18_750n + BASE_HISTORICAL);
  });

  test('write entries: n * rate (not also billed as reads since protocol 23)', () => {
    // 2 * 10_000 = 20_000; the read-entry component stays 0
    const f = computeTransactionResourceFee(only({ writeEntries: 2 }), testnet);
    assert.equal(f.components.writeEntries, 20_000n);
    assert.equal(f.components.diskReadEntries, 0n);
    assert.equal(f.nonRefundableFee, 20_000n + BASE_HISTORICAL);
  });

  test('disk read bytes: ceil(bytes * rate / 1024)', () => {
    // ceil(5000 * 1786 / 1024) = ceil(8_930_000 / 1024) = ceil(8720.70) = 8721
    const f = computeTransactionResourceFee(only({ diskReadBytes: 5000 }), testnet);
    assert.equal(f.components.diskReadBytes, 8721n);
    assert.equal(f.nonRefundableFee, 8721n + BASE_HISTORICAL);
  });

  test('write bytes: ceil(bytes * flat write rate / 1024)', () => {
    // ceil(700 * 3500 / 1024) = ceil(2_450_000 / 1024) = ceil(2392.58) = 2393
    const f = computeTransactionResourceFee(only({ writeBytes: 700 }), testnet);
    assert.equal(f.components.writeBytes, 2393n);
    assert.equal(f.nonRefundableFee, 2393n + BASE_HISTORICAL);
  });

  test('transaction size: historical (size + 300) and bandwidth (size)', () => {
    // historical: ceil((600 + 300) * 16235 / 1024) = ceil(14_611_500 / 1024) = ceil(14269.04) = 14270
    // bandwidth:  ceil(600 * 1624 / 1024) = ceil(974_400 / 1024) = ceil(951.56) = 952
    const f = computeTransactionResourceFee(only({ transactionSizeBytes: 600 }), testnet);
    assert.equal(f.components.historical, 14_270n);
    assert.equal(f.components.transactionSize, 952n);
    assert.deepEqual([f.nonRefundableFee, f.refundableFee], [14_270n + 952n, 0n]);
  });

  test('contract events: ceil(bytes * rate / 1024), the refundable part', () => {
    // ceil(250 * 10_000 / 1024) = ceil(2_500_000 / 1024) = ceil(2441.41) = 2442
    const f = computeTransactionResourceFee(only({ contractEventsSizeBytes: 250 }), testnet);
    assert.equal(f.components.events, 2442n);
    assert.deepEqual([f.nonRefundableFee, f.refundableFee], [BASE_HISTORICAL, 2442n]);
  });

  test('all together: the components add up', () => {
    const f = computeTransactionResourceFee(
      {
        instructions: 1_234_567,
        diskReadEntries: 3,
        writeEntries: 2,
        diskReadBytes: 5000,
        writeBytes: 700,
        contractEventsSizeBytes: 250,
        transactionSizeBytes: 600,
      },
      testnet,
    );
    // 3087 + 18_750 + 20_000 + 8721 + 2393 + 14_270 + 952 = 68_173
    assert.deepEqual([f.nonRefundableFee, f.refundableFee], [68_173n, 2442n]);
  });

  test('resources must be u32', () => {
    assert.throws(() => computeTransactionResourceFee(only({ instructions: -1 }), testnet), RangeError);
    assert.throws(() => computeTransactionResourceFee(only({ writeBytes: 2 ** 32 }), testnet), RangeError);
    assert.throws(() => computeTransactionResourceFee(only({ diskReadBytes: 1.5 }), testnet), RangeError);
    assert.throws(
      () => computeTransactionResourceFee(NO_RESOURCES, { ...testnet, feePerWriteEntry: 1n << 63n }),
      RangeError,
    );
  });
});

describe('resource fee: reference vectors', () => {
  const config: FeeConfiguration = {
    feePerInstructionIncrement: 1000n,
    feePerDiskReadEntry: 2000n,
    feePerWriteEntry: 3000n,
    feePerDiskRead1Kb: 4000n,
    feePerWrite1Kb: 5000n,
    feePerHistorical1Kb: 6000n,
    feePerContractEvent1Kb: 7000n,
    feePerTransactionSize1Kb: 8000n,
  };
  // ceil(6000 * 300 / 1024) = 1758
  const BASE = 1758n;

  test('single resources (resource_fee_computation_with_single_resource)', () => {
    const cases: [Partial<TransactionResources>, bigint, bigint][] = [
      [{ instructions: 1 }, 1n + BASE, 0n],
      [{ instructions: 10_000 }, 1000n + BASE, 0n],
      [{ instructions: 123_451_234 }, 12_345_124n + BASE, 0n],
      [{ instructions: U32_MAX }, 429_496_730n + BASE, 0n],
      [{ diskReadEntries: 5 }, 10_000n + BASE, 0n],
      [{ diskReadEntries: U32_MAX }, 8_589_934_590_000n + BASE, 0n],
      [{ writeEntries: 1, diskReadEntries: 1 }, 5000n + BASE, 0n],
      [{ writeEntries: U32_MAX }, 12_884_901_885_000n + BASE, 0n],
      [{ diskReadBytes: 1 }, 4n + BASE, 0n],
      [{ diskReadBytes: 5 * 1024 + 1 }, 20_004n + BASE, 0n],
      [{ diskReadBytes: U32_MAX }, 16_777_215_997n + BASE, 0n],
      [{ writeBytes: 1 }, 5n + BASE, 0n],
      [{ writeBytes: 5 * 1024 + 1 }, 25_005n + BASE, 0n],
      [{ writeBytes: U32_MAX }, 20_971_519_996n + BASE, 0n],
      [{ transactionSizeBytes: 1 }, 6n + 8n + BASE, 0n],
      [{ transactionSizeBytes: 5 * 1024 }, 70_000n + BASE, 0n],
      [{ transactionSizeBytes: 5 * 1024 + 1 }, 30_006n + 40_008n + BASE, 0n],
      // size + 300 saturates at u32::MAX, so the base historical part disappears
      [{ transactionSizeBytes: U32_MAX }, 25_165_823_995n + 33_554_431_993n, 0n],
      [{ contractEventsSizeBytes: 1 }, BASE, 7n],
      [{ contractEventsSizeBytes: 5 * 1024 + 1 }, BASE, 35_007n],
      [{ contractEventsSizeBytes: U32_MAX }, BASE, 29_360_127_994n],
    ];
    for (const [patch, nonRefundable, refundable] of cases) {
      assert.deepEqual(fees(only(patch), config), [nonRefundable, refundable], JSON.stringify(patch));
    }
  });

  test('mixed resources and integer limits (resource_fee_computation)', () => {
    const flat = (v: bigint): FeeConfiguration => ({
      feePerInstructionIncrement: v,
      feePerDiskReadEntry: v,
      feePerWriteEntry: v,
      feePerDiskRead1Kb: v,
      feePerWrite1Kb: v,
      feePerHistorical1Kb: v,
      feePerContractEvent1Kb: v,
      feePerTransactionSize1Kb: v,
    });
    const ones = {
      instructions: 1,
      diskReadEntries: 1,
      writeEntries: 1,
      diskReadBytes: 1,
      writeBytes: 1,
      contractEventsSizeBytes: 1,
      transactionSizeBytes: 1,
    };
    assert.deepEqual(fees(NO_RESOURCES, flat(100n)), [30n, 0n]);
    assert.deepEqual(fees(ones, flat(100n)), [234n, 1n]);
    assert.deepEqual(
      fees(
        {
          instructions: 10_123_456,
          diskReadEntries: 30,
          writeEntries: 10,
          diskReadBytes: 25_600,
          writeBytes: 10_340,
          contractEventsSizeBytes: 321_654,
          transactionSizeBytes: 35_721,
        },
        {
          feePerInstructionIncrement: 1000n,
          feePerDiskReadEntry: 2000n,
          feePerWriteEntry: 4000n,
          feePerDiskRead1Kb: 1500n,
          feePerWrite1Kb: 3000n,
          feePerHistorical1Kb: 300n,
          feePerContractEvent1Kb: 200n,
          feePerTransactionSize1Kb: 900n,
        },
      ),
      [1_222_089n, 62_824n],
    );
    const max = Object.fromEntries(
      Object.keys(ones).map((k) => [k, U32_MAX]),
    ) as unknown as TransactionResources;
    // Saturates at i64::MAX; events are ceil(i64::MAX / 1024) (division after a saturated product).
    assert.deepEqual(fees(max, flat(I64_MAX)), [I64_MAX, 9_007_199_254_740_992n]);
  });
});

describe('rent fee per KiB from the Soroban state size', () => {
  test('reference vectors (test_compute_rent_write_fee and friends)', () => {
    const cfg = {
      stateTargetSizeBytes: 100_000n,
      rentFee1KbStateSizeLow: 100n,
      rentFee1KbStateSizeHigh: 10_000n,
      stateSizeRentFeeGrowthFactor: 50,
    };
    assert.equal(computeRentWriteFeePer1Kb(0n, cfg), MINIMUM_RENT_WRITE_FEE_PER_1KB);
    assert.equal(computeRentWriteFeePer1Kb(50_000n, cfg), 100n + (10_000n - 100n) / 2n);
    assert.equal(computeRentWriteFeePer1Kb(56_789n, cfg), 5723n);
    assert.equal(computeRentWriteFeePer1Kb(100_000n, cfg), 10_000n);
    assert.equal(computeRentWriteFeePer1Kb(150_000n, cfg), 10_000n + (50n * (10_000n - 100n)) / 2n);
    assert.equal(computeRentWriteFeePer1Kb(580_000n, cfg), 10_000n + 2_376_000n);

    const large = {
      stateTargetSizeBytes: 100_000_000_000_000n,
      rentFee1KbStateSizeLow: 1_000_000n,
      rentFee1KbStateSizeHigh: 1_000_000_000n,
      stateSizeRentFeeGrowthFactor: 50,
    };
    assert.equal(computeRentWriteFeePer1Kb(50_000_000_000_000n, large), 1_000_000n + 999_000_000n / 2n);
    assert.equal(
      computeRentWriteFeePer1Kb(150_000_000_000_000n, large),
      1_000_000_000n + (50n * 999_000_000n) / 2n,
    );

    const negativeLow = { ...cfg, rentFee1KbStateSizeLow: -1_000n };
    assert.equal(computeRentWriteFeePer1Kb(18_181n, negativeLow), MINIMUM_RENT_WRITE_FEE_PER_1KB);
    // ceil(11_000 * 18_182 / 100_000) - 1000 = 2001 - 1000 = 1001
    assert.equal(computeRentWriteFeePer1Kb(18_182n, negativeLow), 1001n);
    assert.equal(computeRentWriteFeePer1Kb(150_000n, negativeLow), 10_000n + (50n * 11_000n) / 2n);

    const tiny = { ...cfg, rentFee1KbStateSizeLow: 10n, rentFee1KbStateSizeHigh: 20n };
    assert.equal(computeRentWriteFeePer1Kb(100_001n, tiny), MINIMUM_RENT_WRITE_FEE_PER_1KB);
  });

  test('testnet p26 settings at several state sizes (by hand)', () => {
    // target 3e9 bytes, low -17_000, high 10_000, growth 5000; slope = 10_000 - (-17_000) = 27_000
    const cfg = rentWriteFeeConfigFromNetwork(TESTNET_P26_CONFIG);
    assert.deepEqual(cfg, {
      stateTargetSizeBytes: 3_000_000_000n,
      rentFee1KbStateSizeLow: -17_000n,
      rentFee1KbStateSizeHigh: 10_000n,
      stateSizeRentFeeGrowthFactor: 5000,
    });
    // 0: ceil(0) - 17_000 < 1000 → the minimum 1000
    assert.equal(computeRentWriteFeePer1Kb(0n, cfg), 1000n);
    // 2e9: ceil(27_000 * 2e9 / 3e9) - 17_000 = 18_000 - 17_000 = 1000
    assert.equal(computeRentWriteFeePer1Kb(2_000_000_000n, cfg), 1000n);
    // 2e9 + 1: ceil(54e12 + 27_000) / 3e9) = 18_001 → 1001
    assert.equal(computeRentWriteFeePer1Kb(2_000_000_001n, cfg), 1001n);
    // 2.5e9: 27_000 * 2.5 / 3 = 22_500 → 22_500 - 17_000 = 5500
    assert.equal(computeRentWriteFeePer1Kb(2_500_000_000n, cfg), 5500n);
    // at the target: the high rate
    assert.equal(computeRentWriteFeePer1Kb(3_000_000_000n, cfg), 10_000n);
    // 3.3e9: 10_000 + ceil(27_000 * 3e8 * 5000 / 3e9) = 10_000 + 13_500_000
    assert.equal(computeRentWriteFeePer1Kb(3_300_000_000n, cfg), 13_510_000n);
  });
});

const change = (patch: Partial<LedgerEntryRentChange>): LedgerEntryRentChange => ({
  isPersistent: true,
  isCodeEntry: false,
  oldSizeBytes: 0,
  newSizeBytes: 0,
  oldLiveUntilLedger: 0,
  newLiveUntilLedger: 0,
  ...patch,
});

describe('rent fee: testnet p26 settings at the target state size (by hand)', () => {
  // fee_per_rent_1kb = 10_000, persistent denominator 1215, temporary 2430, write 3500/KiB, 10_000/entry.
  // Persistent rent = ceil(size * 10_000 * ledgers / (1024 * 1215)) = ceil(... / 1_244_160)
  // Temporary rent  = ceil(size * 10_000 * ledgers / (1024 * 2430)) = ceil(... / 2_488_320)
  // Each extended entry's TTL write: 10_000 + ceil(48 * 3500 / 1024) = 10_000 + ceil(164.06) = 10_165
  const cfg = rentConfigFromNetwork(TESTNET_P26_CONFIG, 3_000_000_000n);
  const TTL_WRITE = 10_165n;

  test('the builder maps the network settings', () => {
    assert.deepEqual(cfg, {
      feePerWrite1Kb: 3500n,
      feePerRent1Kb: 10_000n,
      feePerWriteEntry: 10_000n,
      persistentRentRateDenominator: 1215n,
      temporaryRentRateDenominator: 2430n,
    });
  });

  test('new persistent entry, minimum persistent TTL', () => {
    // created at ledger 1000, live until 1000 + 120_960 - 1: ledgers = 122_959 - 999 = 120_960
    // ceil(1000 * 10_000 * 120_960 / 1_244_160) = ceil(972_222.22) = 972_223
    const fee = computeRentFee([change({ newSizeBytes: 1000, newLiveUntilLedger: 121_959 })], cfg, 1000);
    assert.equal(fee, 972_223n + TTL_WRITE);
  });

  test('new temporary entry, minimum temporary TTL', () => {
    // 720 ledgers: ceil(200 * 10_000 * 720 / 2_488_320) = ceil(578.70) = 579
    const fee = computeRentFee(
      [change({ isPersistent: false, newSizeBytes: 200, newLiveUntilLedger: 1000 + 720 - 1 })],
      cfg,
      1000,
    );
    assert.equal(fee, 579n + TTL_WRITE);
  });

  test('TTL extension only', () => {
    // live until 50_000 → 150_000 at ledger 40_000: 100_000 new ledgers at 500 bytes
    // ceil(500 * 10_000 * 100_000 / 1_244_160) = ceil(401_877.57) = 401_878; no growth, no top-up
    const fee = computeRentFee(
      [
        change({
          oldSizeBytes: 500,
          newSizeBytes: 500,
          oldLiveUntilLedger: 50_000,
          newLiveUntilLedger: 150_000,
        }),
      ],
      cfg,
      40_000,
    );
    assert.equal(fee, 401_878n + TTL_WRITE);
  });

  test('size growth only: top-up for the prepaid ledgers, no TTL write', () => {
    // 500 → 1500 bytes, live until 50_000 at ledger 40_000: 50_000 - 40_000 + 1 = 10_001 prepaid ledgers
    // ceil(1000 * 10_000 * 10_001 / 1_244_160) = ceil(80_383.55) = 80_384
    const fee = computeRentFee(
      [
        change({
          oldSizeBytes: 500,
          newSizeBytes: 1500,
          oldLiveUntilLedger: 50_000,
          newLiveUntilLedger: 50_000,
        }),
      ],
      cfg,
      40_000,
    );
    assert.equal(fee, 80_384n);
  });

  test('growth and extension together', () => {
    // extension: 100_000 ledgers at the new 1500 bytes: ceil(1500 * 10_000 * 100_000 / 1_244_160)
    //            = ceil(1_205_632.72) = 1_205_633
    // top-up:    10_001 ledgers for the 1000 added bytes = 80_384 (as above)
    const fee = computeRentFee(
      [
        change({
          oldSizeBytes: 500,
          newSizeBytes: 1500,
          oldLiveUntilLedger: 50_000,
          newLiveUntilLedger: 150_000,
        }),
      ],
      cfg,
      40_000,
    );
    assert.equal(fee, 1_205_633n + 80_384n + TTL_WRITE);
  });

  test('shrinking entries and entries past their live-until pay no top-up', () => {
    // 1500 → 500 bytes and no extension: nothing to pay
    assert.equal(
      computeRentFee(
        [
          change({
            oldSizeBytes: 1500,
            newSizeBytes: 500,
            oldLiveUntilLedger: 50_000,
            newLiveUntilLedger: 50_000,
          }),
        ],
        cfg,
        40_000,
      ),
      0n,
    );
    // live until 30_000 < current 40_000: no prepaid ledgers to top up (inclusive diff is None)
    assert.equal(
      computeRentFee(
        [
          change({
            oldSizeBytes: 500,
            newSizeBytes: 1500,
            oldLiveUntilLedger: 30_000,
            newLiveUntilLedger: 30_000,
          }),
        ],
        cfg,
        40_000,
      ),
      0n,
    );
  });

  test('code entry discount: a third, rounded up in protocol 26, truncated in 23-25', () => {
    // 4096 bytes, 120_960 more ledgers: ceil(4096 * 10_000 * 120_960 / 1_244_160) = ceil(3_982_222.22) = 3_982_223
    // p26: ceil(3_982_223 / 3) = 1_327_408 (3 * 1_327_407 = 3_982_221, remainder 2); p25: 1_327_407
    const code = change({
      isCodeEntry: true,
      oldSizeBytes: 4096,
      newSizeBytes: 4096,
      oldLiveUntilLedger: 10_000,
      newLiveUntilLedger: 130_960,
    });
    assert.equal(computeRentFee([code], cfg, 5000), 1_327_408n + TTL_WRITE);
    assert.equal(computeRentFee([code], cfg, 5000, 25), 1_327_407n + TTL_WRITE);
    assert.equal(computeRentFee([code], cfg, 5000, 23), 1_327_407n + TTL_WRITE);
    // The TTL write itself is not discounted.
    assert.equal(computeRentFee([{ ...code, isCodeEntry: false }], cfg, 5000), 3_982_223n + TTL_WRITE);
  });

  test('several extended entries share one rounding of the TTL bytes', () => {
    // two extensions: 2 * 10_000 + ceil(96 * 3500 / 1024) = 20_000 + ceil(328.13) = 20_329
    const ext = change({
      oldSizeBytes: 500,
      newSizeBytes: 500,
      oldLiveUntilLedger: 50_000,
      newLiveUntilLedger: 150_000,
    });
    assert.equal(computeRentFee([ext, ext], cfg, 40_000), 2n * 401_878n + 20_329n);
  });

  test('invalid inputs are rejected', () => {
    assert.throws(() => computeRentFee([change({ newSizeBytes: -1 })], cfg, 1), RangeError);
    assert.throws(() => computeRentFee([], cfg, 2 ** 32), RangeError);
    assert.throws(() => computeRentFee([], cfg, 1, 22), RangeError);
  });
});

describe('rent fee: reference vectors', () => {
  const cfg: RentFeeConfiguration = {
    feePerWriteEntry: 10n,
    feePerRent1Kb: 1000n,
    feePerWrite1Kb: 500n,
    persistentRentRateDenominator: 10_000n,
    temporaryRentRateDenominator: 100_000n,
  };
  const ext = (patch: Partial<LedgerEntryRentChange>) =>
    change({
      oldSizeBytes: 10 * 1024,
      newSizeBytes: 10 * 1024,
      oldLiveUntilLedger: 100_000,
      newLiveUntilLedger: 300_000,
      ...patch,
    });

  test('extension only (test_rent_extend_fees_with_only_extend)', () => {
    const cases: [LedgerEntryRentChange[], bigint][] = [
      [[ext({ oldSizeBytes: 1, newSizeBytes: 1 })], 20n + 24n + 10n],
      [[ext({ newLiveUntilLedger: 100_001 })], 1n + 34n],
      [[ext({ oldSizeBytes: 1, newSizeBytes: 1, newLiveUntilLedger: 100_001 })], 1n + 34n],
      [[ext({})], 200_000n + 34n],
      [[ext({ isCodeEntry: true })], 66_667n + 34n],
      [[ext({ newSizeBytes: 5 * 1024 })], 100_000n + 34n],
      [[ext({ isPersistent: false })], 20_000n + 34n],
      [
        [
          ext({ isPersistent: false }),
          ext({}),
          ext({ isCodeEntry: true }),
          ext({ oldSizeBytes: 1, newSizeBytes: 1, newLiveUntilLedger: 100_001 }),
          ext({ oldSizeBytes: 1, newSizeBytes: 1 }),
          ext({}),
          ext({ isPersistent: false }),
        ],
        506_688n + 165n + 70n,
      ],
    ];
    for (const [changes, expected] of cases) assert.equal(computeRentFee(changes, cfg, 50_000), expected);
  });

  test('size change only (test_rent_extend_fees_with_only_size_change)', () => {
    const c = { ...cfg, feePerWriteEntry: 100n };
    const grow = (patch: Partial<LedgerEntryRentChange>) =>
      change({
        oldSizeBytes: 1,
        newSizeBytes: 100_000,
        oldLiveUntilLedger: 100_000,
        newLiveUntilLedger: 100_000,
        ...patch,
      });
    assert.equal(computeRentFee([grow({})], c, 25_000), 732_425n);
    assert.equal(computeRentFee([grow({ isCodeEntry: true })], c, 25_000), 244_142n);
    assert.equal(computeRentFee([grow({ isPersistent: false })], c, 25_000), 73_243n);
    assert.equal(computeRentFee([grow({ oldSizeBytes: 99_999 })], c, 25_000), 8n);
    assert.equal(computeRentFee([grow({})], c, 99_999), 20n);
    assert.equal(
      computeRentFee([grow({}), grow({ isCodeEntry: true }), grow({ isPersistent: false })], c, 25_000),
      1_049_810n,
    );
    // Protocols 23-25 truncated the code discount: 732_425 / 3 = 244_141
    assert.equal(computeRentFee([grow({ isCodeEntry: true })], c, 25_000, 25), 244_141n);
  });

  test('size change and extension (test_rent_extend_with_size_change_and_extend)', () => {
    const both = (patch: Partial<LedgerEntryRentChange>) =>
      change({
        oldSizeBytes: 1,
        newSizeBytes: 100_000,
        oldLiveUntilLedger: 100_000,
        newLiveUntilLedger: 300_000,
        ...patch,
      });
    assert.equal(computeRentFee([both({})], cfg, 25_000), 2_685_550n + 34n);
    assert.equal(computeRentFee([both({ isCodeEntry: true })], cfg, 25_000), 895_184n + 34n);
    assert.equal(computeRentFee([both({ isPersistent: false })], cfg, 25_000), 268_556n + 34n);
    assert.equal(
      computeRentFee([both({}), both({ isCodeEntry: true }), both({ isPersistent: false })], cfg, 25_000),
      3_849_290n + 71n + 30n,
    );
    assert.equal(
      computeRentFee([both({ oldSizeBytes: 1, newSizeBytes: 2, newLiveUntilLedger: 100_001 })], cfg, 99_999),
      2n + 34n,
    );
  });

  test('new entries (test_rent_extend_without_old_entry)', () => {
    const created = change({ newSizeBytes: 100_000, newLiveUntilLedger: 100_000 });
    assert.equal(computeRentFee([created], cfg, 25_000), 732_432n + 34n);
    assert.equal(computeRentFee([{ ...created, isPersistent: false }], cfg, 25_000), 73_244n + 34n);
  });
});

describe('rent estimator and the seed storage-cost table', () => {
  // The seed (004) bills "ceil(size / 1024) KB × 1 stroop per KB per ledger × 518_400 ledgers".
  // In the network formula that rate is fee_per_rent_1kb = 1 with a rent denominator of 1, and no
  // TTL write charge; the seed's billed size is 1 KB = 1024 bytes.
  const seedRate: RentFeeConfiguration = {
    feePerRent1Kb: 1n,
    persistentRentRateDenominator: 1n,
    temporaryRentRateDenominator: 1n,
    feePerWriteEntry: 0n,
    feePerWrite1Kb: 0n,
  };
  const BUMP = 518_400;

  test('reproduces the seed table at its simplified rate', () => {
    // ceil(1024 * 1 * 518_400 / (1024 * 1)) = 518_400 stroops = 0.05184 XLM ≈ 0.052
    const prop = estimateRent({ entrySizeBytes: 1024, durability: 'persistent', ledgers: BUMP }, seedRate);
    const appr = estimateRent({ entrySizeBytes: 1024, durability: 'persistent', ledgers: BUMP }, seedRate);
    assert.equal(prop, 518_400n);
    assert.equal(formatXlm(prop, 3), '0.052');
    assert.equal(formatXlm(appr, 3), '0.052');
    // "3-of-5 multisig (3 approvers)": 1 proposal + 3 approvals = 4 * 518_400 = 2_073_600 stroops
    // = 0.20736 XLM. The seed's "~0.208" is 4 * 0.052 (a sum of rounded figures); the exact total
    // rounds to 0.207.
    const total = prop + 3n * appr;
    assert.equal(total, 2_073_600n);
    assert.equal(formatXlm(total, 3), '0.207');
    assert.equal(formatXlm(total), '0.2073600');
  });

  test('the network bills exact bytes, not whole KiB (same simplified rate)', () => {
    // ("PROP", id) ~396 bytes: 396 * 518_400 / 1024 = 200_475 (exact); ("APPR", ...) ~144 bytes: 72_900
    assert.equal(
      estimateRent({ entrySizeBytes: 396, durability: 'persistent', ledgers: BUMP }, seedRate),
      200_475n,
    );
    assert.equal(
      estimateRent({ entrySizeBytes: 144, durability: 'persistent', ledgers: BUMP }, seedRate),
      72_900n,
    );
  });

  test('the same entries at the real testnet p26 rates', () => {
    // At the target state size (fee_per_rent_1kb 10_000), persistent denominator 1215, plus the TTL
    // write (10_000 + 165 = 10_165) every extension pays:
    //   PROP 396 bytes: 396 * 10_000 * 518_400 / 1_244_160 = 1_650_000 (exact) + 10_165 = 1_660_165
    //   APPR 144 bytes: 144 * 10_000 * 518_400 / 1_244_160 =   600_000 (exact) + 10_165 =   610_165
    const atTarget = rentConfigFromNetwork(TESTNET_P26_CONFIG, 3_000_000_000n);
    const prop = estimateRent({ entrySizeBytes: 396, durability: 'persistent', ledgers: BUMP }, atTarget);
    const appr = estimateRent({ entrySizeBytes: 144, durability: 'persistent', ledgers: BUMP }, atTarget);
    assert.equal(prop, 1_660_165n);
    assert.equal(appr, 610_165n);
    assert.equal(formatXlm(prop, 3), '0.166');
    assert.equal(formatXlm(appr, 3), '0.061');
    // 3-of-5: 1_660_165 + 3 * 610_165 = 3_490_660 stroops ≈ 0.349 XLM (the seed says ~0.208)
    assert.equal(formatXlm(prop + 3n * appr, 3), '0.349');

    // At a state of 2 GB or less the rate is the 1000 minimum: 165_000 + 10_165 and 60_000 + 10_165.
    const atMinimum = rentConfigFromNetwork(TESTNET_P26_CONFIG, 0n);
    assert.equal(
      estimateRent({ entrySizeBytes: 396, durability: 'persistent', ledgers: BUMP }, atMinimum),
      175_165n,
    );
    assert.equal(
      estimateRent({ entrySizeBytes: 144, durability: 'persistent', ledgers: BUMP }, atMinimum),
      70_165n,
    );
  });

  test('temporary and code entries, zero ledgers', () => {
    const atTarget = rentConfigFromNetwork(TESTNET_P26_CONFIG, 3_000_000_000n);
    // temporary: 396 * 10_000 * 518_400 / 2_488_320 = 825_000 (exact) + 10_165
    assert.equal(
      estimateRent({ entrySizeBytes: 396, durability: 'temporary', ledgers: BUMP }, atTarget),
      835_165n,
    );
    // code, 4096 bytes, 120_960 ledgers: ceil(3_982_223 / 3) = 1_327_408 + 10_165
    assert.equal(
      estimateRent(
        { entrySizeBytes: 4096, durability: 'persistent', ledgers: 120_960, isCode: true },
        atTarget,
      ),
      1_337_573n,
    );
    assert.equal(estimateRent({ entrySizeBytes: 4096, durability: 'persistent', ledgers: 0 }, atTarget), 0n);
    assert.throws(
      () => estimateRent({ entrySizeBytes: 1, durability: 'persistent', ledgers: -1 }, atTarget),
      RangeError,
    );
  });

  test('formatXlm rounds half away from zero', () => {
    assert.equal(formatXlm(0n), '0.0000000');
    assert.equal(formatXlm(12_345_678_901n), '1234.5678901');
    assert.equal(formatXlm(5_000_000n, 0), '1');
    assert.equal(formatXlm(4_999_999n, 0), '0');
    assert.equal(formatXlm(-518_400n, 3), '-0.052');
    assert.equal(formatXlm(-400n, 3), '0.000');
    assert.throws(() => formatXlm(1n, 8), RangeError);
  });
});
