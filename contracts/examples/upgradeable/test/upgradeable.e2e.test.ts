/** The upgrade on a real node: the contract's address and state stay, its code and spec change. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { contract } from '@stellar/stellar-sdk';
import { buildContract } from '@sorobox/sdk';
import {
  deployBuilt,
  fundedSigner,
  methods,
  startNode,
  uploadWasm,
  type ExampleNode,
} from '../../../test-support/node.ts';

let node: ExampleNode;

before(async () => {
  node = await startNode();
});

after(() => node.close());

test('version 1 upgraded to version 2 in a transaction; a client reading the contract again sees v2', async () => {
  const admin = await fundedSigner(node);
  const dir = new URL('..', import.meta.url).pathname;
  const [v1, v2] = await Promise.all([buildContract(`${dir}v1`), buildContract(`${dir}v2`)]);
  const c1 = methods(await deployBuilt(admin, v1, { admin: admin.keypair.publicKey(), greeting: 'hi' }));
  assert.equal((await c1.version()).result, 1);
  assert.equal((await (await c1.bump()).signAndSend()).result, 1);
  const v2Hash = await uploadWasm(admin, v2.wasm);
  const upgrade = await c1.upgrade({ new_wasm_hash: v2Hash });
  assert.equal((await upgrade.signAndSend()).getTransactionResponse?.status, 'SUCCESS');
  // The SDK fetches the contract's current Wasm by its address, and with it the new spec.
  const contractId = (upgrade.options as contract.ClientOptions).contractId;
  const fresh = await contract.Client.from({ ...admin.options, contractId });
  assert.ok(fresh.spec.funcs().some((f) => String(f.name) === 'count'));
  const c2 = methods(fresh);
  assert.equal((await c2.version()).result, 2);
  assert.equal((await c2.greeting()).result, 'hi');
  assert.equal((await c2.count()).result, 1);
  assert.equal((await (await c2.bump()).signAndSend()).result, 3);
});
