/** Errors as values: a type and a code, exactly as `ScError` (`soroban-env-common/src/error.rs`). */
export const enum ErrorType {
  Contract = 0,
  WasmVm = 1,
  Context = 2,
  Storage = 3,
  Object = 4,
  Crypto = 5,
  Events = 6,
  Budget = 7,
  Value = 8,
  Auth = 9,
}

export const enum ErrorCode {
  ArithDomain = 0,
  IndexBounds = 1,
  InvalidInput = 2,
  MissingValue = 3,
  ExistingValue = 4,
  ExceededLimit = 5,
  InvalidAction = 6,
  InternalError = 7,
  UnexpectedType = 8,
  UnexpectedSize = 9,
}

export const ERROR_TYPE_NAMES = [
  'Contract',
  'WasmVm',
  'Context',
  'Storage',
  'Object',
  'Crypto',
  'Events',
  'Budget',
  'Value',
  'Auth',
] as const;

export const ERROR_CODE_NAMES = [
  'ArithDomain',
  'IndexBounds',
  'InvalidInput',
  'MissingValue',
  'ExistingValue',
  'ExceededLimit',
  'InvalidAction',
  'InternalError',
  'UnexpectedType',
  'UnexpectedSize',
] as const;

export interface ScErrorValue {
  readonly type: ErrorType;
  /** An `ScErrorCode` for host errors, the contract's own code for `Contract` errors. */
  readonly code: number;
}

export const formatError = ({ type, code }: ScErrorValue): string =>
  type === ErrorType.Contract
    ? `Error(Contract, #${code})`
    : `Error(${ERROR_TYPE_NAMES[type] ?? type}, ${ERROR_CODE_NAMES[code] ?? code})`;

/**
 * A failure inside the host. It carries the error value the reference host would produce;
 * `message` says why, for diagnostics only (never compared, never part of ledger state).
 */
export class HostError extends Error {
  readonly error: ScErrorValue;
  readonly details: readonly unknown[];

  constructor(type: ErrorType, code: number, message?: string, details: readonly unknown[] = []) {
    const error = { type, code };
    super(message ? `${formatError(error)}: ${message}` : formatError(error));
    this.name = 'HostError';
    this.error = error;
    this.details = details;
  }

  is(type: ErrorType, code: number): boolean {
    return this.error.type === type && this.error.code === code;
  }
}

export const hostError = (type: ErrorType, code: ErrorCode, message?: string, ...details: unknown[]): HostError =>
  new HostError(type, code, message, details);

/** Budget and footprint overruns and internal errors cannot be caught (`HostError::is_recoverable`). */
export const isRecoverable = (e: HostError): boolean => {
  const { type, code } = e.error;
  if (type !== ErrorType.Contract && code === ErrorCode.InternalError) return false;
  return !(code === ErrorCode.ExceededLimit && (type === ErrorType.Storage || type === ErrorType.Budget));
};
