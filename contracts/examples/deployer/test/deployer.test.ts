/** The deployer example: contracts created with constructor arguments at derived addresses. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keypair } from '@stellar/stellar-sdk';
import { TestContract, type CallOutcome } from '@sorobox/sdk/testing';

let deployer: TestContract;

before(async () => {
  deployer = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`deployer.wasm: ${deployer.build.sizeBytes} bytes`);
});

const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)} ${r.errorName ?? ''}`);
  return r.value;
};

const admin = Keypair.random().publicKey();

test('addresses derive from the deployer and the salt; none deployed yet', () => {
  const d = deployer.deploy({ args: { admin } });
  const a = ok(d.invoke('address_of', { salt: Buffer.alloc(32, 1) }));
  const b = ok(d.invoke('address_of', { salt: Buffer.alloc(32, 2) }));
  assert.match(String(a), /^C[A-Z2-7]{55}$/);
  assert.notEqual(a, b);
  assert.equal(ok(d.invoke('address_of', { salt: Buffer.alloc(32, 1) })), a);
  const other = deployer.deploy({ ledger: d.ledger, args: { admin } });
  assert.notEqual(ok(other.invoke('address_of', { salt: Buffer.alloc(32, 1) })), a);
  assert.deepEqual(ok(d.invoke('deployed')), []);
});
