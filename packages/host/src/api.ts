/**
 * The small public API: run one exported function of a contract Wasm with `ScVal` arguments in a
 * minimal in-memory context, and get its result, events and budget use.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { BudgetReport } from './budget/budget.ts';
import { markFailedFrom } from './host/diagnostics.ts';
import { Host, type HostOptions } from './host/host.ts';
import { ErrorCode, ErrorType, HostError, formatError, hostError, type ScErrorValue } from './val/error.ts';
import { loadContractCode, type ContractCode } from './vm/code.ts';
import { invokeWasm } from './vm/invoke.ts';
import { eventToXdr } from './xdr/events.ts';
import { scValToVal, valToScVal } from './xdr/scval.ts';
import { validateSymbol } from './val/symbol.ts';

export type InvokeOutcome =
  | { readonly ok: true; readonly value: xdr.ScVal }
  | { readonly ok: false; readonly error: ScErrorValue; readonly message: string };

export interface InvokeResult {
  readonly outcome: InvokeOutcome;
  /** Contract, system and (with `diagnostics: true`) diagnostic events, in order. */
  readonly events: readonly xdr.DiagnosticEvent[];
  readonly budget: BudgetReport;
}

export interface InvokeRequest {
  /** Contract Wasm bytes, or code already loaded with `loadCode`. */
  readonly code: Uint8Array | ContractCode;
  readonly fn: string;
  readonly args?: readonly xdr.ScVal[];
  /** The contract's id (its address), 32 bytes; zeros when omitted. */
  readonly contractId?: Uint8Array;
}

/** Validates, meters and compiles contract Wasm (cached by hash) for the given host options. */
export const loadCode = (wasm: Uint8Array, options: HostOptions = {}): ContractCode =>
  loadContractCode(wasm, { maxMemoryBytes: new Host(options).budget.limits.memoryBytes });

/** The outcome of a run that threw: host errors as they are, anything else as an internal error. */
export const failedOutcome = (e: unknown): InvokeOutcome => {
  const err = e instanceof HostError ? e : hostError(ErrorType.Context, ErrorCode.InternalError, String(e));
  return { ok: false, error: err.error, message: err.message || formatError(err.error) };
};

/** Runs `fn` on a fresh host. Never throws for contract or host failures: they are in `outcome`. */
export const invokeContract = (request: InvokeRequest, options: HostOptions = {}): InvokeResult => {
  const host = new Host(options);
  let outcome: InvokeOutcome;
  try {
    if (host.setupError) throw host.setupError;
    validateSymbol(new TextEncoder().encode(request.fn));
    if (request.fn.startsWith('__'))
      throw hostError(ErrorType.Context, ErrorCode.InvalidAction, `function ${request.fn} is reserved and cannot be invoked from outside`);
    const code =
      request.code instanceof Uint8Array
        ? loadContractCode(request.code, { maxMemoryBytes: host.budget.limits.memoryBytes })
        : request.code;
    const args = (request.args ?? []).map((a) => scValToVal(host, a));
    const value = invokeWasm(host, code, request.contractId ?? new Uint8Array(32), request.fn, args);
    outcome = { ok: true, value: valToScVal(host, value) };
  } catch (e) {
    outcome = failedOutcome(e);
    markFailedFrom(host, 0); // the whole invocation failed: nothing it emitted stands
  }
  const budget = host.budget.report();
  return { outcome, events: host.budget.shadow(() => host.events.map((e) => eventToXdr(host, e))), budget };
};
