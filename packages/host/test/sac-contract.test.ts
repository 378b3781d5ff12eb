/**
 * Contracts using the SAC: a Wasm vault that takes deposits (the depositor authorizes the vault
 * call and, under it, the token transfer) and pays out its own balance (authorized as the direct
 * invoker, no signature), and a custom account paying under its `__check_auth`. A failing SAC call reaches `try_call` as its contract error, with its
 * events dropped. The SAC keeps its instance and balances alive as the reference does.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scValToNative, xdr } from '@stellar/stellar-sdk';
import { SacError } from '../src/sac/errors.ts';
import { symbolSmallBody } from '../src/val/symbol.ts';
import { ACCOUNT_WASM, addressEntry, withSignature } from './support/auth.ts';
import { MAX_LIVE_UNTIL, SEQ, dataKey, deploy } from './support/ledger.ts';
import { instanceLedgerKey } from './support/lifecycle.ts';
import {
  addressOf,
  balanceOf,
  call,
  contractError,
  contractEvents,
  errorOf,
  expectOk,
  i128,
  run,
  send,
  signedEntry,
  strkeyOf,
  trustlineOf,
  invokeFn,
  world,
} from './support/sac.ts';
import { contract, importOf } from './support/wat.ts';

const TRANSFER = BigInt.asIntN(64, (symbolSmallBody(new TextEncoder().encode('transfer')) << 8n) | 14n);

/**
 * `pay` sends the vault's own tokens (`try_pay` returns what `try_call` gave, in a Vec); `deposit`
 * pulls tokens in under the depositor's authorization.
 */
const VAULT = contract(`(module
  ${['call', 'try_call', 'vec_new', 'vec_push_back', 'get_current_contract_address', 'require_auth'].map(importOf).join('\n  ')}
  (func $args (param i64 i64 i64) (result i64)
    (call $vec_push_back (call $vec_push_back (call $vec_push_back (call $vec_new) (local.get 0)) (local.get 1)) (local.get 2)))
  (func (export "pay") (param $token i64) (param $to i64) (param $amount i64) (result i64)
    (call $call (local.get $token) (i64.const ${TRANSFER}) (call $args (call $get_current_contract_address) (local.get $to) (local.get $amount))))
  (func (export "try_pay") (param $token i64) (param $to i64) (param $amount i64) (result i64)
    (call $vec_push_back (call $vec_new)
      (call $try_call (local.get $token) (i64.const ${TRANSFER}) (call $args (call $get_current_contract_address) (local.get $to) (local.get $amount)))))
  (func (export "deposit") (param $token i64) (param $from i64) (param $amount i64) (result i64)
    (drop (call $require_auth (local.get $from)))
    (call $call (local.get $token) (i64.const ${TRANSFER}) (call $args (local.get $from) (call $get_current_contract_address) (local.get $amount))))
)`);

const setup = () => {
  const w = world();
  send(w.snap, w.token, 'mint', [addressOf(w.alice), i128(1000n)], [w.issuer]);
  const vault = deploy(w.snap, 20, { wasm: VAULT }).id;
  return { ...w, vault };
};

const transferInvocation = (token: Uint8Array, args: xdr.ScVal[]): xdr.SorobanAuthorizedInvocationWire => ({
  function: {
    type: 0,
    contractFn: { contractAddress: { type: 1, contractId: token }, functionName: new xdr.XdrString('transfer'), args: args.map((a) => a.toXdrObject()) },
  },
  subInvocations: [],
});

describe('a Wasm contract using the SAC', () => {
  it('deposit: the depositor signs the vault call with the token transfer under it', () => {
    const { snap, token, vault, alice, usd, name } = setup();
    const args = [addressOf(token), addressOf(alice), i128(100n)];
    const transferArgs = [addressOf(alice), addressOf(vault), i128(100n)];
    const entry = signedEntry(alice, vault, 'deposit', args, [transferInvocation(token, transferArgs)]);
    const r = run(snap, invokeFn(vault, 'deposit', args), { auth: [entry] });
    expectOk(r);
    snap.apply(r.changes);
    assert.equal(balanceOf(snap, token, vault), 100n);
    assert.equal(trustlineOf(snap, alice, usd)!.balance, 900n);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['transfer', alice.publicKey(), strkeyOf(vault), name], data: 100n }]);
    // An entry for the vault call alone does not cover the transfer under it.
    const bare = call(snap, vault, 'deposit', args, [alice]);
    assert.deepEqual(errorOf(bare), { type: 9, code: 6 });
  });

  it('pay: the vault is the direct invoker of the transfer, so no signature is needed', () => {
    const { snap, token, vault, alice, bob, usd, name } = setup();
    send(snap, token, 'transfer', [addressOf(alice), addressOf(vault), i128(100n)], [alice]);
    const r = send(snap, vault, 'pay', [addressOf(token), addressOf(bob), i128(30n)]);
    assert.deepEqual(contractEvents(r), [{ contract: strkeyOf(token), topics: ['transfer', strkeyOf(vault), bob.publicKey(), name], data: 30n }]);
    assert.equal(balanceOf(snap, token, vault), 70n);
    assert.equal(trustlineOf(snap, bob, usd)!.balance, 30n);
    // Paying more than it holds fails the vault's call with the SAC's error.
    assert.deepEqual(errorOf(call(snap, vault, 'pay', [addressOf(token), addressOf(bob), i128(71n)])), contractError(SacError.Balance));
  });

  it('try_call of a failing transfer returns Error(Contract, 10) to the vault; the SAC frame leaves nothing behind', () => {
    const { snap, token, vault, bob } = setup();
    const r = call(snap, vault, 'try_pay', [addressOf(token), addressOf(bob), i128(1n)]);
    const value = expectOk(r).toXdrObject();
    assert.deepEqual(value, { type: 16, vec: [{ type: 2, error: { type: 0, contractCode: SacError.Balance } }] });
    assert.deepEqual(contractEvents(r), []);
    assert.ok(!r.changes.some((c) => !c.readOnly));
  });
});

describe('the SAC frame in diagnostics', () => {
  /** Diagnostic events as [first topic, other topics, data], in order. */
  const diagnostics = (r: ReturnType<typeof call>) =>
    r.events
      .map((e) => e.toXdrObject())
      .filter((e) => e.event.type === 2)
      .map((e) => e.event.body.v0.topics.map((t) => xdr.ScVal.fromXdrObject(t)).concat(xdr.ScVal.fromXdrObject(e.event.body.v0.data)));

  it('a call is announced by fn_call (contract id, function, arguments) and closed by fn_return (its value)', () => {
    const { snap, token, vault } = setup();
    const r = call(snap, vault, 'pay', [addressOf(token), addressOf(vault), i128(0n)]);
    expectOk(r);
    const sacCall = diagnostics(r).find((d) => scValToNative(d[0]) === 'fn_call' && scValToNative(d[2]) === 'transfer');
    assert.ok(sacCall, 'fn_call of the SAC transfer');
    assert.deepEqual(new Uint8Array(scValToNative(sacCall[1]) as Buffer), token);
    assert.ok(sacCall[3].equals(xdr.ScVal.scvVec([addressOf(vault), addressOf(vault), i128(0n)])));
    const sacReturn = diagnostics(r).find((d) => scValToNative(d[0]) === 'fn_return' && scValToNative(d[1]) === 'transfer');
    assert.ok(sacReturn?.[2].equals(xdr.ScVal.scvVoid()), 'fn_return of the SAC transfer with Void');
  });

  it('a failing call reports its error and has no fn_return; its events are marked failed', () => {
    const { snap, token, vault, bob } = setup();
    const r = call(snap, vault, 'try_pay', [addressOf(token), addressOf(bob), i128(1n)]);
    expectOk(r);
    const all = diagnostics(r);
    const error = all.find((d) => scValToNative(d[0]) === 'error');
    assert.ok(error?.[1].equals(xdr.ScVal.scvError(xdr.ScError.sceContract(SacError.Balance))), 'Error(Contract, 10)');
    assert.ok(!all.some((d) => scValToNative(d[0]) === 'fn_return' && scValToNative(d[1]) === 'transfer'));
    assert.ok(r.events.some((e) => !e.inSuccessfulContractCall));
  });
});

describe('a custom account holding SAC tokens', () => {
  it('pays out when its __check_auth accepts the entry, and not when it refuses', () => {
    const { snap, token, alice, bob, usd } = setup();
    const wallet = deploy(snap, 21, { wasm: ACCOUNT_WASM }).id;
    send(snap, token, 'transfer', [addressOf(alice), addressOf(wallet), i128(50n)], [alice]);
    const args = [addressOf(wallet), addressOf(bob), i128(20n)];
    const root = xdr.SorobanAuthorizedInvocation.fromXdrObject(transferInvocation(token, args));
    const entry = (nonce: bigint, signature: xdr.ScVal) => withSignature(addressEntry(addressOf(wallet), nonce, root), SEQ + 10, signature);
    // The fixture accepts a Void signature and refuses any other that is not the payload.
    const refused = run(snap, invokeFn(token, 'transfer', args), { auth: [entry(1n, xdr.ScVal.scvU32(0))] });
    assert.deepEqual(errorOf(refused), { type: 9, code: 6 });
    const paid = run(snap, invokeFn(token, 'transfer', args), { auth: [entry(2n, xdr.ScVal.scvVoid())] });
    expectOk(paid);
    snap.apply(paid.changes);
    assert.equal(balanceOf(snap, token, wallet), 30n);
    assert.equal(trustlineOf(snap, bob, usd)!.balance, 20n);
  });
});

describe('SAC storage lifetimes', () => {
  it('every call extends the instance, and every balance write the balance entry, towards the reference TTLs (clamped to the max)', () => {
    const { snap, token, vault, alice } = setup();
    send(snap, token, 'transfer', [addressOf(alice), addressOf(vault), i128(1n)], [alice]);
    assert.equal(snap.get(instanceLedgerKey(token))!.liveUntilLedger, MAX_LIVE_UNTIL);
    const balanceKey = dataKey(token, xdr.ScVal.scvVec([xdr.ScVal.scvSymbol('Balance'), addressOf(vault)]), 1);
    assert.equal(snap.get(balanceKey)!.liveUntilLedger, MAX_LIVE_UNTIL);
    const stored = snap.get(balanceKey)!.entry.toXdrObject().data;
    assert.ok(stored.type === 6);
    assert.deepEqual(scValToNative(xdr.ScVal.fromXdrObject(stored.contractData.val)), { amount: 1n, authorized: true, clawback: false });
  });
});
