import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ErrorCode, ErrorType } from '@sorobox/host';
import { Keypair } from '@stellar/stellar-sdk';
import { TestContract, TestLedger, authorizations } from '../src/testing.ts';

test('cross-contract calls: invokeContract converts the result, tryInvokeContract returns the error', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'sdk-call-'));
  const counter = await TestContract.load(
    new URL('../../../contracts/examples/counter', import.meta.url).pathname,
    { outDir },
  );
  const caller = await TestContract.load(new URL('../fixtures/caller', import.meta.url).pathname, { outDir });
  const ledger = new TestLedger();
  const c = counter.deploy({ ledger });
  const k = caller.deploy({ ledger });
  const bumped = k.invoke('bump_on', { counter: c.address, user: 'bob', by: 2 });
  assert.ok(bumped.ok && bumped.value === 2);
  const again = k.invoke('bump_on', { counter: c.address, user: 'bob', by: 5 });
  assert.ok(again.ok && again.value === 7);
  const seen = c.invoke('user_count', { user: 'bob' });
  assert.ok(seen.ok);
  assert.deepEqual(seen.value, [7]);
  const missing = k.invoke('try_call', { contract: c.address, fn: 'no_such_fn' });
  assert.ok(missing.ok);
  // try_call hands back contract errors as they are, and any other error as (Context, InvalidAction).
  assert.equal(missing.value, (ErrorType.Context << 16) | ErrorCode.InvalidAction);
  const fine = k.invoke('try_call', { contract: c.address, fn: 'increment' });
  assert.ok(fine.ok && fine.value === 0xffffffff);
});

test('a @contractclient calls through typed methods; a Result method carries the callee error', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'sdk-client-'));
  const load = (path: string) => TestContract.load(new URL(path, import.meta.url).pathname, { outDir });
  const [counter, calc, caller] = await Promise.all([
    load('../../../contracts/examples/counter'),
    load('../../../contracts/examples/calc'),
    load('../fixtures/caller'),
  ]);
  const ledger = new TestLedger();
  const c = counter.deploy({ ledger });
  const m = calc.deploy({ ledger });
  const k = caller.deploy({ ledger });
  const twice = k.invoke('bump_twice', { counter: c.address, user: 'ann', by: 3 });
  assert.ok(twice.ok);
  assert.deepEqual(twice.value, [6]);
  assert.ok(k.invoke('reset', { counter: c.address }).ok);
  const checked = (values: number[]) => {
    const r = k.invoke('check_on', { calc: m.address, values });
    return r.ok ? r.value : r.error;
  };
  assert.equal(checked([1]), 0);
  assert.equal(checked([]), 2);
  assert.ok(k.invoke('check_or_fail', { calc: m.address, values: [4] }).ok);
  const failed = k.invoke('check_or_fail', { calc: m.address, values: [] });
  assert.deepEqual(failed.ok ? undefined : [failed.error, failed.errorName], [
    { type: ErrorType.Contract, code: 2 },
    'Empty',
  ]);
  // A client is not part of the caller's spec.
  assert.deepEqual(
    caller.spec.funcs().map((f) => String(f.name)),
    ['bump_on', 'try_call', 'bump_twice', 'reset', 'check_on', 'check_or_fail', 'pay', 'describe', 'collect'],
  );
});

test('TokenClient: SEP-41 calls on the token example, the holder authorizing the nested transfer', async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'sdk-token-client-'));
  const load = (path: string) => TestContract.load(new URL(path, import.meta.url).pathname, { outDir });
  const [token, caller] = await Promise.all([
    load('../../../contracts/examples/token'),
    load('../fixtures/caller'),
  ]);
  const ledger = new TestLedger();
  const admin = Keypair.random().publicKey();
  const t = token.deploy({ ledger, args: { admin, decimal: 7, name: 'Gold', symbol: 'GLD' } });
  const k = caller.deploy({ ledger });
  const holder = Keypair.random();
  const to = Keypair.random().publicKey();
  assert.ok(t.invoke('mint', { to: holder.publicKey(), amount: 100n }).ok);
  const described = k.invoke('describe', { token: t.address });
  assert.ok(described.ok && described.value === 'Gold/GLD/7');
  const paid = k.invoke('pay', { token: t.address, from: holder.publicKey(), to, amount: 40n });
  assert.ok(paid.ok && paid.value === 40n);
  // The holder authorized the token's transfer, a call below the root (caller's pay).
  assert.deepEqual(
    authorizations(paid.result).map((a) => [a.address, a.contract, a.fn]),
    [[holder.publicKey(), t.address, 'transfer']],
  );
  // Signed for real: the holder signs the transfer the caller makes.
  const signed = await k.invokeSigned(
    'pay',
    { token: t.address, from: holder.publicKey(), to, amount: 10n },
    [holder],
  );
  assert.ok(signed.ok && signed.value === 50n);
  assert.ok(
    t.invoke('approve', { from: holder.publicKey(), spender: k.address, amount: 30n, expiration_ledger: 100 })
      .ok,
  );
  const collected = k.invoke('collect', { token: t.address, from: holder.publicKey(), amount: 20n });
  assert.ok(collected.ok && collected.value === 10n, 'the caller spends its allowance as the spender');
  const tooMuch = k.invoke('collect', { token: t.address, from: holder.publicKey(), amount: 11n });
  assert.deepEqual(tooMuch.ok ? undefined : tooMuch.error, { type: ErrorType.Contract, code: 9 });
});
