/**
 * CAP-73's `trust` (protocol 26, `create_trustline_if_needed`): an unlimited trustline for a G
 * address that has none, authorized unless the issuer requires authorization, clawback-enabled as
 * the issuer is, one more sub-entry paid from the account's reserve, no event; a no-op for an
 * existing trustline and for contracts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SacError } from '../src/sac/errors.ts';
import { AUTHORIZED_FLAG, TRUSTLINE_CLAWBACK_ENABLED_FLAG } from '../src/sac/trustlines.ts';
import { idOf } from './support/ledger.ts';
import {
  accountOf,
  addAccount,
  addressOf,
  BASE_RESERVE,
  call,
  contractError,
  contractEvents,
  errorOf,
  expectOk,
  i128,
  keypair,
  send,
  trustlineOf,
  world,
  XLM,
} from './support/sac.ts';

const I64_MAX = (1n << 63n) - 1n;

describe('SAC trust (CAP-73)', () => {
  it('creates an unlimited authorized trustline under the account signature, one more sub-entry, no event', () => {
    const { snap, token, issuer, usd } = world();
    const carol = keypair(4);
    addAccount(snap, carol, { balance: 10n * XLM });
    assert.deepEqual(errorOf(call(snap, token, 'trust', [addressOf(carol)])), { type: 9, code: 6 });
    const r = send(snap, token, 'trust', [addressOf(carol)], [carol]);
    assert.deepEqual(contractEvents(r), []);
    const line = trustlineOf(snap, carol, usd)!;
    assert.equal(line.limit, I64_MAX);
    assert.equal(line.balance, 0n);
    assert.equal(line.flags, AUTHORIZED_FLAG);
    assert.equal(accountOf(snap, carol)!.numSubEntries, 1);
    send(snap, token, 'mint', [addressOf(carol), i128(5n)], [issuer]);
    // Now it exists: no authorization needed, nothing written to it.
    const again = call(snap, token, 'trust', [addressOf(carol)]);
    expectOk(again);
    assert.ok(!again.changes.some((c) => c.key.toXdrObject().type === 1));
  });

  it('follows the issuer flags: AUTH_REQUIRED leaves it unauthorized, AUTH_CLAWBACK_ENABLED makes it clawbackable', () => {
    const { snap, token, usd } = world(1 | 8);
    const carol = keypair(4);
    addAccount(snap, carol, { balance: 10n * XLM });
    send(snap, token, 'trust', [addressOf(carol)], [carol]);
    assert.equal(trustlineOf(snap, carol, usd)!.flags, TRUSTLINE_CLAWBACK_ENABLED_FLAG);
  });

  it('needs a base reserve more than the account keeps (InsufficientAccountReserve) and an existing account', () => {
    const { snap, token } = world();
    const poor = keypair(4);
    addAccount(snap, poor, { balance: 3n * BASE_RESERVE - 1n });
    assert.deepEqual(errorOf(call(snap, token, 'trust', [addressOf(poor)], [poor])), contractError(SacError.InsufficientAccountReserve));
    const full = keypair(5);
    addAccount(snap, full, { numSubEntries: 1000 });
    assert.deepEqual(errorOf(call(snap, token, 'trust', [addressOf(full)], [full])), contractError(SacError.TooManyAccountSubentries));
  });

  it('is a no-op for contracts, and refused for the native asset, the issuer, and before protocol 26', () => {
    const { snap, token, native, issuer, alice } = world();
    expectOk(call(snap, token, 'trust', [addressOf(idOf(9))]));
    assert.deepEqual(errorOf(call(snap, native, 'trust', [addressOf(alice)], [alice])), contractError(SacError.OperationNotSupported));
    assert.deepEqual(errorOf(call(snap, token, 'trust', [addressOf(issuer)], [issuer])), contractError(SacError.OperationNotSupported));
    const old = call(snap, token, 'trust', [addressOf(alice)], [], { ledger: { protocolVersion: 25 } });
    assert.deepEqual(errorOf(old), { type: 8, code: 2 });
  });
});
