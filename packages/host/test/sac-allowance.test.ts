/**
 * SAC allowances (`stellar_asset_contract/allowance.rs`): `approve` writes a temporary
 * `Allowance({from, spender})` entry live until the approval's ledger and emits
 * `["approve", from, spender, name]` with `[amount, live_until_ledger]`; `transfer_from` and
 * `burn_from` spend it under the spender's signature; past its ledger it reads as 0.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scValToNative, xdr } from '@stellar/stellar-sdk';
import { SacError } from '../src/sac/errors.ts';
import { MAX_LIVE_UNTIL, SEQ } from './support/ledger.ts';
import {
  addressOf,
  call,
  contractError,
  contractEvents,
  errorOf,
  expectOk,
  i128,
  keypair,
  send,
  strkeyOf,
  trustlineOf,
  u32,
  view,
  world,
} from './support/sac.ts';

/** The allowance's ledger entry: the SAC's temporary `Allowance({from, spender})` key. */
const allowanceKey = (token: Uint8Array, from: xdr.ScVal, spender: xdr.ScVal): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({
    type: 6,
    contractData: {
      contract: { type: 1, contractId: token },
      key: xdr.ScVal.scvVec([
        xdr.ScVal.scvSymbol('Allowance'),
        xdr.ScVal.scvMap([
          new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('from'), val: from }),
          new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('spender'), val: spender }),
        ]),
      ]).toXdrObject(),
      durability: 0,
    },
  } as xdr.LedgerKeyWire);

const funded = () => {
  const w = world();
  send(w.snap, w.token, 'mint', [addressOf(w.alice), i128(1000n)], [w.issuer]);
  return { ...w, carol: keypair(4) };
};

describe('SAC approve and allowance', () => {
  it('approve needs the owner, stores a temporary entry live until the approval ledger, and emits approve', () => {
    const { snap, token, alice, bob, name } = funded();
    const until = SEQ + 500;
    const r = send(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(300n), u32(until)], [alice]);
    assert.deepEqual(contractEvents(r), [
      { contract: strkeyOf(token), topics: ['approve', alice.publicKey(), bob.publicKey(), name], data: [300n, until] },
    ]);
    assert.equal(view(snap, token, 'allowance', [addressOf(alice), addressOf(bob)]), 300n);
    assert.equal(snap.get(allowanceKey(token, addressOf(alice), addressOf(bob)))!.liveUntilLedger, until);
    const unsigned = call(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(1n), u32(until)], [bob]);
    assert.deepEqual(errorOf(unsigned), { type: 9, code: 6 });
  });

  it('an allowance past its ledger reads as 0 and cannot be spent (AllowanceError)', () => {
    const { snap, token, alice, bob } = funded();
    const until = SEQ + 10;
    send(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(300n), u32(until)], [alice]);
    const later = { ledger: { sequenceNumber: until + 1 } };
    const r = call(snap, token, 'allowance', [addressOf(alice), addressOf(bob)], [], later);
    assert.equal(scValToNative(expectOk(r)), 0n);
    const spend = call(snap, token, 'transfer_from', [addressOf(bob), addressOf(alice), addressOf(bob), i128(1n)], [bob], later);
    assert.deepEqual(errorOf(spend), contractError(SacError.Allowance));
  });

  it('approval ledgers are checked: beyond the max live-until, or past with a positive amount, are AllowanceError', () => {
    const { snap, token, alice, bob } = funded();
    const approve = (amount: bigint, until: number) =>
      call(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(amount), u32(until)], [alice]);
    assert.deepEqual(errorOf(approve(1n, MAX_LIVE_UNTIL + 1)), contractError(SacError.Allowance));
    assert.deepEqual(errorOf(approve(1n, SEQ - 1)), contractError(SacError.Allowance));
    assert.deepEqual(errorOf(approve(-1n, SEQ + 1)), contractError(SacError.NegativeAmount));
    // A zero approval with a past ledger is fine; with no allowance to clear it writes nothing.
    const cleared = approve(0n, SEQ - 1);
    assert.ok(cleared.outcome.ok);
    const key = allowanceKey(token, addressOf(alice), addressOf(bob));
    assert.ok(!cleared.changes.some((c) => Buffer.from(c.key.toXdr()).equals(Buffer.from(key.toXdr()))));
  });

  it('an approval of 0 revokes an existing allowance', () => {
    const { snap, token, alice, bob } = funded();
    send(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(300n), u32(SEQ + 100)], [alice]);
    send(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(0n), u32(SEQ + 100)], [alice]);
    assert.equal(view(snap, token, 'allowance', [addressOf(alice), addressOf(bob)]), 0n);
  });
});

describe('SAC transfer_from and burn_from', () => {
  it('transfer_from spends the allowance under the spender signature and emits a transfer from the owner', () => {
    const { snap, token, alice, bob, carol, usd, name } = funded();
    const until = SEQ + 100;
    send(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(300n), u32(until)], [alice]);
    // The recipient may be anyone; here a contract, whose balance starts at the transfer.
    const r = send(snap, token, 'transfer_from', [addressOf(bob), addressOf(alice), addressOf(carol.rawPublicKey()), i128(120n)], [bob]);
    assert.deepEqual(contractEvents(r), [
      { contract: strkeyOf(token), topics: ['transfer', alice.publicKey(), strkeyOf(carol.rawPublicKey()), name], data: 120n },
    ]);
    assert.equal(view(snap, token, 'allowance', [addressOf(alice), addressOf(bob)]), 180n);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 880n);
    // What is left keeps the approval's ledger.
    assert.equal(snap.get(allowanceKey(token, addressOf(alice), addressOf(bob)))!.liveUntilLedger, until);
    const over = call(snap, token, 'transfer_from', [addressOf(bob), addressOf(alice), addressOf(bob), i128(181n)], [bob]);
    assert.deepEqual(errorOf(over), contractError(SacError.Allowance));
    const owner = call(snap, token, 'transfer_from', [addressOf(bob), addressOf(alice), addressOf(bob), i128(1n)], [alice]);
    assert.deepEqual(errorOf(owner), { type: 9, code: 6 });
  });

  it('an allowance larger than the balance still stops at the balance (BalanceError)', () => {
    const { snap, token, alice, bob } = funded();
    send(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(5000n), u32(SEQ + 100)], [alice]);
    const r = call(snap, token, 'transfer_from', [addressOf(bob), addressOf(alice), addressOf(bob), i128(1001n)], [bob]);
    assert.deepEqual(errorOf(r), contractError(SacError.Balance));
    assert.equal(view(snap, token, 'allowance', [addressOf(alice), addressOf(bob)]), 5000n);
  });

  it('burn_from spends the allowance and emits a burn from the owner', () => {
    const { snap, token, alice, bob, usd, name } = funded();
    send(snap, token, 'approve', [addressOf(alice), addressOf(bob), i128(100n), u32(SEQ + 100)], [alice]);
    const r = send(snap, token, 'burn_from', [addressOf(bob), addressOf(alice), i128(60n)], [bob]);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['burn', alice.publicKey(), name], data: 60n }]);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 940n);
    assert.equal(view(snap, token, 'allowance', [addressOf(alice), addressOf(bob)]), 40n);
  });
});
