/**
 * The native asset's contract (`stellar_asset_contract/balance.rs`): XLM on account entries within
 * the reserve and liabilities, on contract data for contracts, to muxed destinations (CAP-67), new
 * accounts from a large enough transfer (CAP-73, protocol 26), and a transfer submitted the way a
 * client does: simulated, its authorization entries signed, then applied with the recorded footprint.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SacError } from '../src/sac/errors.ts';
import { accountSignature, payloadOf, withSignature } from './support/auth.ts';
import { idOf, SEQ } from './support/ledger.ts';
import {
  accountKeyOf,
  accountOf,
  addAccount,
  addressOf,
  balanceOf,
  BASE_RESERVE,
  call,
  contractError,
  contractEvents,
  errorOf,
  expectOk,
  i128,
  invokeFn,
  keypair,
  muxedOf,
  run,
  send,
  strkeyOf,
  world,
  XLM,
} from './support/sac.ts';

describe('native SAC transfers between accounts', () => {
  it('moves stroops between account entries and emits ["transfer", from, to, "native"]', () => {
    const { snap, native, alice, bob } = world();
    const r = send(snap, native, 'transfer', [addressOf(alice), addressOf(bob), i128(10n * XLM)], [alice]);
    assert.equal(accountOf(snap, alice)!.balance, 90n * XLM);
    assert.equal(accountOf(snap, bob)!.balance, 110n * XLM);
    assert.deepEqual(contractEvents(r), [
      { contract: strkeyOf(native), topics: ['transfer', alice.publicKey(), bob.publicKey(), 'native'], data: 10n * XLM },
    ]);
    assert.equal(balanceOf(snap, native, bob), 110n * XLM);
  });

  it('keeps the reserve (2 + sub-entries base reserves) and selling liabilities: one stroop more is BalanceError', () => {
    const { snap, native, alice, bob } = world();
    // alice has one sub-entry (her trustline): 3 base reserves stay.
    const spendable = 100n * XLM - 3n * BASE_RESERVE;
    const over = call(snap, native, 'transfer', [addressOf(alice), addressOf(bob), i128(spendable + 1n)], [alice]);
    assert.deepEqual(errorOf(over), contractError(SacError.Balance));
    send(snap, native, 'transfer', [addressOf(alice), addressOf(bob), i128(spendable)], [alice]);
    assert.equal(accountOf(snap, alice)!.balance, 3n * BASE_RESERVE);

    const carol = keypair(4);
    addAccount(snap, carol, { liabilities: { buying: 0n, selling: XLM } });
    const limit = 100n * XLM - 2n * BASE_RESERVE - XLM;
    assert.deepEqual(errorOf(call(snap, native, 'transfer', [addressOf(carol), addressOf(bob), i128(limit + 1n)], [carol])), contractError(SacError.Balance));
    send(snap, native, 'transfer', [addressOf(carol), addressOf(bob), i128(limit)], [carol]);
  });

  it('buying liabilities cap what an account can receive', () => {
    const { snap, native, alice } = world();
    const I64_MAX = (1n << 63n) - 1n;
    const carol = keypair(4);
    addAccount(snap, carol, { balance: I64_MAX - 2n * XLM, liabilities: { buying: XLM, selling: 0n } });
    assert.deepEqual(errorOf(call(snap, native, 'transfer', [addressOf(alice), addressOf(carol), i128(XLM + 1n)], [alice])), contractError(SacError.Balance));
    send(snap, native, 'transfer', [addressOf(alice), addressOf(carol), i128(XLM)], [alice]);
  });

  it('a muxed destination credits its G account and puts {amount, to_muxed_id} in the event data', () => {
    const { snap, native, alice, bob } = world();
    const r = send(snap, native, 'transfer', [addressOf(alice), muxedOf(bob, 42n), i128(XLM)], [alice]);
    assert.equal(accountOf(snap, bob)!.balance, 101n * XLM);
    assert.deepEqual(contractEvents(r), [
      { contract: strkeyOf(native), topics: ['transfer', alice.publicKey(), bob.publicKey(), 'native'], data: { amount: XLM, to_muxed_id: 42n } },
    ]);
    // Muxed destinations came with CAP-67 (protocol 23); only transfer's destination may be muxed.
    const old = call(snap, native, 'transfer', [addressOf(alice), muxedOf(bob, 42n), i128(XLM)], [alice], { ledger: { protocolVersion: 22 } });
    assert.deepEqual(errorOf(old), { type: 8, code: 8 });
    assert.deepEqual(errorOf(call(snap, native, 'balance', [muxedOf(bob, 42n)])), { type: 8, code: 8 });
  });

  it('a contract holds XLM in contract data, not on an account', () => {
    const { snap, native, alice } = world();
    const holder = idOf(9);
    send(snap, native, 'transfer', [addressOf(alice), addressOf(holder), i128(5n * XLM)], [alice]);
    assert.equal(balanceOf(snap, native, holder), 5n * XLM);
    assert.equal(accountOf(snap, alice)!.balance, 95n * XLM);
  });
});

describe('CAP-73: a native transfer creates the destination account', () => {
  it('from protocol 26, with at least two base reserves: the new account holds the amount', () => {
    const { snap, native, alice } = world();
    const carol = keypair(4);
    assert.deepEqual(errorOf(call(snap, native, 'balance', [addressOf(carol)])), contractError(SacError.AccountMissing));
    const small = call(snap, native, 'transfer', [addressOf(alice), addressOf(carol), i128(2n * BASE_RESERVE - 1n)], [alice]);
    assert.deepEqual(errorOf(small), contractError(SacError.InsufficientAccountReserve));
    send(snap, native, 'transfer', [addressOf(alice), addressOf(carol), i128(2n * BASE_RESERVE)], [alice]);
    const created = accountOf(snap, carol)!;
    assert.equal(created.balance, 2n * BASE_RESERVE);
    assert.equal(created.seqNum, BigInt(SEQ) << 32n);
    assert.deepEqual([...created.thresholds], [1, 0, 0, 0]);
    assert.equal(created.numSubEntries, 0);
  });

  it('before protocol 26 a missing account is AccountMissingError', () => {
    const { snap, native, alice } = world();
    const r = call(snap, native, 'transfer', [addressOf(alice), addressOf(keypair(4)), i128(XLM)], [alice], { ledger: { protocolVersion: 25 } });
    assert.deepEqual(errorOf(r), contractError(SacError.AccountMissing));
  });
});

describe('a native transfer as a client submits it', () => {
  it('is simulated, signed from the recorded entries, and applied with the recorded footprint', () => {
    const { snap, native, alice, bob } = world();
    const hostFunction = invokeFn(native, 'transfer', [addressOf(alice), addressOf(bob), i128(XLM)]);
    const simulated = run(snap, hostFunction, { authMode: 'record', sourceAccount: bob.publicKey() });
    expectOk(simulated);
    assert.equal(simulated.auth.length, 1);
    const exp = SEQ + 10;
    const signed = simulated.auth.map((e) => withSignature(e, exp, accountSignature(payloadOf(e, exp), [alice])));
    const rw = simulated.footprint.readWrite.map((k) => Buffer.from(k.toXdr()).toString('hex'));
    for (const kp of [alice, bob]) assert.ok(rw.includes(Buffer.from(accountKeyOf(kp).toXdr()).toString('hex')));

    // A footprint without the destination's account cannot reach it.
    const partial = {
      readOnly: simulated.footprint.readOnly,
      readWrite: simulated.footprint.readWrite.filter((k) => !Buffer.from(k.toXdr()).equals(Buffer.from(accountKeyOf(bob).toXdr()))),
    };
    assert.deepEqual(errorOf(run(snap, hostFunction, { auth: signed, footprint: partial })), { type: 3, code: 5 });

    const applied = run(snap, hostFunction, { auth: signed, footprint: simulated.footprint, sourceAccount: bob.publicKey() });
    expectOk(applied);
    snap.apply(applied.changes);
    assert.equal(accountOf(snap, bob)!.balance, 101n * XLM);

    // The same transaction again: its nonce is spent.
    const replay = run(snap, hostFunction, { auth: signed, footprint: simulated.footprint, sourceAccount: bob.publicKey() });
    assert.deepEqual(errorOf(replay), { type: 9, code: 4 });
  });
});
