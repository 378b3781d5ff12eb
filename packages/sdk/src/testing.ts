/**
 * Testing contracts in-process: build a contract, load it into the Sorobox host, and call its
 * functions with native JavaScript values converted through the generated spec (the same way
 * `@stellar/stellar-sdk` clients convert them), getting native results or named contract errors.
 */
import { randomBytes } from 'node:crypto';
import { StrKey, contract, type xdr } from '@stellar/stellar-sdk';
import {
  ErrorType,
  MemorySnapshot,
  installContract,
  invokeContract,
  invokeLedgerContract,
  loadCode,
  type ContractCode,
  type HostOptions,
  type InvokeResult,
  type LedgerInvokeResult,
  type ScErrorValue,
} from '@sorobox/host';
import { buildContract, type BuildOptions, type BuildResult } from './build.ts';

export type CallOutcome<R extends InvokeResult = InvokeResult> =
  | { readonly ok: true; readonly value: unknown; readonly scVal: xdr.ScVal; readonly result: R }
  | {
      readonly ok: false;
      readonly error: ScErrorValue;
      /** The error enum case for a contract error the spec declares. */
      readonly errorName: string | undefined;
      readonly result: R;
    };

export class TestContract {
  private constructor(
    readonly build: BuildResult,
    readonly code: ContractCode,
    /** Parsed back from the built Wasm's `contractspecv0`, as a client would. */
    readonly spec: contract.Spec,
  ) {}

  static async load(
    dir: string,
    options: BuildOptions = {},
    hostOptions: HostOptions = {},
  ): Promise<TestContract> {
    const build = await buildContract(dir, options);
    return new TestContract(
      build,
      loadCode(build.wasm, hostOptions),
      contract.Spec.fromWasm(Buffer.from(build.wasm)),
    );
  }

  /** Calls `fn` with ScVal arguments. */
  invokeRaw(fn: string, args: readonly xdr.ScVal[], hostOptions: HostOptions = {}): InvokeResult {
    return invokeContract({ code: this.code, fn, args }, hostOptions);
  }

  /** Calls `fn` with native arguments by parameter name, converted through the spec. */
  invoke(fn: string, args: Record<string, unknown> = {}, hostOptions: HostOptions = {}): CallOutcome {
    return this.outcome(fn, this.invokeRaw(fn, this.spec.funcArgsToScVals(fn, args), hostOptions));
  }

  /**
   * Installs the contract in a ledger snapshot (a fresh one by default), so that its storage
   * works; calls through the result commit their ledger changes when they succeed.
   */
  deploy(
    options: { snapshot?: MemorySnapshot; liveUntilLedger?: number; contractId?: Uint8Array } = {},
  ): DeployedContract {
    const snapshot = options.snapshot ?? new MemorySnapshot();
    const id = options.contractId ?? new Uint8Array(randomBytes(32));
    installContract(snapshot, id, this.build.wasm, { liveUntilLedger: options.liveUntilLedger ?? 100 });
    return new DeployedContract(this, snapshot, id);
  }

  /** A call's outcome, with the result converted to a native value through the spec. */
  outcome<R extends InvokeResult>(fn: string, result: R): CallOutcome<R> {
    if (result.outcome.ok)
      return {
        ok: true,
        value: this.spec.funcResToNative(fn, result.outcome.value),
        scVal: result.outcome.value,
        result,
      };
    const error = result.outcome.error;
    return { ok: false, error, errorName: this.errorName(error), result };
  }

  /** The name of a contract error in the spec's error enums. */
  errorName(error: ScErrorValue): string | undefined {
    if (error.type !== ErrorType.Contract) return undefined;
    const found = this.spec.errorCases().find((c) => c.value === error.code);
    return found ? String(found.name) : undefined;
  }
}

/** A contract installed in a ledger snapshot. */
export class DeployedContract {
  constructor(
    readonly contract: TestContract,
    readonly snapshot: MemorySnapshot,
    readonly id: Uint8Array,
  ) {}

  /** The contract's `C...` address. */
  get address(): string {
    return StrKey.encodeContract(Buffer.from(this.id));
  }

  /** Calls `fn` (native arguments through the spec) and commits its changes when it succeeds. */
  invoke(
    fn: string,
    args: Record<string, unknown> = {},
    hostOptions: Omit<HostOptions, 'storage'> = {},
  ): CallOutcome<LedgerInvokeResult> {
    const result = invokeLedgerContract(
      { contract: this.id, fn, args: this.contract.spec.funcArgsToScVals(fn, args), snapshot: this.snapshot },
      hostOptions,
    );
    if (result.outcome.ok) this.snapshot.apply(result.changes);
    return this.contract.outcome(fn, result);
  }
}
