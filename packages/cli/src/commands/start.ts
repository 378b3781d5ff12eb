/** `sorobox start`: a local network with the RPC server, friendbot and pre-funded development accounts. */
import { resolve } from 'node:path';
import { StrKey, xdr } from '@stellar/stellar-sdk';
import { openNetwork, type CloseMode, type Network } from '@sorobox/network';
import { DEFAULT_PORT, attachConsole, startRpcServer } from '@sorobox/rpc';
import { boolFlag, checkFlags, intFlag, stringFlag, UsageError, type Args } from '../args.ts';
import { DEV_ACCOUNT_COUNT, DEV_ACCOUNT_STROOPS, devAccounts } from '../dev-accounts.ts';

export const START_FLAGS = [
  'port',
  'host',
  'data-dir',
  'ephemeral',
  'protocol',
  'limits',
  'ledger-interval',
  'retention-ledgers',
  'accounts',
  'quiet',
];
const DEFAULT_RETENTION = 120_960;

/** `--ledger-interval`: 0 (default, a ledger per transaction), `manual`, or a period: `5`, `5s`, `500ms`. */
export const closeModeOf = (text: string | undefined): CloseMode => {
  if (text === undefined || text === '0') return { kind: 'per-transaction' };
  if (text === 'manual') return { kind: 'manual' };
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  const ms = m ? Number(m[1]) * (m[2] === 'ms' ? 1 : 1000) : NaN;
  if (!(ms >= 1))
    throw new UsageError(
      `--ledger-interval must be 0, manual or a period such as 5s or 500ms, got ${JSON.stringify(text)}`,
    );
  return { kind: 'interval', ms: Math.round(ms) };
};

/** Undefined when not given: a network reopened from its data directory keeps the limits it was created with. */
const limitsOf = (text: string | undefined): 'testnet' | 'mainnet' | 'unlimited' | undefined => {
  if (text === undefined || text === 'testnet' || text === 'mainnet' || text === 'unlimited') return text;
  throw new UsageError(`--limits must be testnet, mainnet or unlimited, got ${JSON.stringify(text)}`);
};

const accountExists = (network: Network, address: string): boolean =>
  network.ledgerEntries([
    xdr.LedgerKey.fromXdrObject({
      type: 0,
      account: { accountId: { type: 0, ed25519: StrKey.decodeEd25519PublicKey(address) } },
    }),
  ]).length > 0;

const describeMode = (mode: CloseMode): string =>
  mode.kind === 'per-transaction'
    ? 'a ledger per transaction'
    : mode.kind === 'manual'
      ? 'ledgers closed manually (sorobox_closeLedgers)'
      : `a ledger every ${mode.ms} ms`;

export const start = async (args: Args, startedAt: number): Promise<void> => {
  checkFlags(args, START_FLAGS);
  const ephemeral = boolFlag(args, 'ephemeral');
  const dataDir = resolve(stringFlag(args, 'data-dir') ?? '.sorobox');
  const closeMode = closeModeOf(stringFlag(args, 'ledger-interval'));
  const retention = intFlag(args, 'retention-ledgers', 1) ?? DEFAULT_RETENTION;
  const accounts = intFlag(args, 'accounts', 0, 100) ?? DEV_ACCOUNT_COUNT;
  const network = openNetwork({
    dataDir,
    ephemeral,
    protocolVersion: intFlag(args, 'protocol', 1, 1000),
    limits: limitsOf(stringFlag(args, 'limits')),
    closeMode,
    retentionLedgers: retention,
  });
  const server = await startRpcServer({
    network,
    port: intFlag(args, 'port', 0, 65535) ?? DEFAULT_PORT,
    host: stringFlag(args, 'host'),
    retentionWindow: retention,
  }).catch((e: unknown) => {
    network.close();
    throw e instanceof Error && 'code' in e && e.code === 'EADDRINUSE'
      ? new UsageError(`port ${intFlag(args, 'port') ?? DEFAULT_PORT} is in use (--port to choose another)`)
      : e;
  });
  const keys = devAccounts(network.passphrase, accounts);
  for (const k of keys)
    if (!accountExists(network, k.publicKey())) network.fund(k.publicKey(), DEV_ACCOUNT_STROOPS);
  if (!boolFlag(args, 'quiet')) attachConsole(network);

  const latest = network.latestLedger();
  const lines = [
    `Sorobox local network: protocol ${latest.protocolVersion}, ${network.limits} Soroban limits, ${describeMode(closeMode)}`,
    `  RPC URL     ${server.rpcUrl}`,
    `  Passphrase  ${network.passphrase}`,
    `  Friendbot   ${server.friendbotUrl}`,
    `  State       ${ephemeral ? 'in memory (--ephemeral)' : dataDir}, at ledger ${latest.sequence}`,
  ];
  if (keys.length) {
    lines.push(
      '',
      `Development accounts (${Number(DEV_ACCOUNT_STROOPS / 10_000_000n).toLocaleString('en-US')} XLM each; their keys are public, never use them elsewhere):`,
    );
    keys.forEach((k, i) => lines.push(`  dev${i}  ${k.publicKey()}  ${k.secret()}`));
  }
  lines.push('', `Ready in ${Math.round(performance.now() - startedAt)} ms. Ctrl-C to stop.`);
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server
      .close()
      .catch(() => undefined)
      .finally(() => {
        network.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};
