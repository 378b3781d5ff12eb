/** Soroban resource and rent fees, as the reference `soroban-env-host/src/fees.rs` computes them. */
export {
  computeTransactionResourceFee,
  computeFeePerIncrement,
  DATA_SIZE_1KB_INCREMENT,
  INSTRUCTIONS_INCREMENT,
  TX_BASE_RESULT_SIZE,
  type FeeConfiguration,
  type ResourceFee,
  type ResourceFeeComponents,
  type TransactionResources,
} from './resource-fee.ts';
export {
  computeRentFee,
  computeRentWriteFeePer1Kb,
  CODE_ENTRY_RENT_DISCOUNT_FACTOR,
  MINIMUM_RENT_WRITE_FEE_PER_1KB,
  RENT_FEE_DEFAULT_PROTOCOL,
  TTL_ENTRY_SIZE,
  type LedgerEntryRentChange,
  type RentFeeConfiguration,
  type RentWriteFeeConfiguration,
} from './rent-fee.ts';
export { feeConfigFromNetwork, rentConfigFromNetwork, rentWriteFeeConfigFromNetwork } from './fee-config.ts';
export { estimateRent, formatXlm, STROOPS_PER_XLM, type RentEstimateRequest } from './rent-estimate.ts';
