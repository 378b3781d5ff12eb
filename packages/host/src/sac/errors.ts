/**
 * The built-in contracts' `ContractError` (`builtin_contracts/contract_error.rs`): the SAC fails
 * with `Error(Contract, code)` carrying one of these codes, which callers see through `try_call`.
 */
import { ErrorType, HostError } from '../val/error.ts';

export const enum SacError {
  OperationNotSupported = 2,
  AlreadyInitialized = 3,
  Unauthorized = 4,
  Authentication = 5,
  AccountMissing = 6,
  AccountIsNotClassic = 7,
  NegativeAmount = 8,
  Allowance = 9,
  Balance = 10,
  BalanceDeauthorized = 11,
  Overflow = 12,
  TrustlineMissing = 13,
  InsufficientAccountReserve = 14,
  TooManyAccountSubentries = 15,
}

export const sacError = (code: SacError, message: string, ...details: unknown[]): HostError =>
  new HostError(ErrorType.Contract, code, message, details);
