/**
 * The import object Wasm instances link against, generated from env.json: every host function
 * gets a wrapper that accounts the fuel burnt so far, checks and converts its arguments, runs the
 * implementation, and hands the result back with a frame-relative handle. The object is built once
 * per process; a call reaches the host that is running Wasm (hosts run synchronously, one at a time
 * per thread, and a nested run restores the outer one).
 */
import { CostType } from '../budget/cost-type.ts';
import { HOST_FUNCTIONS, type HostFunctionSpec } from '../env/interface.ts';
import type { HostFn } from '../functions/types.ts';
import type { Host } from '../host/host.ts';
import { reportError } from '../host/diagnostics.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import { fromWasm, type Val } from '../val/val.ts';
import { RAW_TYPES, allowedTags, checkType } from './arg-types.ts';
import { burnFuel, refuel } from './fuel.ts';

type ArgConverter = (host: Host, raw: bigint) => bigint;

const argConverter = (type: string): ArgConverter => {
  if (type === 'i64') return (_h, raw) => raw;
  if (RAW_TYPES.has(type)) return (_h, raw) => fromWasm(raw);
  const tags = allowedTags(type);
  return (host, raw) => {
    const v = fromWasm(raw);
    checkType(v, tags, type);
    return host.toAbsolute(v);
  };
};

let activeHost: Host | undefined;

/** Runs `run` with `host` as the host Wasm imports reach. */
export const withActiveHost = <T>(host: Host, run: () => T): T => {
  const outer = activeHost;
  activeHost = host;
  try {
    return run();
  } finally {
    activeHost = outer;
  }
};

const wrap = (spec: HostFunctionSpec, impl: HostFn): ((...raw: bigint[]) => bigint) => {
  const converters = spec.args.map((a) => argConverter(a.type));
  const rawReturn = RAW_TYPES.has(spec.returns);
  return (...raw: bigint[]): bigint => {
    const host = activeHost;
    if (!host) throw hostError(ErrorType.Context, ErrorCode.InternalError, 'host function called with no running host');
    const vm = host.currentFrame().vm!;
    burnFuel(host, vm);
    host.budget.charge(CostType.DispatchHostFunction);
    const args: Val[] = new Array(converters.length);
    for (let i = 0; i < converters.length; i++) args[i] = converters[i](host, raw[i]);
    let out: Val;
    try {
      out = impl(host, ...args);
    } catch (e) {
      if (e instanceof HostError) reportError(host, e);
      throw e;
    }
    refuel(host, vm);
    return rawReturn ? out : host.toRelative(out);
  };
};

/** Builds the import object. Functions without an implementation fail when called. */
export const buildImports = (impls: ReadonlyMap<string, HostFn>): WebAssembly.Imports => {
  const imports: Record<string, Record<string, (...raw: bigint[]) => bigint>> = {};
  for (const spec of HOST_FUNCTIONS) {
    const impl =
      impls.get(spec.name) ??
      ((): Val => {
        throw hostError(ErrorType.Context, ErrorCode.InternalError, `host function ${spec.name} is not implemented yet`);
      });
    (imports[spec.moduleExport] ??= {})[spec.export] = wrap(spec, impl);
  }
  return imports;
};
