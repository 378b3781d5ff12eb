/**
 * The host interface, read from `env.json` (rs-soroban-env's own definition, protocol 28): the one
 * source of truth for module and function export names, argument types and protocol gates.
 */
import env from './env.json' with { type: 'json' };

export interface HostFunctionArg {
  readonly name: string;
  readonly type: string;
}

export interface HostFunctionSpec {
  readonly module: string;
  readonly moduleExport: string;
  readonly export: string;
  readonly name: string;
  readonly args: readonly HostFunctionArg[];
  readonly returns: string;
  readonly minProtocol: number | undefined;
  readonly maxProtocol: number | undefined;
  readonly docs: string;
}

interface RawFunction {
  export: string;
  name: string;
  args: HostFunctionArg[];
  return: string;
  docs?: string;
  min_supported_protocol?: number;
  max_supported_protocol?: number;
}

export const HOST_FUNCTIONS: readonly HostFunctionSpec[] = (
  env as { modules: { name: string; export: string; functions: RawFunction[] }[] }
).modules.flatMap((m) =>
  m.functions.map((f) => ({
    module: m.name,
    moduleExport: m.export,
    export: f.export,
    name: f.name,
    args: f.args,
    returns: f.return,
    minProtocol: f.min_supported_protocol,
    maxProtocol: f.max_supported_protocol,
    docs: f.docs ?? '',
  })),
);

/** Keyed by import name, `module.function`, e.g. `x.1`. */
export const HOST_FUNCTIONS_BY_IMPORT: ReadonlyMap<string, HostFunctionSpec> = new Map(
  HOST_FUNCTIONS.map((f) => [`${f.moduleExport}.${f.export}`, f]),
);

export const HOST_FUNCTIONS_BY_NAME: ReadonlyMap<string, HostFunctionSpec> = new Map(
  HOST_FUNCTIONS.map((f) => [f.name, f]),
);

export const isAvailableAt = (f: HostFunctionSpec, protocol: number): boolean =>
  (f.minProtocol === undefined || protocol >= f.minProtocol) &&
  (f.maxProtocol === undefined || protocol <= f.maxProtocol);

/** The protocol this host implements. */
export const HOST_PROTOCOL_VERSION = 28;
/** This host is a release build: pre-release version 0. */
export const HOST_PRE_RELEASE_VERSION = 0;
