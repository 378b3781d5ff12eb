/**
 * The CAP-85 fleet on a real node: followers created by external reference, a fleet upgrade in one
 * transaction, and the SDK resolving a follower's code through its owner's tag.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Address, contract, nativeToScVal } from '@stellar/stellar-sdk';
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

test('register a tag, deploy followers, upgrade the tag: every follower runs the new code', async () => {
  const admin = await fundedSigner(node);
  const upgradeable = new URL('../../upgradeable', import.meta.url).pathname;
  const [fleetBuild, v1, v2] = await Promise.all([
    buildContract(new URL('..', import.meta.url).pathname),
    buildContract(`${upgradeable}/v1`),
    buildContract(`${upgradeable}/v2`),
  ]);
  const fleet = methods(await deployBuilt(admin, fleetBuild, { admin: admin.keypair.publicKey() }));
  const [v1Hash, v2Hash] = [await uploadWasm(admin, v1.wasm), await uploadWasm(admin, v2.wasm)];
  await (await fleet.register({ tag: 'app', wasm_hash: v1Hash })).signAndSend();

  // A hash whose code was never uploaded: the host refuses it while simulating.
  const never = await fleet.register({ tag: 'web', wasm_hash: Buffer.alloc(32, 0xee) });
  assert.throws(() => never.result, /Error\(Storage, MissingValue\)/);

  const followers: string[] = [];
  for (const n of [1, 2]) {
    const args = [Address.fromString(admin.keypair.publicKey()).toScVal(), nativeToScVal(`f${n}`)];
    const tx = await fleet.deploy({ tag: 'app', salt: Buffer.alloc(32, n), constructor_args: args });
    followers.push(String((await tx.signAndSend()).result));
  }
  const follower = async (contractId: string) =>
    methods(await contract.Client.from({ ...admin.options, contractId }));
  for (const [i, id] of followers.entries()) {
    const f = await follower(id);
    assert.equal((await f.version()).result, 1);
    assert.equal((await f.greeting()).result, `f${i + 1}`);
    await (await f.bump()).signAndSend();
  }

  const upgrade = await fleet.upgrade({ tag: 'app', wasm_hash: v2Hash });
  assert.equal((await upgrade.signAndSend()).getTransactionResponse?.status, 'SUCCESS');
  for (const id of followers) {
    const f = await follower(id);
    assert.equal((await f.version()).result, 2, 'the SDK resolves the follower through the tag to v2');
    assert.equal((await f.count()).result, 1, 'state kept');
  }
  assert.deepEqual((await fleet.followers({ tag: 'app' })).result, followers);
});
