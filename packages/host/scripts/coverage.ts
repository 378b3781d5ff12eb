/**
 * Host-function coverage against env.json: every function, whether it is implemented (in the
 * dispatch table) and tested (named in a test under packages/host/test), with counts per module.
 * Usage: npm run coverage:host [-- --missing]
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_FUNCTIONS } from '../src/env/interface.ts';
import { ALL_HOST_FUNCTIONS } from '../src/functions/index.ts';

const testDir = fileURLToPath(new URL('../test', import.meta.url));
const sources: string[] = [];
const walk = (dir: string): void => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.test.ts')) sources.push(readFileSync(path, 'utf8'));
  }
};
walk(testDir);
const testText = sources.join('\n');
// A function counts as tested when a test names it (as a string or an object key of a case table).
const isTested = (name: string): boolean => new RegExp(`(^|[^A-Za-z0-9_])${name}([^A-Za-z0-9_]|$)`, 'm').test(testText);

const onlyMissing = process.argv.includes('--missing');
const byModule = new Map<string, { total: number; done: number }>();
const rows: string[] = [];
for (const f of HOST_FUNCTIONS) {
  const implemented = ALL_HOST_FUNCTIONS.has(f.name);
  const tested = isTested(f.name);
  const m = byModule.get(f.module) ?? { total: 0, done: 0 };
  m.total++;
  if (implemented && tested) m.done++;
  byModule.set(f.module, m);
  if (onlyMissing && implemented && tested) continue;
  const status = implemented && tested ? 'implemented, tested' : implemented ? 'implemented, NOT tested' : 'NOT implemented';
  rows.push(`${`${f.moduleExport}.${f.export}`.padEnd(5)} ${f.name.padEnd(48)} ${status}`);
}
console.log(rows.join('\n'));
console.log('\nmodule      implemented and tested');
let done = 0;
for (const [module, m] of byModule) {
  done += m.done;
  console.log(`${module.padEnd(11)} ${m.done} / ${m.total}`);
}
console.log(`\n${done} / ${HOST_FUNCTIONS.length} env.json functions implemented and tested`);
