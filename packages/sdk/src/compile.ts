/**
 * Runs the AssemblyScript compiler with the settings the Soroban VM accepts: the stub runtime (no
 * GC), no assertions, no floats, no features the host rejects, optimized for size. Sources come
 * from memory (the generated texts) and imports of `@sorobox/sdk` resolve to this package's
 * `assembly/`. The compiler's start function (top-level initializers) cannot stay a Wasm start
 * section, which Soroban refuses: it is run once on entry to each exported function instead.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { ContractBuildError } from './analyze.ts';

export const SDK_ASSEMBLY_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../assembly');

export interface CompileOptions {
  /** Extra asc arguments (e.g. `--debug`), appended to the defaults. */
  readonly extraArgs?: readonly string[];
}

/** The asc arguments, besides the entry and output. */
export const ASC_ARGS: readonly string[] = [
  '--runtime',
  'stub',
  '--noAssert',
  '--optimizeLevel',
  '3',
  '--shrinkLevel',
  '2',
  '--converge',
  // Float-to-int conversions are float instructions; the others are off by default in asc.
  '--disable',
  'nontrapping-f2i',
  '--use',
  'abort=__sdk_abort',
  '--noColors',
];

const SDK_IMPORT = /(?:^|\/)node_modules\/@sorobox\/sdk\/(.+)$/;

// The subset of binaryen.js the start relocation uses (asc hands the transform its module).
interface BinaryenModule {
  readonly ptr: number;
  getNumExports(): number;
  getExportByIndex(i: number): number;
  getFunction(name: string): number;
  addGlobal(name: string, type: number, mutable: boolean, init: number): number;
  block(label: string | null, children: number[], type?: number): number;
  call(name: string, operands: number[], type: number): number;
  if(cond: number, ifTrue: number, ifFalse?: number): number;
  i32: { const(v: number): number; eqz(v: number): number };
  global: { get(name: string, type: number): number; set(name: string, value: number): number };
}
interface Binaryen {
  readonly i32: number;
  readonly none: number;
  readonly ExternalFunction: number;
  getExportInfo(ref: number): { kind: number; name: string; value: string };
  getFunctionInfo(ref: number): { name: string; results: number; body: number };
  _BinaryenGetStart(module: number): number;
  _BinaryenSetStart(module: number, func: number): void;
  _BinaryenFunctionSetBody(func: number, body: number): void;
}

/** An asc transform: moves the start function into a guarded call at the top of every export. */
class StartRelocation {
  declare readonly binaryen: Binaryen;

  afterCompile(module: BinaryenModule): void {
    const b = this.binaryen;
    const start = b._BinaryenGetStart(module.ptr);
    if (!start) return;
    const startName = b.getFunctionInfo(start).name;
    b._BinaryenSetStart(module.ptr, 0);
    const flag = '~sdk_started';
    module.addGlobal(flag, b.i32, true, module.i32.const(0));
    for (let i = 0; i < module.getNumExports(); i++) {
      const info = b.getExportInfo(module.getExportByIndex(i));
      if (info.kind !== b.ExternalFunction) continue;
      const fn = module.getFunction(info.value);
      const { body, results } = b.getFunctionInfo(fn);
      const init = module.if(
        module.i32.eqz(module.global.get(flag, b.i32)),
        module.block(
          null,
          [module.global.set(flag, module.i32.const(1)), module.call(startName, [], b.none)],
          b.none,
        ),
      );
      b._BinaryenFunctionSetBody(fn, module.block(null, [init, body], results));
    }
  }
}

/**
 * Compiles the entry (`entryPath`, absolute) with the generated sources (`sources`, by absolute
 * path; other files are read from disk). Returns the Wasm, or throws with the compiler's messages.
 */
export const compile = async (
  baseDir: string,
  entryPath: string,
  sources: ReadonlyMap<string, string>,
  options: CompileOptions = {},
): Promise<Uint8Array> => {
  let wasm: Uint8Array | undefined;
  const readFile = (name: string, dir: string): string | null => {
    const path = resolve(dir, name);
    const generated = sources.get(path);
    if (generated !== undefined) return generated;
    const sdk = SDK_IMPORT.exec(path.replace(/\\/g, '/'));
    const real = sdk ? resolve(SDK_ASSEMBLY_DIR, sdk[1]) : path;
    try {
      return readFileSync(real, 'utf8');
    } catch {
      return null;
    }
  };
  const stderr = asc.createMemoryStream();
  const result = await asc.main(
    [
      relative(baseDir, entryPath),
      '--outFile',
      'contract.wasm',
      '--baseDir',
      baseDir,
      ...ASC_ARGS,
      ...(options.extraArgs ?? []),
    ],
    {
      stdout: asc.createMemoryStream(),
      stderr,
      readFile,
      writeFile: (name: string, contents: Uint8Array | string) => {
        if (name.endsWith('.wasm'))
          wasm = typeof contents === 'string' ? new TextEncoder().encode(contents) : contents;
      },
      listFiles: () => [],
      transforms: [StartRelocation as unknown as never],
    },
  );
  if (result.error || !wasm)
    throw new ContractBuildError(
      `AssemblyScript compilation failed:\n${stderr.toString().trim() || String(result.error)}`,
    );
  return wasm;
};
