/**
 * What a SAC call costs. The reference's SAC is native code charged for the host work it does, so
 * the figures here come from that work: the XDR decoding of the operation and its entries, the
 * signature check, instance storage, the classic entries it reads, copies and rebuilds, the event.
 * The bands pin the figures so a metering change shows; the simulation must cover the transaction.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authorizeEntry } from '@stellar/stellar-sdk';
import { CostType } from '../src/budget/cost-type.ts';
import type { HostFunctionResult } from '../src/ledger/api.ts';
import { SEQ } from './support/ledger.ts';
import { PASSPHRASE, addressOf, expectOk, i128, invokeFn, run, send, world } from './support/sac.ts';

const cpuOf = (r: HostFunctionResult, type: CostType) => r.budget.byType.find((t) => t.type === type)?.cpu ?? 0;

/** Simulates `fn(args)`, then applies it as a transaction: the recorded footprint, entries signed. */
const simulateThenApply = async (w: ReturnType<typeof world>, fn: string, args: ReturnType<typeof i128>[]) => {
  const simulated = run(w.snap, invokeFn(w.token, fn, args), { authMode: 'record' });
  expectOk(simulated);
  const auth = await Promise.all(simulated.auth.map((e) => authorizeEntry(e, w.alice, SEQ + 100, PASSPHRASE)));
  const applied = run(w.snap, invokeFn(w.token, fn, args), { footprint: simulated.footprint, auth });
  expectOk(applied);
  return { simulated, applied };
};

const setup = () => {
  const w = world();
  send(w.snap, w.token, 'mint', [addressOf(w.alice), i128(1000n)], [w.issuer]);
  return w;
};

describe('SAC metering', () => {
  it('transfer between two accounts (issued asset): 500k–600k instructions, the ed25519 check ~420k of them', async () => {
    const w = setup();
    const { simulated, applied } = await simulateThenApply(w, 'transfer', [addressOf(w.alice), addressOf(w.bob), i128(10n)]);
    const cpu = applied.budget.cpuInstructions;
    assert.ok(cpu > 500_000 && cpu < 600_000, `transfer: ${cpu}`);
    const signature = cpuOf(applied, CostType.VerifyEd25519Sig) + cpuOf(applied, CostType.ComputeEd25519PubKey);
    assert.ok(signature > 410_000 && signature < 425_000, `signature: ${signature}`);
    // The rest: XDR decoding of the operation and 5 entries (~63k), hashing, storage, the SAC's own work.
    assert.ok(cpu - signature > 90_000 && cpu - signature < 180_000, `without the signature: ${cpu - signature}`);
    assert.ok(cpuOf(applied, CostType.ValDeser) > 50_000, 'the operation and its entries are decoded');
    assert.ok(simulated.budget.cpuInstructions >= cpu, 'the simulation covers the transaction');
  });

  it('balance of an account (issued asset): 45k–75k instructions, half of it decoding the instance and trustline', async () => {
    const w = setup();
    const { simulated, applied } = await simulateThenApply(w, 'balance', [addressOf(w.alice)]);
    const cpu = applied.budget.cpuInstructions;
    assert.ok(cpu > 45_000 && cpu < 75_000, `balance: ${cpu}`);
    const decoding = cpuOf(applied, CostType.ValDeser);
    assert.ok(decoding > 25_000 && decoding < 40_000, `decoding: ${decoding}`);
    assert.ok(simulated.budget.cpuInstructions >= cpu);
  });
});
