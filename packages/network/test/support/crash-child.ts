/**
 * Runs a network on disk and applies payments as fast as it can, printing each closed ledger's
 * sequence: the parent kills it with SIGKILL mid-load.
 */
import { Asset, Keypair, Operation } from '@stellar/stellar-sdk';
import { openNetwork } from '../../src/index.ts';
import { buildTx, root } from './harness.ts';

const net = openNetwork({ dataDir: process.argv[2] });
const alice = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 1));
if (net.latestLedger().sequence === 1) net.fund(alice.publicKey(), 1_000_000_000_000n);
for (;;) {
  const r = net.submit(buildTx(net, root, [Operation.payment({ destination: alice.publicKey(), asset: Asset.native(), amount: '0.0000001' })]).toEnvelope());
  if (r.status !== 'PENDING') throw new Error(`submission ${r.status}`);
  process.stdout.write(`${net.latestLedger().sequence}\n`);
}
