/**
 * TTL through real Wasm: live-until of new entries and every extend function (env.json `ledger`),
 * with the ledger at 1000, minimum TTLs 100 (persistent) / 16 (temporary), max entry TTL 10000.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { customSection } from './support/wat.ts';
import {
  FIXTURE,
  INSTANCE,
  MAX_LIVE_UNTIL,
  MemorySnapshot,
  PERSISTENT,
  SEQ,
  TEMPORARY,
  commit,
  dataKey,
  deploy,
  errorOf,
  liveUntilOf,
  run,
  sym,
  u32,
  type Deployed,
  type RunOptions,
} from './support/ledger.ts';

const err = (type: ErrorType, code: ErrorCode) => ({ type, code });
const account = xdr.ScVal.fromXdrObject({
  type: 18,
  address: { type: 0, accountId: { type: 0, ed25519: new Uint8Array(32).fill(9) } },
} as xdr.ScValWire);

/** The fixture plus a custom section: same behaviour, another code entry. */
const OTHER_CODE = (() => {
  const extra = customSection('sorobox-test', new Uint8Array([1]));
  const out = new Uint8Array(FIXTURE.length + extra.length);
  out.set(FIXTURE);
  out.set(extra, FIXTURE.length);
  return out;
})();

const setup = () => {
  const snap = new MemorySnapshot();
  const a = deploy(snap, 1, { liveUntil: SEQ + 5000 });
  return { snap, a };
};

describe('TTL of new entries', () => {
  it('a new persistent entry lives until seq + min_persistent_ttl - 1, a temporary one seq + min_temporary_ttl - 1', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('p'), u32(1), PERSISTENT]);
    commit(snap, a, 'put', [sym('t'), u32(1), TEMPORARY]);
    assert.equal(liveUntilOf(snap, dataKey(a.id, sym('p'), 1)), SEQ + 100 - 1);
    assert.equal(liveUntilOf(snap, dataKey(a.id, sym('t'), 0)), SEQ + 16 - 1);
  });

  it('overwriting an entry keeps its live-until; writing instance storage keeps the instance TTL', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('p'), u32(1), PERSISTENT]);
    commit(snap, a, 'put', [sym('p'), u32(2), PERSISTENT], { ledger: { sequenceNumber: SEQ + 50 } });
    assert.equal(liveUntilOf(snap, dataKey(a.id, sym('p'), 1)), SEQ + 99);
    commit(snap, a, 'put', [sym('i'), u32(2), INSTANCE]);
    assert.equal(liveUntilOf(snap, a.instanceKey), SEQ + 5000);
  });
});

describe('extend_contract_data_ttl', () => {
  const extend = (snap: MemorySnapshot, a: Deployed, t: xdr.ScVal, threshold: number, extendTo: number, options: RunOptions = {}) =>
    run(snap, a, 'extend', [sym('k'), t, u32(threshold), u32(extendTo)], options);

  it('extends to seq + extend_to when the TTL is at most the threshold, else does nothing', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('k'), u32(1), PERSISTENT]); // TTL 99
    const key = dataKey(a.id, sym('k'), 1);
    const skipped = extend(snap, a, PERSISTENT, 98, 500);
    assert.ok(skipped.outcome.ok);
    assert.equal(skipped.changes.length, 0);
    const done = extend(snap, a, PERSISTENT, 99, 500);
    assert.ok(done.outcome.ok);
    assert.equal(done.changes.length, 1);
    const [c] = done.changes;
    assert.ok(c.key.equals(key));
    assert.equal(c.readOnly, true); // an extension is a read for the footprint
    assert.equal(c.liveUntilLedger, SEQ + 500);
    assert.equal(c.previous?.liveUntilLedger, SEQ + 99);
    snap.apply(done.changes);
    assert.equal(liveUntilOf(snap, key), SEQ + 500);
  });

  it('never lowers a live-until', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('k'), u32(1), PERSISTENT]);
    commit(snap, a, 'extend', [sym('k'), PERSISTENT, u32(1000), u32(1000)]);
    const lower = extend(snap, a, PERSISTENT, 1000, 1000, { ledger: { sequenceNumber: SEQ - 10 } });
    assert.ok(lower.outcome.ok);
    assert.equal(lower.changes.length, 0);
    assert.equal(liveUntilOf(snap, dataKey(a.id, sym('k'), 1)), SEQ + 1000);
  });

  it('threshold > extend_to is Error(Storage, InvalidInput)', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('k'), u32(1), PERSISTENT]);
    assert.deepEqual(errorOf(extend(snap, a, PERSISTENT, 501, 500)), err(ErrorType.Storage, ErrorCode.InvalidInput));
  });

  it('past the maximum, a persistent entry is clamped to seq + max_entry_ttl - 1', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('k'), u32(1), PERSISTENT]);
    const r = extend(snap, a, PERSISTENT, 100, 50_000);
    assert.ok(r.outcome.ok);
    assert.equal(r.changes[0].liveUntilLedger, MAX_LIVE_UNTIL);
  });

  it('past the maximum, a temporary entry fails with Error(Storage, InvalidAction); up to it, it extends', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('k'), u32(1), TEMPORARY]);
    assert.deepEqual(errorOf(extend(snap, a, TEMPORARY, 100, 10_000)), err(ErrorType.Storage, ErrorCode.InvalidAction));
    const r = extend(snap, a, TEMPORARY, 100, 9_999);
    assert.ok(r.outcome.ok);
    assert.equal(r.changes[0].liveUntilLedger, MAX_LIVE_UNTIL);
  });

  it('a missing entry is Error(Storage, MissingValue); instance storage is Error(Storage, InvalidAction)', () => {
    const { snap, a } = setup();
    assert.deepEqual(errorOf(extend(snap, a, PERSISTENT, 10, 100)), err(ErrorType.Storage, ErrorCode.MissingValue));
    assert.deepEqual(errorOf(extend(snap, a, INSTANCE, 10, 100)), err(ErrorType.Storage, ErrorCode.InvalidAction));
  });

  it('works on a read-only footprint entry (only the TTL changes)', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('k'), u32(1), PERSISTENT]);
    const key = dataKey(a.id, sym('k'), 1);
    const r = extend(snap, a, PERSISTENT, 100, 700, { footprint: { readOnly: [a.instanceKey, a.codeKey, key], readWrite: [] } });
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    assert.equal(r.changes[0].liveUntilLedger, SEQ + 700);
    assert.equal(r.changes[0].readOnly, true);
  });
});

describe('instance and code extension', () => {
  const two = () => {
    const snap = new MemorySnapshot();
    const a = deploy(snap, 1, { liveUntil: SEQ + 200 });
    // b runs other code, with its own code entry and TTLs
    const b = deploy(snap, 2, { liveUntil: SEQ + 300, wasm: OTHER_CODE });
    return { snap, a, b };
  };

  it('extend_current_contract_instance_and_code_ttl extends the running contract instance and its code', () => {
    const { snap, a } = two();
    const skipped = run(snap, a, 'extend_self', [u32(199), u32(1000)]);
    assert.ok(skipped.outcome.ok);
    assert.equal(skipped.changes.length, 0);
    commit(snap, a, 'extend_self', [u32(200), u32(1000)]);
    assert.equal(liveUntilOf(snap, a.instanceKey), SEQ + 1000);
    assert.equal(liveUntilOf(snap, a.codeKey), SEQ + 1000);
    // clamped, never failing: both are persistent
    commit(snap, a, 'extend_self', [u32(1000), u32(50_000)]);
    assert.equal(liveUntilOf(snap, a.instanceKey), MAX_LIVE_UNTIL);
    assert.equal(liveUntilOf(snap, a.codeKey), MAX_LIVE_UNTIL);
    assert.deepEqual(errorOf(run(snap, a, 'extend_self', [u32(11), u32(10)])), err(ErrorType.Storage, ErrorCode.InvalidInput));
  });

  it('extend_contract_instance_and_code_ttl extends another contract instance and code', () => {
    const { snap, a, b } = two();
    commit(snap, a, 'extend_ic', [b.address, u32(300), u32(800)]);
    assert.equal(liveUntilOf(snap, b.instanceKey), SEQ + 800);
    assert.equal(liveUntilOf(snap, b.codeKey), SEQ + 800);
    assert.equal(liveUntilOf(snap, a.instanceKey), SEQ + 200);
  });

  it('extend_contract_instance_ttl extends only the instance, extend_contract_code_ttl only the code', () => {
    const { snap, a, b } = two();
    commit(snap, a, 'extend_i', [b.address, u32(300), u32(800)]);
    assert.equal(liveUntilOf(snap, b.instanceKey), SEQ + 800);
    assert.equal(liveUntilOf(snap, b.codeKey), SEQ + 300);
    commit(snap, a, 'extend_c', [b.address, u32(300), u32(900)]);
    assert.equal(liveUntilOf(snap, b.instanceKey), SEQ + 800);
    assert.equal(liveUntilOf(snap, b.codeKey), SEQ + 900);
  });

  it('an account address is Error(Object, InvalidInput); a missing contract is Error(Storage, MissingValue)', () => {
    const { snap, a } = two();
    for (const fn of ['extend_ic', 'extend_i', 'extend_c'])
      assert.deepEqual(errorOf(run(snap, a, fn, [account, u32(1), u32(2)])), err(ErrorType.Object, ErrorCode.InvalidInput), fn);
    const ghost = deploy(new MemorySnapshot(), 9).address;
    for (const fn of ['extend_ic', 'extend_i', 'extend_c'])
      assert.deepEqual(errorOf(run(snap, a, fn, [ghost, u32(1), u32(2)])), err(ErrorType.Storage, ErrorCode.MissingValue), fn);
  });
});

describe('CAP-78 _v2 extensions (the reference host test sequence)', () => {
  const ledger = { maxEntryTtl: 100_000 };

  for (const storage of ['persistent', 'temporary', 'instance'] as const) {
    it(`extend_${storage === 'instance' ? 'contract_instance_and_code' : 'contract_data'}_ttl_v2 on ${storage} storage`, () => {
      const snap = new MemorySnapshot();
      const a = deploy(snap, 1, { liveUntil: SEQ + 100 - 1 });
      let seq = SEQ;
      const t = storage === 'temporary' ? TEMPORARY : PERSISTENT;
      if (storage !== 'instance') commit(snap, a, 'put', [sym('key_1'), u32(1234), t], { ledger });
      const key = storage === 'instance' ? a.instanceKey : dataKey(a.id, sym('key_1'), storage === 'temporary' ? 0 : 1);
      const live = () => liveUntilOf(snap, key)!;
      const currTtl = () => live() - seq;
      const extend = (to: number, min: number, max: number): number | { type: number; code: number } => {
        const before = live();
        const args =
          storage === 'instance'
            ? [a.address, u32(1), u32(to), u32(min), u32(max)]
            : [sym('key_1'), t, u32(to), u32(min), u32(max)];
        const r = run(snap, a, storage === 'instance' ? 'extend_ic_v2' : 'extend_v2', args, { ledger: { ...ledger, sequenceNumber: seq } });
        if (!r.outcome.ok) return errorOf(r)!;
        snap.apply(r.changes);
        return live() - before;
      };
      const invalidInput = err(ErrorType.Storage, ErrorCode.InvalidInput);
      const invalidAction = err(ErrorType.Storage, ErrorCode.InvalidAction);

      // max_extension < min_extension
      assert.deepEqual(extend(5000, 1000, 500), invalidInput);
      assert.deepEqual(extend(1, 3, 2), invalidInput);
      assert.deepEqual(extend(100, 100, 99), invalidInput);
      assert.deepEqual(extend(100, 0xffffffff, 0xfffffffe), invalidInput);
      // between min and max
      assert.equal(extend(currTtl() + 500, 100, 1000), 500);
      assert.equal(extend(currTtl() + 1, 0, 1), 1);
      assert.equal(extend(currTtl() + 10, 10, 10), 10);
      assert.equal(extend(currTtl() + 99, 99, 100), 99);
      assert.equal(extend(currTtl() + 90, 40, 0xffffffff), 90);
      // extend_to already satisfied
      assert.equal(extend(currTtl() - 100, 0, 1000), 0);
      assert.equal(extend(currTtl() - 1, 0, 1000), 0);
      assert.equal(extend(currTtl(), 0, 10000), 0);
      // extension below min_extension
      assert.equal(extend(currTtl() + 50, 100, 200), 0);
      assert.equal(extend(currTtl(), 1, 10000), 0);
      assert.equal(extend(currTtl() + 99, 100, 10000), 0);
      // capped by max_extension
      assert.equal(extend(currTtl() + 4999, 4999, 4999), 4999);
      assert.equal(extend(currTtl() + 3000, 199, 200), 200);
      assert.equal(extend(currTtl() + 7000, 0, 1), 1);

      const maxTtl = seq + 100_000 - 1 - seq;
      const toMax = maxTtl - currTtl();
      assert.equal(extend(maxTtl, 0, 100_000), toMax);

      if (storage === 'temporary') {
        for (let i = 0; i < 2; i++) {
          assert.deepEqual(extend(maxTtl + 1, 0, maxTtl + 100), invalidAction);
          // past the max but below min_extension: still an error
          assert.deepEqual(extend(maxTtl + 100, maxTtl, maxTtl + 10000), invalidAction);
          // past the max but capped by max_extension: still an error
          assert.deepEqual(extend(maxTtl + 100, 0, 1), invalidAction);
          seq += 1000;
        }
      } else {
        assert.equal(extend(maxTtl + 1, 0, maxTtl + 100), 0);
        assert.equal(extend(maxTtl + 1000, 0, 0xffffffff), 0);
        assert.equal(extend(maxTtl + 1000, maxTtl + 10000, 0xffffffff), 0);
        seq += 1000;
        assert.equal(extend(maxTtl + 1, 0, 1), 1);
        assert.equal(extend(maxTtl + 100, maxTtl, maxTtl + 1000), 0);
        assert.equal(extend(maxTtl + 1000, 0, maxTtl + 100), 999);
      }
    });
  }

  it('extend_contract_data_ttl_v2 refuses instance storage: Error(Storage, InvalidAction)', () => {
    const { snap, a } = setup();
    commit(snap, a, 'put', [sym('key_1'), u32(1), INSTANCE]);
    assert.deepEqual(
      errorOf(run(snap, a, 'extend_v2', [sym('key_1'), INSTANCE, u32(5000), u32(1), u32(500)])),
      err(ErrorType.Storage, ErrorCode.InvalidAction),
    );
  });

  it('extend_contract_instance_and_code_ttl_v2: extension_scope picks instance and code, instance only, or code only', () => {
    const snap = new MemorySnapshot();
    const a = deploy(snap, 1, { liveUntil: SEQ + 100 });
    const extend = (scope: number, to: number) => {
      const before = [liveUntilOf(snap, a.instanceKey)!, liveUntilOf(snap, a.codeKey)!];
      commit(snap, a, 'extend_ic_v2', [a.address, u32(scope), u32(to), u32(1), u32(500)], { ledger });
      return [liveUntilOf(snap, a.instanceKey)! - before[0], liveUntilOf(snap, a.codeKey)! - before[1]];
    };
    assert.deepEqual(extend(0, 8000), [500, 500]);
    assert.deepEqual(extend(1, 9000), [500, 0]);
    assert.deepEqual(extend(2, 10000), [0, 500]);
    assert.deepEqual(
      errorOf(run(snap, a, 'extend_ic_v2', [a.address, u32(3), u32(100), u32(1), u32(5)])),
      err(ErrorType.Value, ErrorCode.InvalidInput),
    );
  });
});
