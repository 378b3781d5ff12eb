import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Asset, Keypair, Operation } from '@stellar/stellar-sdk';
import { startNode, txBuilder, type TestNode } from './support/node.ts';

const selfPayment = async (node: TestNode, kp: Keypair, amount = '1') => {
  const tx = (await txBuilder(node, kp))
    .addOperation(Operation.payment({ destination: kp.publicKey(), asset: Asset.native(), amount }))
    .build();
  tx.sign(kp);
  return tx;
};

test('manual close: PENDING, then DUPLICATE for the same transaction and TRY_AGAIN_LATER for the same source, until a ledger closes', async () => {
  const node = await startNode({ closeMode: { kind: 'manual' } });
  try {
    const kp = Keypair.random();
    node.network.fund(kp.publicKey(), 100_000_000_000n);
    node.network.closeLedgers(1);
    const tx = await selfPayment(node, kp);
    const first = await node.client.sendTransaction(tx);
    assert.equal(first.status, 'PENDING');
    assert.equal((await node.client.sendTransaction(tx)).status, 'DUPLICATE');
    const next = await selfPayment(node, kp, '2');
    assert.equal((await node.client.sendTransaction(next)).status, 'TRY_AGAIN_LATER');
    assert.equal((await node.client.getTransaction(first.hash)).status, 'NOT_FOUND');
    const closed = (await node.call('sorobox_closeLedgers', {})).result;
    const done = await node.client.getTransaction(first.hash);
    assert.equal(done.status, 'SUCCESS');
    assert.equal(done.status === 'SUCCESS' && done.ledger, closed.latestLedger.sequence);
  } finally {
    await node.close();
  }
});

test('interval close: friendbot and pollTransaction wait for the next ledger', async () => {
  const node = await startNode({ closeMode: { kind: 'interval', ms: 100 } });
  try {
    const kp = Keypair.random();
    const account = await node.client.requestAirdrop(kp.publicKey());
    assert.equal(account.accountId(), kp.publicKey());
    const sent = await node.client.sendTransaction(await selfPayment(node, kp));
    assert.equal(sent.status, 'PENDING');
    const done = await node.client.pollTransaction(sent.hash, { attempts: 50 });
    assert.equal(done.status, 'SUCCESS');
  } finally {
    await node.close();
  }
});
