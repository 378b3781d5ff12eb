/**
 * Testing contracts in-process: build a contract, load it into the Sorobox host, and call its
 * functions with native JavaScript values converted through the generated spec (the same way
 * `@stellar/stellar-sdk` clients convert them), getting native results or named contract errors.
 */
import { Address, StrKey, contract, xdr, type Keypair } from '@stellar/stellar-sdk';
import {
  ErrorType,
  installContract,
  invokeContract,
  loadCode,
  type ContractCode,
  type HostFunctionResult,
  type HostOptions,
  type InvokeResult,
  type ScErrorValue,
} from '@sorobox/host';
import { buildContract, type BuildOptions, type BuildResult } from './build.ts';
import { TestLedger, authAddress, type ApplyOptions } from './test-ledger.ts';

export { TestLedger, authAddress, type ApplyOptions, type TestLedgerOptions } from './test-ledger.ts';

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
   * Deploys the contract into a test ledger (a fresh one by default) as a transaction would:
   * uploads its Wasm and creates it from the source account, running its constructor with `args`
   * (native values, converted through the spec). Fails with the constructor's error.
   * `liveUntilLedger` instead writes the contract straight into the snapshot with that TTL (no
   * constructor), as a contract found in a forked ledger.
   */
  deploy(options: DeployOptions = {}): DeployedContract {
    const ledger = options.ledger ?? new TestLedger();
    if (options.liveUntilLedger !== undefined) {
      const id = ledger.nextSalt();
      installContract(ledger.snapshot, id, this.build.wasm, { liveUntilLedger: options.liveUntilLedger });
      return new DeployedContract(this, ledger, id);
    }
    const hasConstructor = this.spec.funcs().some((f) => String(f.name) === CONSTRUCTOR);
    if (!hasConstructor && options.args)
      throw new Error(`${this.build.name} has no constructor to take arguments`);
    const args = hasConstructor ? this.spec.funcArgsToScVals(CONSTRUCTOR, options.args ?? {}) : [];
    const r = ledger.create(ledger.upload(this.build.wasm), args, options.salt);
    if (!r.outcome.ok) throw new DeployError(this.build.name, r, this.errorName(r.outcome.error));
    return DeployedContract.at(this, ledger, Address.fromScVal(r.outcome.value).toString());
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

const CONSTRUCTOR = '__constructor';

export interface DeployOptions {
  readonly ledger?: TestLedger;
  /** Constructor arguments by parameter name. */
  readonly args?: Record<string, unknown>;
  readonly salt?: Uint8Array;
  /** Write the contract into the snapshot with this TTL instead of creating it (no constructor). */
  readonly liveUntilLedger?: number;
}

/** A deployment that failed: the host's result, with the constructor's contract error by name. */
export class DeployError extends Error {
  override name = 'DeployError';
  constructor(
    contractName: string,
    readonly result: HostFunctionResult,
    readonly errorName: string | undefined,
  ) {
    super(`deploying ${contractName} failed: ${result.outcome.ok ? '' : result.outcome.message}`);
  }
}

/** A contract deployed in a test ledger. */
export class DeployedContract {
  constructor(
    readonly contract: TestContract,
    readonly ledger: TestLedger,
    readonly id: Uint8Array,
  ) {}

  /** The contract at `address` (e.g. one another contract deployed), called through `contract`'s spec. */
  static at(contract: TestContract, ledger: TestLedger, address: string): DeployedContract {
    return new DeployedContract(contract, ledger, new Uint8Array(StrKey.decodeContract(address)));
  }

  /** The contract's `C...` address. */
  get address(): string {
    return StrKey.encodeContract(Buffer.from(this.id));
  }

  /** Calls `fn` with native arguments through the spec; a successful call's changes are committed. */
  invoke(
    fn: string,
    args: Record<string, unknown> = {},
    options: ApplyOptions = {},
  ): CallOutcome<HostFunctionResult> {
    return this.invokeRaw(fn, this.contract.spec.funcArgsToScVals(fn, args), options);
  }

  /** Calls `fn` with ScVal arguments. */
  invokeRaw(
    fn: string,
    args: readonly xdr.ScVal[],
    options: ApplyOptions = {},
  ): CallOutcome<HostFunctionResult> {
    return this.contract.outcome(fn, this.ledger.invoke(this.id, fn, args, options));
  }

  /**
   * Calls `fn` as a client does against a network: a recording run finds the authorizations the
   * call needs (non-root ones too, as a simulation with `record_allow_nonroot`), `signers` sign
   * theirs, and an enforcing run checks them (an address without a signer's key makes it fail, as
   * it would on chain).
   */
  async invokeSigned(
    fn: string,
    args: Record<string, unknown>,
    signers: readonly Keypair[],
  ): Promise<CallOutcome<HostFunctionResult>> {
    const scVals = this.contract.spec.funcArgsToScVals(fn, args);
    const recorded = this.ledger.invoke(this.id, fn, scVals, {
      authMode: 'record_allow_nonroot',
      commit: false,
    });
    if (!recorded.outcome.ok) return this.contract.outcome(fn, recorded);
    const auth = await this.ledger.sign(recorded.auth, signers);
    return this.invokeRaw(fn, scVals, { authMode: 'enforce', auth });
  }
}

export interface PublishedEvent {
  /** The publishing contract's `C...` address. */
  readonly contract: string;
  readonly topics: xdr.ScVal[];
  readonly data: xdr.ScVal;
}

/** The contract events a run published (not diagnostics, not those of failed calls), in order. */
export const contractEvents = (result: InvokeResult): PublishedEvent[] =>
  result.events
    .filter((e) => e.inSuccessfulContractCall && e.event.type.name === 'contract')
    .map((e) => ({
      contract: e.event.contractId ? StrKey.encodeContract(Buffer.from(e.event.contractId.toBytes())) : '',
      topics: e.event.body.v0.topics,
      data: e.event.body.v0.data,
    }));

export interface Authorization {
  /** Who authorized: a `G...`/`C...` address, or `source` for the transaction source account. */
  readonly address: string;
  /** The authorized root call: contract, function and arguments (or `create` for a creation). */
  readonly contract: string;
  readonly fn: string;
  readonly args: xdr.ScVal[];
}

/** The authorizations a recording run needed, as who authorized which call (like `env.auths()`). */
export const authorizations = (result: HostFunctionResult): Authorization[] =>
  result.auth.map((entry) => {
    const fn = entry.rootInvocation.function.toXdrObject();
    const call =
      fn.type === 0
        ? {
            contract: Address.fromScAddress(
              xdr.ScAddress.fromXdrObject(fn.contractFn.contractAddress),
            ).toString(),
            fn: new xdr.XdrString(fn.contractFn.functionName).toString(),
            args: fn.contractFn.args.map((a) => xdr.ScVal.fromXdrObject(a)),
          }
        : { contract: '', fn: 'create', args: [] };
    return { address: authAddress(entry) ?? 'source', ...call };
  });
