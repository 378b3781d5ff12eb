/**
 * A real node for end-to-end tests: a network on an ephemeral (or given) store, the RPC server on
 * a free port, and the unmodified `@stellar/stellar-sdk` client talking to it over HTTP.
 */
import { fileURLToPath } from 'node:url';
import { BASE_FEE, Keypair, TransactionBuilder, rpc, xdr, type Transaction } from '@stellar/stellar-sdk';
import { openNetwork, type Network, type NetworkOptions } from '@sorobox/network';
import { buildContract, type BuildResult } from '@sorobox/sdk';
import { startRpcServer, type RpcServer } from '../../src/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawResponse = { result?: any; error?: { code: number; message: string } };

export interface TestNode {
  readonly network: Network;
  readonly server: RpcServer;
  readonly client: rpc.Server;
  readonly passphrase: string;
  /** Raw JSON-RPC call: the whole response body (untyped JSON: tests check it field by field). */
  call(method: string, params?: unknown): Promise<RawResponse>;
  close(): Promise<void>;
}

export const startNode = async (options: NetworkOptions = {}): Promise<TestNode> => {
  const network = openNetwork({ ephemeral: true, ...options });
  const server = await startRpcServer({ network, port: 0, onInternalError: (e) => console.error(e) });
  const client = new rpc.Server(server.rpcUrl, { allowHttp: true });
  let id = 0;
  return {
    network,
    server,
    client,
    passphrase: network.passphrase,
    call: async (method, params) => {
      const res = await fetch(server.rpcUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
      });
      return res.json();
    },
    close: async () => {
      await server.close();
      network.close();
    },
  };
};

/** A funded account, created through friendbot as a client would. */
export const fundedAccount = async (node: TestNode): Promise<Keypair> => {
  const kp = Keypair.random();
  await node.client.requestAirdrop(kp.publicKey());
  return kp;
};

let demo: Promise<BuildResult> | undefined;
/** The test contract (test/fixtures/demo), built once per process. */
export const demoContract = (): Promise<BuildResult> =>
  (demo ??= buildContract(fileURLToPath(new URL('../fixtures/demo', import.meta.url))));

export const txBuilder = async (node: TestNode, source: Keypair, fee = BASE_FEE) =>
  new TransactionBuilder(await node.client.getAccount(source.publicKey()), {
    fee,
    networkPassphrase: node.passphrase,
  }).setTimeout(300);

/** simulate → assemble → sign → send → poll, with the SDK. */
export const prepareSignSend = async (
  node: TestNode,
  tx: Transaction,
  signer: Keypair,
): Promise<rpc.Api.GetSuccessfulTransactionResponse> => {
  const prepared = await node.client.prepareTransaction(tx);
  prepared.sign(signer);
  const sent = await node.client.sendTransaction(prepared);
  if (sent.status !== 'PENDING')
    throw new Error(`sendTransaction: ${sent.status} ${sent.errorResult?.result.type ?? ''}`);
  const done = await node.client.pollTransaction(sent.hash, { attempts: 20 });
  if (done.status !== rpc.Api.GetTransactionStatus.SUCCESS)
    throw new Error(`transaction ${sent.hash}: ${done.status}`);
  return done;
};

export const scvU32 = (n: number) => xdr.ScVal.scvU32(n);
