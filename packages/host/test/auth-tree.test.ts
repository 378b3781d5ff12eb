/**
 * Authorization trees against the real call tree (each node once, no stitching of disjoint entries),
 * contract-to-contract authorization (direct invoker, `authorize_as_curr_contract`), and recording
 * mode: the entries simulation returns, signed by the client library, then accepted when enforcing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorizeEntry, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import {
  accountAddress,
  addressEntry,
  err,
  EXP,
  expectOk,
  invocation,
  invoke,
  keypair,
  PASSPHRASE,
  sourceEntry,
  UNAUTHORIZED,
  world,
} from './support/auth.ts';
import { MAX_LIVE_UNTIL, errorOf, sym, vec } from './support/ledger.ts';

describe('authorization trees in enforcing mode', () => {
  it('a tree authorizes a call and the sub-call it lists', async () => {
    const { snap, kp, g, a, b } = world();
    const args = [g, b.address, sym('auth'), vec([g])];
    const tree = invocation(a, 'auth_call', args, [invocation(b, 'auth', [g])]);
    const signed = await authorizeEntry(addressEntry(g, 1n, tree), kp, EXP, PASSPHRASE);
    expectOk(invoke(snap, a, 'auth_call', args, { auth: [signed] }));
  });

  it('refuses a tree that does not match the call: missing sub-invocation, other arguments, other contract', async () => {
    const { snap, kp, g, a, b } = world();
    const args = [g, b.address, sym('auth'), vec([g])];
    const sign = (tree: xdr.SorobanAuthorizedInvocation) =>
      authorizeEntry(addressEntry(g, 1n, tree), kp, EXP, PASSPHRASE);
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth_call', args, { auth: [await sign(invocation(a, 'auth_call', args))] })),
      UNAUTHORIZED,
    );
    const otherArgs = [g, b.address, sym('auth'), vec([accountAddress(keypair(2))])];
    assert.deepEqual(
      errorOf(
        invoke(snap, a, 'auth_call', args, { auth: [await sign(invocation(a, 'auth_call', otherArgs))] }),
      ),
      UNAUTHORIZED,
    );
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [g], { auth: [await sign(invocation(b, 'auth', [g]))] })),
      UNAUTHORIZED,
    );
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [g], { auth: [await sign(invocation(a, 'auth_args', [g]))] })),
      UNAUTHORIZED,
    );
  });

  it('each node matches once: two require_auth in one call need two entries', async () => {
    const { snap, kp, g, a } = world();
    const entry = async (nonce: bigint) =>
      authorizeEntry(addressEntry(g, nonce, invocation(a, 'auth_twice', [g])), kp, EXP, PASSPHRASE);
    assert.deepEqual(errorOf(invoke(snap, a, 'auth_twice', [g], { auth: [await entry(1n)] })), UNAUTHORIZED);
    expectOk(invoke(snap, a, 'auth_twice', [g], { auth: [await entry(1n), await entry(2n)] }));
  });

  it('require_auth_for_args authorizes the given arguments instead of the call', async () => {
    const { snap, kp, g, a } = world();
    const custom = vec([xdr.ScVal.scvU32(42)]);
    const signed = await authorizeEntry(
      addressEntry(g, 1n, invocation(a, 'auth_args', [xdr.ScVal.scvU32(42)])),
      kp,
      EXP,
      PASSPHRASE,
    );
    expectOk(invoke(snap, a, 'auth_args', [g, custom], { auth: [signed] }));
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth_args', [g, vec([xdr.ScVal.scvU32(43)])], { auth: [signed] })),
      UNAUTHORIZED,
    );
  });

  it('a tree may start below the root call', async () => {
    const { snap, kp, g, a, b } = world();
    const signed = await authorizeEntry(addressEntry(g, 1n, invocation(b, 'auth', [g])), kp, EXP, PASSPHRASE);
    expectOk(invoke(snap, a, 'call', [b.address, sym('auth'), vec([g])], { auth: [signed] }));
  });

  it('disjoint entries cannot be stitched into one tree', async () => {
    const { snap, kp, g, a, b } = world();
    const args = [g, b.address, sym('auth'), vec([g])];
    const top = await authorizeEntry(
      addressEntry(g, 1n, invocation(a, 'auth_call', args)),
      kp,
      EXP,
      PASSPHRASE,
    );
    const below = await authorizeEntry(addressEntry(g, 2n, invocation(b, 'auth', [g])), kp, EXP, PASSPHRASE);
    assert.deepEqual(errorOf(invoke(snap, a, 'auth_call', args, { auth: [top, below] })), UNAUTHORIZED);
  });

  it('an unauthorized sub-call under try_call is caught as Error(Context, InvalidAction); a failed call gives back its match and nonce', async () => {
    const { snap, kp, g, a, b } = world();
    const r = invoke(snap, a, 'try_call', [b.address, sym('auth'), vec([g])]);
    expectOk(r);
    if (r.outcome.ok)
      assert.ok(
        r.outcome.value.equals(
          vec([xdr.ScVal.fromXdrObject({ type: 2, error: { type: 2, code: 6 } } as xdr.ScValWire)]),
        ),
      );
    // A tree matched by a failed call, and its nonce, are available again to the next call: the
    // retry gets past authorization and fails with the callee's own error.
    const signed = await authorizeEntry(
      addressEntry(g, 1n, invocation(b, 'auth_fail', [g])),
      kp,
      EXP,
      PASSPHRASE,
    );
    const retried = invoke(snap, a, 'retry', [b.address, sym('auth_fail'), vec([g])], { auth: [signed] });
    assert.deepEqual(errorOf(retried), { type: ErrorType.Contract, code: 7 });
  });
});

describe('contract-to-contract authorization', () => {
  /** `InvokerContractAuthEntry::Contract` for `contract.fn(args)`. */
  const contractEntry = (
    contract: xdr.ScVal,
    fn: string,
    args: xdr.ScVal[],
    subs: xdr.ScVal[] = [],
  ): xdr.ScVal =>
    vec([
      sym('Contract'),
      xdr.ScVal.scvMap([
        new xdr.ScMapEntry({
          key: sym('context'),
          val: xdr.ScVal.scvMap([
            new xdr.ScMapEntry({ key: sym('args'), val: vec(args) }),
            new xdr.ScMapEntry({ key: sym('contract'), val: contract }),
            new xdr.ScMapEntry({ key: sym('fn_name'), val: sym(fn) }),
          ]),
        }),
        new xdr.ScMapEntry({ key: sym('sub_invocations'), val: vec(subs) }),
      ]),
    ]);

  it('the direct invoker has authorized its calls', () => {
    const { snap, a, b } = world();
    expectOk(invoke(snap, a, 'call', [b.address, sym('auth'), vec([a.address])]));
  });

  it('an indirect caller has not, unless it authorized the deeper call with authorize_as_curr_contract', () => {
    const { snap, a, b, c } = world();
    const deep = [b.address, sym('call'), vec([c.address, sym('auth'), vec([a.address])])];
    assert.deepEqual(errorOf(invoke(snap, a, 'call', deep)), UNAUTHORIZED);
    expectOk(invoke(snap, a, 'auth_as', [vec([contractEntry(c.address, 'auth', [a.address])]), ...deep]));
    const wrong = vec([contractEntry(c.address, 'auth', [b.address])]);
    assert.deepEqual(errorOf(invoke(snap, a, 'auth_as', [wrong, ...deep])), UNAUTHORIZED);
  });

  it('malformed entries fail the call that gives them', () => {
    const { snap, a, b } = world();
    const call = [b.address, sym('auth'), vec([a.address])];
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth_as', [vec([vec([sym('Nope')])]), ...call])),
      err(ErrorType.Value, ErrorCode.InvalidInput),
    );
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth_as', [vec([xdr.ScVal.scvU32(1)]), ...call])),
      err(ErrorType.Value, ErrorCode.UnexpectedType),
    );
  });
});

describe('recording mode (simulation)', () => {
  const nonceOf = (entry: xdr.SorobanAuthorizationEntry): bigint => {
    const c = entry.credentials.toXdrObject();
    assert.equal(c.type, 1, 'Address credentials');
    return c.type === 1 ? c.address.nonce : 0n;
  };

  it('records the entries a client signs (authorizeEntry), which enforcing then accepts with the simulated footprint', async () => {
    const { snap, kp, g, a, b } = world();
    const args = [g, b.address, sym('auth'), vec([g])];
    const sim = invoke(snap, a, 'auth_call', args, { authMode: 'record' });
    expectOk(sim);
    assert.equal(sim.auth.length, 1);
    const [entry] = sim.auth;
    const expectedTree = invocation(a, 'auth_call', args, [invocation(b, 'auth', [g])]);
    assert.ok(entry.rootInvocation.equals(expectedTree), 'the tree is the call tree');
    const creds = entry.credentials.toXdrObject();
    assert.ok(
      creds.type === 1 && creds.address.signatureExpirationLedger === 0 && creds.address.signature.type === 1,
      'unsigned, no expiration',
    );
    // The simulated footprint covers what enforcing reads and writes: the account and the nonce.
    const accountKey = xdr.LedgerKey.fromXdrObject({
      type: 0,
      account: { accountId: { type: 0, ed25519: kp.rawPublicKey() } },
    });
    assert.ok(sim.footprint.readOnly.some((k) => k.equals(accountKey)));
    const nonceChange = sim.changes.find(
      (c) => c.key.toXdrObject().type === 6 && c.entry?.toXdrObject().data.type === 6,
    );
    assert.equal(
      nonceChange?.liveUntilLedger,
      MAX_LIVE_UNTIL,
      'the simulated nonce lives as long as any signature could',
    );

    const signed = await authorizeEntry(entry, kp, EXP, PASSPHRASE);
    expectOk(invoke(snap, a, 'auth_call', args, { auth: [signed], footprint: sim.footprint }));
  });

  it('nonces come from the run seed: the same seed gives the same nonce, another seed another', () => {
    const { snap, g, a } = world();
    const nonce = (seed: number) =>
      nonceOf(
        invoke(snap, a, 'auth', [g], { authMode: 'record', prngSeed: new Uint8Array(32).fill(seed) }).auth[0],
      );
    assert.equal(nonce(1), nonce(1));
    assert.notEqual(nonce(1), nonce(2));
    assert.ok(nonce(1) >= 0n && nonce(1) < 1n << 63n);
  });

  it('a simulation run again after its nonce was used gets another nonce (seeds are deterministic)', async () => {
    const { snap, kp, g, a } = world();
    const simulate = () => invoke(snap, a, 'auth', [g], { authMode: 'record' });
    const first = simulate();
    const signed = await authorizeEntry(first.auth[0], kp, EXP, PASSPHRASE);
    const applied = invoke(snap, a, 'auth', [g], { auth: [signed], footprint: first.footprint });
    expectOk(applied);
    snap.apply(applied.changes);
    const again = simulate();
    expectOk(again);
    assert.notEqual(nonceOf(again.auth[0]), nonceOf(first.auth[0]));
  });

  it('the transaction source account gets SourceAccount credentials and no nonce', () => {
    const { snap, kp, g, a } = world();
    const sim = invoke(snap, a, 'auth', [g], { authMode: 'record', sourceAccount: kp.publicKey() });
    expectOk(sim);
    assert.equal(sim.auth.length, 1);
    assert.ok(sim.auth[0].equals(sourceEntry(invocation(a, 'auth', [g]))));
    assert.equal(sim.changes.length, 0);
  });

  it('record refuses authorizations below the root call; record_allow_nonroot records them', () => {
    const { snap, g, a, b } = world();
    const args = [b.address, sym('auth'), vec([g])];
    assert.deepEqual(errorOf(invoke(snap, a, 'call', args, { authMode: 'record' })), UNAUTHORIZED);
    const sim = invoke(snap, a, 'call', args, { authMode: 'record_allow_nonroot' });
    expectOk(sim);
    assert.ok(sim.auth[0].rootInvocation.equals(invocation(b, 'auth', [g])));
  });

  it('a second require_auth of the same address in one call is Error(Auth, ExistingValue)', () => {
    const { snap, g, a } = world();
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth_twice', [g], { authMode: 'record' })),
      err(ErrorType.Auth, ErrorCode.ExistingValue),
    );
  });

  it('what a failed call recorded is dropped with it', () => {
    const { snap, g, a, b } = world();
    const sim = invoke(snap, a, 'try_call', [b.address, sym('auth_fail'), vec([g])], {
      authMode: 'record_allow_nonroot',
    });
    expectOk(sim);
    assert.equal(sim.auth.length, 0);
    assert.equal(sim.changes.length, 0);
  });

  it('records one entry per address and tree, in order', () => {
    const { snap, g, a, b } = world();
    const h = accountAddress(keypair(2));
    const args = [g, b.address, sym('auth'), vec([h])];
    const sim = invoke(snap, a, 'auth_call', args, { authMode: 'record_allow_nonroot' });
    expectOk(sim);
    assert.equal(sim.auth.length, 2);
    assert.ok(sim.auth[0].rootInvocation.equals(invocation(a, 'auth_call', args)));
    assert.ok(sim.auth[1].rootInvocation.equals(invocation(b, 'auth', [h])));
  });
});
