/**
 * CAP-85 before protocol 28: its host functions do not link, and its XDR (`ExternalRef`
 * executables, `SCV_EXECUTABLE_TAG` values) cannot be decoded — in the operation (stellar-core
 * refuses such a transaction as malformed) or in a ledger entry — so the run fails with
 * `Error(Value, InvalidInput)` and changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Address, Operation, StrKey, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { deploy, errorOf, MemorySnapshot, PERSISTENT, u32, vec } from './support/ledger.ts';
import {
  apply,
  bytesVal,
  contractIdOfVal,
  create,
  hostFunctionOf,
  invoke,
  invokeCommit,
  lifecycleContract,
  saltOf,
  str,
  tagEntryLedgerKey,
  upload,
  uploadFn,
  type ApplyOptions,
} from './support/lifecycle.ts';
import { contract, importOf } from './support/wat.ts';

const P27 = { ledger: { protocolVersion: 27 } } satisfies ApplyOptions;
const UNDECODABLE = { type: ErrorType.Value, code: ErrorCode.InvalidInput };

/** An owner keeping tag "token" → code v2, and a follower created through it (all at protocol 28). */
const setup = () => {
  const snap = new MemorySnapshot();
  const v2 = upload(snap, lifecycleContract(2));
  const owner = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
  const ownerAddress = Address.contract(Buffer.from(owner)).toScVal();
  invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(v2), PERSISTENT]);
  const follower = contractIdOfVal(
    invokeCommit(snap, owner, 'create_ref', [ownerAddress, ownerAddress, str('token'), bytesVal(saltOf(2)), vec([])]),
  );
  return { snap, owner, follower };
};

const externalRefCreate = (owner: Uint8Array, salt: number) => {
  const strkey = StrKey.encodeContract(Buffer.from(owner));
  return hostFunctionOf(
    Operation.createCustomContract({ address: Address.fromString(strkey), externalRef: { owner: strkey, tag: 'token' }, salt: saltOf(salt) }),
  );
};

/** A protocol-27 contract that returns its argument. */
const ECHO_27 = contract(`(module (func (export "echo") (param i64) (result i64) (local.get 0)))`, { protocol: 27 });
const tagVal = xdr.ScVal.fromXdrObject({ type: 22, executableTag: new xdr.XdrString('token') } as xdr.ScValWire);

describe('CAP-85 before protocol 28', () => {
  it('its host functions are not available: a protocol-27 contract importing create_executable_tag does not upload', () => {
    const snap = new MemorySnapshot();
    const wasm = contract(
      `(module ${importOf('create_executable_tag')} (func (export "f") (param i64) (result i64) (call $create_executable_tag (local.get 0))))`,
      { protocol: 27 },
    );
    const r = apply(snap, uploadFn(wasm), P27);
    assert.deepEqual(errorOf(r), { type: ErrorType.WasmVm, code: ErrorCode.InvalidAction });
    assert.deepEqual(r.changes, []);
  });

  it('CreateContractV2 with an ExternalRef executable is Error(Value, InvalidInput); at protocol 28 it creates', () => {
    const { snap, owner } = setup();
    const refused = apply(snap, externalRefCreate(owner, 30), P27);
    assert.deepEqual(errorOf(refused), UNDECODABLE);
    assert.deepEqual(refused.changes, []);
    assert.deepEqual(refused.footprint, { readOnly: [], readWrite: [] }, 'nothing was read');
    assert.ok(apply(snap, externalRefCreate(owner, 30)).outcome.ok);
  });

  it('CreateContract (v1) with an ExternalRef executable is refused the same way', () => {
    const { snap, owner } = setup();
    const hostFunction = xdr.HostFunction.fromXdrObject({
      type: 1,
      createContract: {
        contractIdPreimage: { type: 0, fromAddress: { address: { type: 1, contractId: owner }, salt: saltOf(31) } },
        executable: { type: 2, externalRef: { executableOwner: { type: 1, contractId: owner }, tag: new xdr.XdrString('token') } },
      },
    });
    assert.deepEqual(errorOf(apply(snap, hostFunction, P27)), UNDECODABLE);
  });

  it('an instance whose executable is an ExternalRef cannot be read: calling a follower fails', () => {
    const { snap, follower } = setup();
    const r = invoke(snap, follower, 'version', [], P27);
    assert.deepEqual(errorOf(r), UNDECODABLE);
    assert.ok(invoke(snap, follower, 'version').outcome.ok, 'the same call at protocol 28');
  });

  it('an SCV_EXECUTABLE_TAG argument is refused; at protocol 28 it is a value like any other', () => {
    const snap = new MemorySnapshot();
    const echo = deploy(snap, 40, { wasm: ECHO_27 });
    assert.deepEqual(errorOf(invoke(snap, echo.id, 'echo', [tagVal], P27)), UNDECODABLE);
    assert.ok(invoke(snap, echo.id, 'echo', [u32(1)], P27).outcome.ok, 'other arguments are fine');
    const at28 = invoke(snap, echo.id, 'echo', [tagVal]);
    assert.ok(at28.outcome.ok && at28.outcome.value.equals(tagVal));
  });

  it('a footprint key holding an executable tag is refused', () => {
    const snap = new MemorySnapshot();
    const echo = deploy(snap, 40, { wasm: ECHO_27 });
    const footprint = { readOnly: [echo.instanceKey, echo.codeKey, tagEntryLedgerKey(echo.id, 'token')], readWrite: [] };
    assert.deepEqual(errorOf(invoke(snap, echo.id, 'echo', [u32(1)], { ...P27, footprint })), UNDECODABLE);
    footprint.readOnly.pop();
    assert.ok(invoke(snap, echo.id, 'echo', [u32(1)], { ...P27, footprint }).outcome.ok);
  });

  it('an authorization entry for an ExternalRef creation is refused before anything runs', () => {
    const { snap, owner } = setup();
    const hostFunction = externalRefCreate(owner, 32);
    const fn = hostFunction.toXdrObject();
    assert.equal(fn.type, 3);
    if (fn.type !== 3) return;
    const entry = xdr.SorobanAuthorizationEntry.fromXdrObject({
      credentials: { type: 0 },
      rootInvocation: { function: { type: 2, createContractV2HostFn: fn.createContractV2 }, subInvocations: [] },
    });
    const r = apply(snap, uploadFn(ECHO_27), { ...P27, auth: [entry], authMode: 'enforce' });
    assert.deepEqual(errorOf(r), UNDECODABLE);
    assert.deepEqual(r.changes, []);
    assert.ok(apply(snap, uploadFn(ECHO_27), P27).outcome.ok, 'the same upload without the entry');
  });
});
