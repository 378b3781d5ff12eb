/** Storage through real Wasm: each storage type, missing values, sizes, keys, footprint, expiry. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import {
  INSTANCE,
  MemorySnapshot,
  PERSISTENT,
  SEQ,
  TEMPORARY,
  commit,
  dataKey,
  deploy,
  errorOf,
  idOf,
  run,
  sym,
  u32,
} from './support/ledger.ts';

const err = (type: ErrorType, code: ErrorCode) => ({ type, code });
const bytes = (n: number) => xdr.ScVal.scvBytes(new Uint8Array(n).fill(1));
const muxed = xdr.ScVal.fromXdrObject({
  type: 18,
  address: { type: 2, muxedAccount: { id: 7n, ed25519: new Uint8Array(32).fill(3) } },
} as xdr.ScValWire);

const valueOf = (r: ReturnType<typeof run>): xdr.ScVal => {
  assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
  return r.outcome.value;
};

describe('put_contract_data / get_contract_data / has_contract_data / del_contract_data', () => {
  for (const [name, type, durability] of [
    ['temporary', TEMPORARY, 0],
    ['persistent', PERSISTENT, 1],
  ] as const) {
    it(`${name}: a put creates one ${name} contract data entry; get, has and del see it`, () => {
      const snap = new MemorySnapshot();
      const c = deploy(snap, 1);
      assert.ok(valueOf(run(snap, c, 'has', [sym('k'), type])).equals(xdr.ScVal.scvBool(false)));
      const put = run(snap, c, 'put', [sym('k'), u32(42), type]);
      valueOf(put);
      assert.equal(put.changes.length, 1);
      const [change] = put.changes;
      assert.ok(change.key.equals(dataKey(c.id, sym('k'), durability)));
      assert.equal(change.readOnly, false);
      assert.equal(change.previous, undefined);
      const data = change.entry!.toXdrObject().data;
      assert.equal(data.type, 6);
      assert.ok(xdr.ScVal.fromXdrObject((data as { contractData: xdr.ContractDataEntryWire }).contractData.val).equals(u32(42)));
      snap.apply(put.changes);

      assert.ok(valueOf(run(snap, c, 'get', [sym('k'), type])).equals(u32(42)));
      assert.ok(valueOf(run(snap, c, 'has', [sym('k'), type])).equals(xdr.ScVal.scvBool(true)));
      // the other durability is another key space
      assert.ok(valueOf(run(snap, c, 'has', [sym('k'), durability === 0 ? PERSISTENT : TEMPORARY])).equals(xdr.ScVal.scvBool(false)));

      commit(snap, c, 'put', [sym('k'), u32(43), type]);
      assert.ok(valueOf(run(snap, c, 'get', [sym('k'), type])).equals(u32(43)));

      const del = run(snap, c, 'del', [sym('k'), type]);
      valueOf(del);
      assert.equal(del.changes.length, 1);
      assert.equal(del.changes[0].entry, undefined);
      assert.ok(del.changes[0].previous);
      snap.apply(del.changes);
      assert.ok(valueOf(run(snap, c, 'has', [sym('k'), type])).equals(xdr.ScVal.scvBool(false)));
      // deleting an absent key is not an error, and changes nothing
      const again = run(snap, c, 'del', [sym('k'), type]);
      valueOf(again);
      assert.equal(again.changes.length, 0);
    });

    it(`${name}: get of a missing key is Error(Storage, MissingValue)`, () => {
      const snap = new MemorySnapshot();
      const c = deploy(snap, 1);
      assert.deepEqual(errorOf(run(snap, c, 'get', [sym('nope'), type])), err(ErrorType.Storage, ErrorCode.MissingValue));
    });
  }

  it('instance: values live in the instance entry map, written back when the call returns', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    assert.ok(valueOf(run(snap, c, 'has', [sym('k'), INSTANCE])).equals(xdr.ScVal.scvBool(false)));
    const put = run(snap, c, 'put', [sym('k'), u32(7), INSTANCE]);
    valueOf(put);
    assert.equal(put.changes.length, 1);
    assert.ok(put.changes[0].key.equals(c.instanceKey));
    const val = (put.changes[0].entry!.toXdrObject().data as { contractData: xdr.ContractDataEntryWire }).contractData.val;
    assert.equal(val.type, 19);
    const storage = (val as { instance: xdr.ScContractInstanceWire }).instance.storage!;
    assert.equal(storage.length, 1);
    assert.ok(xdr.ScVal.fromXdrObject(storage[0].key).equals(sym('k')));
    assert.ok(xdr.ScVal.fromXdrObject(storage[0].val).equals(u32(7)));
    // the instance keeps its TTL and executable
    assert.equal(put.changes[0].liveUntilLedger, SEQ + 5000);
    assert.deepEqual((val as { instance: xdr.ScContractInstanceWire }).instance.executable, { type: 0, wasmHash: c.hash });
    snap.apply(put.changes);

    assert.ok(valueOf(run(snap, c, 'get', [sym('k'), INSTANCE])).equals(u32(7)));
    assert.ok(valueOf(run(snap, c, 'has', [sym('k'), INSTANCE])).equals(xdr.ScVal.scvBool(true)));
    commit(snap, c, 'put', [sym('a'), u32(1), INSTANCE]);
    commit(snap, c, 'del', [sym('k'), INSTANCE]);
    assert.ok(valueOf(run(snap, c, 'has', [sym('k'), INSTANCE])).equals(xdr.ScVal.scvBool(false)));
    assert.ok(valueOf(run(snap, c, 'get', [sym('a'), INSTANCE])).equals(u32(1)));
    assert.deepEqual(errorOf(run(snap, c, 'get', [sym('k'), INSTANCE])), err(ErrorType.Storage, ErrorCode.MissingValue));
  });

  it('instance: reads do not write the instance back; a delete does, even of an absent key', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    const read = run(snap, c, 'has', [sym('k'), INSTANCE]);
    valueOf(read);
    assert.equal(read.changes.length, 0);
    assert.equal(read.footprint.readWrite.length, 0);
    const del = run(snap, c, 'del', [sym('k'), INSTANCE]);
    valueOf(del);
    assert.equal(del.footprint.readWrite.length, 1);
    assert.ok(del.footprint.readWrite[0].equals(c.instanceKey));
  });

  it('a StorageType outside Temporary/Persistent/Instance is Error(Value, InvalidInput)', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    assert.deepEqual(errorOf(run(snap, c, 'put', [sym('k'), u32(1), u32(3)])), err(ErrorType.Value, ErrorCode.InvalidInput));
    assert.deepEqual(errorOf(run(snap, c, 'has', [sym('k'), u32(99)])), err(ErrorType.Value, ErrorCode.InvalidInput));
  });

  it('keys may be any value; objects compare by value, not by handle', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    const key = xdr.ScVal.scvVec([sym('balance'), xdr.ScVal.scvString('alice'), xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 1n, lo: 2n }))]);
    commit(snap, c, 'put', [key, u32(9), PERSISTENT]);
    const same = xdr.ScVal.scvVec([sym('balance'), xdr.ScVal.scvString('alice'), xdr.ScVal.scvI128(new xdr.Int128Parts({ hi: 1n, lo: 2n }))]);
    assert.ok(valueOf(run(snap, c, 'get', [same, PERSISTENT])).equals(u32(9)));
    commit(snap, c, 'put', [key, u32(10), INSTANCE]);
    assert.ok(valueOf(run(snap, c, 'get', [same, INSTANCE])).equals(u32(10)));
  });

  it('a muxed address is refused as a key (Error(Storage, InvalidInput)) but stored as a value', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    for (const t of [TEMPORARY, PERSISTENT, INSTANCE])
      assert.deepEqual(errorOf(run(snap, c, 'put', [muxed, u32(1), t])), err(ErrorType.Storage, ErrorCode.InvalidInput));
    assert.deepEqual(errorOf(run(snap, c, 'get', [vec1(muxed), PERSISTENT])), err(ErrorType.Storage, ErrorCode.InvalidInput));
    commit(snap, c, 'put', [sym('m'), muxed, PERSISTENT]);
    assert.ok(valueOf(run(snap, c, 'get', [sym('m'), PERSISTENT])).equals(muxed));
  });
});

const vec1 = (v: xdr.ScVal) => xdr.ScVal.scvVec([v]);

describe('size limits (applied to the run, as stellar-core does after the host returns)', () => {
  it('a contract data key over 250 bytes fails the run with Error(Budget, ExceededLimit)', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    // the key's XDR is 4 (type) + 36 (address) + 8 + n padded to 4 (bytes) + 4 (durability)
    const fits = run(snap, c, 'put', [bytes(196), u32(1), PERSISTENT]);
    valueOf(fits);
    assert.equal(fits.changes[0].key.toXdr().length, 248);
    const over = run(snap, c, 'put', [bytes(197), u32(1), PERSISTENT]);
    assert.deepEqual(errorOf(over), err(ErrorType.Budget, ErrorCode.ExceededLimit));
    assert.equal(over.changes.length, 0);
    // reading with such a key fails the same way: the key is in the footprint
    assert.deepEqual(errorOf(run(snap, c, 'has', [bytes(300), TEMPORARY])), err(ErrorType.Budget, ErrorCode.ExceededLimit));
  });

  it('a contract data entry over 65536 bytes fails the run with Error(Budget, ExceededLimit)', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    // entry XDR: 4 (lastModified) + 4 (type) + 4 (ext) + 36 (address) + 8 (key sym "k") + 4 (durability) + 8 + n (bytes) + 4 (ext)
    const fits = run(snap, c, 'put', [sym('k'), bytes(65_460), PERSISTENT]);
    valueOf(fits);
    assert.equal(fits.changes[0].entry!.toXdr().length, 65_536);
    const over = run(snap, c, 'put', [sym('k'), bytes(65_464), PERSISTENT]);
    assert.deepEqual(errorOf(over), err(ErrorType.Budget, ErrorCode.ExceededLimit));
    assert.equal(over.changes.length, 0);
    // instance storage counts towards the instance entry
    assert.deepEqual(errorOf(run(snap, c, 'put', [sym('k'), bytes(65_536), INSTANCE])), err(ErrorType.Budget, ErrorCode.ExceededLimit));
  });
});

describe('footprint (enforcing)', () => {
  const setup = () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    commit(snap, c, 'put', [sym('ro'), u32(1), PERSISTENT]);
    const ro = dataKey(c.id, sym('ro'), 1);
    const rw = dataKey(c.id, sym('rw'), 1);
    const footprint = { readOnly: [c.instanceKey, c.codeKey, ro], readWrite: [rw] };
    return { snap, c, footprint, ro, rw };
  };

  it('declared keys can be read and (read-write ones) written', () => {
    const { snap, c, footprint, rw } = setup();
    assert.ok(valueOf(run(snap, c, 'get', [sym('ro'), PERSISTENT], { footprint })).equals(u32(1)));
    const put = run(snap, c, 'put', [sym('rw'), u32(2), PERSISTENT], { footprint });
    valueOf(put);
    assert.equal(put.changes.length, 1);
    assert.ok(put.changes[0].key.equals(rw));
    assert.equal(put.footprint.readWrite.length, 1);
    assert.equal(put.footprint.readOnly.length, 3);
  });

  it('a read outside the footprint is Error(Storage, ExceededLimit)', () => {
    const { snap, c, footprint } = setup();
    assert.deepEqual(errorOf(run(snap, c, 'get', [sym('other'), PERSISTENT], { footprint })), err(ErrorType.Storage, ErrorCode.ExceededLimit));
    assert.deepEqual(errorOf(run(snap, c, 'has', [sym('ro'), TEMPORARY], { footprint })), err(ErrorType.Storage, ErrorCode.ExceededLimit));
  });

  it('a write to a read-only key is Error(Storage, ExceededLimit)', () => {
    const { snap, c, footprint } = setup();
    assert.deepEqual(errorOf(run(snap, c, 'put', [sym('ro'), u32(5), PERSISTENT], { footprint })), err(ErrorType.Storage, ErrorCode.ExceededLimit));
    assert.deepEqual(errorOf(run(snap, c, 'del', [sym('ro'), PERSISTENT], { footprint })), err(ErrorType.Storage, ErrorCode.ExceededLimit));
    // instance storage writes need the instance entry read-write
    assert.deepEqual(errorOf(run(snap, c, 'put', [sym('i'), u32(5), INSTANCE], { footprint })), err(ErrorType.Storage, ErrorCode.ExceededLimit));
  });

  it('the contract itself must be in the footprint: instance and code', () => {
    const { snap, c, ro } = setup();
    assert.deepEqual(errorOf(run(snap, c, 'echo', [u32(1)], { footprint: { readOnly: [c.codeKey, ro], readWrite: [] } })), err(ErrorType.Storage, ErrorCode.ExceededLimit));
    assert.deepEqual(errorOf(run(snap, c, 'echo', [u32(1)], { footprint: { readOnly: [c.instanceKey], readWrite: [] } })), err(ErrorType.Storage, ErrorCode.ExceededLimit));
    assert.ok(valueOf(run(snap, c, 'echo', [u32(1)], { footprint: { readOnly: [c.instanceKey, c.codeKey], readWrite: [] } })).equals(u32(1)));
  });

  it('a footprint key Soroban never uses (here a TTL key) is Error(Storage, InternalError)', () => {
    const { snap, c, footprint } = setup();
    const ttlKey = xdr.LedgerKey.fromXdrObject({ type: 9, ttl: { keyHash: new Uint8Array(32) } } as xdr.LedgerKeyWire);
    const r = run(snap, c, 'echo', [u32(1)], { footprint: { ...footprint, readOnly: [...footprint.readOnly, ttlKey] } });
    assert.deepEqual(errorOf(r), err(ErrorType.Storage, ErrorCode.InternalError));
  });

  it('recording mode records each access, reads read-only and writes read-write', () => {
    const { snap, c, ro, rw } = setup();
    const r = run(snap, c, 'get', [sym('ro'), PERSISTENT]);
    valueOf(r);
    assert.equal(r.footprint.readOnly.length, 3);
    assert.ok(r.footprint.readOnly.some((k) => k.equals(ro)));
    assert.ok(r.footprint.readOnly.some((k) => k.equals(c.instanceKey)));
    assert.ok(r.footprint.readOnly.some((k) => k.equals(c.codeKey)));
    const w = run(snap, c, 'put', [sym('rw'), u32(1), PERSISTENT]);
    assert.ok(w.footprint.readWrite.length === 1 && w.footprint.readWrite[0].equals(rw));
  });
});

describe('expiry', () => {
  it('an expired temporary entry is gone: has is false, get is MissingValue, put recreates it with a fresh TTL', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    commit(snap, c, 'put', [sym('t'), u32(1), TEMPORARY]);
    const later = { ledger: { sequenceNumber: SEQ + 16 } }; // live until SEQ + 15
    assert.ok(valueOf(run(snap, c, 'has', [sym('t'), TEMPORARY], { ledger: { sequenceNumber: SEQ + 15 } })).equals(xdr.ScVal.scvBool(true)));
    assert.ok(valueOf(run(snap, c, 'has', [sym('t'), TEMPORARY], later)).equals(xdr.ScVal.scvBool(false)));
    assert.deepEqual(errorOf(run(snap, c, 'get', [sym('t'), TEMPORARY], later)), err(ErrorType.Storage, ErrorCode.MissingValue));
    const put = run(snap, c, 'put', [sym('t'), u32(2), TEMPORARY], later);
    valueOf(put);
    assert.equal(put.changes[0].liveUntilLedger, SEQ + 16 + 16 - 1);
    assert.equal(put.changes[0].previous, undefined);
  });

  it('an archived persistent entry cannot be read, written or extended: Error(Storage, InternalError)', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1, { liveUntil: SEQ + 500 });
    commit(snap, c, 'put', [sym('p'), u32(1), PERSISTENT]); // live until SEQ + 99
    const later = { ledger: { sequenceNumber: SEQ + 100 } };
    const key = dataKey(c.id, sym('p'), 1);
    const footprint = { readOnly: [c.instanceKey, c.codeKey], readWrite: [key] };
    for (const [fn, args] of [
      ['get', [sym('p'), PERSISTENT]],
      ['has', [sym('p'), PERSISTENT]],
      ['put', [sym('p'), u32(2), PERSISTENT]],
      ['del', [sym('p'), PERSISTENT]],
      ['extend', [sym('p'), PERSISTENT, u32(10), u32(100)]],
    ] as const)
      assert.deepEqual(errorOf(run(snap, c, fn, [...args], { ...later, footprint })), err(ErrorType.Storage, ErrorCode.InternalError), fn);
  });

  it('an archived contract instance or code cannot be invoked', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1, { liveUntil: SEQ - 1 });
    const footprint = { readOnly: [c.instanceKey, c.codeKey], readWrite: [] };
    assert.deepEqual(errorOf(run(snap, c, 'echo', [u32(1)], { footprint })), err(ErrorType.Storage, ErrorCode.InternalError));
    // code archived, instance live
    const snap2 = new MemorySnapshot();
    const d = deploy(snap2, 2, { liveUntil: SEQ - 1 });
    snap2.set(snap2.get(d.instanceKey)!.entry, SEQ + 10);
    const footprint2 = { readOnly: [d.instanceKey, d.codeKey], readWrite: [] };
    assert.deepEqual(errorOf(run(snap2, d, 'echo', [u32(1)], { footprint: footprint2 })), err(ErrorType.Storage, ErrorCode.InternalError));
  });

  it('recording mode restores an archived entry: read-write, fresh minimum TTL, reported as restored', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1, { liveUntil: SEQ + 500 });
    commit(snap, c, 'put', [sym('p'), u32(5), PERSISTENT]); // live until SEQ + 99
    const at = SEQ + 200;
    const r = run(snap, c, 'get', [sym('p'), PERSISTENT], { ledger: { sequenceNumber: at } });
    assert.ok(valueOf(r).equals(u32(5)));
    const key = dataKey(c.id, sym('p'), 1);
    assert.equal(r.restored.length, 1);
    assert.ok(r.restored[0].equals(key));
    assert.ok(r.footprint.readWrite.some((k) => k.equals(key)));
    const change = r.changes.find((ch) => ch.key.equals(key))!;
    assert.equal(change.restored, true);
    assert.equal(change.liveUntilLedger, at + 100 - 1);
    assert.equal(change.previous, undefined);
  });
});

describe('storage without a ledger', () => {
  it('a host given no snapshot has an empty footprint: Error(Storage, ExceededLimit)', async () => {
    const { invokeContract } = await import('../src/api.ts');
    const { FIXTURE } = await import('./support/ledger.ts');
    const r = invokeContract({ code: FIXTURE, fn: 'has', args: [sym('k'), PERSISTENT], contractId: idOf(1) });
    assert.ok(!r.outcome.ok);
    assert.deepEqual({ type: r.outcome.error.type, code: r.outcome.error.code }, err(ErrorType.Storage, ErrorCode.ExceededLimit));
  });
});
