export { invokeContract, loadCode, type InvokeOutcome, type InvokeRequest, type InvokeResult } from './api.ts';
export { Host, type HostOptions } from './host/host.ts';
export { defaultLedgerInfo, networkIdOf, type LedgerInfo } from './host/ledger-info.ts';
export { Budget, type BudgetLimits, type BudgetReport } from './budget/budget.ts';
export { CostType } from './budget/cost-type.ts';
export { TESTNET_P26_CONFIG, parseNetworkConfig, type NetworkConfig } from './config/network-config.ts';
export { MAINNET_CONFIG } from './config/mainnet-limits.ts';
export { ErrorCode, ErrorType, HostError, formatError, type ScErrorValue } from './val/error.ts';
export { Tag } from './val/tag.ts';
export * as val from './val/val.ts';
export { scValToVal, valToScVal } from './xdr/scval.ts';
export { HOST_FUNCTIONS, HOST_PROTOCOL_VERSION } from './env/interface.ts';
export { ALL_HOST_FUNCTIONS } from './functions/index.ts';
export { loadContractCode, type ContractCode } from './vm/code.ts';
export { invokeWasm } from './vm/invoke.ts';
export * from './fees/index.ts';
export {
  applyHostFunction,
  invokeLedgerContract,
  type AuthMode,
  type HostFunctionRequest,
  type HostFunctionResult,
  type LedgerFootprint,
  type LedgerInvokeRequest,
  type LedgerInvokeResult,
} from './ledger/api.ts';
export {
  MemorySnapshot,
  installContract,
  contractKeys,
  ledgerKeyOf,
  type LedgerSnapshot,
  type SnapshotEntry,
} from './ledger/snapshot.ts';
export { Footprint } from './ledger/footprint.ts';
export type { LedgerChange } from './ledger/storage.ts';
export {
  accountLedgerEntry,
  trustlineLedgerEntry,
  type AccountOptions,
  type Liabilities,
  type TrustlineOptions,
} from './sac/entries.ts';
