/**
 * The SAC's admin interface (`stellar_asset_contract/contract.rs`, `balance.rs`): clawback (only
 * where the trustline or contract balance has clawback enabled, from the issuer's
 * `AUTH_CLAWBACK_ENABLED`), set_authorized (deauthorizing needs `AUTH_REVOCABLE`; a deauthorized
 * balance can neither send nor receive), `AUTH_REQUIRED` for contract balances, and set_admin —
 * each with its CAP-67 event, and the admin-first topics before protocol 23.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SacError } from '../src/sac/errors.ts';
import { AUTHORIZED_FLAG, AUTHORIZED_TO_MAINTAIN_LIABILITIES_FLAG, TRUSTLINE_CLAWBACK_ENABLED_FLAG } from '../src/sac/trustlines.ts';
import { idOf } from './support/ledger.ts';
import {
  addressOf,
  balanceOf,
  bool,
  call,
  contractError,
  contractEvents,
  errorOf,
  i128,
  send,
  strkeyOf,
  trustlineOf,
  view,
  world,
} from './support/sac.ts';

const AUTH_REQUIRED = 1;
const AUTH_REVOCABLE = 2;
const AUTH_CLAWBACK_ENABLED = 8;
const UNAUTHORIZED = { type: 9, code: 6 };

describe('SAC clawback', () => {
  it('claws back from a clawback-enabled trustline under the admin and emits ["clawback", from, name]', () => {
    const { snap, token, issuer, alice, usd, name } = world(AUTH_REVOCABLE | AUTH_CLAWBACK_ENABLED);
    send(snap, token, 'mint', [addressOf(alice), i128(100n)], [issuer]);
    const r = send(snap, token, 'clawback', [addressOf(alice), i128(30n)], [issuer]);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 70n);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['clawback', alice.publicKey(), name], data: 30n }]);
    assert.deepEqual(errorOf(call(snap, token, 'clawback', [addressOf(alice), i128(1n)], [alice])), UNAUTHORIZED);
    assert.deepEqual(errorOf(call(snap, token, 'clawback', [addressOf(alice), i128(71n)], [issuer])), contractError(SacError.Balance));
  });

  it('a trustline without the clawback flag, the issuer, and the native asset cannot be clawed back', () => {
    const { snap, token, native, issuer, alice } = world();
    send(snap, token, 'mint', [addressOf(alice), i128(100n)], [issuer]);
    assert.deepEqual(errorOf(call(snap, token, 'clawback', [addressOf(alice), i128(1n)], [issuer])), contractError(SacError.Balance));
    assert.deepEqual(errorOf(call(snap, token, 'clawback', [addressOf(issuer), i128(1n)], [issuer])), contractError(SacError.OperationNotSupported));
    assert.deepEqual(errorOf(call(snap, native, 'clawback', [addressOf(alice), i128(1n)], [issuer])), contractError(SacError.OperationNotSupported));
  });

  it('a contract balance takes the issuer clawback flag when created; no balance means nothing to claw back', () => {
    const { snap, token, issuer } = world(AUTH_CLAWBACK_ENABLED);
    const holder = idOf(9);
    assert.deepEqual(errorOf(call(snap, token, 'clawback', [addressOf(holder), i128(0n)], [issuer])), contractError(SacError.Balance));
    send(snap, token, 'mint', [addressOf(holder), i128(100n)], [issuer]);
    send(snap, token, 'clawback', [addressOf(holder), i128(100n)], [issuer]);
    assert.equal(balanceOf(snap, token, holder), 0n);
    const plain = world();
    send(plain.snap, plain.token, 'mint', [addressOf(holder), i128(100n)], [plain.issuer]);
    assert.deepEqual(errorOf(call(plain.snap, plain.token, 'clawback', [addressOf(holder), i128(1n)], [plain.issuer])), contractError(SacError.Balance));
  });

  it('before protocol 23 the admin leads the clawback topics', () => {
    const { snap, token, issuer, alice, name } = world(AUTH_CLAWBACK_ENABLED);
    send(snap, token, 'mint', [addressOf(alice), i128(10n)], [issuer]);
    const r = send(snap, token, 'clawback', [addressOf(alice), i128(1n)], [issuer], { ledger: { protocolVersion: 22 } });
    assert.deepEqual(contractEvents(r)[0].topics, ['clawback', issuer.publicKey(), alice.publicKey(), name]);
  });
});

describe('SAC set_authorized and deauthorized balances', () => {
  it('deauthorizing a trustline keeps AUTHORIZED_TO_MAINTAIN_LIABILITIES; it can then neither send nor receive', () => {
    const { snap, token, issuer, alice, bob, usd, name } = world(AUTH_REVOCABLE);
    send(snap, token, 'mint', [addressOf(alice), i128(100n)], [issuer]);
    const r = send(snap, token, 'set_authorized', [addressOf(alice), bool(false)], [issuer]);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['set_authorized', alice.publicKey(), name], data: false }]);
    assert.equal(trustlineOf(snap, alice, usd)!.flags, AUTHORIZED_TO_MAINTAIN_LIABILITIES_FLAG);
    assert.equal(view(snap, token, 'authorized', [addressOf(alice)]), false);
    const deauthorized = contractError(SacError.BalanceDeauthorized);
    assert.deepEqual(errorOf(call(snap, token, 'transfer', [addressOf(alice), addressOf(bob), i128(1n)], [alice])), deauthorized);
    assert.deepEqual(errorOf(call(snap, token, 'transfer', [addressOf(bob), addressOf(alice), i128(0n)], [bob])), deauthorized);
    send(snap, token, 'set_authorized', [addressOf(alice), bool(true)], [issuer]);
    assert.equal(trustlineOf(snap, alice, usd)!.flags, AUTHORIZED_FLAG);
    send(snap, token, 'transfer', [addressOf(alice), addressOf(bob), i128(1n)], [alice]);
  });

  it('clawback still works on a deauthorized trustline', () => {
    const { snap, token, issuer, alice, usd } = world(AUTH_REVOCABLE | AUTH_CLAWBACK_ENABLED);
    send(snap, token, 'mint', [addressOf(alice), i128(100n)], [issuer]);
    send(snap, token, 'set_authorized', [addressOf(alice), bool(false)], [issuer]);
    send(snap, token, 'clawback', [addressOf(alice), i128(100n)], [issuer]);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 0n);
    assert.equal(trustlineOf(snap, alice, usd)!.flags, AUTHORIZED_TO_MAINTAIN_LIABILITIES_FLAG | TRUSTLINE_CLAWBACK_ENABLED_FLAG);
  });

  it('deauthorizing needs AUTH_REVOCABLE (OperationNotSupported); the issuer has no trustline to authorize', () => {
    const { snap, token, issuer, alice } = world();
    assert.deepEqual(errorOf(call(snap, token, 'set_authorized', [addressOf(alice), bool(false)], [issuer])), contractError(SacError.OperationNotSupported));
    assert.deepEqual(errorOf(call(snap, token, 'set_authorized', [addressOf(issuer), bool(true)], [issuer])), contractError(SacError.OperationNotSupported));
    assert.deepEqual(errorOf(call(snap, token, 'set_authorized', [addressOf(alice), bool(true)], [alice])), UNAUTHORIZED);
  });

  it('with AUTH_REQUIRED a contract must be authorized before it can receive', () => {
    const { snap, token, issuer } = world(AUTH_REQUIRED | AUTH_REVOCABLE);
    const holder = idOf(9);
    assert.equal(view(snap, token, 'authorized', [addressOf(holder)]), false);
    assert.deepEqual(errorOf(call(snap, token, 'mint', [addressOf(holder), i128(1n)], [issuer])), contractError(SacError.BalanceDeauthorized));
    send(snap, token, 'set_authorized', [addressOf(holder), bool(true)], [issuer]);
    assert.equal(view(snap, token, 'authorized', [addressOf(holder)]), true);
    send(snap, token, 'mint', [addressOf(holder), i128(5n)], [issuer]);
    assert.equal(balanceOf(snap, token, holder), 5n);
  });

  it('before protocol 23 the admin leads the set_authorized topics', () => {
    const { snap, token, issuer, alice, name } = world(AUTH_REVOCABLE);
    const r = send(snap, token, 'set_authorized', [addressOf(alice), bool(false)], [issuer], { ledger: { protocolVersion: 22 } });
    assert.deepEqual(contractEvents(r)[0].topics, ['set_authorized', issuer.publicKey(), alice.publicKey(), name]);
  });
});

describe('SAC set_admin', () => {
  it('hands the admin over: event ["set_admin", old, name] with the new admin; then only the new one mints', () => {
    const { snap, token, issuer, alice, bob, name } = world();
    const r = send(snap, token, 'set_admin', [addressOf(alice)], [issuer]);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['set_admin', issuer.publicKey(), name], data: alice.publicKey() }]);
    assert.equal(view(snap, token, 'admin'), alice.publicKey());
    send(snap, token, 'mint', [addressOf(bob), i128(7n)], [alice]);
    assert.equal(balanceOf(snap, token, bob), 7n);
    assert.deepEqual(errorOf(call(snap, token, 'mint', [addressOf(bob), i128(7n)], [issuer])), UNAUTHORIZED);
    assert.deepEqual(errorOf(call(snap, token, 'set_admin', [addressOf(issuer)], [issuer])), UNAUTHORIZED);
  });
});
