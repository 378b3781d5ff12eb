/**
 * Generates `assembly/env.ts`, the AssemblyScript declarations of every Soroban host function, from
 * the host's env.json (through `@sorobox/host`'s `HOST_FUNCTIONS`). Every argument and result is an
 * i64 at the Wasm level, as the Soroban VM requires. Run: `npx tsx packages/sdk/scripts/gen-env.ts`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderEnv } from '../src/env-gen.ts';

const out = fileURLToPath(new URL('../assembly/env.ts', import.meta.url));
writeFileSync(out, renderEnv());
console.log(`wrote ${out}`);
