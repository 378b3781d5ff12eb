#!/usr/bin/env -S node --import tsx
/**
 * `node --import tsx packages/sdk/src/cli.ts build [dir] [--protocol N] [--out DIR] [--no-cache]`
 * builds a contract and prints its Wasm path, size and interface; `bindings [dir] [--out DIR]`
 * writes a typed TypeScript client package for it.
 */
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ContractBuildError } from './analyze.ts';
import { generateBindings, writeBindings } from './bindings.ts';
import { buildContract } from './build.ts';

const usage = [
  'usage: build [contract dir] [--protocol N] [--out DIR] [--max-size BYTES] [--no-cache]',
  '       bindings [contract dir] [--out DIR]   (typed TypeScript client; default DIR <dir>/build/bindings)',
].join('\n');

const main = async (argv: string[]): Promise<number> => {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      protocol: { type: 'string' },
      out: { type: 'string' },
      'max-size': { type: 'string' },
      'no-cache': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, dir = '.'] = positionals;
  if (values.help || (command !== 'build' && command !== 'bindings')) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  if (command === 'bindings') {
    const built = await buildContract(dir);
    const out = values.out ?? join(dirname(built.wasmPath), 'bindings');
    writeBindings(generateBindings(built), out);
    console.log(`${out}: TypeScript bindings for ${built.name}`);
    return 0;
  }
  const started = performance.now();
  const r = await buildContract(dir, {
    protocol: values.protocol ? Number(values.protocol) : undefined,
    outDir: values.out,
    maxSizeBytes: values['max-size'] ? Number(values['max-size']) : undefined,
    cache: !values['no-cache'],
  });
  const ms = Math.round(performance.now() - started);
  console.log(`${r.wasmPath}: ${r.sizeBytes} bytes${r.cached ? ' (cached)' : ''} in ${ms} ms`);
  for (const t of r.model.types) console.log(`  type ${t.kind} ${t.name}`);
  for (const f of r.model.functions)
    console.log(
      `  fn ${f.name}(${f.params.map((p) => `${p.name}: ${p.type.text}`).join(', ')}): ${f.returns.text}`,
    );
  return 0;
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof ContractBuildError ? `error: ${e.message}` : e);
    process.exit(1);
  },
);
