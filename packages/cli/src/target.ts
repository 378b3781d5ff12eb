/**
 * Where a command sends its transactions: `--network local` (default: this machine's node),
 * `testnet`, or any Stellar RPC URL; the passphrase and friendbot come from the server itself.
 */
import { Networks, rpc } from '@stellar/stellar-sdk';
import { UsageError } from './args.ts';

export const LOCAL_RPC_URL = 'http://localhost:8000/rpc';
export const TESTNET_RPC_URL = 'https://soroban-testnet.stellar.org';

export interface Target {
  readonly name: string;
  readonly rpcUrl: string;
  readonly server: rpc.Server;
  readonly passphrase: string;
  readonly friendbotUrl: string | undefined;
  readonly isLocal: boolean;
}

const urlOf = (network: string): string => {
  if (network === 'local') return process.env.SOROBOX_RPC_URL ?? LOCAL_RPC_URL;
  if (network === 'testnet') return TESTNET_RPC_URL;
  if (/^https?:\/\//.test(network)) return network;
  throw new UsageError(
    `--network must be local, testnet or an RPC URL (http[s]://...), got ${JSON.stringify(network)}`,
  );
};

export const resolveTarget = async (network = 'local'): Promise<Target> => {
  const rpcUrl = urlOf(network);
  const server = new rpc.Server(rpcUrl, { allowHttp: rpcUrl.startsWith('http://') });
  let info: rpc.Api.GetNetworkResponse;
  try {
    info = await server.getNetwork();
  } catch (e) {
    const hint = network === 'local' ? ' (is `sorobox start` running?)' : '';
    throw new UsageError(`cannot reach the RPC server at ${rpcUrl}${hint}: ${(e as Error).message}`);
  }
  return {
    name: network,
    rpcUrl,
    server,
    passphrase: info.passphrase,
    friendbotUrl: info.friendbotUrl,
    // Known passphrases are never a local node's, even if served from localhost.
    isLocal:
      network === 'local' ||
      (info.passphrase !== Networks.TESTNET &&
        info.passphrase !== Networks.PUBLIC &&
        /localhost|127\.0\.0\.1/.test(rpcUrl)),
  };
};
