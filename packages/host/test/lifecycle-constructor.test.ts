/**
 * CAP-58 constructors (seed 003): every rule, through `CreateContract` (v1, no arguments),
 * `CreateContractV2` and the `create_contract(_with_constructor)` host functions.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../src/budget/cost-type.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { MemorySnapshot, errorOf, sym, u32, vec } from './support/ledger.ts';
import {
  apply,
  bytesVal,
  contractIdOfVal,
  constructorContract,
  create,
  createFn,
  invoke,
  invokeCommit,
  lifecycleContract,
  saltOf,
  upload,
  type ConstructorKind,
  err,
  instanceLedgerKey,
} from './support/lifecycle.ts';
import type { EnvMeta } from './support/wat.ts';

const INVALID_ACTION = err(ErrorType.Context, ErrorCode.InvalidAction);
const TRUE = xdr.ScVal.scvBool(true);
const contractError = (code: number) =>
  xdr.ScVal.fromXdrObject({ type: 2, error: { type: 0, contractCode: code } } as xdr.ScValWire);

const setup = (kind: ConstructorKind, meta?: EnvMeta) => {
  const snap = new MemorySnapshot();
  return { snap, hash: upload(snap, constructorContract(kind, meta)) };
};

/** `get(k)` of a created contract: its value, or the error. */
const read = (snap: MemorySnapshot, id: Uint8Array, k: string) => {
  const r = invoke(snap, id, 'get', [sym(k)]);
  return r.outcome.ok ? r.outcome.value : errorOf(r);
};

const MISSING = err(ErrorType.Storage, ErrorCode.MissingValue);

/** A factory contract creating from inside a call, the way a deployer contract does. */
const factoryFor = (snap: MemorySnapshot, salt = 200) => {
  const id = create(snap, upload(snap, lifecycleContract(1)), saltOf(salt));
  const self = invokeCommit(snap, id, 'self');
  return { id, self };
};

describe('CAP-58: contracts with a constructor (protocol 22+)', () => {
  it('CreateContractV2 runs __constructor with the arguments, atomically with the creation', () => {
    const { snap, hash } = setup('store');
    const id = create(snap, hash, saltOf(1), [sym('key'), u32(303)]);
    assert.ok((read(snap, id, 'key') as xdr.ScVal).equals(u32(303)));
  });

  it('create_contract_with_constructor from a contract forwards the arguments', () => {
    const { snap, hash } = setup('store');
    const f = factoryFor(snap);
    const child = invokeCommit(snap, f.id, 'create_ctor', [
      f.self,
      bytesVal(hash),
      bytesVal(saltOf(2)),
      vec([sym('key'), u32(7)]),
    ]);
    assert.ok((read(snap, contractIdOfVal(child), 'key') as xdr.ScVal).equals(u32(7)));
  });

  it('a 0-argument constructor runs under CreateContract (v1), CreateContractV2 and create_contract', () => {
    const { snap, hash } = setup('no_args');
    assert.ok((read(snap, create(snap, hash, saltOf(1)), 'init') as xdr.ScVal).equals(TRUE), 'v1');
    assert.ok((read(snap, create(snap, hash, saltOf(2), []), 'init') as xdr.ScVal).equals(TRUE), 'v2');
    const f = factoryFor(snap);
    const child = invokeCommit(snap, f.id, 'create', [f.self, bytesVal(hash), bytesVal(saltOf(3))]);
    assert.ok((read(snap, contractIdOfVal(child), 'init') as xdr.ScVal).equals(TRUE), 'create_contract');
  });

  it('a constructor taking arguments cannot be run without them: v1 and create_contract fail with Error(Context, InvalidAction)', () => {
    const { snap, hash } = setup('store');
    const r = apply(snap, createFn(hash, saltOf(1)));
    assert.deepEqual(errorOf(r), INVALID_ACTION);
    assert.deepEqual(r.changes, []);
    const f = factoryFor(snap);
    assert.deepEqual(
      errorOf(invoke(snap, f.id, 'create', [f.self, bytesVal(hash), bytesVal(saltOf(3))])),
      INVALID_ACTION,
    );
  });

  it('a wrong number of arguments is Error(Context, InvalidAction)', () => {
    const { snap, hash } = setup('store');
    assert.deepEqual(errorOf(apply(snap, createFn(hash, saltOf(1), [sym('key')]))), INVALID_ACTION);
    assert.deepEqual(
      errorOf(apply(snap, createFn(hash, saltOf(1), [sym('key'), u32(1), u32(2)]))),
      INVALID_ACTION,
    );
    const zero = setup('no_args');
    assert.deepEqual(errorOf(apply(zero.snap, createFn(zero.hash, saltOf(1), [u32(100)]))), INVALID_ACTION);
  });

  it('a failing or trapping constructor rolls the creation back: Error(Context, InvalidAction), nothing written', () => {
    for (const [kind, args] of [
      ['fails', [contractError(5)]],
      ['traps', []],
    ] as const) {
      const { snap, hash } = setup(kind);
      const r = apply(snap, createFn(hash, saltOf(1), [...args]));
      assert.deepEqual(errorOf(r), INVALID_ACTION, kind);
      assert.deepEqual(r.changes, [], kind);
    }
  });

  it('inside a contract, a failed creation leaves no instance; try_call sees Error(Context, InvalidAction)', () => {
    const { snap, hash } = setup('fails');
    const f = factoryFor(snap);
    const createArgs = vec([f.self, bytesVal(hash), bytesVal(saltOf(4)), vec([contractError(5)])]);
    const outer = factoryFor(snap, 201);
    const r = invoke(snap, outer.id, 'try_call', [f.self, sym('create_ctor'), createArgs]);
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    assert.ok(
      r.outcome.value.equals(
        vec([xdr.ScVal.fromXdrObject({ type: 2, error: { type: 2, code: 6 } } as xdr.ScValWire)]),
      ),
    );
    const childId = contractIdOfVal(invokeCommit(snap, f.id, 'id', [f.self, bytesVal(saltOf(4))]));
    assert.ok(!r.changes.some((c) => c.key.equals(instanceLedgerKey(childId))));
  });

  it('a constructor returning a value other than Void is Error(Value, UnexpectedType), and nothing is created', () => {
    const { snap, hash } = setup('returns');
    for (const fn of [createFn(hash, saltOf(1)), createFn(hash, saltOf(1), [])]) {
      const r = apply(snap, fn);
      assert.deepEqual(errorOf(r), err(ErrorType.Value, ErrorCode.UnexpectedType));
      assert.deepEqual(r.changes, []);
    }
  });

  it("a failed constructor's events are reported as from a failed call", () => {
    const { snap, hash } = setup('emits');
    const r = apply(snap, createFn(hash, saltOf(1), []));
    assert.deepEqual(errorOf(r), INVALID_ACTION);
    const contractEvents = r.events.map((e) => e.toXdrObject()).filter((e) => e.event.type === 1);
    assert.equal(contractEvents.length, 1);
    assert.equal(contractEvents[0].inSuccessfulContractCall, false);
  });

  it('__constructor cannot be invoked once the contract exists: Error(Context, InvalidAction)', () => {
    const { snap, hash } = setup('no_args');
    const id = create(snap, hash, saltOf(1));
    assert.deepEqual(errorOf(invoke(snap, id, '__constructor')), INVALID_ACTION);
    const f = factoryFor(snap);
    const target = xdr.ScVal.fromXdrObject({
      type: 18,
      address: { type: 1, contractId: id },
    } as xdr.ScValWire);
    assert.deepEqual(
      errorOf(invoke(snap, f.id, 'call', [target, sym('__constructor'), vec([])])),
      INVALID_ACTION,
    );
  });
});

describe('CAP-58: contracts without a constructor (the default constructor)', () => {
  it('0 arguments are fine through every creation path', () => {
    const { snap, hash } = setup('none');
    create(snap, hash, saltOf(1));
    create(snap, hash, saltOf(2), []);
    const f = factoryFor(snap);
    invokeCommit(snap, f.id, 'create', [f.self, bytesVal(hash), bytesVal(saltOf(3))]);
    invokeCommit(snap, f.id, 'create_ctor', [f.self, bytesVal(hash), bytesVal(saltOf(4)), vec([])]);
  });

  it('any argument is Error(Context, InvalidAction)', () => {
    const { snap, hash } = setup('none');
    assert.deepEqual(errorOf(apply(snap, createFn(hash, saltOf(1), [u32(100)]))), INVALID_ACTION);
    const f = factoryFor(snap);
    assert.deepEqual(
      errorOf(
        invoke(snap, f.id, 'create_ctor', [f.self, bytesVal(hash), bytesVal(saltOf(2)), vec([u32(1)])]),
      ),
      INVALID_ACTION,
    );
  });
});

describe('CAP-58: the constructor runs in its own VM frame, as any call does', () => {
  /** How many times a run charged `InvokeVmFunction` (one per Wasm function call). */
  const vmCalls = (r: ReturnType<typeof apply>) => r.budget.byType.find((t) => t.type === CostType.InvokeVmFunction)?.count ?? 0;

  it('a missing constructor is a no-op only once the code is instantiated (the reference looks the export up in the VM)', () => {
    const { snap, hash } = setup('none');
    const r = apply(snap, createFn(hash, saltOf(1)));
    assert.ok(r.outcome.ok);
    assert.equal(vmCalls(r), 1);
  });

  it('an exported __constructor that is not a Val function is called and fails: Error(Context, InvalidAction), nothing created', () => {
    // wasmi refuses the call: no result is UnexpectedSize, an i32 parameter UnexpectedType.
    for (const [kind, args] of [
      ['no_result', []],
      ['i32_param', [u32(1)]],
      ['i32_param', []],
    ] as const) {
      const { snap, hash } = setup(kind);
      const r = apply(snap, createFn(hash, saltOf(1), [...args]));
      assert.deepEqual(errorOf(r), INVALID_ACTION, `${kind}(${args.length})`);
      assert.deepEqual(r.changes, []);
    }
  });
});

describe('CAP-58: contracts built before protocol 22', () => {
  const P21 = { protocol: 21 };

  it('__constructor is never run, even when exported', () => {
    for (const kind of ['store', 'no_args', 'returns', 'traps'] as const) {
      const { snap, hash } = setup(kind, P21);
      const id = create(snap, hash, saltOf(1));
      assert.deepEqual(read(snap, id, 'init'), MISSING, kind);
      const f = factoryFor(snap);
      const child = invokeCommit(snap, f.id, 'create_ctor', [
        f.self,
        bytesVal(hash),
        bytesVal(saltOf(2)),
        vec([]),
      ]);
      assert.deepEqual(read(snap, contractIdOfVal(child), 'init'), MISSING, kind);
    }
  });

  it('constructor arguments are refused with Error(Context, InvalidAction)', () => {
    const { snap, hash } = setup('store', P21);
    assert.deepEqual(errorOf(apply(snap, createFn(hash, saltOf(1), [sym('key'), u32(1)]))), INVALID_ACTION);
  });

  it('__constructor stays a reserved name: it cannot be invoked', () => {
    const { snap, hash } = setup('no_args', P21);
    const id = create(snap, hash, saltOf(1));
    assert.deepEqual(errorOf(invoke(snap, id, '__constructor')), INVALID_ACTION);
  });
});

describe('CAP-58: updating code never runs a constructor', () => {
  it('a contract switched to Wasm with a constructor does not run it', () => {
    const snap = new MemorySnapshot();
    const id = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
    const ctorHash = upload(snap, constructorContract('no_args'));
    invokeCommit(snap, id, 'update', [bytesVal(ctorHash)]);
    assert.deepEqual(read(snap, id, 'init'), MISSING);
  });
});
