/**
 * Every example contract builds to Wasm the host accepts (env meta for protocol 28, only allowed
 * features, only env.json imports, no start section), under the size limit, with a spec that
 * `@stellar/stellar-sdk` parses into the source's functions. Prints each size.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contract } from '@stellar/stellar-sdk';
import { HOST_PROTOCOL_VERSION, loadCode } from '@sorobox/host';
import { DEFAULT_MAX_SIZE_BYTES, buildContract, findContractDirs } from '../src/index.ts';

const EXAMPLES = new URL('../../../contracts/examples', import.meta.url).pathname;

test('every example passes the host validation and the spec parses with its functions', async () => {
  const dirs = findContractDirs(EXAMPLES).map((d) => d.slice(EXAMPLES.length + 1));
  assert.deepEqual(dirs, [
    'calc',
    'counter',
    'deployer',
    'fleet-manager',
    'hello',
    'token',
    'upgradeable/v1',
    'upgradeable/v2',
  ]);
  for (const dir of dirs) {
    const built = await buildContract(`${EXAMPLES}/${dir}`);
    const code = loadCode(built.wasm);
    assert.deepEqual(code.interfaceVersion, { protocol: HOST_PROTOCOL_VERSION, preRelease: 0 }, dir);
    assert.ok(built.sizeBytes <= DEFAULT_MAX_SIZE_BYTES, dir);
    const exported = [...code.functions.keys()].sort();
    assert.deepEqual(exported, built.model.functions.map((f) => f.name).sort(), `${dir}: exports`);
    const spec = contract.Spec.fromWasm(Buffer.from(built.wasm));
    assert.deepEqual(
      spec.funcs().map((f) => String(f.name)),
      built.model.functions.map((f) => f.name),
      `${dir}: spec functions`,
    );
    console.log(`${dir}: ${built.sizeBytes} bytes, ${code.imports.length} host imports`);
  }
});
