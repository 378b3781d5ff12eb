import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Address, Operation, xdr, type Keypair } from '@stellar/stellar-sdk';
import { invoke, nodeWithDemo } from './support/deploy.ts';
import { demoContract, prepareSignSend, scvU32, txBuilder, type TestNode } from './support/node.ts';

let node: TestNode;
let kp: Keypair;
let manager: string;

before(async () => {
  ({ node, kp, contractId: manager } = await nodeWithDemo());
});
after(() => node.close());

test('CAP-85: createCustomContract({ externalRef }) runs the Wasm an owner contract names; getExternalRefWasmHash resolves it', async () => {
  const wasm = (await demoContract()).wasm;
  const hash = createHash('sha256').update(wasm).digest();
  await invoke(node, kp, manager, 'set_tag', xdr.ScVal.scvString('demo'), xdr.ScVal.scvBytes(hash));

  const create = Operation.createCustomContract({
    address: Address.fromString(kp.publicKey()),
    externalRef: { owner: Address.fromString(manager), tag: 'demo' },
    salt: randomBytes(32),
    constructorArgs: [Address.fromString(kp.publicKey()).toScVal(), scvU32(7)],
  });
  const created = await prepareSignSend(node, (await txBuilder(node, kp)).addOperation(create).build(), kp);
  const follower = Address.fromScVal(created.returnValue!).toString();

  const instance = await node.client.getContractInstance(follower);
  assert.equal(instance.executable.type, 'contractExecutableExternalRef');
  if (instance.executable.type !== 'contractExecutableExternalRef') return;
  const resolved = await node.client.getExternalRefWasmHash(instance.executable.externalRef);
  assert.deepEqual(Buffer.from(resolved), hash);
  assert.deepEqual(Buffer.from(await node.client.getContractWasmByContractId(follower)), Buffer.from(wasm));
  assert.equal(await invoke(node, kp, follower, 'count'), 7, 'the constructor ran');
  assert.equal(await invoke(node, kp, follower, 'increment', scvU32(1)), 8);
});
