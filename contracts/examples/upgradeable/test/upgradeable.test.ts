/** The upgradeable example: version 1 replaced by version 2 in place, state kept. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keypair } from '@stellar/stellar-sdk';
import { TestContract, type CallOutcome } from '@sorobox/sdk/testing';

let v1: TestContract;
let v2: TestContract;

before(async () => {
  const dir = new URL('..', import.meta.url).pathname;
  [v1, v2] = await Promise.all([TestContract.load(`${dir}v1`), TestContract.load(`${dir}v2`)]);
  console.log(`upgradeable v1.wasm: ${v1.build.sizeBytes} bytes, v2.wasm: ${v2.build.sizeBytes} bytes`);
});

const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)} ${r.errorName ?? ''}`);
  return r.value;
};

const admin = Keypair.random().publicKey();

test('version 1 runs with the state its constructor set', () => {
  const c = v1.deploy({ args: { admin, greeting: 'hi' } });
  assert.equal(ok(c.invoke('version')), 1);
  assert.equal(ok(c.invoke('greeting')), 'hi');
  assert.equal(ok(c.invoke('bump')), 1);
  assert.equal(ok(c.invoke('bump')), 2);
});
