/** The deployer on a real node: it creates a token with constructor arguments where it predicted. */
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

test('deploy creates a token, constructor arguments applied, at the address address_of gave', async () => {
  const admin = await fundedSigner(node);
  const [deployerBuild, tokenBuild] = await Promise.all([
    buildContract(new URL('..', import.meta.url).pathname),
    buildContract(new URL('../../token', import.meta.url).pathname),
  ]);
  const deployer = methods(await deployBuilt(admin, deployerBuild, { admin: admin.keypair.publicKey() }));
  const wasmHash = await uploadWasm(admin, tokenBuild.wasm);
  const salt = Buffer.alloc(32, 3);
  const predicted = (await deployer.address_of({ salt })).result;
  const constructorArgs = [
    Address.fromString(admin.keypair.publicKey()).toScVal(),
    nativeToScVal(2, { type: 'u32' }),
    nativeToScVal('Copper'),
    nativeToScVal('CU'),
  ];
  const tx = await deployer.deploy({ wasm_hash: wasmHash, salt, constructor_args: constructorArgs });
  const created = (await tx.signAndSend()).result;
  assert.equal(created, predicted);
  const token = methods(await contract.Client.from({ ...admin.options, contractId: String(created) }));
  assert.equal((await token.name()).result, 'Copper');
  assert.equal((await token.symbol()).result, 'CU');
  assert.equal((await token.decimals()).result, 2);
  assert.deepEqual((await deployer.deployed()).result, [created]);
});
