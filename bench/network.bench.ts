/**
 * Network figures: open-to-ready, classic payments and simple contract invocations applied per
 * second (each in its own ledger, as `per-transaction` mode closes them, and 100 to a ledger), and
 * closing empty ledgers for time travel. Transactions are built and signed before timing: these are
 * the node's figures, not the client's.
 */
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Account, Asset, Keypair, Operation, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { openNetwork, type Network } from '../packages/network/src/index.ts';
import { accountOf, root } from '../packages/network/test/support/harness.ts';
import { contractIdOf, install, invokeContract, prepareInvoke } from '../packages/network/test/support/soroban.ts';

/** Wall-clock ms; the CPU ms of the same run are kept in `lastCpuMs` (the machine may be shared). */
let lastCpuMs = 0;
const time = (run: () => void): number => {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  lastCpuMs = (used.user + used.system) / 1000;
  return ms;
};

const perSecond = (n: number, ms: number): string =>
  `${Math.round((n / ms) * 1000).toLocaleString()} /s wall, ${Math.round((n / lastCpuMs) * 1000).toLocaleString()} per CPU-second`;

// ---- open ----
const opens: number[] = [];
for (let i = 0; i < 5; i++) opens.push(time(() => openNetwork({ ephemeral: true }).close()));
console.log(`open (in memory, genesis): ${Math.min(...opens).toFixed(1)} ms`);
const dir = mkdtempSync(join(tmpdir(), 'sorobox-bench-'));
const disk = openNetwork({ dataDir: dir });
disk.closeLedgers(1000);
disk.close();
const reopen = time(() => openNetwork({ dataDir: dir }).close());
console.log(`reopen from disk (1,000 ledgers): ${reopen.toFixed(1)} ms`);
rmSync(dir, { recursive: true, force: true });

/** `count` signed transactions per source, with consecutive sequence numbers, as the XDR an RPC server receives. */
const presign = (net: Network, sources: Keypair[], count: number, op: (i: number) => xdr.Operation, soroban?: xdr.SorobanTransactionData): Uint8Array[][] =>
  sources.map((s) => {
    const account = new Account(s.publicKey(), accountOf(net, s.publicKey())!.seqNum.toString());
    return Array.from({ length: count }, (_, i) => {
      const b = new TransactionBuilder(account, { fee: '100', networkPassphrase: net.passphrase }).addOperation(op(i)).setTimeout(0);
      if (soroban) b.setSorobanData(soroban);
      const tx = b.build();
      tx.sign(s);
      return tx.toEnvelope().toXdr();
    });
  });

const fundMany = (net: Network, n: number): Keypair[] =>
  Array.from({ length: n }, () => {
    const kp = Keypair.random();
    net.fund(kp.publicKey(), 1_000_000_000_000n);
    return kp;
  });

/** Applies the transactions: one ledger each, or every source's i-th transaction in one ledger. */
const apply = (net: Network, txs: Uint8Array[][], batched: boolean): number =>
  time(() => {
    for (let i = 0; i < txs[0].length; i++) {
      for (const perSource of txs) {
        const r = net.submit(perSource[i]);
        if (r.status !== 'PENDING') throw new Error(`submission ${r.status}`);
      }
      if (batched) net.closeLedgers(1);
    }
  });

const payment = () => Operation.payment({ destination: root.publicKey(), asset: Asset.native(), amount: '0.0000001' });

{
  const net = openNetwork({ ephemeral: true });
  const [alice] = fundMany(net, 1);
  const txs = presign(net, [alice], 3000, payment);
  const ms = apply(net, txs, false);
  console.log(`classic payments, one ledger each: ${perSecond(3000, ms)} (${(ms / 3000).toFixed(2)} ms each)`);
  net.close();
}
{
  const net = openNetwork({ ephemeral: true, closeMode: { kind: 'manual' } });
  const sources = fundMany(net, 100);
  const txs = presign(net, sources, 30, payment);
  const ms = apply(net, txs, true);
  console.log(`classic payments, 100 to a ledger: ${perSecond(3000, ms)}`);
  net.close();
}

const invocationTxs = (net: Network, sources: Keypair[], count: number): Uint8Array[][] => {
  const c = install(net, contractIdOf(1));
  const fn = invokeContract(c.address, 'echo', [xdr.ScVal.scvU32(1)]);
  const { soroban } = prepareInvoke(net, sources[0], fn);
  return presign(net, sources, count, () => Operation.invokeHostFunction({ func: fn, auth: [] }), xdr.SorobanTransactionData.fromXdrObject(soroban));
};
{
  const net = openNetwork({ ephemeral: true });
  const [alice] = fundMany(net, 1);
  const txs = invocationTxs(net, [alice], 2000);
  const ms = apply(net, txs, false);
  console.log(`contract invocations, one ledger each: ${perSecond(2000, ms)} (${(ms / 2000).toFixed(2)} ms each; goal ≥ 1,000 /s)`);
  net.close();
}
{
  const net = openNetwork({ ephemeral: true, diagnosticEvents: false });
  const [alice] = fundMany(net, 1);
  const txs = invocationTxs(net, [alice], 2000);
  const ms = apply(net, txs, false);
  console.log(`contract invocations, one ledger each, diagnostic events off: ${perSecond(2000, ms)}`);
  net.close();
}
{
  const net = openNetwork({ ephemeral: true, closeMode: { kind: 'manual' } });
  const sources = fundMany(net, 100);
  const txs = invocationTxs(net, sources, 20);
  const ms = apply(net, txs, true);
  console.log(`contract invocations, 100 to a ledger: ${perSecond(2000, ms)}`);
  net.close();
}
{
  const net = openNetwork({ ephemeral: true });
  const ms = time(() => net.advanceTime(120_960n * 5n, 120_960));
  console.log(`time travel, 120,960 empty ledgers (7 days): ${(ms / 1000).toFixed(2)} s (${perSecond(120_960, ms)})`);
  net.close();
}
