/**
 * `require_auth` for Stellar accounts in enforcing mode: ed25519 signatures over the reference
 * payload, made by the client library or by hand, multi-signature weights, nonces and expiration.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Networks, authorizeEntry, authorizeInvocation, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import {
  accountAddress,
  accountSignature,
  addAccount,
  addressEntry,
  ascending,
  err,
  EXP,
  invocation,
  invoke,
  keypair,
  PASSPHRASE,
  payloadOf,
  sourceEntry,
  UNAUTHORIZED,
  withSignature,
  world,
} from './support/auth.ts';
import { MAX_LIVE_UNTIL, SEQ, errorOf, type Deployed } from './support/ledger.ts';

/** The unsigned entry for `a.auth(address)`. */
const authEntry = (a: Deployed, address: xdr.ScVal, nonce = 7n) =>
  addressEntry(address, nonce, invocation(a, 'auth', [address]));

const nonceKeyOf = (address: xdr.ScVal, nonce: bigint): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({
    type: 6,
    contractData: {
      contract: (address.toXdrObject() as Extract<xdr.ScValWire, { type: 18 }>).address,
      key: { type: 21, nonceKey: { nonce } },
      durability: 0,
    },
  } as xdr.LedgerKeyWire);

describe('require_auth: Stellar account signatures', () => {
  it('accepts an entry signed with the client library (authorizeEntry) and stores its nonce until the expiration', async () => {
    const { snap, kp, a, g: address } = world();
    const signed = await authorizeEntry(authEntry(a, address), kp, EXP, PASSPHRASE);
    const r = invoke(snap, a, 'auth', [address], { auth: [signed] });
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    const nonce = r.changes.find((c) => c.key.equals(nonceKeyOf(address, 7n)));
    assert.ok(nonce, 'the nonce is written');
    assert.equal(nonce.liveUntilLedger, EXP);
  });

  it('keeps the nonce at least the minimum temporary TTL', async () => {
    const { snap, kp, a, g: address } = world();
    const signed = await authorizeEntry(authEntry(a, address), kp, SEQ, PASSPHRASE);
    const r = invoke(snap, a, 'auth', [address], { auth: [signed] });
    assert.equal(r.changes.find((c) => c.key.equals(nonceKeyOf(address, 7n)))?.liveUntilLedger, SEQ + 16 - 1);
  });

  it('accepts address-bound ADDRESS_V2 credentials (authorizeInvocation, CAP-71-02)', async () => {
    const { snap, kp, a, g: address } = world();
    const signed = await authorizeInvocation({
      signer: kp,
      validUntilLedgerSeq: EXP,
      invocation: invocation(a, 'auth', [address]),
      networkPassphrase: PASSPHRASE,
    });
    assert.equal(signed.credentials.type, 'sorobanCredentialsAddressV2');
    assert.ok(invoke(snap, a, 'auth', [address], { auth: [signed] }).outcome.ok);
  });

  it('refuses a call with no entry for the address', () => {
    const { snap, a, g: address } = world();
    assert.deepEqual(errorOf(invoke(snap, a, 'auth', [address])), UNAUTHORIZED);
  });

  it('refuses a forged signature: another key, or altered bytes', async () => {
    const { snap, a, g: address } = world();
    const entry = authEntry(a, address);
    const payload = payloadOf(entry, EXP);
    const forger = keypair(9);
    // The forger's signature under the account's public key.
    const forged = accountSignature(payload, [forger]).toXdrObject() as Extract<xdr.ScValWire, { type: 16 }>;
    const map = forged.vec![0] as Extract<xdr.ScValWire, { type: 17 }>;
    map.map![0].val = { type: 13, bytes: keypair(1).rawPublicKey() } as xdr.ScValWire;
    assert.deepEqual(
      errorOf(
        invoke(snap, a, 'auth', [address], {
          auth: [withSignature(entry, EXP, xdr.ScVal.fromXdrObject(forged))],
        }),
      ),
      UNAUTHORIZED,
    );

    const good = accountSignature(payload, [keypair(1)]).toXdrObject() as Extract<
      xdr.ScValWire,
      { type: 16 }
    >;
    const sig = (good.vec![0] as Extract<xdr.ScValWire, { type: 17 }>).map![1].val as Extract<
      xdr.ScValWire,
      { type: 13 }
    >;
    sig.bytes = Uint8Array.from(sig.bytes as Uint8Array, (b, i) => (i === 5 ? b ^ 1 : b));
    assert.deepEqual(
      errorOf(
        invoke(snap, a, 'auth', [address], {
          auth: [withSignature(entry, EXP, xdr.ScVal.fromXdrObject(good))],
        }),
      ),
      UNAUTHORIZED,
    );
  });

  it('refuses a signature made for another network', async () => {
    const { snap, kp, a, g: address } = world();
    const signed = await authorizeEntry(authEntry(a, address), kp, EXP, Networks.TESTNET);
    assert.deepEqual(errorOf(invoke(snap, a, 'auth', [address], { auth: [signed] })), UNAUTHORIZED);
  });

  it('refuses an expired signature and one expiring past the maximum TTL: Error(Auth, InvalidInput)', async () => {
    const { snap, kp, a, g: address } = world();
    const expired = await authorizeEntry(authEntry(a, address), kp, SEQ - 1, PASSPHRASE);
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [address], { auth: [expired] })),
      err(ErrorType.Auth, ErrorCode.InvalidInput),
    );
    const tooLate = await authorizeEntry(authEntry(a, address), kp, MAX_LIVE_UNTIL + 1, PASSPHRASE);
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [address], { auth: [tooLate] })),
      err(ErrorType.Auth, ErrorCode.InvalidInput),
    );
    const last = await authorizeEntry(authEntry(a, address), kp, MAX_LIVE_UNTIL, PASSPHRASE);
    assert.ok(invoke(snap, a, 'auth', [address], { auth: [last] }).outcome.ok);
  });

  it('refuses a replayed nonce: Error(Auth, ExistingValue), and a changed nonce invalidates the signature', async () => {
    const { snap, kp, a, g: address } = world();
    const signed = await authorizeEntry(authEntry(a, address), kp, EXP, PASSPHRASE);
    const first = invoke(snap, a, 'auth', [address], { auth: [signed] });
    assert.ok(first.outcome.ok);
    snap.apply(first.changes);
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [address], { auth: [signed] })),
      err(ErrorType.Auth, ErrorCode.ExistingValue),
    );
    const w = signed.toXdrObject();
    if (w.credentials.type === 1) w.credentials.address.nonce = 8n;
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [address], { auth: [xdr.SorobanAuthorizationEntry.fromXdrObject(w)] })),
      UNAUTHORIZED,
    );
  });

  it('refuses an entry whose account is not in the ledger', async () => {
    const { snap, a } = world();
    const stranger = keypair(5);
    const address = accountAddress(stranger);
    const signed = await authorizeEntry(authEntry(a, address), stranger, EXP, PASSPHRASE);
    assert.deepEqual(errorOf(invoke(snap, a, 'auth', [address], { auth: [signed] })), UNAUTHORIZED);
  });

  it('SourceAccount credentials need no signature when the address is the transaction source', () => {
    const { snap, kp, a, g: address } = world();
    const entry = sourceEntry(invocation(a, 'auth', [address]));
    assert.ok(
      invoke(snap, a, 'auth', [address], { auth: [entry], sourceAccount: kp.publicKey() }).outcome.ok,
    );
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [address], { auth: [entry], sourceAccount: keypair(2).publicKey() })),
      UNAUTHORIZED,
    );
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [address], { auth: [entry] })),
      err(ErrorType.Auth, ErrorCode.InternalError),
    );
  });
});

describe('require_auth: multi-signature accounts', () => {
  // Master weight 1, medium threshold 3; two more signers of weight 1 and 2.
  const multisig = () => {
    const { snap, kp, a, g: address } = world();
    const [k2, k3] = [keypair(2), keypair(3)];
    addAccount(snap, kp, {
      thresholds: [1, 1, 3, 3],
      signers: [
        { key: k2, weight: 1 },
        { key: k3, weight: 2 },
      ],
    });
    const entry = authEntry(a, address);
    const payload = payloadOf(entry, EXP);
    const run = (sig: xdr.ScVal) =>
      invoke(snap, a, 'auth', [address], { auth: [withSignature(entry, EXP, sig)] });
    return { kp, k2, k3, payload, run };
  };

  it('accepts signatures whose weights reach the medium threshold', () => {
    const { kp, k2, k3, payload, run } = multisig();
    assert.ok(run(accountSignature(payload, ascending([kp, k3]))).outcome.ok, 'master (1) + signer (2)');
    assert.ok(run(accountSignature(payload, ascending([k2, k3]))).outcome.ok, 'signers 1 + 2');
    assert.ok(run(accountSignature(payload, ascending([kp, k2, k3]))).outcome.ok, 'all three');
  });

  it('refuses insufficient weight', () => {
    const { kp, k2, k3, payload, run } = multisig();
    assert.deepEqual(errorOf(run(accountSignature(payload, ascending([kp, k2])))), UNAUTHORIZED);
    assert.deepEqual(errorOf(run(accountSignature(payload, [k3]))), UNAUTHORIZED);
  });

  it('refuses signer keys that are not strictly ascending (unsorted or repeated)', () => {
    const { kp, k3, payload, run } = multisig();
    const [lo, hi] = ascending([kp, k3]);
    assert.deepEqual(errorOf(run(accountSignature(payload, [hi, lo]))), UNAUTHORIZED);
    assert.deepEqual(errorOf(run(accountSignature(payload, [k3, k3]))), UNAUTHORIZED);
  });

  it('refuses a valid signature by a key that is not a signer, even with enough weight besides', () => {
    const { k2, k3, payload, run } = multisig();
    assert.deepEqual(errorOf(run(accountSignature(payload, ascending([k2, k3, keypair(4)])))), UNAUTHORIZED);
  });

  it('refuses no signatures and more than 20', () => {
    const { k3, payload, run } = multisig();
    assert.deepEqual(errorOf(run(xdr.ScVal.scvVec([]))), UNAUTHORIZED);
    const many = accountSignature(payload, [k3]).toXdrObject() as Extract<xdr.ScValWire, { type: 16 }>;
    const tooMany = xdr.ScVal.fromXdrObject({
      type: 16,
      vec: Array.from({ length: 21 }, () => many.vec![0]),
    });
    assert.deepEqual(errorOf(run(tooMany)), UNAUTHORIZED);
  });

  it('a master key of weight 0 cannot sign', () => {
    const { snap, kp, a, g: address } = world();
    addAccount(snap, kp, { thresholds: [0, 0, 0, 0] });
    const entry = authEntry(a, address);
    const sig = accountSignature(payloadOf(entry, EXP), [kp]);
    assert.deepEqual(
      errorOf(invoke(snap, a, 'auth', [address], { auth: [withSignature(entry, EXP, sig)] })),
      UNAUTHORIZED,
    );
  });
});
