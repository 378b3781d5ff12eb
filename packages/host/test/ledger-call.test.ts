/**
 * Cross-contract calls through real Wasm (env.json `call`): results, error mapping of `try_call`,
 * rollback of a failed callee's storage writes and events, re-entry, reserved names, call depth.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { invokeLedgerContract } from '../src/ledger/api.ts';
import {
  INSTANCE,
  MemorySnapshot,
  PERSISTENT,
  SEQ,
  commit,
  dataKey,
  deploy,
  errorOf,
  run,
  sym,
  u32,
  vec,
  type Deployed,
} from './support/ledger.ts';

const err = (type: ErrorType, code: ErrorCode) => ({ type, code });
const errorVal = (type: ErrorType, code: number): xdr.ScVal =>
  xdr.ScVal.fromXdrObject({ type: 2, error: type === ErrorType.Contract ? { type: 0, contractCode: code } : { type, code } } as xdr.ScValWire);
const VOID = xdr.ScVal.scvVoid();
const TOPICS = vec([sym('ev')]);
const account = xdr.ScVal.fromXdrObject({
  type: 18,
  address: { type: 0, accountId: { type: 0, ed25519: new Uint8Array(32).fill(9) } },
} as xdr.ScValWire);

const three = () => {
  const snap = new MemorySnapshot();
  return { snap, a: deploy(snap, 1), b: deploy(snap, 2), c: deploy(snap, 3) };
};

const valueOf = (r: ReturnType<typeof run>): xdr.ScVal => {
  assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
  return r.outcome.value;
};

/** A callee's contract events: (emitting contract, data, whether its call succeeded). */
const contractEvents = (r: ReturnType<typeof run>) =>
  r.events
    .map((e) => e.toXdrObject())
    .filter((e) => e.event.type === 1)
    .map((e) => ({ contract: e.event.contractId, ok: e.inSuccessfulContractCall }));

const callVia = (snap: MemorySnapshot, caller: Deployed, how: 'call' | 'try_call', callee: xdr.ScVal, fn: string, args: xdr.ScVal[]) =>
  run(snap, caller, how, [callee, sym(fn), vec(args)]);

describe('call', () => {
  it('returns the callee result, and the callee writes its own storage', () => {
    const { snap, a, b } = three();
    assert.ok(valueOf(callVia(snap, a, 'call', b.address, 'echo', [u32(5)])).equals(u32(5)));
    const r = callVia(snap, a, 'call', b.address, 'put', [sym('k'), u32(1), PERSISTENT]);
    valueOf(r);
    assert.equal(r.changes.length, 1);
    assert.ok(r.changes[0].key.equals(dataKey(b.id, sym('k'), 1)));
  });

  it("commits the callee's instance storage when it returns", () => {
    const { snap, a, b } = three();
    commit(snap, a, 'call', [b.address, sym('put'), vec([sym('k'), u32(3), INSTANCE])]);
    assert.ok(valueOf(run(snap, b, 'get', [sym('k'), INSTANCE])).equals(u32(3)));
  });

  it('fails the caller with any callee failure, contract errors included', () => {
    const { snap, a, b } = three();
    assert.deepEqual(errorOf(callVia(snap, a, 'call', b.address, 'fail', [errorVal(ErrorType.Contract, 7)])), err(ErrorType.Contract, 7));
    assert.deepEqual(errorOf(callVia(snap, a, 'call', b.address, 'write_emit_fail', [sym('k'), u32(1), TOPICS, VOID])), err(ErrorType.WasmVm, ErrorCode.InvalidAction));
    assert.deepEqual(errorOf(callVia(snap, a, 'call', b.address, 'nope', [])), err(ErrorType.WasmVm, ErrorCode.MissingValue));
    assert.deepEqual(errorOf(callVia(snap, a, 'call', b.address, 'echo', [])), err(ErrorType.WasmVm, ErrorCode.UnexpectedSize));
  });

  it('a callee returning a non-contract Error value fails with Error(Context, InvalidAction)', () => {
    const { snap, a, b } = three();
    assert.deepEqual(
      errorOf(callVia(snap, a, 'call', b.address, 'ret', [errorVal(ErrorType.Storage, ErrorCode.MissingValue)])),
      err(ErrorType.Context, ErrorCode.InvalidAction),
    );
    assert.deepEqual(errorOf(callVia(snap, a, 'call', b.address, 'ret', [errorVal(ErrorType.Contract, 3)])), err(ErrorType.Contract, 3));
  });

  it('a contract that does not exist is Error(Storage, MissingValue); an account address is Error(Object, InvalidInput)', () => {
    const { snap, a } = three();
    const ghost = deploy(new MemorySnapshot(), 9).address;
    assert.deepEqual(errorOf(callVia(snap, a, 'call', ghost, 'echo', [u32(1)])), err(ErrorType.Storage, ErrorCode.MissingValue));
    assert.deepEqual(errorOf(callVia(snap, a, 'call', account, 'echo', [u32(1)])), err(ErrorType.Object, ErrorCode.InvalidInput));
  });
});

describe('try_call', () => {
  const tryCall = (snap: MemorySnapshot, a: Deployed, callee: xdr.ScVal, fn: string, args: xdr.ScVal[]): xdr.ScVal => {
    const boxed = valueOf(callVia(snap, a, 'try_call', callee, fn, args)).toXdrObject(); // the fixture boxes the result in a vec
    assert.ok(boxed.type === 16 && boxed.vec?.length === 1);
    return xdr.ScVal.fromXdrObject(boxed.vec[0]);
  };
  const contextInvalidAction = errorVal(ErrorType.Context, ErrorCode.InvalidAction);

  it('returns the callee result on success', () => {
    const { snap, a, b } = three();
    assert.ok(tryCall(snap, a, b.address, 'echo', [u32(7)]).equals(u32(7)));
  });

  it('passes a contract error through as a value', () => {
    const { snap, a, b } = three();
    assert.ok(tryCall(snap, a, b.address, 'fail', [errorVal(ErrorType.Contract, 7)]).equals(errorVal(ErrorType.Contract, 7)));
    assert.ok(tryCall(snap, a, b.address, 'ret', [errorVal(ErrorType.Contract, 3)]).equals(errorVal(ErrorType.Contract, 3)));
  });

  it('turns every other recoverable failure into Error(Context, InvalidAction)', () => {
    const { snap, a, b } = three();
    const ghost = deploy(new MemorySnapshot(), 9).address;
    for (const [callee, fn, args] of [
      [b.address, 'write_emit_fail', [sym('k'), u32(1), TOPICS, VOID]], // trap
      [b.address, 'nope', []], // missing function
      [b.address, 'echo', []], // wrong arity
      [b.address, 'ret', [errorVal(ErrorType.Storage, ErrorCode.MissingValue)]], // spoofed host error
      [b.address, 'get', [sym('missing'), PERSISTENT]], // storage MissingValue
      [ghost, 'echo', [u32(1)]], // no such contract
    ] as const)
      assert.ok(tryCall(snap, a, callee, fn, [...args]).equals(contextInvalidAction), fn);
  });

  it('cannot catch footprint overruns, archived entries or bad addresses: those still fail the caller', () => {
    const { snap, a, b } = three();
    const footprint = { readOnly: [a.instanceKey, a.codeKey, b.instanceKey, b.codeKey], readWrite: [] };
    const outside = run(snap, a, 'try_call', [b.address, sym('get'), vec([sym('k'), PERSISTENT])], { footprint });
    assert.deepEqual(errorOf(outside), err(ErrorType.Storage, ErrorCode.ExceededLimit));

    commit(snap, b, 'put', [sym('old'), u32(1), PERSISTENT]); // live until SEQ + 99
    const archived = run(snap, a, 'try_call', [b.address, sym('get'), vec([sym('old'), PERSISTENT])], {
      ledger: { sequenceNumber: SEQ + 100 },
      footprint: { ...footprint, readOnly: [...footprint.readOnly, dataKey(b.id, sym('old'), 1)] },
    });
    assert.deepEqual(errorOf(archived), err(ErrorType.Storage, ErrorCode.InternalError));

    assert.deepEqual(errorOf(callVia(snap, a, 'try_call', account, 'echo', [])), err(ErrorType.Object, ErrorCode.InvalidInput));
  });

  it("rolls back a failed callee's storage writes (data and instance) and events; the caller's own stay", () => {
    const { snap, a, b } = three();
    for (const failure of [VOID, errorVal(ErrorType.Contract, 4)]) {
      const r = run(snap, a, 'try_then_write', [b.address, sym('write_emit_fail'), vec([sym('k'), u32(1), TOPICS, failure]), sym('mine')]);
      valueOf(r);
      assert.equal(r.changes.length, 1, 'only the caller write remains');
      assert.ok(r.changes[0].key.equals(dataKey(a.id, sym('mine'), 1)));
      assert.deepEqual(contractEvents(r), [{ contract: b.id, ok: false }]);
    }
    // the same callee succeeding keeps both
    const ok = run(snap, a, 'try_then_write', [b.address, sym('write_emit'), vec([sym('k'), u32(1), TOPICS]), sym('mine')]);
    valueOf(ok);
    assert.equal(ok.changes.length, 2);
    assert.ok(ok.changes.some((c) => c.key.equals(dataKey(b.id, sym('k'), 1))));
    assert.deepEqual(contractEvents(ok), [{ contract: b.id, ok: true }]);
  });
});

describe('call restrictions', () => {
  it('re-entry into a contract already on the stack is Error(Context, InvalidAction)', () => {
    const { snap, a, b, c } = three();
    // a -> a
    assert.deepEqual(errorOf(callVia(snap, a, 'call', a.address, 'echo', [u32(1)])), err(ErrorType.Context, ErrorCode.InvalidAction));
    // a -> b -> a
    assert.deepEqual(
      errorOf(callVia(snap, a, 'call', b.address, 'call', [a.address, sym('echo'), vec([u32(1)])])),
      err(ErrorType.Context, ErrorCode.InvalidAction),
    );
    // a -> b -> c -> b
    assert.deepEqual(
      errorOf(callVia(snap, a, 'call', b.address, 'call', [c.address, sym('call'), vec([b.address, sym('echo'), vec([u32(1)])])])),
      err(ErrorType.Context, ErrorCode.InvalidAction),
    );
    // recoverable: try_call reports it
    const r = valueOf(callVia(snap, a, 'try_call', a.address, 'echo', [u32(1)]));
    assert.ok(r.equals(vec([errorVal(ErrorType.Context, ErrorCode.InvalidAction)])));
    // a -> b then a -> c -> b is fine: b has returned
    assert.ok(valueOf(callVia(snap, a, 'call', c.address, 'call', [b.address, sym('echo'), vec([u32(2)])])).equals(u32(2)));
  });

  it('functions named __* cannot be invoked from outside: Error(Context, InvalidAction)', () => {
    const { snap, a, b } = three();
    assert.deepEqual(errorOf(run(snap, a, '__hidden')), err(ErrorType.Context, ErrorCode.InvalidAction));
    assert.deepEqual(errorOf(callVia(snap, a, 'call', b.address, '__hidden', [])), err(ErrorType.Context, ErrorCode.InvalidAction));
    assert.ok(valueOf(callVia(snap, a, 'try_call', b.address, '__hidden', [])).equals(vec([errorVal(ErrorType.Context, ErrorCode.InvalidAction)])));
  });

  it('the call depth is limited: 99 nested contract frames run, the 100th is Error(Context, ExceededLimit)', () => {
    const snap = new MemorySnapshot();
    const contracts = Array.from({ length: 100 }, (_, i) => deploy(snap, i + 1));
    const chain = (n: number) => run(snap, contracts[0], 'chain', [vec(contracts.slice(1, n).map((c) => c.address))]);
    assert.ok(valueOf(chain(99)).equals(u32(0)));
    assert.deepEqual(errorOf(chain(100)), err(ErrorType.Context, ErrorCode.ExceededLimit));
  });
});

it('a budget too small for the host set-up is a failed outcome, not an exception', () => {
  const snapshot = new MemorySnapshot();
  const r = invokeLedgerContract({ contract: new Uint8Array(32).fill(9), fn: 'f', snapshot }, { budget: { cpuInstructions: 1000 } });
  assert.equal(r.outcome.ok, false);
  if (!r.outcome.ok) assert.deepEqual(r.outcome.error, { type: ErrorType.Budget, code: ErrorCode.ExceededLimit });
  assert.deepEqual(r.changes, []);
});
