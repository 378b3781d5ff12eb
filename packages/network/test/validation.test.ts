import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Account, Asset, Keypair, Operation, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { TX } from '../src/tx/result.ts';
import { accountOf, balanceOf, buildTx, newFunded, openTestNetwork, rejection, root, sdkAccount, submitOk } from './support/harness.ts';


const pay = (to = root.publicKey()) => Operation.payment({ destination: to, asset: Asset.native(), amount: '1' });

test('validation: each failure code, and a rejected transaction changes nothing', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const before = accountOf(net, alice.publicKey())!;
    const latest = net.latestLedger().sequence;

    const skipped = new TransactionBuilder(new Account(alice.publicKey(), (before.seqNum + 1n).toString()), { fee: '100', networkPassphrase: net.passphrase })
      .addOperation(pay())
      .setTimeout(0)
      .build();
    skipped.sign(alice);
    assert.equal(rejection(net, skipped), TX.BAD_SEQ);
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { fee: '99' })), TX.INSUFFICIENT_FEE);
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { signers: [Keypair.random()] })), TX.BAD_AUTH);
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { signers: [] })), TX.BAD_AUTH, 'no signature at all');
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { signers: [alice, Keypair.random()] })), TX.BAD_AUTH_EXTRA);
    assert.equal(rejection(net, buildTx(net, Keypair.random(), [pay()])), TX.NO_ACCOUNT);

    const next = net.ledgerInfo().timestamp;
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { configure: (b) => b.setTimebounds(Number(next) + 1, 0) })), TX.TOO_EARLY);
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { configure: (b) => b.setTimebounds(0, Number(next) - 1) })), TX.TOO_LATE);
    assert.equal(
      rejection(net, buildTx(net, alice, [pay()], { configure: (b) => b.setTimeout(0).setLedgerbounds(latest + 5, 0) })),
      TX.TOO_EARLY,
      'ledger bounds',
    );
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { configure: (b) => b.setTimeout(0).setLedgerbounds(0, latest + 1) })), TX.TOO_LATE, 'maxLedger is exclusive');
    assert.equal(
      rejection(net, buildTx(net, alice, [pay()], { configure: (b) => b.setTimeout(0).setMinAccountSequenceLedgerGap(5) })),
      TX.BAD_MIN_SEQ_AGE_OR_GAP,
    );
    const extra = Keypair.random();
    assert.equal(rejection(net, buildTx(net, alice, [pay()], { configure: (b) => b.setTimeout(0).setExtraSigners([extra.publicKey()]) })), TX.BAD_AUTH);

    const broke = newFunded(net, 10_000_000n); // exactly the 1 XLM reserve: nothing available for the fee
    assert.equal(rejection(net, buildTx(net, broke, [pay()])), TX.INSUFFICIENT_BALANCE);

    const opResult = net.submit(buildTx(net, alice, [Operation.manageData({ name: 'k', value: 'v' })]).toEnvelope());
    const r = opResult.errorResult!.toXdrObject().result;
    assert.equal(r.code, TX.FAILED);
    assert.equal('results' in r && r.results[0].code, -3, 'opNOT_SUPPORTED for operations this network does not implement');

    // None of this touched the account.
    assert.deepEqual(accountOf(net, alice.publicKey()), before);
    assert.equal(net.latestLedger().sequence, latest + 1, 'only the funding of `broke` closed a ledger');
  } finally {
    net.close();
  }
});

test('validation: envelopes core refuses: no operation, v0, mixed Soroban and classic, bad Soroban fee', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const valid = buildTx(net, alice, [pay()]);
    const wire = valid.toEnvelope().toXdrObject();
    if (wire.type !== 2) throw new Error('expected a v1 envelope');
    const noOps = xdr.TransactionEnvelope.fromXdrObject({ ...wire, v1: { ...wire.v1, tx: { ...wire.v1.tx, operations: [] } } });
    assert.equal(rejection(net, noOps), TX.MISSING_OPERATION);

    const v0 = xdr.TransactionEnvelope.fromXdrObject({
      type: 0,
      v0: {
        tx: {
          sourceAccountEd25519: alice.rawPublicKey(),
          fee: 100,
          seqNum: wire.v1.tx.seqNum,
          timeBounds: null,
          memo: { type: 0 },
          operations: wire.v1.tx.operations,
          ext: { v: 0 },
        },
        signatures: wire.v1.signatures,
      },
    });
    const v0Result = net.submit(v0);
    assert.equal(v0Result.status, 'ERROR');
    assert.equal(v0Result.errorResult!.toXdrObject().result.code, TX.NOT_SUPPORTED);

    const invoke = Operation.invokeContractFunction({ contract: Asset.native().contractId(net.passphrase), function: 'decimals', args: [] });
    assert.equal(rejection(net, buildTx(net, alice, [invoke, pay()])), TX.MALFORMED, 'Soroban operations cannot be mixed with classic ones');
    const noData = buildTx(net, alice, [invoke]);
    assert.equal(rejection(net, noData), TX.MALFORMED, 'a Soroban transaction needs Soroban data');
    const lowFee = buildTx(net, alice, [invoke], {
      configure: (b) =>
        b
          .setTimeout(0)
          .setSorobanData(
            xdr.SorobanTransactionData.fromXdrObject({
              ext: { v: 0 },
              resources: { footprint: { readOnly: [], readWrite: [] }, instructions: 1000, diskReadBytes: 0, writeBytes: 0 },
              resourceFee: 1n,
            }),
          ),
    });
    const r = net.submit(lowFee.toEnvelope());
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorResult!.toXdrObject().result.code, TX.SOROBAN_INVALID);
    assert.ok(r.diagnosticEvents && r.diagnosticEvents.length > 0, 'with a diagnostic event saying why');
  } finally {
    net.close();
  }
});

test('fee bump: the fee source pays, the result wraps the inner one; a low outer fee is refused', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const sponsor = newFunded(net);
    const inner = buildTx(net, alice, [pay()], { fee: '100' });
    // The SDK's base fee is per operation; a fee bump pays for one more operation than its inner tx.
    const valid = TransactionBuilder.buildFeeBumpTransaction(sponsor, '100', inner, net.passphrase).toEnvelope().toXdrObject();
    if (valid.type !== 5) throw new Error('expected a fee bump');
    const low = xdr.TransactionEnvelope.fromXdrObject({ ...valid, feeBump: { ...valid.feeBump, tx: { ...valid.feeBump.tx, fee: 199n } } });
    assert.equal(rejection(net, low), TX.INSUFFICIENT_FEE);

    const sponsorBefore = balanceOf(net, sponsor.publicKey());
    const aliceBefore = balanceOf(net, alice.publicKey());
    const bump = TransactionBuilder.buildFeeBumpTransaction(sponsor, '1000', inner, net.passphrase);
    bump.sign(sponsor);
    const record = submitOk(net, bump);
    assert.equal(record.feeBump, true);
    assert.equal(record.hash, Buffer.from(bump.hash()).toString('hex'));
    const result = record.result.toXdrObject();
    assert.equal(result.feeCharged, 200n, 'base fee for 1 operation + 1');
    assert.equal(result.result.code, 1, 'txFEE_BUMP_INNER_SUCCESS');
    if (result.result.code === 1) assert.equal(Buffer.from(result.result.innerResultPair.transactionHash).toString('hex'), Buffer.from(inner.hash()).toString('hex'));
    assert.equal(balanceOf(net, sponsor.publicKey()), sponsorBefore - 200n);
    assert.equal(balanceOf(net, alice.publicKey()), aliceBefore - 10_000_000n);
  } finally {
    net.close();
  }
});

test('manual close mode: queued transactions, DUPLICATE, TRY_AGAIN_LATER, then applied together', () => {
  const net = openTestNetwork({ closeMode: { kind: 'manual' } });
  try {
    const seq = net.latestLedger().sequence;
    const a = Keypair.random();
    const b = Keypair.random();
    const txA = buildTx(net, root, [Operation.createAccount({ destination: a.publicKey(), startingBalance: '10' })]);
    assert.equal(net.submit(txA.toEnvelope()).status, 'PENDING');
    assert.equal(net.submit(txA.toEnvelope()).status, 'DUPLICATE');
    const txB = buildTx(net, root, [Operation.createAccount({ destination: b.publicKey(), startingBalance: '10' })]);
    assert.equal(net.submit(txB.toEnvelope()).status, 'TRY_AGAIN_LATER', 'one transaction per source account per ledger');
    assert.equal(net.latestLedger().sequence, seq);
    assert.equal(net.transaction(Buffer.from(txA.hash()).toString('hex')), undefined);
    net.closeLedgers(2);
    assert.equal(net.latestLedger().sequence, seq + 2);
    const record = net.transaction(Buffer.from(txA.hash()).toString('hex'))!;
    assert.equal(record.ledger, seq + 1);
    assert.equal(record.applicationOrder, 1);
    assert.equal(accountOf(net, a.publicKey())!.balance, 100_000_000n);
    assert.equal(sdkAccount(net, root).sequenceNumber(), '1');
  } finally {
    net.close();
  }
});
