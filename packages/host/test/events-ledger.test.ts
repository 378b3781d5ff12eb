/**
 * Events of a ledger run (`soroban-env-host/src/events`, stellar-core's limit): contract and system
 * events in order with their contract ids; no per-event topic limits in the host; the network's
 * total size of emitted events plus the return value; events of a failed frame dropped (reported as
 * from a failed call, not counted); diagnostic events only when diagnostics are on, at no cost.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { TESTNET_P26_CONFIG } from '../src/config/network-config.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { MemorySnapshot, deploy, errorOf, sym, u32, vec } from './support/ledger.ts';
import { bytesVal, err, invoke, lifecycleContract } from './support/lifecycle.ts';

const LIMIT = TESTNET_P26_CONFIG.txMaxContractEventsSizeBytes;

const setup = () => {
  const snap = new MemorySnapshot();
  const a = deploy(snap, 1, { wasm: lifecycleContract(1) });
  const b = deploy(snap, 2, { wasm: lifecycleContract(1) });
  return { snap, a, b };
};

const summary = (r: ReturnType<typeof invoke>) =>
  r.events
    .map((e) => e.toXdrObject())
    .map((e) => ({ type: e.event.type, contract: e.event.contractId?.[0], ok: e.inSuccessfulContractCall }));

/**
 * XDR size of a contract event with no topics and `n` bytes of data: ext 4, contract id 4 + 32,
 * type 4, body arm 4, topics length 4, data (type 4, length 4, bytes padded to 4).
 */
const eventSize = (n: number) => 60 + Math.ceil(n / 4) * 4;
const VOID_RESULT = 4;

describe('contract and system events of a ledger run', () => {
  it('are reported in order, each with the emitting contract, across calls', () => {
    const { snap, a, b } = setup();
    const r = invoke(snap, a.id, 'call', [b.address, sym('emit'), vec([vec([sym('x')]), u32(1)])]);
    assert.ok(r.outcome.ok);
    assert.deepEqual(summary(r), [{ type: 1, contract: 2, ok: true }]);
    const body = r.events[0].toXdrObject().event.body.v0;
    assert.ok(xdr.ScVal.fromXdrObject(body.topics[0]).equals(sym('x')));
    assert.ok(xdr.ScVal.fromXdrObject(body.data).equals(u32(1)));
  });

  it('the host puts no limit on topics: many topics, and vectors or maps as topics, are recorded', () => {
    const { snap, a } = setup();
    const topics = vec([
      ...Array.from({ length: 20 }, (_, i) => u32(i)),
      vec([u32(1)]),
      xdr.ScVal.scvMap([]),
    ]);
    const r = invoke(snap, a.id, 'emit', [topics, u32(0)]);
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    assert.equal(r.events[0].toXdrObject().event.body.v0.topics.length, 22);
  });
});

describe("the network's limit on emitted events plus the return value", () => {
  it(`events and return value of exactly ${LIMIT} bytes pass; 4 bytes more fail with Error(Budget, ExceededLimit)`, () => {
    const { snap, a } = setup();
    const n = LIMIT - VOID_RESULT - eventSize(0);
    assert.equal(eventSize(n) + VOID_RESULT, LIMIT);
    const ok = invoke(snap, a.id, 'emit', [vec([]), bytesVal(new Uint8Array(n))]);
    assert.ok(ok.outcome.ok, ok.outcome.ok ? '' : ok.outcome.message);
    assert.equal(
      xdr.ContractEvent.fromXdrObject(ok.events[0].toXdrObject().event).toXdr().length,
      eventSize(n),
    );
    const over = invoke(snap, a.id, 'emit', [vec([]), bytesVal(new Uint8Array(n + 4))]);
    assert.deepEqual(errorOf(over), err(ErrorType.Budget, ErrorCode.ExceededLimit));
    assert.deepEqual(over.changes, []);
    assert.deepEqual(summary(over), [{ type: 1, contract: 1, ok: false }]);
  });

  it('the return value counts towards the limit', () => {
    const snap = new MemorySnapshot();
    const echo = deploy(snap, 3);
    // an ScVal of n bytes is 8 + n bytes of XDR (n a multiple of 4), and no event is emitted
    assert.ok(invoke(snap, echo.id, 'echo', [bytesVal(new Uint8Array(LIMIT - 8))]).outcome.ok);
    assert.deepEqual(
      errorOf(invoke(snap, echo.id, 'echo', [bytesVal(new Uint8Array(LIMIT - 4))])),
      err(ErrorType.Budget, ErrorCode.ExceededLimit),
    );
  });

  it("a failed frame's events are dropped: reported as from a failed call, and not counted", () => {
    const snap = new MemorySnapshot();
    const [a, b] = [deploy(snap, 1), deploy(snap, 2)];
    const big = bytesVal(new Uint8Array(LIMIT));
    const topics = vec([sym('ev')]);
    const kept = invoke(snap, a.id, 'try_call', [b.address, sym('write_emit'), vec([sym('k'), big, topics])]);
    assert.deepEqual(errorOf(kept), err(ErrorType.Budget, ErrorCode.ExceededLimit));
    const contractError = xdr.ScVal.fromXdrObject({
      type: 2,
      error: { type: 0, contractCode: 1 },
    } as xdr.ScValWire);
    const dropped = invoke(snap, a.id, 'try_call', [
      b.address,
      sym('write_emit_fail'),
      vec([sym('k'), big, topics, contractError]),
    ]);
    assert.ok(dropped.outcome.ok, dropped.outcome.ok ? '' : dropped.outcome.message);
    assert.deepEqual(summary(dropped), [{ type: 1, contract: 2, ok: false }]);
  });
});

describe('diagnostic events', () => {
  it('are recorded only when diagnostics are on, cost nothing, and do not count towards the limit', () => {
    const { snap, a } = setup();
    const n = LIMIT - VOID_RESULT - eventSize(0);
    const args = [vec([]), bytesVal(new Uint8Array(n))];
    const off = invoke(snap, a.id, 'emit', args);
    const on = invoke(snap, a.id, 'emit', args, { diagnostics: true });
    assert.ok(off.outcome.ok && on.outcome.ok);
    assert.deepEqual(summary(off), [{ type: 1, contract: 1, ok: true }]);
    const diagnostic = summary(on).filter((e) => e.type === 2);
    assert.ok(diagnostic.length >= 2, 'fn_call and fn_return');
    assert.deepEqual(
      summary(on).filter((e) => e.type !== 2),
      summary(off),
    );
    assert.equal(on.budget.cpuInstructions, off.budget.cpuInstructions);
    assert.equal(on.budget.memoryBytes, off.budget.memoryBytes);
  });
});
