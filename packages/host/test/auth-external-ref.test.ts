/**
 * A custom account whose executable is a CAP-85 external reference: its code is reached through
 * the owner's tag entry, so simulation must record that entry and the code it names, and the
 * transaction then runs with the recorded footprint and the signed entry.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorizeEntry, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { deployAuth, err, EXP, expectOk, invoke, PASSPHRASE, UNAUTHORIZED } from './support/auth.ts';
import { addressVal, errorOf, MemorySnapshot, PERSISTENT, vec } from './support/ledger.ts';
import {
  bytesVal,
  codeLedgerKey,
  contractIdOfVal,
  create,
  instanceLedgerKey,
  invokeCommit,
  lifecycleContract,
  saltOf,
  str,
  tagEntryLedgerKey,
  upload,
} from './support/lifecycle.ts';
import { contract, importOf } from './support/wat.ts';

/** `__check_auth` accepts a signature equal to the payload and writes nothing. */
const VERIFY_ONLY_ACCOUNT = contract(`(module
  ${['obj_cmp', 'fail_with_error'].map(importOf).join('\n  ')}
  (func (export "__check_auth") (param $payload i64) (param $sig i64) (param $ctx i64) (result i64)
    (if (i64.eqz (call $obj_cmp (local.get $sig) (local.get $payload))) (then (return (i64.const 2))))
    (call $fail_with_error (i64.const ${(1n << 32n) | 3n})))
)`);

/** An owner keeping tag "account" → the account code, a follower account created through it, and `a`. */
const setup = () => {
  const snap = new MemorySnapshot();
  const accountHash = upload(snap, VERIFY_ONLY_ACCOUNT);
  const owner = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
  const ownerAddress = addressVal(owner);
  invokeCommit(snap, owner, 'set_tag', [str('account'), bytesVal(accountHash), PERSISTENT]);
  const account = contractIdOfVal(
    invokeCommit(snap, owner, 'create_ref', [
      ownerAddress,
      ownerAddress,
      str('account'),
      bytesVal(saltOf(2)),
      vec([]),
    ]),
  );
  return { snap, owner, accountHash, account: addressVal(account), accountId: account, a: deployAuth(snap, 20) };
};

const includes = (keys: readonly xdr.LedgerKey[], key: xdr.LedgerKey) => keys.some((k) => k.equals(key));

/** Signs a recorded entry the way the account accepts: the payload as the signature. */
const signPayload = (entry: xdr.SorobanAuthorizationEntry) =>
  authorizeEntry(
    entry,
    async (_preimage, payload) => ({ signatureScVal: xdr.ScVal.scvBytes(Buffer.from(payload)) }),
    EXP,
    PASSPHRASE,
  );

describe('custom account with an ExternalRef executable', () => {
  it("simulation records the owner's tag entry and the code; enforcement with that footprint succeeds", async () => {
    const { snap, owner, accountHash, account, accountId, a } = setup();
    const sim = invoke(snap, a, 'auth', [account], { authMode: 'record' });
    expectOk(sim);
    assert.equal(sim.auth.length, 1);
    const readOnly = sim.footprint.readOnly;
    assert.ok(includes(readOnly, instanceLedgerKey(accountId)), 'the account instance');
    assert.ok(includes(readOnly, tagEntryLedgerKey(owner, 'account')), "the owner's tag entry");
    assert.ok(includes(readOnly, codeLedgerKey(accountHash)), 'the code the tag names');

    const signed = await signPayload(sim.auth[0]);
    const run = invoke(snap, a, 'auth', [account], { auth: [signed], footprint: sim.footprint });
    expectOk(run);
    // The nonce is the only write.
    assert.equal(run.changes.filter((c) => !c.readOnly).length, 1);
  });

  it("without the tag entry in the footprint the account's code cannot be reached", async () => {
    const { snap, owner, account, a } = setup();
    const sim = invoke(snap, a, 'auth', [account], { authMode: 'record' });
    const signed = await signPayload(sim.auth[0]);
    const tag = tagEntryLedgerKey(owner, 'account');
    const footprint = { ...sim.footprint, readOnly: sim.footprint.readOnly.filter((k) => !k.equals(tag)) };
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [account], { auth: [signed], footprint })),
      err(ErrorType.Storage, ErrorCode.ExceededLimit),
    );
  });

  it('a wrong signature is refused by the referenced __check_auth', async () => {
    const { snap, account, a } = setup();
    const sim = invoke(snap, a, 'auth', [account], { authMode: 'record' });
    const signed = await authorizeEntry(
      sim.auth[0],
      async () => ({ signatureScVal: xdr.ScVal.scvBytes(Buffer.alloc(32)) }),
      EXP,
      PASSPHRASE,
    );
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [account], { auth: [signed], footprint: sim.footprint })),
      UNAUTHORIZED,
    );
  });
});
