import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Asset, Keypair, Operation, hash, xdr } from '@stellar/stellar-sdk';
import { openNetwork } from '../src/index.ts';
import { balanceOf, buildTx, newFunded, openTestNetwork, root, submitOk } from './support/harness.ts';

const tempDir = (): string => mkdtempSync(join(tmpdir(), 'sorobox-net-'));

const pay = (to: string, amount = '1') => Operation.payment({ destination: to, asset: Asset.native(), amount });

test('restart from disk: state, ledgers and transactions are as they were, and closing continues', () => {
  const dir = tempDir();
  try {
    let net = openNetwork({ dataDir: dir });
    const alice = newFunded(net);
    const record = submitOk(net, buildTx(net, alice, [pay(root.publicKey())]));
    const latest = net.latestLedger();
    const balance = balanceOf(net, alice.publicKey());
    net.close();
    assert.throws(() => net.latestLedger(), 'a closed network refuses calls');

    net = openNetwork({ dataDir: dir });
    try {
      assert.equal(net.latestLedger().hash, latest.hash);
      assert.equal(balanceOf(net, alice.publicKey()), balance);
      assert.equal(net.transaction(record.hash)?.status, 'SUCCESS');
      const next = submitOk(net, buildTx(net, alice, [pay(root.publicKey())]));
      assert.equal(next.ledger, latest.sequence + 1);
      assert.equal(Buffer.from(net.latestLedger().headerXdr.toXdrObject().header.previousLedgerHash).toString('hex'), latest.hash);
      assert.throws(() => openNetwork({ dataDir: dir, passphrase: 'another network' }), /passphrase/);
    } finally {
      net.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('retention: ledgers, transactions and events older than the window are pruned', () => {
  const net = openTestNetwork({ retentionLedgers: 5 });
  try {
    const alice = newFunded(net);
    const early = submitOk(net, buildTx(net, alice, [pay(root.publicKey())]));
    net.closeLedgers(10);
    const latest = net.latestLedger().sequence;
    assert.equal(net.oldestLedger().sequence, latest - 4);
    assert.equal(net.transaction(early.hash), undefined);
    assert.deepEqual(
      net.events(1, latest + 1, undefined, 100, () => true),
      [],
    );
    assert.equal(net.ledgers(1, undefined, 100).length, 5);
  } finally {
    net.close();
  }
});

test('snapshot and revert: state and history go back; later snapshots are dropped', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const before = net.latestLedger();
    const balance = balanceOf(net, alice.publicKey());
    const id = net.snapshotState();
    const record = submitOk(net, buildTx(net, alice, [pay(root.publicKey(), '5')]));
    const later = net.snapshotState();
    net.closeLedgers(3);
    assert.notEqual(balanceOf(net, alice.publicKey()), balance);
    net.revertState(id);
    assert.equal(net.latestLedger().hash, before.hash);
    assert.equal(balanceOf(net, alice.publicKey()), balance);
    assert.equal(net.transaction(record.hash), undefined);
    assert.throws(() => net.revertState(later), /no snapshot/);
    // The same transaction applies again after the revert.
    submitOk(net, buildTx(net, alice, [pay(root.publicKey(), '5')]));
  } finally {
    net.close();
  }
});

test('events: CAP-67 fee and transfer events with stellar-rpc ids, in order, with cursors', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const bob = Keypair.random();
    const record = submitOk(net, buildTx(net, alice, [Operation.createAccount({ destination: bob.publicKey(), startingBalance: '10' }), pay(bob.publicKey(), '2')]));
    const events = net.events(record.ledger, record.ledger + 1, undefined, 100, () => true);
    const toid = (op: number) => ((BigInt(record.ledger) << 32n) | (1n << 12n) | BigInt(op)).toString().padStart(19, '0');
    assert.deepEqual(
      events.map((e) => e.id),
      [`${(BigInt(record.ledger) << 32n).toString().padStart(19, '0')}-0000000000`, `${toid(0)}-0000000000`, `${toid(1)}-0000000000`],
    );
    const topic0 = events.map((e) => e.event.toXdrObject().body.v0.topics[0]);
    assert.deepEqual(
      topic0.map((t) => (t.type === 15 ? t.sym.toString() : '')),
      ['fee', 'transfer', 'transfer'],
    );
    assert.ok(events.every((e) => e.txHash === record.hash && e.inSuccessfulContractCall));
    const page = net.events(record.ledger, record.ledger + 1, events[0].id, 1, () => true);
    assert.deepEqual(
      page.map((e) => e.id),
      [events[1].id],
    );
    const transfers = net.events(1, record.ledger + 1, undefined, 100, (e) => e.operationIndex === 1);
    assert.equal(transfers.length, 1);
  } finally {
    net.close();
  }
});

test('interval close mode: ledgers close on a timer and apply what was submitted', async () => {
  const net = openTestNetwork({ closeMode: { kind: 'interval', ms: 25 } });
  try {
    const start = net.latestLedger().sequence;
    const a = Keypair.random();
    const r = net.submit(buildTx(net, root, [Operation.createAccount({ destination: a.publicKey(), startingBalance: '10' })]).toEnvelope());
    assert.equal(r.status, 'PENDING');
    assert.equal(net.transaction(r.hash), undefined, 'not applied before the next close');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(net.latestLedger().sequence > start + 1, 'empty ledgers close too');
    assert.equal(net.transaction(r.hash)?.status, 'SUCCESS');
  } finally {
    net.close();
  }
});

test('crash: a process killed with SIGKILL mid-load leaves the last closed ledger intact and nothing half-written', async () => {
  const dir = tempDir();
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'crash-child.ts'), dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let reported = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n');
        reported = Number(lines[lines.length - 1]);
        if (reported >= 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}`))));
    });
    await new Promise((resolve) => child.on('close', resolve));

    const net = openNetwork({ dataDir: dir });
    try {
      const latest = net.latestLedger();
      assert.ok(latest.sequence >= reported, `every ledger reported closed is there (${latest.sequence} >= ${reported})`);
      const ledgers = net.ledgers(1, undefined, latest.sequence);
      assert.equal(ledgers.length, latest.sequence, 'no gap');
      for (const [i, l] of ledgers.entries()) {
        const header = l.headerXdr.toXdrObject().header;
        assert.equal(Buffer.from(hash(Buffer.from(xdr.LedgerHeader.fromXdrObject(header).toXdr()))).toString('hex'), l.hash);
        if (i > 0) assert.equal(Buffer.from(header.previousLedgerHash).toString('hex'), ledgers[i - 1].hash);
      }
      // Every payment of every closed ledger is in the state: the root's sequence number counts them.
      const payments = ledgers.reduce((n, l) => {
        const meta = l.metaXdr.toXdrObject();
        return n + (meta.v === 2 ? meta.v2.txProcessing.length : 0);
      }, 0);
      const rootAccount = net.ledgerEntries([xdr.LedgerKey.fromXdrObject({ type: 0, account: { accountId: { type: 0, ed25519: root.rawPublicKey() } } })])[0];
      const data = rootAccount.entry.toXdrObject().data;
      assert.ok(data.type === 0 && data.account.seqNum === BigInt(payments), `root sequence ${data.type === 0 ? data.account.seqNum : '?'} = ${payments} transactions`);
      // And the coins add up: balances plus the fee pool.
      const alice = Keypair.fromRawEd25519Seed(Buffer.alloc(32, 1));
      const feePool = latest.headerXdr.toXdrObject().header.feePool;
      assert.equal(balanceOf(net, root.publicKey()) + balanceOf(net, alice.publicKey()) + feePool, 1_000_000_000_000_000_000n);
      // It carries on from there.
      submitOk(net, buildTx(net, root, [pay(alice.publicKey())]));
    } finally {
      net.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
