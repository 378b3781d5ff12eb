export type {
  CloseMode,
  EntryRecord,
  EventRecord,
  FeeStats,
  LedgerRecord,
  Network,
  NetworkOptions,
  OpenNetwork,
  SubmitResult,
  SubmitStatus,
  TransactionRecord,
} from './api.ts';
export { openNetwork } from './network.ts';
export { entrySizeForRent } from './soroban/rent-size.ts';
