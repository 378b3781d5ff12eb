/**
 * Test contracts from WAT: compiled with wabt, given a `contractenvmetav0` section, plus a proxy
 * builder that turns any env.json host function into a contract export for tests.
 */
import initWabt from 'wabt';
import { HOST_FUNCTIONS_BY_NAME, HOST_PROTOCOL_VERSION } from '../../src/env/interface.ts';
import { RAW_TYPES } from '../../src/vm/arg-types.ts';

const wabt = await initWabt();

export interface EnvMeta {
  readonly protocol?: number;
  readonly preRelease?: number;
}

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};

/** A custom section's bytes. */
export const customSection = (name: string, data: Uint8Array): Uint8Array => {
  const nameBytes = new TextEncoder().encode(name);
  const content = [...uleb(nameBytes.length), ...nameBytes, ...data];
  return Uint8Array.from([0, ...uleb(content.length), ...content]);
};

export const envMetaSection = ({ protocol = HOST_PROTOCOL_VERSION, preRelease = 0 }: EnvMeta = {}): Uint8Array => {
  const data = new Uint8Array(12);
  const view = new DataView(data.buffer);
  view.setUint32(0, 0);
  view.setUint32(4, protocol);
  view.setUint32(8, preRelease);
  return customSection('contractenvmetav0', data);
};

/**
 * Compiles WAT to Wasm bytes, with no custom sections added. Modules using extra `features` (the
 * ones the host must refuse) skip wabt's validator, which does not know all of them.
 */
export const watToWasm = (source: string, features: Record<string, boolean> = {}): Uint8Array => {
  const module = wabt.parseWat('test.wat', source, { mutable_globals: true, sign_extension: true, bulk_memory: true, ...features });
  try {
    if (Object.keys(features).length === 0) module.validate();
    return new Uint8Array(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
};

/** Compiles WAT to a contract: the module plus a `contractenvmetav0` section (unless `meta` is null). */
export const contract = (source: string, meta: EnvMeta | null = {}, features: Record<string, boolean> = {}): Uint8Array => {
  const wasm = watToWasm(source, features);
  if (meta === null) return wasm;
  const section = envMetaSection(meta);
  const out = new Uint8Array(wasm.length + section.length);
  out.set(wasm);
  out.set(section, wasm.length);
  return out;
};

/** The `(import ...)` line for an env.json host function, bound to `$name`. */
export const importOf = (name: string): string => {
  const spec = HOST_FUNCTIONS_BY_NAME.get(name);
  if (!spec) throw new Error(`no host function ${name} in env.json`);
  const params = spec.args.map(() => 'i64').join(' ');
  return `(import "${spec.moduleExport}" "${spec.export}" (func $${name} ${params ? `(param ${params})` : ''} (result i64)))`;
};

/**
 * A contract exporting `call`, which calls host function `name`. Val-typed arguments come from the
 * invocation; raw `u64`/`i64` arguments are the constants in `raw` (in order). The contract also
 * exports one page of memory, prefilled with `data` at offset 0 when given.
 */
export const hostFnProxy = (name: string, options: { raw?: readonly bigint[]; data?: Uint8Array; meta?: EnvMeta } = {}): Uint8Array => {
  const spec = HOST_FUNCTIONS_BY_NAME.get(name)!;
  const raw = [...(options.raw ?? [])];
  const params: string[] = [];
  const pushes = spec.args.map((a, i) => {
    if (RAW_TYPES.has(a.type)) {
      const c = raw.shift();
      if (c === undefined) throw new Error(`host function ${name} needs a raw constant for ${a.name}`);
      return `(i64.const ${BigInt.asIntN(64, c)})`;
    }
    params.push(`(param $a${i} i64)`);
    return `(local.get $a${i})`;
  });
  const data = options.data ? `(data (i32.const 0) "${[...options.data].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")` : '';
  return contract(
    `(module
      ${importOf(name)}
      (memory (export "memory") 1)
      ${data}
      (func (export "call") ${params.join(' ')} (result i64)
        (call $${name} ${pushes.join(' ')})))`,
    options.meta ?? {},
  );
};
