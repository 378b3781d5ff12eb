import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { sorobox } from './support/child.ts';

const hello = fileURLToPath(new URL('../../../contracts/examples/hello', import.meta.url));

test('sorobox build compiles a contract and prints its Wasm, size and interface', async () => {
  const out = mkdtempSync(join(tmpdir(), 'sorobox-build-'));
  const printed = await sorobox(['build', hello, '--out', out, '--no-cache']);
  const wasm = join(out, 'hello.wasm');
  assert.ok(existsSync(wasm));
  assert.match(printed, new RegExp(`hello\\.wasm: ${readFileSync(wasm).length} bytes`));
  assert.match(printed, /fn hello\(to: Symbol\): Vec<Symbol>/);
});

test('sorobox build of a directory without a contract fails with the reason', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'sorobox-empty-'));
  await assert.rejects(sorobox(['build', empty]), /failed \(1\).*no contract entry/s);
});
