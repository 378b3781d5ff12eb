/**
 * Running an exported Wasm function in a new frame: a fresh instance per frame (so no frame can
 * touch another's memory or handles), fuel metering, trap mapping and diagnostic events.
 */
import { CostType } from '../budget/cost-type.ts';
import { isAvailableAt } from '../env/interface.ts';
import { ALL_HOST_FUNCTIONS } from '../functions/index.ts';
import type { VmInstance } from '../host/frame.ts';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, fromWasm, tagOf, toError, type Val } from '../val/val.ts';
import { checkGoodVal } from './arg-types.ts';
import { callInFrame, internalError } from './frame-call.ts';
import type { ContractCode } from './code.ts';
import { buildImports, withActiveHost } from './dispatch.ts';
import { checkInterfaceVersion } from '../wasm/env-meta.ts';
import { I64, type FuncType } from '../wasm/parse.ts';
import { HOST_PRE_RELEASE_VERSION } from '../env/interface.ts';
import { DEPTH_EXPORT, FUEL_EXPORT, MEMORY_PAGES_EXPORT, MAX_CALL_DEPTH } from '../wasm/instrument.ts';
import { burnFuel, refuel } from './fuel.ts';

let imports: WebAssembly.Imports | undefined;
const parsedByHost = new WeakMap<Host, Set<string>>();

/** Reference ordering of the per-code cost inputs (`charge_for_parsing` / `charge_for_instantiation`). */
const costCounts = (c: ContractCode['costInputs']): number[] => [
  c.nInstructions,
  c.nFunctions,
  c.nGlobals,
  c.nTableEntries,
  c.nTypes,
  c.nDataSegments,
  c.nElemSegments,
  c.nImports,
  c.nExports,
  c.nDataSegmentBytes,
];

/** Charges parsing `code` (`charge_for_parsing`), as every parse of a module is charged. */
export const chargeParsing = (host: Host, code: ContractCode): void =>
  costCounts(code.costInputs).forEach((n, i) => host.budget.charge(CostType.ParseWasmInstructions + i, n));

const chargeCodeCosts = (host: Host, code: ContractCode): void => {
  let parsed = parsedByHost.get(host);
  if (!parsed) parsedByHost.set(host, (parsed = new Set()));
  if (!parsed.has(code.hashHex)) {
    parsed.add(code.hashHex);
    chargeParsing(host, code);
  }
  costCounts(code.costInputs).forEach((n, i) => {
    const constOnly = i === 0 || i === 4; // instructions and types: constant instantiation cost
    host.budget.charge(CostType.InstantiateWasmInstructions + i, constOnly ? 0 : n);
  });
};

/** Checks that the code may run on this ledger: its interface version and every import's protocol. */
export const checkCodeForLedger = (host: Host, code: ContractCode): void => {
  checkInterfaceVersion(code.interfaceVersion, host.protocol, HOST_PRE_RELEASE_VERSION);
  for (const spec of code.imports) {
    if (!isAvailableAt(spec, code.interfaceVersion.protocol) || !isAvailableAt(spec, host.protocol))
      throw hostError(
        ErrorType.WasmVm,
        ErrorCode.InvalidAction,
        `contract calls host function ${spec.name}, which protocol ${Math.min(code.interfaceVersion.protocol, host.protocol)} does not support`,
      );
  }
};

const trapError = (vm: VmInstance | undefined, e: unknown): HostError => {
  if (e instanceof HostError) return e;
  if (vm && (vm.fuel.value as bigint) < 0n)
    return hostError(ErrorType.Budget, ErrorCode.ExceededLimit, 'out of fuel: the cpu instruction limit was reached');
  if (e instanceof RangeError)
    return hostError(ErrorType.Budget, ErrorCode.ExceededLimit, 'wasm stack overflow: call depth limit reached');
  if (e instanceof WebAssembly.RuntimeError) {
    const m = e.message;
    if (/out of bounds|OOB/i.test(m) && /memory/i.test(m)) return hostError(ErrorType.WasmVm, ErrorCode.IndexBounds, `trap: ${m}`);
    if (/table index|out of bounds/i.test(m)) return hostError(ErrorType.WasmVm, ErrorCode.IndexBounds, `trap: ${m}`);
    if (/divide by zero|remainder by zero|integer overflow|unrepresentable/i.test(m))
      return hostError(ErrorType.WasmVm, ErrorCode.ArithDomain, `trap: ${m}`);
    if (/null function/i.test(m)) return hostError(ErrorType.WasmVm, ErrorCode.MissingValue, `trap: ${m}`);
    if (/signature mismatch/i.test(m)) return hostError(ErrorType.WasmVm, ErrorCode.UnexpectedType, `trap: ${m}`);
    return hostError(ErrorType.WasmVm, ErrorCode.InvalidAction, `trap: ${m}`);
  }
  return internalError(e);
};

const instantiate = (host: Host, code: ContractCode): VmInstance => {
  chargeCodeCosts(host, code);
  if (code.minMemoryBytes > host.budget.memRemaining())
    throw hostError(ErrorType.Budget, ErrorCode.ExceededLimit, `initial memory of ${code.minMemoryBytes} bytes exceeds the budget`);
  host.budget.charge(CostType.MemAlloc, code.minMemoryBytes);
  imports ??= buildImports(ALL_HOST_FUNCTIONS);
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(code.module, imports);
  } catch (e) {
    throw trapError(undefined, e);
  }
  const exports = instance.exports;
  const memory = exports.memory instanceof WebAssembly.Memory ? exports.memory : undefined;
  return {
    instance,
    memory,
    fuel: exports[FUEL_EXPORT] as WebAssembly.Global,
    memoryPages: exports[MEMORY_PAGES_EXPORT] as WebAssembly.Global,
    depth: exports[DEPTH_EXPORT] as WebAssembly.Global,
    maxPages: code.maxMemoryPages,
    fuelSet: 0n,
    memoryCharged: memory ? memory.buffer.byteLength : 0,
  };
};

/** The reference refuses a call with more arguments than this (`MAX_VM_ARGS`). */
const MAX_CALL_ARGS = 32;

/**
 * The export to call, checked as the reference's wasmi call checks it: a missing export is
 * `MissingValue` (or, for a default constructor, no call at all), another kind of export
 * `UnexpectedType`; then the parameter count (`UnexpectedSize`), the parameter types
 * (`UnexpectedType`) and the result count (`UnexpectedSize`). The result's type is not checked
 * before the call. Undefined when the call is a no-op.
 */
const exportToCall = (code: ContractCode, fn: string, nArgs: number, missingFunctionIsNoop: boolean): FuncType | undefined => {
  const exported = code.exports.get(fn);
  if (exported === undefined) {
    if (missingFunctionIsNoop) return undefined;
    throw hostError(ErrorType.WasmVm, ErrorCode.MissingValue, `trying to invoke non-existent contract function ${fn}`);
  }
  if (exported === 'not-a-function')
    throw hostError(ErrorType.WasmVm, ErrorCode.UnexpectedType, `trying to invoke Wasm export ${fn} that is not a function`);
  if (nArgs > MAX_CALL_ARGS)
    throw hostError(ErrorType.WasmVm, ErrorCode.InvalidInput, `too many arguments (${nArgs}) in Wasm invocation of ${fn}`);
  if (exported.params.length !== nArgs)
    throw hostError(ErrorType.WasmVm, ErrorCode.UnexpectedSize, `function ${fn} takes ${exported.params.length} arguments, ${nArgs} given`);
  if (exported.params.some((p) => p !== I64))
    throw hostError(ErrorType.WasmVm, ErrorCode.UnexpectedType, `function ${fn} takes arguments that are not i64 Vals`);
  if (exported.results.length !== 1)
    throw hostError(ErrorType.WasmVm, ErrorCode.UnexpectedSize, `function ${fn} returns ${exported.results.length} values, not one Val`);
  return exported;
};

export interface InvokeWasmOptions {
  /** A function the code does not export returns Void without running (a default constructor). */
  readonly missingFunctionIsNoop?: boolean;
}

/**
 * Calls `fn` of `code` in a new frame with absolute-handle `args`; returns the absolute result.
 * A returned Error value fails the call: contract errors as themselves, any other as
 * `Error(Context, InvalidAction)`.
 */
export const invokeWasm = (
  host: Host,
  code: ContractCode,
  contractId: Uint8Array | undefined,
  fn: string,
  args: readonly Val[],
  options: InvokeWasmOptions = {},
): Val =>
  callInFrame(
    host,
    contractId,
    fn,
    args,
    (frame) => {
      const vm = instantiate(host, code);
      frame.vm = vm;
      host.budget.charge(CostType.InvokeVmFunction);
      const type = exportToCall(code, fn, args.length, options.missingFunctionIsNoop === true);
      if (!type) return VOID;
      const exported = vm.instance.exports[fn] as (...a: bigint[]) => bigint | number;
      const wasmArgs = args.map((a) => BigInt.asIntN(64, host.toRelative(a)));
      refuel(host, vm);
      let raw: bigint | number;
      try {
        raw = withActiveHost(host, () => exported(...wasmArgs));
      } catch (e) {
        const err = trapError(vm, e);
        try {
          burnFuel(host, vm);
        } catch {
          // The budget is exhausted either way; the trap's own error is the one to report.
        }
        throw err;
      }
      burnFuel(host, vm);
      if (typeof raw !== 'bigint')
        throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `function ${fn} returned an i32, not a Val`);
      const result = fromWasm(raw);
      try {
        checkGoodVal(result);
      } catch {
        throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `function ${fn} returned a malformed value`);
      }
      const value = host.toAbsolute(result);
      if (tagOf(value) === Tag.Error) {
        const e = toError(value);
        if (e.type === ErrorType.Contract) throw new HostError(ErrorType.Contract, e.code, `contract returned an error`);
        throw hostError(ErrorType.Context, ErrorCode.InvalidAction, 'frame-exit with Ok(Error) carrying a non-contract error');
      }
      return value;
    },
    { before: () => checkCodeForLedger(host, code), toHostError: (e, frame) => trapError(frame.vm, e) },
  );

export { MAX_CALL_DEPTH };
