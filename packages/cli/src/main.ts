/**
 * `sorobox <command>`: each command loads only what it needs, so `sorobox start` is ready fast and
 * `sorobox keys` never loads the host.
 */
import { parseArgs, UsageError } from './args.ts';

const startedAt = performance.now();

const USAGE = `sorobox: a local Stellar network with the Stellar RPC API, and contract commands

  sorobox start [--port 8000] [--host 127.0.0.1] [--data-dir .sorobox] [--ephemeral]
                [--protocol N] [--limits testnet|mainnet|unlimited]
                [--ledger-interval 0|manual|5s|500ms] [--retention-ledgers N] [--accounts N] [--quiet]
  sorobox keys generate <name> [--fund] [--overwrite] [--network ...]
  sorobox keys fund <name|G...> [--network ...]
  sorobox keys list
  sorobox upload <wasm> [--source <key>] [--network ...]
  sorobox deploy <wasm|hash> [--salt <hex>] [--source <key>] [--network ...] [-- constructor args]
  sorobox invoke <contract> <function> [--arg value ...] [--send] [--source <key>] [--network ...]
  sorobox build [contract dir] [--protocol N] [--out DIR] [--max-size BYTES] [--no-cache]
  sorobox bindings [contract dir] [--out DIR]

  --network local (default) | testnet | <RPC URL>
  --source  a secret key (S...), a stored key name, or devN (a local development account; default dev0)
`;

const BOOLEANS = new Set(['ephemeral', 'quiet', 'fund', 'overwrite', 'help']);

const run = async (argv: readonly string[]): Promise<void> => {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  const args = parseArgs(rest, BOOLEANS);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'start':
      return (await import('./commands/start.ts')).start(args, startedAt);
    case 'keys':
      return (await import('./commands/keys.ts')).keys(args);
    case 'upload':
      return (await import('./commands/contracts.ts')).upload(args);
    case 'deploy':
      return (await import('./commands/contracts.ts')).deploy(args);
    case 'invoke':
      return (await import('./commands/contracts.ts')).invoke(rest);
    case 'build':
    case 'bindings':
      process.exitCode = (await import('./commands/build.ts')).sdkCommand([command, ...rest]);
      return;
    default:
      throw new UsageError(`unknown command ${command}\n\n${USAGE}`);
  }
};

run(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`sorobox: ${e instanceof Error ? e.message : String(e)}`);
  if (!(e instanceof UsageError) && process.env.SOROBOX_DEBUG) console.error(e);
  process.exit(1);
});
