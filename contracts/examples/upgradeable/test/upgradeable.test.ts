/** The upgradeable example: version 1 replaced by version 2 in place, state kept. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import { Keypair, scValToNative } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '@sorobox/host';
import { DeployedContract, TestContract, authorizations, type CallOutcome } from '@sorobox/sdk/testing';

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

test('upgrade swaps in version 2 at the same address; storage stays; the admin authorizes', () => {
  const c = v1.deploy({ args: { admin, greeting: 'hello' } });
  ok(c.invoke('bump'));
  ok(c.invoke('bump'));
  const v2Hash = c.ledger.upload(v2.build.wasm);
  const v1Hash = new Uint8Array(createHash('sha256').update(v1.build.wasm).digest());
  const r = c.invoke('upgrade', { new_wasm_hash: v2Hash });
  assert.ok(r.ok);
  assert.deepEqual(
    authorizations(r.result).map((a) => [a.address, a.fn]),
    [[admin, 'upgrade']],
  );
  // The host's executable_update system event: the old executable, then the new one.
  const update = r.result.events.find((e) => e.event.type.name === 'system');
  assert.ok(update);
  assert.deepEqual(
    update.event.body.v0.topics.map((t) => scValToNative(t)),
    ['executable_update', ['Wasm', v1Hash], ['Wasm', new Uint8Array(v2Hash)]],
  );
  // Version 2's code now answers at the same address, with version 1's state.
  const upgraded = DeployedContract.at(v2, c.ledger, c.address);
  assert.equal(ok(upgraded.invoke('version')), 2);
  assert.equal(ok(upgraded.invoke('greeting')), 'hello');
  assert.equal(ok(upgraded.invoke('count')), 2);
  assert.equal(ok(upgraded.invoke('bump')), 4);
});

test('an upgrade needs the admin, and an existing hash', async () => {
  const c = v1.deploy({ args: { admin, greeting: 'hi' } });
  const v2Hash = c.ledger.upload(v2.build.wasm);
  const unsigned = c.invoke('upgrade', { new_wasm_hash: v2Hash }, { authMode: 'enforce', auth: [] });
  assert.deepEqual(unsigned.ok ? undefined : unsigned.error, {
    type: ErrorType.Auth,
    code: ErrorCode.InvalidAction,
  });
  const missing = c.invoke('upgrade', { new_wasm_hash: Buffer.alloc(32, 7) });
  assert.deepEqual(missing.ok ? undefined : missing.error, {
    type: ErrorType.Storage,
    code: ErrorCode.MissingValue,
  });
  assert.equal(ok(c.invoke('version')), 1, 'still version 1');
});
