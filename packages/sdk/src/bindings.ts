/**
 * Typed TypeScript bindings for a built contract, from its generated spec, by
 * `@stellar/stellar-sdk`'s own generator: a `Client` with one typed method per contract function
 * and the contract types as interfaces, usable against any Stellar RPC endpoint.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BindingGenerator, contract, type xdr } from '@stellar/stellar-sdk';
import type { BuildResult } from './build.ts';

export interface Bindings {
  /** Generated file contents by path relative to the bindings directory. */
  readonly files: Readonly<Record<string, string>>;
}

/** Generates the bindings package for `build` (named after the contract unless `name` is given). */
export const generateBindings = (build: Pick<BuildResult, 'name' | 'spec'>, name = build.name): Bindings => {
  const generated = BindingGenerator.fromSpec(new contract.Spec(build.spec)).generate({ contractName: name });
  return {
    files: {
      'src/index.ts': generated.index,
      'src/types.ts': generated.types + errorTypes(build.spec),
      'src/client.ts': generated.client,
      'package.json': generated.packageJson,
      'tsconfig.json': generated.tsConfig,
      'README.md': generated.readme,
      '.gitignore': generated.gitignore,
    },
  };
};

/**
 * The generator declares an error enum as a value (`export const E = { 1: { message } }`) but names
 * it as the error type of a `Result<T, E>`: a type of the same name, its cases, makes that compile.
 */
const errorTypes = (spec: readonly xdr.ScSpecEntry[]): string =>
  spec
    .filter((e) => e.type === 'scSpecEntryUdtErrorEnumV0')
    .map((e) => {
      const n = String(e.value.name);
      return `\n/** A ${n} case, as the error of a Result. */\nexport type ${n} = (typeof ${n})[keyof typeof ${n}];\n`;
    })
    .join('');

/** Writes the bindings package into `dir`. */
export const writeBindings = (bindings: Bindings, dir: string): void => {
  for (const [path, text] of Object.entries(bindings.files)) {
    const full = join(dir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
};
