/**
 * Fee configurations from our network settings, mapped the way stellar-core does
 * (`SorobanNetworkConfig::rustBridgeFeeConfiguration` / `rustBridgeRentFeeConfiguration` /
 * `computeRentWriteFee`, protocol 23+).
 */
import type { NetworkConfig } from '../config/network-config.ts';
import type { FeeConfiguration } from './resource-fee.ts';
import {
  computeRentWriteFeePer1Kb,
  type RentFeeConfiguration,
  type RentWriteFeeConfiguration,
} from './rent-fee.ts';

export const feeConfigFromNetwork = (config: NetworkConfig): FeeConfiguration => ({
  feePerInstructionIncrement: config.feeRatePerInstructionsIncrement,
  feePerDiskReadEntry: config.feeDiskReadLedgerEntry,
  feePerWriteEntry: config.feeWriteLedgerEntry,
  feePerDiskRead1Kb: config.feeDiskRead1Kb,
  // Protocol 23+: the flat `fee_write1_kb` (the state-size dependent rate only prices rent).
  feePerWrite1Kb: config.feeWrite1Kb,
  feePerHistorical1Kb: config.feeHistorical1Kb,
  feePerContractEvent1Kb: config.feeContractEvents1Kb,
  feePerTransactionSize1Kb: config.feeTxSize1Kb,
});

export const rentWriteFeeConfigFromNetwork = (config: NetworkConfig): RentWriteFeeConfiguration => ({
  stateTargetSizeBytes: config.sorobanStateTargetSizeBytes,
  rentFee1KbStateSizeLow: config.rentFee1KbSorobanStateSizeLow,
  rentFee1KbStateSizeHigh: config.rentFee1KbSorobanStateSizeHigh,
  stateSizeRentFeeGrowthFactor: config.sorobanStateRentFeeGrowthFactor,
});

/**
 * The rent configuration at a given Soroban state size. stellar-core uses the average of its
 * live-state-size window (`CONFIG_SETTING_LIVE_SOROBAN_STATE_SIZE_WINDOW`), which is ledger
 * state, not a network setting, so the caller supplies it.
 */
export const rentConfigFromNetwork = (
  config: NetworkConfig,
  sorobanStateSizeBytes: bigint,
): RentFeeConfiguration => ({
  feePerWrite1Kb: config.feeWrite1Kb,
  feePerRent1Kb: computeRentWriteFeePer1Kb(sorobanStateSizeBytes, rentWriteFeeConfigFromNetwork(config)),
  feePerWriteEntry: config.feeWriteLedgerEntry,
  persistentRentRateDenominator: config.persistentRentRateDenominator,
  temporaryRentRateDenominator: config.tempRentRateDenominator,
});
