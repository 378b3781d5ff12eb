/**
 * Network settings (the `ConfigSettingEntry` values a Soroban network runs with). The defaults are
 * the protocol-26 testnet settings the official local image applies (`p26-testnet.json`).
 */
import testnet from './p26-testnet.json' with { type: 'json' };

export interface CostParam {
  readonly constTerm: number;
  /** Fixed point: the reference scales linear terms by 2^7 (`COST_MODEL_LIN_TERM_SCALE_BITS`). */
  readonly linearTerm: number;
}

export interface NetworkConfig {
  readonly contractMaxSizeBytes: number;
  readonly txMaxInstructions: number;
  readonly txMemoryLimit: number;
  readonly ledgerMaxInstructions: number;
  readonly feeRatePerInstructionsIncrement: bigint;
  readonly txMaxDiskReadEntries: number;
  readonly txMaxDiskReadBytes: number;
  readonly txMaxWriteLedgerEntries: number;
  readonly txMaxWriteBytes: number;
  readonly txMaxFootprintEntries: number;
  readonly feeDiskReadLedgerEntry: bigint;
  readonly feeWriteLedgerEntry: bigint;
  readonly feeDiskRead1Kb: bigint;
  readonly feeWrite1Kb: bigint;
  readonly sorobanStateTargetSizeBytes: bigint;
  readonly rentFee1KbSorobanStateSizeLow: bigint;
  readonly rentFee1KbSorobanStateSizeHigh: bigint;
  readonly sorobanStateRentFeeGrowthFactor: number;
  readonly feeHistorical1Kb: bigint;
  readonly txMaxContractEventsSizeBytes: number;
  readonly feeContractEvents1Kb: bigint;
  readonly txMaxSizeBytes: number;
  readonly ledgerMaxTxsSizeBytes: number;
  readonly feeTxSize1Kb: bigint;
  readonly contractDataKeySizeBytes: number;
  readonly contractDataEntrySizeBytes: number;
  readonly maxEntryTtl: number;
  readonly minTemporaryTtl: number;
  readonly minPersistentTtl: number;
  readonly persistentRentRateDenominator: bigint;
  readonly tempRentRateDenominator: bigint;
  readonly cpuCostParams: readonly CostParam[];
  readonly memCostParams: readonly CostParam[];
  readonly ledgerTargetCloseTimeMs: number;
}

type RawEntry = Record<string, unknown>;
type RawParam = { const_term: string; linear_term: string };

/** Reads a config in the `updated_entry` JSON form of stellar-core's config-settings files. */
export const parseNetworkConfig = (json: { updated_entry: RawEntry[] }): NetworkConfig => {
  const raw: Record<string, unknown> = {};
  for (const entry of json.updated_entry) Object.assign(raw, entry);
  const get = <T>(key: string): T => {
    if (!(key in raw)) throw new Error(`network config is missing "${key}"`);
    return raw[key] as T;
  };
  const compute = get<Record<string, string | number>>('contract_compute_v0');
  const ledger = get<Record<string, string | number>>('contract_ledger_cost_v0');
  const ledgerExt = get<Record<string, string | number>>('contract_ledger_cost_ext_v0');
  const events = get<Record<string, string | number>>('contract_events_v0');
  const bandwidth = get<Record<string, string | number>>('contract_bandwidth_v0');
  const archival = get<Record<string, string | number>>('state_archival');
  const timing = get<Record<string, string | number>>('scp_timing');
  const params = (key: string): CostParam[] =>
    get<RawParam[]>(key).map((p) => ({ constTerm: Number(p.const_term), linearTerm: Number(p.linear_term) }));
  return {
    contractMaxSizeBytes: get<number>('contract_max_size_bytes'),
    txMaxInstructions: Number(compute.tx_max_instructions),
    txMemoryLimit: Number(compute.tx_memory_limit),
    ledgerMaxInstructions: Number(compute.ledger_max_instructions),
    feeRatePerInstructionsIncrement: BigInt(compute.fee_rate_per_instructions_increment),
    txMaxDiskReadEntries: Number(ledger.tx_max_disk_read_entries),
    txMaxDiskReadBytes: Number(ledger.tx_max_disk_read_bytes),
    txMaxWriteLedgerEntries: Number(ledger.tx_max_write_ledger_entries),
    txMaxWriteBytes: Number(ledger.tx_max_write_bytes),
    txMaxFootprintEntries: Number(ledgerExt.tx_max_footprint_entries),
    feeDiskReadLedgerEntry: BigInt(ledger.fee_disk_read_ledger_entry),
    feeWriteLedgerEntry: BigInt(ledger.fee_write_ledger_entry),
    feeDiskRead1Kb: BigInt(ledger.fee_disk_read1_kb),
    feeWrite1Kb: BigInt(ledgerExt.fee_write1_kb),
    sorobanStateTargetSizeBytes: BigInt(ledger.soroban_state_target_size_bytes),
    rentFee1KbSorobanStateSizeLow: BigInt(ledger.rent_fee1_kb_soroban_state_size_low),
    rentFee1KbSorobanStateSizeHigh: BigInt(ledger.rent_fee1_kb_soroban_state_size_high),
    sorobanStateRentFeeGrowthFactor: Number(ledger.soroban_state_rent_fee_growth_factor),
    feeHistorical1Kb: BigInt(get<Record<string, string>>('contract_historical_data_v0').fee_historical1_kb),
    txMaxContractEventsSizeBytes: Number(events.tx_max_contract_events_size_bytes),
    feeContractEvents1Kb: BigInt(events.fee_contract_events1_kb),
    txMaxSizeBytes: Number(bandwidth.tx_max_size_bytes),
    ledgerMaxTxsSizeBytes: Number(bandwidth.ledger_max_txs_size_bytes),
    feeTxSize1Kb: BigInt(bandwidth.fee_tx_size1_kb),
    contractDataKeySizeBytes: get<number>('contract_data_key_size_bytes'),
    contractDataEntrySizeBytes: get<number>('contract_data_entry_size_bytes'),
    maxEntryTtl: Number(archival.max_entry_ttl),
    minTemporaryTtl: Number(archival.min_temporary_ttl),
    minPersistentTtl: Number(archival.min_persistent_ttl),
    persistentRentRateDenominator: BigInt(archival.persistent_rent_rate_denominator),
    tempRentRateDenominator: BigInt(archival.temp_rent_rate_denominator),
    cpuCostParams: params('contract_cost_params_cpu_instructions'),
    memCostParams: params('contract_cost_params_memory_bytes'),
    ledgerTargetCloseTimeMs: Number(timing.ledger_target_close_time_milliseconds),
  };
};

export const TESTNET_P26_CONFIG: NetworkConfig = parseNetworkConfig(testnet as { updated_entry: RawEntry[] });
