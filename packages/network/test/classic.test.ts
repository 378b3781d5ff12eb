import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Asset, Keypair, Operation, StrKey, scValToNative, xdr } from '@stellar/stellar-sdk';
import { accountOf, balanceOf, buildTx, newFunded, openTestNetwork, root, submit, submitOk } from './support/harness.ts';

const opCode = (record: { result: xdr.TransactionResult }, i = 0): number => {
  const r = record.result.toXdrObject().result;
  if (r.code !== 0 && r.code !== -1) throw new Error(`no operation results in tx code ${r.code}`);
  const op = r.results[i];
  if (op.code !== 0) return op.code;
  const [, inner] = Object.entries(op.tr).find(([k]) => k !== 'type')!;
  return (inner as { code: number }).code;
};

test('CreateAccount creates the account with the starting balance and ledger << 32 as sequence', () => {
  const net = openTestNetwork();
  try {
    const alice = Keypair.random();
    const record = submitOk(net, buildTx(net, root, [Operation.createAccount({ destination: alice.publicKey(), startingBalance: '25' })]));
    const account = accountOf(net, alice.publicKey())!;
    assert.equal(account.balance, 250_000_000n);
    assert.equal(account.seqNum, BigInt(record.ledger) << 32n);
    assert.equal(record.result.toXdrObject().feeCharged, 100n);
    assert.equal(balanceOf(net, root.publicKey()), 1_000_000_000_000_000_000n - 250_000_000n - 100n);
    // The header's fee pool holds the fee; the coins stay.
    const header = net.latestLedger().headerXdr.toXdrObject().header;
    assert.equal(header.feePool, 100n);
    assert.equal(header.totalCoins, 1_000_000_000_000_000_000n);

    const again = submit(net, buildTx(net, root, [Operation.createAccount({ destination: alice.publicKey(), startingBalance: '25' })]));
    assert.equal(again.status, 'FAILED');
    assert.equal(opCode(again), -4, 'CREATE_ACCOUNT_ALREADY_EXIST');
    const lowReserve = submit(net, buildTx(net, root, [Operation.createAccount({ destination: Keypair.random().publicKey(), startingBalance: '0.5' })]));
    assert.equal(opCode(lowReserve), -3, 'CREATE_ACCOUNT_LOW_RESERVE: below 2 base reserves');
  } finally {
    net.close();
  }
});

test('Payment moves lumens; an underfunded one fails with its fee charged and nothing moved', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net, 100_000_000n);
    const bob = newFunded(net, 100_000_000n);
    submitOk(net, buildTx(net, alice, [Operation.payment({ destination: bob.publicKey(), asset: Asset.native(), amount: '2.5' })]));
    assert.equal(balanceOf(net, alice.publicKey()), 100_000_000n - 25_000_000n - 100n);
    assert.equal(balanceOf(net, bob.publicKey()), 125_000_000n);

    // 7.5 XLM left, reserve 1 XLM: 7 XLM is more than is available.
    const failed = submit(net, buildTx(net, alice, [Operation.payment({ destination: bob.publicKey(), asset: Asset.native(), amount: '7' })]));
    assert.equal(failed.status, 'FAILED');
    assert.equal(opCode(failed), -2, 'PAYMENT_UNDERFUNDED');
    assert.equal(balanceOf(net, alice.publicKey()), 75_000_000n - 200n);
    assert.equal(balanceOf(net, bob.publicKey()), 125_000_000n);
    const meta = failed.meta.toXdrObject();
    assert.equal(meta.v, 4);
    if (meta.v === 4) assert.equal(meta.v4.operations.length, 0, 'a failed transaction has no operation meta');

    const nobody = submit(net, buildTx(net, alice, [Operation.payment({ destination: Keypair.random().publicKey(), asset: Asset.native(), amount: '1' })]));
    assert.equal(opCode(nobody), -5, 'PAYMENT_NO_DESTINATION');
  } finally {
    net.close();
  }
});

test('ChangeTrust and issued payments: mint from the issuer, transfer, burn back; limits and trust enforced', () => {
  const net = openTestNetwork();
  try {
    const issuer = newFunded(net);
    const alice = newFunded(net);
    const bob = newFunded(net);
    const usd = new Asset('USD', issuer.publicKey());
    const noTrust = submit(net, buildTx(net, issuer, [Operation.payment({ destination: alice.publicKey(), asset: usd, amount: '10' })]));
    assert.equal(opCode(noTrust), -6, 'PAYMENT_NO_TRUST');

    submitOk(net, buildTx(net, alice, [Operation.changeTrust({ asset: usd, limit: '1000' })]));
    submitOk(net, buildTx(net, bob, [Operation.changeTrust({ asset: usd })]));
    assert.equal(accountOf(net, alice.publicKey())!.numSubEntries, 1);

    const mint = submitOk(net, buildTx(net, issuer, [Operation.payment({ destination: alice.publicKey(), asset: usd, amount: '100' })]));
    submitOk(net, buildTx(net, alice, [Operation.payment({ destination: bob.publicKey(), asset: usd, amount: '40' })]));
    submitOk(net, buildTx(net, bob, [Operation.payment({ destination: issuer.publicKey(), asset: usd, amount: '15' })]));
    const line = (who: Keypair) => {
      const [r] = net.ledgerEntries([xdr.LedgerKey.trustline(new xdr.LedgerKeyTrustLine({ accountId: who.xdrAccountId(), asset: usd.toTrustLineXDRObject() }))]);
      const d = r?.entry.toXdrObject().data;
      return d?.type === 1 ? d.trustLine : undefined;
    };
    assert.equal(line(alice)!.balance, 600_000_000n);
    assert.equal(line(bob)!.balance, 250_000_000n);

    const tooMuch = submit(net, buildTx(net, issuer, [Operation.payment({ destination: alice.publicKey(), asset: usd, amount: '950' })]));
    assert.equal(opCode(tooMuch), -8, 'PAYMENT_LINE_FULL');
    const over = submit(net, buildTx(net, alice, [Operation.payment({ destination: bob.publicKey(), asset: usd, amount: '61' })]));
    assert.equal(opCode(over), -2, 'PAYMENT_UNDERFUNDED');
    const lower = submit(net, buildTx(net, alice, [Operation.changeTrust({ asset: usd, limit: '50' })]));
    assert.equal(opCode(lower), -3, 'CHANGE_TRUST_INVALID_LIMIT below the balance');

    // CAP-67 events: the issuer's payment is a mint by the asset's contract.
    const meta = mint.meta.toXdrObject();
    assert.equal(meta.v, 4);
    if (meta.v !== 4) return;
    const [event] = meta.v4.operations[0].events;
    const topics = event.body.v0.topics.map((t) => scValToNative(xdr.ScVal.fromXdrObject(t)));
    assert.deepEqual(topics, ['mint', alice.publicKey(), `USD:${issuer.publicKey()}`]);
    assert.equal(StrKey.encodeContract(Buffer.from(event.contractId!)), usd.contractId(net.passphrase));
    assert.equal(scValToNative(xdr.ScVal.fromXdrObject(event.body.v0.data)), 1_000_000_000n);

    // Remove bob's trustline: only once its balance is 0.
    const busy = submit(net, buildTx(net, bob, [Operation.changeTrust({ asset: usd, limit: '0' })]));
    assert.equal(opCode(busy), -3);
    submitOk(net, buildTx(net, bob, [Operation.payment({ destination: issuer.publicKey(), asset: usd, amount: '25' })]));
    submitOk(net, buildTx(net, bob, [Operation.changeTrust({ asset: usd, limit: '0' })]));
    assert.equal(line(bob), undefined);
    assert.equal(accountOf(net, bob.publicKey())!.numSubEntries, 0);
  } finally {
    net.close();
  }
});

test('SetOptions multi-sig: added signers and thresholds decide which transactions are authorized', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const s1 = Keypair.random();
    const s2 = Keypair.random();
    submitOk(
      net,
      buildTx(net, alice, [
        Operation.setOptions({ signer: { ed25519PublicKey: s1.publicKey(), weight: 1 } }),
        Operation.setOptions({ signer: { ed25519PublicKey: s2.publicKey(), weight: 1 } }),
        Operation.setOptions({ masterWeight: 1, lowThreshold: 1, medThreshold: 2, highThreshold: 3 }),
      ]),
    );
    const account = accountOf(net, alice.publicKey())!;
    assert.deepEqual([...account.thresholds], [1, 1, 2, 3]);
    assert.equal(account.signers.length, 2);
    assert.equal(account.numSubEntries, 2);
    const sorted = [s1, s2].map((k) => k.rawPublicKey()).sort(Buffer.compare);
    assert.deepEqual(
      account.signers.map((s) => (s.key.type === 0 ? Buffer.from(s.key.ed25519) : undefined)),
      sorted.map((b) => Buffer.from(b)),
      'signers are kept sorted by key',
    );

    const pay = () => Operation.payment({ destination: root.publicKey(), asset: Asset.native(), amount: '1' });
    // Medium threshold 2: one signature is not enough for a payment.
    const one = net.submit(buildTx(net, alice, [pay()], { signers: [s1] }).toEnvelope());
    assert.equal(one.status, 'ERROR');
    const r = one.errorResult!.toXdrObject().result;
    assert.equal(r.code, -1, 'txFAILED');
    if (r.code === -1) assert.equal(r.results[0].code, -1, 'opBAD_AUTH');
    submitOk(net, buildTx(net, alice, [pay()], { signers: [s1, s2] }));
    // High threshold 3: changing signers needs all three.
    const remove = () => Operation.setOptions({ signer: { ed25519PublicKey: s2.publicKey(), weight: 0 } });
    assert.equal(net.submit(buildTx(net, alice, [remove()], { signers: [s1, s2] }).toEnvelope()).status, 'ERROR');
    submitOk(net, buildTx(net, alice, [remove()], { signers: [alice, s1, s2] }));
    assert.equal(accountOf(net, alice.publicKey())!.signers.length, 1);
    assert.equal(accountOf(net, alice.publicKey())!.numSubEntries, 1);

    const bad = submit(net, buildTx(net, alice, [Operation.setOptions({ setFlags: 8 as never })], { signers: [alice, s1] }));
    assert.equal(opCode(bad), -10, 'SET_OPTIONS_AUTH_REVOCABLE_REQUIRED for clawback without revocable');
  } finally {
    net.close();
  }
});
