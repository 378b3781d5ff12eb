/**
 * End-to-end support for the example contracts: a real Sorobox node (network on an ephemeral
 * store, the RPC server on a free port) and the unmodified `@stellar/stellar-sdk` client over
 * HTTP — upload with a real transaction, deploy and call through `contract.Client`, which reads
 * the contract's spec from the node and converts every argument and result through it.
 */
import { Keypair, Operation, contract, rpc, scValToNative } from '@stellar/stellar-sdk';
import { openNetwork, type Network } from '@sorobox/network';
import { startRpcServer, type RpcServer } from '@sorobox/rpc';
import type { BuildResult } from '@sorobox/sdk';

export interface ExampleNode {
  readonly network: Network;
  readonly server: RpcServer;
  readonly client: rpc.Server;
  readonly passphrase: string;
  close(): Promise<void>;
}

export const startNode = async (): Promise<ExampleNode> => {
  const network = openNetwork({ ephemeral: true });
  const server = await startRpcServer({ network, port: 0 });
  return {
    network,
    server,
    client: new rpc.Server(server.rpcUrl, { allowHttp: true }),
    passphrase: network.passphrase,
    close: async () => {
      await server.close();
      network.close();
    },
  };
};

/** An account funded by the node's friendbot, and the client options that sign as it. */
export interface Signer {
  readonly keypair: Keypair;
  readonly options: contract.ClientOptions & { publicKey: string };
}

export const fundedSigner = async (node: ExampleNode): Promise<Signer> => {
  const keypair = Keypair.random();
  await node.client.fundAddress(keypair.publicKey());
  return {
    keypair,
    options: {
      rpcUrl: node.server.rpcUrl,
      allowHttp: true,
      networkPassphrase: node.passphrase,
      publicKey: keypair.publicKey(),
      contractId: '',
      ...contract.basicNodeSigner(keypair, node.passphrase),
    },
  };
};

/** Uploads the Wasm in a transaction (simulated, signed, sent, polled); returns its hash. */
export const uploadWasm = async (signer: Signer, wasm: Uint8Array): Promise<Buffer> => {
  const tx = await contract.AssembledTransaction.buildWithOp(Operation.uploadContractWasm({ wasm }), {
    ...signer.options,
    method: 'uploadContractWasm',
    parseResultXdr: (v) => Buffer.from(scValToNative(v) as Uint8Array),
  });
  await tx.simulate();
  return (await tx.signAndSend()).result as Buffer;
};

/**
 * Uploads a built contract and deploys it with `contract.Client.deploy` (constructor arguments
 * by name, converted through the spec the SDK reads back from the node); returns the client.
 */
export const deployBuilt = async (
  signer: Signer,
  built: BuildResult,
  constructorArgs: Record<string, unknown> | null = null,
): Promise<contract.Client> => {
  const wasmHash = await uploadWasm(signer, built.wasm);
  const tx = await contract.Client.deploy(constructorArgs, { ...signer.options, wasmHash });
  return (await tx.signAndSend()).result;
};

/** A contract.Client seen as what it is at run time: a method per contract function. */
export type Methods = Record<
  string,
  (args?: Record<string, unknown>) => Promise<contract.AssembledTransaction<unknown>>
>;

export const methods = (client: contract.Client): Methods => client as unknown as Methods;
