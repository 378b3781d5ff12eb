/**
 * CAP-85 external references: contracts created with `create_external_ref_contract` or
 * `CreateContract(V2)` with an `ExternalRef` executable, `update_current_contract_executable_ref`,
 * resolution through the owner's tag entry on every call, switching both ways, TTL extension of
 * instance, tag entry and code, `get_address_executable`, and the `ExternalRef` executable in events.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Address, Operation, StrKey, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { MemorySnapshot, PERSISTENT, SEQ, errorOf, sym, u32, vec, addressVal } from './support/ledger.ts';
import {
  apply,
  bytesVal,
  constructorContract,
  contractIdOfVal,
  create,
  invoke,
  invokeCommit,
  lifecycleContract,
  saltOf,
  str,
  upload,
  codeLedgerKey,
  err,
  executableOf,
  hostFunctionOf,
  instanceLedgerKey,
  tagEntryLedgerKey,
  wasmExecutableVal,
} from './support/lifecycle.ts';

const address = addressVal;
const instance = instanceLedgerKey;
const code = codeLedgerKey;
const tagEntry = tagEntryLedgerKey;
const wasmExecutable = wasmExecutableVal;
const refExecutable = (owner: Uint8Array, tag: string) =>
  vec([
    sym('ExternalRef'),
    xdr.ScVal.scvMap([
      new xdr.ScMapEntry({ key: sym('owner'), val: address(owner) }),
      new xdr.ScMapEntry({ key: sym('tag'), val: str(tag) }),
    ]),
  ]);

/** An owner contract (v1) keeping tag "token" → v2, and the uploaded hashes. */
const setup = () => {
  const snap = new MemorySnapshot();
  const v1 = upload(snap, lifecycleContract(1));
  const v2 = upload(snap, lifecycleContract(2));
  const v3 = upload(snap, lifecycleContract(3));
  const owner = create(snap, v1, saltOf(1));
  invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(v2), PERSISTENT]);
  const ownerAddress = address(owner);
  /** A follower the owner deploys through `create_external_ref_contract`. */
  const follow = (salt: number, tag = 'token', args: xdr.ScVal[] = []) =>
    contractIdOfVal(
      invokeCommit(snap, owner, 'create_ref', [
        ownerAddress,
        ownerAddress,
        str(tag),
        bytesVal(saltOf(salt)),
        vec(args),
      ]),
    );
  return { snap, v1, v2, v3, owner, ownerAddress, follow };
};

describe('create_external_ref_contract', () => {
  it("creates an instance whose executable is ExternalRef {owner, tag}; calls run the owner's current code", () => {
    const { snap, owner, follow } = setup();
    const id = follow(10);
    assert.deepEqual(executableOf(snap, id), {
      type: 2,
      externalRef: { executableOwner: { type: 1, contractId: owner }, tag: new xdr.XdrString('token') },
    });
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(2)));
  });

  it('an owner missing the entry is Error(Storage, MissingValue), and nothing is created', () => {
    const { snap, owner, ownerAddress } = setup();
    const r = invoke(snap, owner, 'create_ref', [
      ownerAddress,
      ownerAddress,
      str('other'),
      bytesVal(saltOf(10)),
      vec([]),
    ]);
    assert.deepEqual(errorOf(r), err(ErrorType.Storage, ErrorCode.MissingValue));
    assert.deepEqual(r.changes, []);
  });

  it('forwards constructor arguments to the referenced code (CAP-58 rules apply)', () => {
    const { snap, owner, ownerAddress, follow } = setup();
    invokeCommit(snap, owner, 'set_tag', [
      str('ctor'),
      bytesVal(upload(snap, constructorContract('store'))),
      PERSISTENT,
    ]);
    const id = follow(11, 'ctor', [sym('k'), u32(42)]);
    assert.ok(invokeCommit(snap, id, 'get', [sym('k')]).equals(u32(42)));
    const noArgs = invoke(snap, owner, 'create_ref', [
      ownerAddress,
      ownerAddress,
      str('ctor'),
      bytesVal(saltOf(12)),
      vec([]),
    ]);
    assert.deepEqual(errorOf(noArgs), err(ErrorType.Context, ErrorCode.InvalidAction));
  });

  it('an enforcing footprint must hold the tag entry the reference resolves through', () => {
    const { snap, v2, owner, follow } = setup();
    const id = follow(10);
    const base = [instance(id), code(v2)];
    assert.deepEqual(
      errorOf(invoke(snap, id, 'version', [], { footprint: { readOnly: base, readWrite: [] } })),
      err(ErrorType.Storage, ErrorCode.ExceededLimit),
    );
    const r = invoke(snap, id, 'version', [], {
      footprint: { readOnly: [...base, tagEntry(owner, 'token')], readWrite: [] },
    });
    assert.ok(r.outcome.ok && r.outcome.value.equals(u32(2)));
  });

  it('an archived tag entry makes its followers uncallable (Error(Storage, InternalError)); simulation restores it', () => {
    const { snap, v2, owner, follow } = setup();
    const id = follow(10);
    invokeCommit(snap, id, 'extend_i', [address(id), u32(5000), u32(5000)]);
    const ledger = { sequenceNumber: SEQ + 200 }; // the tag entry and the code lived until SEQ + 99
    const footprint = { readOnly: [instance(id), tagEntry(owner, 'token'), code(v2)], readWrite: [] };
    assert.deepEqual(
      errorOf(invoke(snap, id, 'version', [], { ledger, footprint })),
      err(ErrorType.Storage, ErrorCode.InternalError),
    );
    const simulated = invoke(snap, id, 'version', [], { ledger });
    assert.ok(simulated.outcome.ok && simulated.outcome.value.equals(u32(2)));
    assert.deepEqual(
      simulated.restored.map((k) => k.toXdr('base64')).sort(),
      [tagEntry(owner, 'token'), code(v2)].map((k) => k.toXdr('base64')).sort(),
    );
  });
});

describe('CreateContract(V2) with an ExternalRef executable', () => {
  it('the SDK-built CreateContractV2 creates a follower; an owner without the entry is Error(Storage, MissingValue)', () => {
    const { snap, owner, v2 } = setup();
    const ownerStrkey = StrKey.encodeContract(Buffer.from(owner));
    const op = (tag: string) =>
      Operation.createCustomContract({
        address: Address.fromString(ownerStrkey),
        externalRef: { owner: ownerStrkey, tag },
        salt: saltOf(20),
      });
    const r = apply(snap, hostFunctionOf(op('token')));
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    snap.apply(r.changes);
    const id = contractIdOfVal(r.outcome.value);
    assert.equal(executableOf(snap, id).type, 2);
    assert.ok(invokeCommit(snap, id, 'exec_of', [address(id)]).equals(wasmExecutable(v2)));
    const missing = apply(
      snap,
      hostFunctionOf(
        Operation.createCustomContract({
          address: Address.fromString(ownerStrkey),
          externalRef: { owner: ownerStrkey, tag: 'nope' },
          salt: saltOf(21),
        }),
      ),
    );
    assert.deepEqual(errorOf(missing), err(ErrorType.Storage, ErrorCode.MissingValue));
  });
});

describe('resolution on every call', () => {
  it("one write of the owner's entry switches the follower's next call", () => {
    const { snap, v3, owner, follow } = setup();
    const id = follow(10);
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(2)));
    invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(v3), PERSISTENT]);
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(3)));
  });

  it('get_address_executable reports the Wasm the reference resolves to now', () => {
    const { snap, v2, v3, owner, follow } = setup();
    const id = follow(10);
    assert.ok(invokeCommit(snap, owner, 'exec_of', [address(id)]).equals(wasmExecutable(v2)));
    invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(v3), PERSISTENT]);
    assert.ok(invokeCommit(snap, owner, 'exec_of', [address(id)]).equals(wasmExecutable(v3)));
  });
});

describe('update_current_contract_executable_ref', () => {
  it('switches a Wasm contract to a reference and back, each with an executable_update event', () => {
    const { snap, v1, owner, ownerAddress } = setup();
    const id = create(snap, v1, saltOf(30));
    const toRef = invoke(snap, id, 'update_ref', [ownerAddress, str('token')]);
    assert.ok(
      toRef.outcome.ok && toRef.outcome.value.equals(u32(1)),
      'the running call finishes on its code',
    );
    const event = toRef.events.map((e) => e.toXdrObject()).find((e) => e.event.type === 0)!;
    assert.deepEqual(
      event.event.body.v0.topics.map((t) => xdr.ScVal.fromXdrObject(t).toXdr('base64')),
      [sym('executable_update'), wasmExecutable(v1), refExecutable(owner, 'token')].map((v) =>
        v.toXdr('base64'),
      ),
    );
    snap.apply(toRef.changes);
    assert.equal(executableOf(snap, id).type, 2);
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(2)));

    const back = invoke(snap, id, 'update', [bytesVal(v1)]);
    assert.ok(back.outcome.ok && back.outcome.value.equals(u32(2)));
    const backEvent = back.events.map((e) => e.toXdrObject()).find((e) => e.event.type === 0)!;
    assert.deepEqual(
      backEvent.event.body.v0.topics.map((t) => xdr.ScVal.fromXdrObject(t).toXdr('base64')),
      [sym('executable_update'), refExecutable(owner, 'token'), wasmExecutable(v1)].map((v) =>
        v.toXdr('base64'),
      ),
    );
    snap.apply(back.changes);
    assert.deepEqual(executableOf(snap, id), { type: 0, wasmHash: v1 });
    assert.ok(invokeCommit(snap, id, 'version').equals(u32(1)));
  });

  it('a contract may follow its own tag entry', () => {
    const { snap, owner, ownerAddress } = setup();
    invokeCommit(snap, owner, 'update_ref', [ownerAddress, str('token')]);
    assert.ok(invokeCommit(snap, owner, 'version').equals(u32(2)));
  });

  it('a missing entry is Error(Storage, MissingValue), and the executable stays', () => {
    const { snap, v1, ownerAddress } = setup();
    const id = create(snap, v1, saltOf(30));
    assert.deepEqual(
      errorOf(invoke(snap, id, 'update_ref', [ownerAddress, str('nope')])),
      err(ErrorType.Storage, ErrorCode.MissingValue),
    );
    assert.deepEqual(executableOf(snap, id), { type: 0, wasmHash: v1 });
  });
});

describe('TTL extension of a follower (instance, tag entry, code)', () => {
  const setupTtl = () => {
    const t = setup();
    const id = t.follow(10);
    const liveUntils = () =>
      [instance(id), tagEntry(t.owner, 'token'), code(t.v2)].map(
        (k) => t.snap.get(k)!.liveUntilLedger! - SEQ,
      );
    return { ...t, id, liveUntils };
  };

  it('starts from the minimum persistent TTL everywhere', () => {
    assert.deepEqual(setupTtl().liveUntils(), [99, 99, 99]);
  });

  it('extend_contract_code_ttl extends the tag entry and the code, not the instance', () => {
    const { snap, id, liveUntils } = setupTtl();
    invokeCommit(snap, id, 'extend_c', [address(id), u32(5000), u32(5000)]);
    assert.deepEqual(liveUntils(), [99, 5000, 5000]);
  });

  it('extend_contract_instance_and_code_ttl and extend_current_contract_instance_and_code_ttl extend all three', () => {
    const a = setupTtl();
    invokeCommit(a.snap, a.owner, 'extend_ic', [address(a.id), u32(5000), u32(5000)]);
    assert.deepEqual(a.liveUntils(), [5000, 5000, 5000]);
    const b = setupTtl();
    invokeCommit(b.snap, b.id, 'extend_self', [u32(5000), u32(6000)]);
    assert.deepEqual(b.liveUntils(), [6000, 6000, 6000]);
  });

  it('extend_contract_instance_ttl extends only the instance', () => {
    const { snap, id, liveUntils } = setupTtl();
    invokeCommit(snap, id, 'extend_i', [address(id), u32(5000), u32(5000)]);
    assert.deepEqual(liveUntils(), [5000, 99, 99]);
  });

  it('extend_contract_instance_and_code_ttl_v2: the code scopes cover the tag entry and the code (the reference sequence)', () => {
    const { snap, id, liveUntils } = setupTtl();
    const extend = (scope: number, to: number) => {
      const before = liveUntils();
      invokeCommit(snap, id, 'extend_ic_v2', [address(id), u32(scope), u32(to), u32(1), u32(500)]);
      return liveUntils().map((x, i) => x - before[i]);
    };
    assert.deepEqual(extend(0, 5000), [500, 500, 500]); // InstanceAndCode
    assert.deepEqual(extend(1, 6000), [500, 0, 0]); // Instance
    assert.deepEqual(extend(2, 7000), [0, 500, 500]); // Code
  });
});
