/**
 * Custom accounts: `__check_auth(signature_payload, signature, auth_contexts)` with the reference's
 * context values, accepting and refusing; the second simulation a custom account needs; and
 * protocol 27 delegation (CAP-71-01): `delegate_account_auth`, `get_delegated_signers_for_current_auth_check`
 * and `SorobanAddressCredentialsWithDelegates` built and signed with the client library.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Address,
  authorizeEntry,
  buildWithDelegatesEntry,
  xdr,
  type DelegateSignature,
} from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import {
  accountAddress,
  addAccount,
  addressEntry,
  err,
  EXP,
  expectOk,
  invocation,
  invoke,
  keypair,
  PASSPHRASE,
  payloadOf,
  UNAUTHORIZED,
  withSignature,
  world,
} from './support/auth.ts';
import { dataKey, errorOf, sym, vec, type Deployed } from './support/ledger.ts';

/** What an account contract's `__check_auth` stored under `key` during the run. */
const stored = (r: ReturnType<typeof invoke>, account: Deployed, key: string): xdr.ScVal | undefined => {
  const entry = r.changes.find((c) => c.key.equals(dataKey(account.id, sym(key), 0)))?.entry?.toXdrObject();
  return entry?.data.type === 6 ? xdr.ScVal.fromXdrObject(entry.data.contractData.val) : undefined;
};

const map = (fields: [string, xdr.ScVal][]) =>
  xdr.ScVal.scvMap(fields.map(([k, v]) => new xdr.ScMapEntry({ key: sym(k), val: v })));
const contractContext = (c: Deployed, fn: string, args: xdr.ScVal[]) =>
  vec([
    sym('Contract'),
    map([
      ['args', vec(args)],
      ['contract', c.address],
      ['fn_name', sym(fn)],
    ]),
  ]);

/** The entry for `a.auth(account)` signed the way the fixture account accepts: the payload itself. */
const payloadSigned = (a: Deployed, account: Deployed, nonce = 1n) => {
  const entry = addressEntry(account.address, nonce, invocation(a, 'auth', [account.address]));
  return withSignature(entry, EXP, xdr.ScVal.scvBytes(Buffer.from(payloadOf(entry, EXP))));
};

describe('custom accounts (__check_auth)', () => {
  it('accepts when __check_auth returns, which gets the payload, the signature and the contexts', () => {
    const { snap, a, d1 } = world();
    const r = invoke(snap, a, 'auth', [d1.address], { auth: [payloadSigned(a, d1)] });
    expectOk(r);
    assert.ok(stored(r, d1, 'ctx')?.equals(vec([contractContext(a, 'auth', [d1.address])])));
    assert.ok(stored(r, d1, 'signers')?.equals(vec([])), 'no delegated signers');
  });

  it('refuses when __check_auth fails: Error(Auth, InvalidAction), and nothing it did stays', () => {
    const { snap, a, d1 } = world();
    const entry = addressEntry(d1.address, 1n, invocation(a, 'auth', [d1.address]));
    const r = invoke(snap, a, 'auth', [d1.address], {
      auth: [withSignature(entry, EXP, xdr.ScVal.scvBytes(Buffer.alloc(32)))],
    });
    assert.deepEqual(errorOf(r), UNAUTHORIZED);
    assert.equal(r.changes.length, 0);
  });

  it('passes the whole tree as contexts, in pre-order', () => {
    const { snap, a, b, d1 } = world();
    const args = [d1.address, b.address, sym('auth'), vec([d1.address])];
    const entry = addressEntry(
      d1.address,
      1n,
      invocation(a, 'auth_call', args, [invocation(b, 'auth', [d1.address])]),
    );
    const r = invoke(snap, a, 'auth_call', args, {
      auth: [withSignature(entry, EXP, xdr.ScVal.scvBytes(Buffer.from(payloadOf(entry, EXP))))],
    });
    expectOk(r);
    assert.ok(
      stored(r, d1, 'ctx')?.equals(
        vec([contractContext(a, 'auth_call', args), contractContext(b, 'auth', [d1.address])]),
      ),
    );
  });

  it('__check_auth cannot be invoked from outside: Error(Context, InvalidAction)', () => {
    const { snap, d1 } = world();
    const r = invoke(snap, d1, '__check_auth', [
      xdr.ScVal.scvBytes(Buffer.alloc(32)),
      xdr.ScVal.scvVoid(),
      vec([]),
    ]);
    assert.deepEqual(errorOf(r), err(ErrorType.Context, ErrorCode.InvalidAction));
  });

  it('an account may authorize a call to itself (its __check_auth re-enters the running contract)', () => {
    const { snap, d1 } = world();
    const entry = addressEntry(d1.address, 1n, invocation(d1, 'self_auth', []));
    expectOk(
      invoke(snap, d1, 'self_auth', [], {
        auth: [withSignature(entry, EXP, xdr.ScVal.scvBytes(Buffer.from(payloadOf(entry, EXP))))],
      }),
    );
  });

  it('simulation records the entry; its __check_auth writes need the second, enforcing simulation', async () => {
    const { snap, a, d1 } = world();
    const sim = invoke(snap, a, 'auth', [d1.address], { authMode: 'record' });
    expectOk(sim);
    assert.ok(
      sim.footprint.readOnly.some((k) => k.equals(d1.instanceKey)),
      'the account instance is in the footprint',
    );
    assert.ok(
      sim.footprint.readOnly.some((k) => k.equals(d1.codeKey)),
      'and its code',
    );
    const signed = await authorizeEntry(
      sim.auth[0],
      async (_preimage, payload) => ({ signatureScVal: xdr.ScVal.scvBytes(Buffer.from(payload)) }),
      EXP,
      PASSPHRASE,
    );
    // __check_auth stores its contexts: not in the recorded footprint.
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [d1.address], { auth: [signed], footprint: sim.footprint })),
      err(ErrorType.Storage, ErrorCode.ExceededLimit),
    );
    const second = invoke(snap, a, 'auth', [d1.address], { auth: [signed] });
    expectOk(second);
    expectOk(invoke(snap, a, 'auth', [d1.address], { auth: [signed], footprint: second.footprint }));
  });
});

describe('delegated account authentication (protocol 27, CAP-71-01)', () => {
  const strkey = (c: Deployed) => Address.contract(Buffer.from(c.id)).toString();

  /** `a.auth(d1)` with delegates, signed: accounts by their key, contracts with the payload. */
  const delegated = async (
    a: Deployed,
    d1: Deployed,
    delegates: DelegateSignature[],
    signers: Record<string, ReturnType<typeof keypair>>,
  ) => {
    let entry = buildWithDelegatesEntry({
      entry: addressEntry(d1.address, 1n, invocation(a, 'auth', [d1.address])),
      validUntilLedgerSeq: EXP,
      delegates,
    });
    const payload = Buffer.from(payloadOf(entry, EXP));
    const visit = async (ds: DelegateSignature[]): Promise<void> => {
      for (const d of ds) {
        const kp = signers[d.address];
        entry = kp
          ? await authorizeEntry(entry, kp, EXP, PASSPHRASE, d.address)
          : await authorizeEntry(
              entry,
              async () => ({ signatureScVal: xdr.ScVal.scvBytes(payload) }),
              EXP,
              PASSPHRASE,
              d.address,
            );
        await visit(d.nestedDelegates ?? []);
      }
    };
    await visit(delegates);
    return entry;
  };

  it('authenticates every delegate with the same payload, and lists them to the account', async () => {
    const { snap, kp, a, d1, d2 } = world();
    const entry = await delegated(a, d1, [{ address: strkey(d2) }, { address: kp.publicKey() }], {
      [kp.publicKey()]: kp,
    });
    assert.equal(entry.credentials.type, 'sorobanCredentialsAddressWithDelegates');
    const r = invoke(snap, a, 'auth', [d1.address], { auth: [entry] });
    expectOk(r);
    assert.ok(
      stored(r, d1, 'signers')?.equals(vec([accountAddress(kp), d2.address])),
      'delegates in address order',
    );
    assert.ok(
      stored(r, d2, 'ctx')?.equals(vec([contractContext(a, 'auth', [d1.address])])),
      'the delegate sees the same contexts',
    );
  });

  it('nested delegates authenticate below their delegate', async () => {
    const { snap, kp, a, d1, d2 } = world();
    const entry = await delegated(
      a,
      d1,
      [{ address: strkey(d2), nestedDelegates: [{ address: kp.publicKey() }] }],
      { [kp.publicKey()]: kp },
    );
    const r = invoke(snap, a, 'auth', [d1.address], { auth: [entry] });
    expectOk(r);
    assert.ok(stored(r, d1, 'signers')?.equals(vec([d2.address])));
    assert.ok(stored(r, d2, 'signers')?.equals(vec([accountAddress(kp)])));
  });

  it('refuses when a delegate does not authenticate', async () => {
    const { snap, kp, a, d1, d2 } = world();
    const other = keypair(2);
    addAccount(snap, other);
    const entry = await delegated(a, d1, [{ address: strkey(d2) }, { address: kp.publicKey() }], {
      [kp.publicKey()]: other,
    });
    assert.deepEqual(errorOf(invoke(snap, a, 'auth', [d1.address], { auth: [entry] })), UNAUTHORIZED);
  });

  it('signatures are over the address-bound payload (ENVELOPE_TYPE_SOROBAN_AUTHORIZATION_WITH_ADDRESS)', async () => {
    const { snap, a, d1, d2 } = world();
    const plain = addressEntry(d1.address, 1n, invocation(a, 'auth', [d1.address]));
    const legacyPayload = xdr.ScVal.scvBytes(Buffer.from(payloadOf(plain, EXP)));
    const entry = buildWithDelegatesEntry({
      entry: plain,
      validUntilLedgerSeq: EXP,
      delegates: [{ address: strkey(d2), signature: legacyPayload }],
    });
    assert.deepEqual(errorOf(invoke(snap, a, 'auth', [d1.address], { auth: [entry] })), UNAUTHORIZED);
  });

  it('refuses unsorted or repeated delegates before running anything: Error(Auth, InvalidInput)', async () => {
    const { snap, kp, a, d1, d2 } = world();
    const entry = await delegated(a, d1, [{ address: strkey(d2) }, { address: kp.publicKey() }], {
      [kp.publicKey()]: kp,
    });
    const w = entry.credentials.toXdrObject();
    assert.equal(w.type, 3);
    if (w.type !== 3) return;
    const swapped = {
      ...w,
      addressWithDelegates: {
        ...w.addressWithDelegates,
        delegates: [...w.addressWithDelegates.delegates].reverse(),
      },
    };
    const repeated = {
      ...w,
      addressWithDelegates: {
        ...w.addressWithDelegates,
        delegates: [w.addressWithDelegates.delegates[1], w.addressWithDelegates.delegates[1]],
      },
    };
    for (const credentials of [swapped, repeated]) {
      const bad = xdr.SorobanAuthorizationEntry.fromXdrObject({
        credentials,
        rootInvocation: entry.rootInvocation.toXdrObject(),
      });
      const r = invoke(snap, a, 'auth', [d1.address], { auth: [bad] });
      assert.deepEqual(errorOf(r), err(ErrorType.Auth, ErrorCode.InvalidInput));
      assert.equal(r.events.length, 0);
    }
  });

  it('a delegate cannot re-enter an account being checked', async () => {
    const { snap, a, d1 } = world();
    const self = await delegated(a, d1, [{ address: strkey(d1) }], {});
    assert.deepEqual(errorOf(invoke(snap, a, 'auth', [d1.address], { auth: [self] })), UNAUTHORIZED);
  });

  it('both functions only work inside __check_auth: Error(Context, InvalidAction)', () => {
    const { snap, g, d1 } = world();
    assert.deepEqual(
      errorOf(invoke(snap, d1, 'delegate', [g])),
      err(ErrorType.Context, ErrorCode.InvalidAction),
    );
    assert.deepEqual(
      errorOf(invoke(snap, d1, 'signers', [])),
      err(ErrorType.Context, ErrorCode.InvalidAction),
    );
  });
});
