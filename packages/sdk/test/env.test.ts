import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { HOST_FUNCTIONS } from '@sorobox/host';
import { renderEnv } from '../src/env-gen.ts';

test('assembly/env.ts is generated from the current env.json', () => {
  const onDisk = readFileSync(new URL('../assembly/env.ts', import.meta.url), 'utf8');
  assert.equal(onDisk, renderEnv(), 'run `npm run gen-env -w @sorobox/sdk`');
});

test('every host function is declared with its module, export name and i64 arity', () => {
  const text = renderEnv();
  for (const f of HOST_FUNCTIONS) {
    const decl = new RegExp(
      `@external\\("${f.moduleExport}", "${f.export}"\\)\\nexport declare function ${f.name}\\(([^)]*)\\): (u64|i64);`,
    );
    const m = decl.exec(text);
    assert.ok(m, `missing ${f.name}`);
    assert.equal(m[1] === '' ? 0 : m[1].split(',').length, f.args.length, f.name);
  }
});
