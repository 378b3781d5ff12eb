/**
 * Testing contracts in-process: build a contract, load it into the Sorobox host, and call its
 * functions with native JavaScript values converted through the generated spec (the same way
 * `@stellar/stellar-sdk` clients convert them), getting native results or named contract errors.
 */
import { contract, type xdr } from '@stellar/stellar-sdk';
import {
  ErrorType,
  invokeContract,
  loadCode,
  type ContractCode,
  type HostOptions,
  type InvokeResult,
  type ScErrorValue,
} from '@sorobox/host';
import { buildContract, type BuildOptions, type BuildResult } from './build.ts';

export type CallOutcome =
  | { readonly ok: true; readonly value: unknown; readonly scVal: xdr.ScVal; readonly result: InvokeResult }
  | {
      readonly ok: false;
      readonly error: ScErrorValue;
      /** The error enum case for a contract error the spec declares. */
      readonly errorName: string | undefined;
      readonly result: InvokeResult;
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
    const result = this.invokeRaw(fn, this.spec.funcArgsToScVals(fn, args), hostOptions);
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
