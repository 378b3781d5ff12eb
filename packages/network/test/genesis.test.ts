import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hash, Keypair, Networks } from '@stellar/stellar-sdk';
import { HOST_PROTOCOL_VERSION, TESTNET_P26_CONFIG } from '@sorobox/host';
import { accountOf, openTestNetwork, root } from './support/harness.ts';

test('genesis: the root account of the passphrase holds all 100 billion XLM', () => {
  const net = openTestNetwork();
  try {
    assert.equal(net.passphrase, Networks.STANDALONE);
    assert.deepEqual(Buffer.from(net.networkId), Buffer.from(hash(Buffer.from(Networks.STANDALONE))));
    assert.equal(net.protocolVersion, HOST_PROTOCOL_VERSION);
    const rootAccount = accountOf(net, root.publicKey());
    assert.ok(rootAccount);
    assert.equal(rootAccount.balance, 1_000_000_000_000_000_000n);
    assert.equal(rootAccount.seqNum, 0n);
    assert.deepEqual([...rootAccount.thresholds], [1, 0, 0, 0]);

    const genesis = net.latestLedger();
    assert.equal(genesis.sequence, 1);
    const header = genesis.headerXdr.toXdrObject().header;
    assert.equal(header.ledgerSeq, 1);
    assert.equal(header.totalCoins, 1_000_000_000_000_000_000n);
    assert.equal(header.baseFee, 100);
    assert.equal(header.baseReserve, 5_000_000);
    assert.equal(header.ledgerVersion, HOST_PROTOCOL_VERSION);
    assert.equal(genesis.hash, Buffer.from(hash(Buffer.from(genesis.headerXdr.header.toXdr()))).toString('hex'));
  } finally {
    net.close();
  }
});

test('genesis: another passphrase has another root account; close times are deterministic', () => {
  const a = openTestNetwork({ passphrase: 'Test SDF Network ; September 2015', genesisCloseTime: 1_000n });
  const b = openTestNetwork({ passphrase: 'Test SDF Network ; September 2015', genesisCloseTime: 1_000n });
  try {
    const testnetRoot = Keypair.master('Test SDF Network ; September 2015');
    assert.notEqual(testnetRoot.publicKey(), root.publicKey());
    assert.ok(accountOf(a, testnetRoot.publicKey()));
    assert.equal(accountOf(a, root.publicKey()), undefined);
    assert.equal(a.latestLedger().closeTime, 1_000n);
    a.closeLedgers(3);
    b.closeLedgers(3);
    const spl = BigInt(TESTNET_P26_CONFIG.ledgerTargetCloseTimeMs / 1000);
    assert.equal(a.latestLedger().closeTime, 1_000n + 3n * spl);
    assert.equal(a.latestLedger().hash, b.latestLedger().hash, 'same inputs, same ledger hashes');
    const info = a.ledgerInfo();
    assert.equal(info.sequenceNumber, 5);
    assert.equal(info.timestamp, 1_000n + 4n * spl);
  } finally {
    a.close();
    b.close();
  }
});

test('genesis: header chain links each ledger to the previous hash', () => {
  const net = openTestNetwork();
  try {
    net.closeLedgers(3);
    const ledgers = net.ledgers(1, undefined, 10);
    assert.deepEqual(
      ledgers.map((l) => l.sequence),
      [1, 2, 3, 4],
    );
    for (let i = 1; i < ledgers.length; i++) {
      assert.equal(Buffer.from(ledgers[i].headerXdr.toXdrObject().header.previousLedgerHash).toString('hex'), ledgers[i - 1].hash);
      assert.equal(ledgers[i].metaXdr.toXdrObject().v, 2);
    }
    assert.deepEqual(
      net.ledgers(1, '2', 10).map((l) => l.sequence),
      [3, 4],
    );
  } finally {
    net.close();
  }
});

test('genesis: unsupported protocols and limits are refused with a clear error', () => {
  assert.throws(() => openTestNetwork({ protocolVersion: 20 }), /protocol 20 is not supported/);
  assert.throws(() => openTestNetwork({ limits: 'devnet' as never }), /unknown limits "devnet"/);
});
