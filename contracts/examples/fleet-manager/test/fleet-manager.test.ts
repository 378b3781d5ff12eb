/** The CAP-85 fleet manager: executable tags, followers by external reference, fleet upgrades. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keypair } from '@stellar/stellar-sdk';
import { TestContract, type CallOutcome } from '@sorobox/sdk/testing';

let fleet: TestContract;

before(async () => {
  fleet = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`fleet-manager.wasm: ${fleet.build.sizeBytes} bytes`);
});

const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)} ${r.errorName ?? ''}`);
  return r.value;
};

const admin = Keypair.random().publicKey();

test('a new fleet manager has its admin and no tags', () => {
  const f = fleet.deploy({ args: { admin } });
  assert.equal(ok(f.invoke('admin')), admin);
  assert.deepEqual(ok(f.invoke('tags')), []);
  assert.equal(ok(f.invoke('wasm_hash', { tag: 'app' })), null);
  assert.deepEqual(ok(f.invoke('followers', { tag: 'app' })), []);
  const unknown = f.invoke('extend', { tag: 'app', threshold: 10, extend_to: 100 });
  assert.equal(unknown.ok ? undefined : unknown.errorName, 'UnknownTag');
});
