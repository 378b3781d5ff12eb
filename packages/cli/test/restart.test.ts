import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Asset, Keypair, Operation, TransactionBuilder, rpc } from '@stellar/stellar-sdk';
import { startChild } from './support/child.ts';

/** A raw JSON-RPC call; the result is untyped JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = async (url: string, method: string, params?: unknown): Promise<any> => {
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
};

/** A self-payment by `kp`: a transaction that changes state (sequence, fee) and is cheap to make. */
const selfPayment = async (server: rpc.Server, kp: Keypair, passphrase: string) => {
  const tx = new TransactionBuilder(await server.getAccount(kp.publicKey()), {
    fee: '100',
    networkPassphrase: passphrase,
  })
    .addOperation(Operation.payment({ destination: kp.publicKey(), asset: Asset.native(), amount: '1' }))
    .setTimeout(300)
    .build();
  tx.sign(kp);
  return server.sendTransaction(tx);
};

test('stopped and started again, a node resumes at its last ledger with its state and history', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sorobox-restart-'));
  let node = await startChild(['--data-dir', dataDir, '--quiet']);
  let server = new rpc.Server(node.rpcUrl, { allowHttp: true });
  const { passphrase } = await server.getNetwork();
  const kp = Keypair.random();
  await server.requestAirdrop(kp.publicKey());
  const sent = await selfPayment(server, kp, passphrase);
  assert.equal(sent.status, 'PENDING');
  await call(node.rpcUrl, 'sorobox_closeLedgers', { count: 3 });
  const before = await server.getLatestLedger();
  const account = await server.getAccount(kp.publicKey());
  assert.equal(await node.stop('SIGTERM'), 0);

  node = await startChild(['--data-dir', dataDir, '--quiet']);
  server = new rpc.Server(node.rpcUrl, { allowHttp: true });
  try {
    const after = await server.getLatestLedger();
    assert.equal(after.sequence, before.sequence, 'no ledger lost or added by the restart');
    assert.equal(after.id, before.id);
    assert.equal((await server.getAccount(kp.publicKey())).sequenceNumber(), account.sequenceNumber());
    assert.equal((await server.getTransaction(sent.hash)).status, 'SUCCESS');
    assert.match(node.output(), /at ledger \d+/);
    // And it goes on from there.
    assert.equal((await selfPayment(server, kp, passphrase)).status, 'PENDING');
    assert.equal((await server.getLatestLedger()).sequence, before.sequence + 1);
  } finally {
    await node.stop();
  }
});

test('SIGKILL in the middle of a load loses nothing acknowledged and leaves nothing half-written', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sorobox-kill-'));
  let node = await startChild(['--data-dir', dataDir, '--quiet']);
  let server = new rpc.Server(node.rpcUrl, { allowHttp: true });
  const { passphrase } = await server.getNetwork();
  const senders = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const kp = Keypair.random();
      await server.requestAirdrop(kp.publicKey());
      return kp;
    }),
  );
  const acknowledged: string[] = [];
  let killed = false;
  const load = senders.map(async (kp) => {
    while (!killed) {
      try {
        const r = await selfPayment(server, kp, passphrase);
        if (r.status === 'PENDING' && !killed) acknowledged.push(r.hash);
      } catch {
        return; // the node is gone
      }
    }
  });
  while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 5));
  killed = true;
  await node.stop('SIGKILL');
  await Promise.all(load);

  node = await startChild(['--data-dir', dataDir, '--quiet']);
  server = new rpc.Server(node.rpcUrl, { allowHttp: true });
  try {
    for (const hash of acknowledged)
      assert.equal((await server.getTransaction(hash)).status, 'SUCCESS', hash);
    // History is whole: every ledger from genesis to the latest, each chained to the one before.
    const latest = (await server.getLatestLedger()).sequence;
    const ledgers = (await call(node.rpcUrl, 'getLedgers', { startLedger: 1, pagination: { limit: 200 } }))
      .ledgers as { sequence: number; headerXdr: string }[];
    assert.deepEqual(
      ledgers.map((l) => l.sequence),
      Array.from({ length: Math.min(latest, 200) }, (_, i) => i + 1),
    );
    // The senders' accounts agree with the history: one sequence number per transaction they sent.
    const txs: rpc.Api.TransactionInfo[] = [];
    for (
      let page = await server.getTransactions({ startLedger: 1, pagination: { limit: 200 } });
      page.transactions.length;
    ) {
      txs.push(...page.transactions);
      page = await server.getTransactions({ pagination: { cursor: page.cursor, limit: 200 } });
    }
    for (const kp of senders) {
      const sent = txs.filter((t) => {
        const env = t.envelopeXdr.toXdrObject();
        return (
          env.type === 2 &&
          env.v1.tx.sourceAccount.type === 0 &&
          Buffer.from(env.v1.tx.sourceAccount.ed25519).equals(kp.rawPublicKey())
        );
      });
      const account = await server.getAccount(kp.publicKey());
      assert.equal(BigInt(account.sequenceNumber()) & 0xffff_ffffn, BigInt(sent.length));
    }
    assert.equal((await selfPayment(server, senders[0], passphrase)).status, 'PENDING', 'and it goes on');
  } finally {
    await node.stop();
  }
});
