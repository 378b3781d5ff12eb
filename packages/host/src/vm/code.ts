/**
 * Contract code: a validated, metered and compiled module, cached by the sha256 of its Wasm so that
 * each distinct contract is parsed and compiled once per process.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { HOST_FUNCTIONS_BY_IMPORT, type HostFunctionSpec } from '../env/interface.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { invalidWasm } from '../wasm/binary.ts';
import { readInterfaceVersion, type InterfaceVersion } from '../wasm/env-meta.ts';
import { instrumentModule } from '../wasm/instrument.ts';
import { I64, parseModule, type CodeCostInputs, type CustomSection, type FuncType } from '../wasm/parse.ts';

/** The reference host refuses exported functions with more arguments than this. */
export const MAX_FUNCTION_ARGS = 32;

export interface ContractCode {
  readonly hash: Uint8Array;
  readonly hashHex: string;
  readonly size: number;
  readonly interfaceVersion: InterfaceVersion;
  /** The host functions the module imports, in import order. */
  readonly imports: readonly HostFunctionSpec[];
  /** Every export by name: a function with its type, or another kind (memory, global, table). */
  readonly exports: ReadonlyMap<string, FuncType | 'not-a-function'>;
  /** The exported functions that take and return Vals (i64s), with their parameter count. */
  readonly functions: ReadonlyMap<string, number>;
  readonly costInputs: CodeCostInputs;
  readonly customSections: readonly CustomSection[];
  readonly minMemoryBytes: number;
  readonly maxMemoryPages: number;
  readonly module: WebAssembly.Module;
}

export interface LoadOptions {
  /** Linear memory cap in bytes (the transaction memory limit). */
  readonly maxMemoryBytes: number;
}

const cache = new Map<string, ContractCode>();

const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const takesAndReturnsVals = (t: FuncType): boolean =>
  t.params.every((p) => p === I64) && t.results.length === 1 && t.results[0] === I64;

const checkImports = (imports: readonly { module: string; name: string; typeIndex: number }[], types: readonly { params: readonly number[]; results: readonly number[] }[]): HostFunctionSpec[] =>
  imports.map((imp) => {
    const spec = HOST_FUNCTIONS_BY_IMPORT.get(`${imp.module}.${imp.name}`);
    if (!spec)
      throw hostError(ErrorType.WasmVm, ErrorCode.InvalidAction, `unknown import ${imp.module}.${imp.name}: not a Soroban host function`);
    const t = types[imp.typeIndex];
    const ok = t.params.length === spec.args.length && takesAndReturnsVals(t);
    if (!ok)
      throw hostError(ErrorType.WasmVm, ErrorCode.InvalidAction, `import ${imp.module}.${imp.name} (${spec.name}) has the wrong signature`);
    return spec;
  });

/** Parses, validates, instruments and compiles `wasm`, or returns the cached result. */
export const loadContractCode = (wasm: Uint8Array, options: LoadOptions): ContractCode => {
  const hash = sha256(wasm);
  const key = `${toHex(hash)}:${options.maxMemoryBytes}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const parsed = parseModule(wasm);
  const interfaceVersion = readInterfaceVersion(parsed.customSections);
  if (parsed.start !== undefined)
    throw hostError(ErrorType.WasmVm, ErrorCode.InvalidAction, 'contract has a start function: start functions are not allowed');
  const imports = checkImports(parsed.imports, parsed.types);
  const exports = new Map<string, FuncType | 'not-a-function'>();
  const functions = new Map<string, number>();
  for (const e of parsed.exports) {
    if (e.kind !== 0) {
      exports.set(e.name, 'not-a-function');
      continue;
    }
    const localIndex = e.index - parsed.imports.length;
    const type = parsed.types[localIndex < 0 ? parsed.imports[e.index].typeIndex : parsed.functions[localIndex]];
    if (type.params.length > MAX_FUNCTION_ARGS)
      throw invalidWasm(`exported function ${e.name} takes ${type.params.length} arguments; at most ${MAX_FUNCTION_ARGS} are allowed`);
    exports.set(e.name, type);
    if (localIndex >= 0 && takesAndReturnsVals(type)) functions.set(e.name, type.params.length);
  }
  let module: WebAssembly.Module;
  try {
    module = new WebAssembly.Module(instrumentModule(parsed, options));
  } catch (e) {
    throw invalidWasm(`invalid Wasm: ${(e as Error).message}`);
  }
  const code: ContractCode = {
    hash,
    hashHex: toHex(hash),
    size: wasm.length,
    interfaceVersion,
    imports,
    exports,
    functions,
    costInputs: parsed.costInputs,
    customSections: parsed.customSections,
    minMemoryBytes: (parsed.memory?.min ?? 0) * 65536,
    maxMemoryPages: parsed.memory?.max ?? 65536,
    module,
  };
  cache.set(key, code);
  return code;
};
