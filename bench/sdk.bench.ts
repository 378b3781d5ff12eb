/**
 * SDK figures: the Wasm size of each example contract, and the time to build them all from
 * scratch (no cache) and from the cache.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildContract, findContractDirs } from '../packages/sdk/src/index.ts';

const EXAMPLES = new URL('../contracts/examples', import.meta.url).pathname;
const outRoot = mkdtempSync(join(tmpdir(), 'sdk-bench-'));
const dirs = findContractDirs(EXAMPLES);

const buildAll = async (cache: boolean): Promise<{ ms: number; sizes: [string, number, number][] }> => {
  const sizes: [string, number, number][] = [];
  const started = performance.now();
  for (const dir of dirs) {
    const name = dir.slice(EXAMPLES.length + 1);
    const t = performance.now();
    const r = await buildContract(dir, { outDir: join(outRoot, name), cache });
    sizes.push([name, r.sizeBytes, Math.round(performance.now() - t)]);
  }
  return { ms: Math.round(performance.now() - started), sizes };
};

const cold = await buildAll(false);
const warm = await buildAll(true);
console.log('example contract      Wasm bytes   cold build ms');
for (const [name, bytes, ms] of cold.sizes)
  console.log(`${name.padEnd(22)}${String(bytes).padStart(10)}${String(ms).padStart(16)}`);
console.log(`all ${dirs.length} examples: ${cold.ms} ms from scratch, ${warm.ms} ms from the cache`);
