/**
 * RPC figures, measured as a user meets them: `sorobox start` to RPC-ready (a child process, the
 * command a user runs), sendTransaction → SUCCESS as the SDK sees it over HTTP when a ledger closes
 * per transaction, simulateTransaction, and the idle resident memory of a started node.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import {
  Account,
  Asset,
  Contract,
  Operation,
  TransactionBuilder,
  rpc,
  xdr,
  type Transaction,
} from '@stellar/stellar-sdk';
import { deployDemo } from '../packages/rpc/test/support/deploy.ts';
import { fundedAccount, startNode } from '../packages/rpc/test/support/node.ts';
import { median } from './support.ts';

const BIN = fileURLToPath(new URL('../packages/cli/bin/sorobox.mjs', import.meta.url));
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Starts the command; resolves when it prints Ready, with the wall time from spawn and its own figure. */
const startOnce = (): Promise<{ wallMs: number; reportedMs: number; pid: number; stop: () => void }> =>
  new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'start', '--ephemeral', '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Ready in (\d+) ms/.exec(out);
      if (m)
        resolve({
          wallMs: performance.now() - t0,
          reportedMs: Number(m[1]),
          pid: child.pid!,
          stop: () => child.kill('SIGTERM'),
        });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });

// ---- start to RPC-ready ----
(await startOnce()).stop(); // builds the start-up bundle if the sources changed
const starts: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = await startOnce();
  starts.push(s.wallMs);
  s.stop();
  await new Promise((r) => setTimeout(r, 200));
}
console.log(
  `sorobox start → RPC ready: median ${ms(median(starts))}, best ${ms(Math.min(...starts))} (spawn to "Ready"; goal < 500 ms)`,
);

// ---- idle memory ----
const idle = await startOnce();
await new Promise((r) => setTimeout(r, 2000));
const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${idle.pid}/status`, 'utf8'))?.[1]);
idle.stop();
console.log(`idle resident memory of a started node: ${(rssKb / 1024).toFixed(0)} MB (goal < 150 MB)`);

// ---- sendTransaction → SUCCESS, simulateTransaction ----
const node = await startNode();
const kp = await fundedAccount(node);
const contractId = await deployDemo(node, kp);
const account = await node.client.getAccount(kp.publicKey());

const signedPayments = (n: number): Transaction[] =>
  Array.from({ length: n }, () => {
    const tx = new TransactionBuilder(account, { fee: '100', networkPassphrase: node.passphrase })
      .addOperation(Operation.payment({ destination: kp.publicKey(), asset: Asset.native(), amount: '1' }))
      .setTimeout(0)
      .build();
    tx.sign(kp);
    return tx;
  });

const sendToSuccess = async (txs: Transaction[]): Promise<number[]> => {
  const times: number[] = [];
  for (const tx of txs) {
    const t = performance.now();
    const sent = await node.client.sendTransaction(tx);
    const done = await node.client.pollTransaction(sent.hash, { attempts: 10 });
    times.push(performance.now() - t);
    if (done.status !== 'SUCCESS') throw new Error(`${sent.status} ${done.status}`);
  }
  return times;
};

await sendToSuccess(signedPayments(20)); // warm-up
const payments = await sendToSuccess(signedPayments(200));
console.log(
  `sendTransaction → SUCCESS, payment, a ledger per transaction: p50 ${ms(median(payments))}, p90 ${ms(percentile(payments, 90))} (goal p50 < 20 ms)`,
);

const call = new Contract(contractId).call('increment', xdr.ScVal.scvU32(1));
const unsigned = (source = account) =>
  new TransactionBuilder(source, { fee: '100', networkPassphrase: node.passphrase })
    .addOperation(call)
    .setTimeout(0)
    .build();
const sims: number[] = [];
for (let i = 0; i < 220; i++) {
  // Simulation does not check sequence numbers: a throwaway account object keeps `account` in step.
  const tx = unsigned(new Account(kp.publicKey(), account.sequenceNumber()));
  const t = performance.now();
  const sim = await node.client.simulateTransaction(tx);
  if (i >= 20) sims.push(performance.now() - t);
  if (!rpc.Api.isSimulationSuccess(sim)) throw new Error('simulation failed');
}
console.log(`simulateTransaction (contract call): p50 ${ms(median(sims))}, p90 ${ms(percentile(sims, 90))}`);

const invocations: Transaction[] = [];
for (let i = 0; i < 120; i++) {
  const tx = unsigned();
  const sim = await node.client.simulateTransaction(tx);
  if (!rpc.Api.isSimulationSuccess(sim)) throw new Error('simulation failed');
  const assembled = rpc.assembleTransaction(tx, sim).build();
  assembled.sign(kp);
  invocations.push(assembled);
}
// Each assembled transaction took the next sequence number: send them in order.
const invoked = await sendToSuccess(invocations);
console.log(
  `sendTransaction → SUCCESS, contract call, a ledger per transaction: p50 ${ms(median(invoked.slice(20)))}, p90 ${ms(percentile(invoked.slice(20), 90))}`,
);
await node.close();
