/** Deploying the demo contract through the RPC, as a client does: upload, then create with constructor arguments. */
import { randomBytes } from 'node:crypto';
import {
  Address,
  Contract,
  Operation,
  contract,
  scValToNative,
  type Keypair,
  type xdr,
} from '@stellar/stellar-sdk';
import type { NetworkOptions } from '@sorobox/network';
import {
  demoContract,
  fundedAccount,
  prepareSignSend,
  scvU32,
  startNode,
  txBuilder,
  type TestNode,
} from './node.ts';

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

/** A node with a friendbot-funded account that owns a deployed demo contract. */
export const nodeWithDemo = async (
  options: NetworkOptions = {},
): Promise<{ node: TestNode; kp: Keypair; contractId: string }> => {
  const node = await startNode(options);
  const kp = await fundedAccount(node);
  return { node, kp, contractId: await deployDemo(node, kp) };
};

/** The SDK's contract.Client for the demo contract, signing as `signer`; its methods by name. */
export const demoClient = async (node: TestNode, signer: Keypair, contractId: string) => {
  const client = await contract.Client.from({
    contractId,
    rpcUrl: node.server.rpcUrl,
    allowHttp: true,
    networkPassphrase: node.passphrase,
    publicKey: signer.publicKey(),
    ...contract.basicNodeSigner(signer, node.passphrase),
  });
  return client as unknown as Record<
    string,
    (args?: object) => Promise<contract.AssembledTransaction<unknown>>
  >;
};
