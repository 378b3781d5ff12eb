/**
 * Mainnet (pubnet) Soroban settings: the testnet protocol-26 settings with the limits, fee rates and
 * TTLs published for mainnet overriding them.
 *
 * Source: developers.stellar.org "Resource Limits & Fees" (docs/networks/resource-limits-fees.mdx in
 * stellar/stellar-docs), its per-transaction, TTL, ledger-wide and resource-fee tables. Units there
 * are read as the config settings they name: "132 KB" = 132 * 1024 bytes (testnet's
 * `tx_max_write_bytes` / `tx_max_size_bytes`), "133 KB" likewise; "128 KiB" per ledger entry applies
 * to both Wasm (`contract_max_size_bytes`) and contract data (`contract_data_entry_size_bytes`, 64 KiB
 * on testnet); a day is 17,280 five-second ledgers. The ledger-wide disk limits (1000 entries / 7 MB
 * read, 500 entries / 143 KB written) have no field here: a one-node network never fills a ledger.
 *
 * Not published there, so kept from testnet: the CPU and memory cost parameters (the same metering
 * model on every network), the rent parameters (state target size, rent fee low/high/growth factor,
 * rent rate denominators) and the SCP timing (5 s ledgers).
 * Mainnet's settings change by validator vote; Stellar Lab's Network Limits page shows the live ones.
 */
import { TESTNET_P26_CONFIG, type NetworkConfig } from './network-config.ts';

const LEDGERS_PER_DAY = 17_280;

export const MAINNET_CONFIG: NetworkConfig = {
  ...TESTNET_P26_CONFIG,
  // Per transaction.
  txMaxInstructions: 100_000_000,
  txMemoryLimit: 40 * 1024 * 1024,
  txMaxFootprintEntries: 100,
  txMaxDiskReadEntries: 100,
  txMaxDiskReadBytes: 200_000,
  txMaxWriteLedgerEntries: 50,
  txMaxWriteBytes: 132 * 1024,
  txMaxSizeBytes: 132 * 1024,
  txMaxContractEventsSizeBytes: 16 * 1024,
  contractDataKeySizeBytes: 250,
  contractMaxSizeBytes: 128 * 1024,
  contractDataEntrySizeBytes: 128 * 1024,
  // TTLs: 120 days on creation for persistent entries, 1 day for temporary ones, 6 months at most.
  minPersistentTtl: 120 * LEDGERS_PER_DAY,
  minTemporaryTtl: LEDGERS_PER_DAY,
  maxEntryTtl: 180 * LEDGERS_PER_DAY,
  // Ledger-wide.
  ledgerMaxInstructions: 600_000_000,
  ledgerMaxTxsSizeBytes: 133 * 1024,
  // Resource fees, stroops.
  feeRatePerInstructionsIncrement: 25n,
  feeDiskReadLedgerEntry: 6_250n,
  feeDiskRead1Kb: 1_786n,
  feeWriteLedgerEntry: 10_000n,
  feeWrite1Kb: 3_500n,
  feeTxSize1Kb: 1_624n,
  feeHistorical1Kb: 16_235n,
  feeContractEvents1Kb: 10_000n,
};
