/**
 * `update_current_contract_wasm` (the switch takes effect for the next call, with the
 * `executable_update` system event, and rolls back with a failed call) and
 * `get_address_executable` (CAP-68).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Keypair, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { MemorySnapshot, addressVal, errorOf, sym, u32, vec } from './support/ledger.ts';
import {
  bytesVal,
  contractIdOfVal,
  create,
  invoke,
  invokeCommit,
  lifecycleContract,
  saltOf,
  upload,
  err,
  executableOf,
  instanceLedgerKey,
  wasmExecutableVal,
} from './support/lifecycle.ts';

const address = addressVal;
const wasmExecutable = wasmExecutableVal;

const setup = () => {
  const snap = new MemorySnapshot();
  const v1 = upload(snap, lifecycleContract(1));
  const v2 = upload(snap, lifecycleContract(2));
  const id = create(snap, v1, saltOf(1));
  return { snap, v1, v2, id };
};

describe('update_current_contract_wasm', () => {
  it('the running call finishes on the old code; the next call runs the new one', () => {
    const { snap, v2, id } = setup();
    assert.ok(invokeCommit(snap, id, 'update', [bytesVal(v2)]).equals(u32(1)));
    assert.deepEqual(executableOf(snap, id), { type: 0, wasmHash: v2 });
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(2)));
  });

  it('emits the executable_update system event with the old and new executables', () => {
    const { snap, v1, v2, id } = setup();
    const r = invoke(snap, id, 'update', [bytesVal(v2)]);
    const system = r.events.map((e) => e.toXdrObject()).filter((e) => e.event.type === 0);
    assert.equal(system.length, 1);
    const [e] = system;
    assert.equal(e.inSuccessfulContractCall, true);
    assert.deepEqual(new Uint8Array(e.event.contractId!), id);
    const expected = xdr.ContractEventBody.fromXdrObject({
      v: 0,
      v0: {
        topics: [
          sym('executable_update').toXdrObject(),
          wasmExecutable(v1).toXdrObject(),
          wasmExecutable(v2).toXdrObject(),
        ],
        data: vec([]).toXdrObject(),
      },
    });
    assert.ok(xdr.ContractEventBody.fromXdrObject(e.event.body).equals(expected));
  });

  it('keeps the instance storage, including what the same call wrote', () => {
    const { snap, v2, id } = setup();
    invokeCommit(snap, id, 'put_i', [sym('a'), u32(1)]);
    assert.ok(invokeCommit(snap, id, 'put_update', [sym('b'), u32(2), bytesVal(v2)]).equals(u32(1)));
    assert.ok(invokeCommit(snap, id, 'get_i', [sym('a')]).equals(u32(1)));
    assert.ok(invokeCommit(snap, id, 'get_i', [sym('b')]).equals(u32(2)));
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(2)));
  });

  it('a hash never uploaded is Error(Storage, MissingValue), with no event', () => {
    const { snap, id } = setup();
    const r = invoke(snap, id, 'update', [bytesVal(new Uint8Array(32).fill(1))]);
    assert.deepEqual(errorOf(r), err(ErrorType.Storage, ErrorCode.MissingValue));
    assert.equal(r.events.filter((e) => e.toXdrObject().event.type === 0).length, 0);
  });

  it('a call that fails after switching leaves the old code; its event is marked failed', () => {
    const { snap, v1, v2, id } = setup();
    const r = invoke(snap, id, 'update_trap', [bytesVal(v2)]);
    assert.deepEqual(errorOf(r), err(ErrorType.WasmVm, ErrorCode.InvalidAction));
    const system = r.events.map((e) => e.toXdrObject()).filter((e) => e.event.type === 0);
    assert.equal(system.length, 1);
    assert.equal(system[0].inSuccessfulContractCall, false);
    assert.deepEqual(executableOf(snap, id), { type: 0, wasmHash: v1 });
  });

  it('under try_call, the failed switch is rolled back and the caller goes on', () => {
    const { snap, v1, v2, id } = setup();
    const caller = create(snap, upload(snap, lifecycleContract(3)), saltOf(2));
    const r = invoke(snap, caller, 'try_call', [address(id), sym('update_trap'), vec([bytesVal(v2)])]);
    assert.ok(r.outcome.ok);
    snap.apply(r.changes);
    assert.deepEqual(executableOf(snap, id), { type: 0, wasmHash: v1 });
    const ok = invoke(snap, caller, 'try_call', [address(id), sym('update'), vec([bytesVal(v2)])]);
    assert.ok(ok.outcome.ok && ok.outcome.value.equals(vec([u32(1)])));
    snap.apply(ok.changes);
    assert.deepEqual(executableOf(snap, id), { type: 0, wasmHash: v2 });
  });
});

describe('get_address_executable', () => {
  it('a contract is Wasm(hash), following updates; a missing contract is Void', () => {
    const { snap, v1, v2, id } = setup();
    assert.ok(invokeCommit(snap, id, 'exec_of', [address(id)]).equals(wasmExecutable(v1)));
    invokeCommit(snap, id, 'update', [bytesVal(v2)]);
    assert.ok(invokeCommit(snap, id, 'exec_of', [address(id)]).equals(wasmExecutable(v2)));
    assert.ok(
      invokeCommit(snap, id, 'exec_of', [address(new Uint8Array(32).fill(0xee))]).equals(xdr.ScVal.scvVoid()),
    );
  });

  it('an account with a ledger entry is Account; one without is Void', () => {
    const { snap, id } = setup();
    const kp = Keypair.fromRawEd25519Seed(new Uint8Array(32).fill(5));
    const accountId = { type: 0, ed25519: kp.rawPublicKey() } as xdr.AccountIdWire;
    const accountVal = xdr.ScVal.fromXdrObject({
      type: 18,
      address: { type: 0, accountId },
    } as xdr.ScValWire);
    assert.ok(invokeCommit(snap, id, 'exec_of', [accountVal]).equals(xdr.ScVal.scvVoid()));
    snap.set(
      xdr.LedgerEntry.fromXdrObject({
        lastModifiedLedgerSeq: 0,
        data: {
          type: 0,
          account: {
            accountId,
            balance: 100_000_000n,
            seqNum: 1n,
            numSubEntries: 0,
            inflationDest: null,
            flags: 0,
            homeDomain: new xdr.XdrString(''),
            thresholds: new Uint8Array([1, 0, 0, 0]),
            signers: [],
            ext: { v: 0 },
          },
        },
        ext: { v: 0 },
      } as xdr.LedgerEntryWire),
      undefined,
    );
    assert.ok(invokeCommit(snap, id, 'exec_of', [accountVal]).equals(vec([sym('Account')])));
  });

  it('reading an address outside the footprint is Error(Storage, ExceededLimit)', () => {
    const { snap, v1, id } = setup();
    const other = contractIdOfVal(
      invokeCommit(snap, id, 'create', [address(id), bytesVal(v1), bytesVal(saltOf(9))]),
    );
    const keys = (ids: Uint8Array[]) => ids.map((i) => instanceLedgerKey(i));
    const code = xdr.LedgerKey.fromXdrObject({ type: 7, contractCode: { hash: v1 } });
    const r = invoke(snap, id, 'exec_of', [address(other)], {
      footprint: { readOnly: [...keys([id]), code], readWrite: [] },
    });
    assert.deepEqual(errorOf(r), err(ErrorType.Storage, ErrorCode.ExceededLimit));
    const ok = invoke(snap, id, 'exec_of', [address(other)], {
      footprint: { readOnly: [...keys([id, other]), code], readWrite: [] },
    });
    assert.ok(ok.outcome.ok && ok.outcome.value.equals(wasmExecutable(v1)));
  });
});
