/** Deploying the demo contract through the RPC, as a client does: upload, then create with constructor arguments. */
import { randomBytes } from 'node:crypto';
import { Address, Contract, Operation, scValToNative, type Keypair, type xdr } from '@stellar/stellar-sdk';
import { demoContract, prepareSignSend, scvU32, txBuilder, type TestNode } from './node.ts';

export const deployDemo = async (node: TestNode, owner: Keypair, start = 0): Promise<string> => {
  const demo = await demoContract();
  const uploaded = await prepareSignSend(
    node,
    (await txBuilder(node, owner)).addOperation(Operation.uploadContractWasm({ wasm: demo.wasm })).build(),
    owner,
  );
  const create = Operation.createCustomContract({
    address: Address.fromString(owner.publicKey()),
    wasmHash: Buffer.from(scValToNative(uploaded.returnValue!) as Uint8Array),
    salt: randomBytes(32),
    constructorArgs: [Address.fromString(owner.publicKey()).toScVal(), scvU32(start)],
  });
  const created = await prepareSignSend(
    node,
    (await txBuilder(node, owner)).addOperation(create).build(),
    owner,
  );
  return Address.fromScVal(created.returnValue!).toString();
};

/** Calls a contract function in a transaction (simulated, assembled, signed, sent, polled); returns its result. */
export const invoke = async (
  node: TestNode,
  signer: Keypair,
  contractId: string,
  fn: string,
  ...args: xdr.ScVal[]
): Promise<unknown> => {
  const done = await prepareSignSend(
    node,
    (await txBuilder(node, signer)).addOperation(new Contract(contractId).call(fn, ...args)).build(),
    signer,
  );
  return done.returnValue && scValToNative(done.returnValue);
};
