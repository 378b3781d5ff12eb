/**
 * CAP-85 executable tags: `create_executable_tag`, the `ExecutableTagObject` (tag 79, `SCV_EXECUTABLE_TAG`)
 * and the storage rules for tag keys — persistent only, the value is the 32-byte hash of uploaded
 * code, never deleted — with the errors of the reference host's `executable_tag.rs` tests.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { Tag } from '../src/val/tag.ts';
import { callHostFn, expectValue } from './support/outcome.ts';
import { INSTANCE, MemorySnapshot, PERSISTENT, SEQ, TEMPORARY, errorOf, u32 } from './support/ledger.ts';
import {
  bytesVal,
  create,
  invoke,
  invokeCommit,
  lifecycleContract,
  saltOf,
  str,
  upload,
  err,
  tagEntryLedgerKey,
} from './support/lifecycle.ts';

const tagKey = tagEntryLedgerKey;

const setup = () => {
  const snap = new MemorySnapshot();
  const owner = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
  const code = upload(snap, lifecycleContract(2));
  return { snap, owner, code };
};

describe('create_executable_tag', () => {
  it('makes an ExecutableTagObject holding the string, an SCV_EXECUTABLE_TAG at the edge', () => {
    const r = callHostFn('create_executable_tag', [str('token')]);
    expectValue(r, xdr.ScVal.scvExecutableTag('token'));
    assert.equal(Tag.ExecutableTagObject, 79);
  });
});

describe('storage under an executable tag key', () => {
  it('a persistent put of an uploaded Wasm hash is stored under an SCV_EXECUTABLE_TAG key; has, get and extend work', () => {
    const { snap, owner, code } = setup();
    const r = invoke(snap, owner, 'set_tag', [str('token'), bytesVal(code), PERSISTENT]);
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    assert.equal(r.changes.length, 1);
    assert.ok(r.changes[0].key.equals(tagKey(owner, 'token')));
    snap.apply(r.changes);
    assert.ok(invokeCommit(snap, owner, 'has_tag', [str('token')]).equals(xdr.ScVal.scvBool(true)));
    assert.ok(invokeCommit(snap, owner, 'get_tag', [str('token')]).equals(bytesVal(code)));
    invokeCommit(snap, owner, 'extend_tag', [str('token'), u32(5000), u32(5000)]);
    assert.equal(snap.get(tagKey(owner, 'token'))!.liveUntilLedger, SEQ + 5000);
  });

  it('the owner may point it at any uploaded code, its own included, and repoint it', () => {
    const { snap, owner, code } = setup();
    const own = upload(snap, lifecycleContract(1));
    invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(own), PERSISTENT]);
    invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(code), PERSISTENT]);
    assert.ok(invokeCommit(snap, owner, 'get_tag', [str('token')]).equals(bytesVal(code)));
  });

  it('temporary or instance storage is Error(Storage, InvalidInput)', () => {
    const { snap, owner, code } = setup();
    for (const type of [TEMPORARY, INSTANCE])
      assert.deepEqual(
        errorOf(invoke(snap, owner, 'set_tag', [str('token'), bytesVal(code), type])),
        err(ErrorType.Storage, ErrorCode.InvalidInput),
      );
  });

  it('a value that is not 32 bytes is Error(Storage, InvalidInput)', () => {
    const { snap, owner, code } = setup();
    const values = [
      xdr.ScVal.scvString(Buffer.from(code).toString('latin1')),
      u32(5),
      bytesVal(code.slice(0, 31)),
      bytesVal(new Uint8Array(33)),
    ];
    for (const v of values)
      assert.deepEqual(
        errorOf(invoke(snap, owner, 'set_tag', [str('token'), v, PERSISTENT])),
        err(ErrorType.Storage, ErrorCode.InvalidInput),
      );
  });

  it('a tag to an unknown hash is Error(Storage, MissingValue)', () => {
    const { snap, owner } = setup();
    const r = invoke(snap, owner, 'set_tag', [str('token'), bytesVal(new Uint8Array(32)), PERSISTENT]);
    assert.deepEqual(errorOf(r), err(ErrorType.Storage, ErrorCode.MissingValue));
    assert.deepEqual(r.changes, []);
  });

  it('deleting a tag entry is Error(Storage, InvalidAction), whatever the storage type; the entry stays', () => {
    const { snap, owner, code } = setup();
    invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(code), PERSISTENT]);
    for (const type of [PERSISTENT, TEMPORARY, INSTANCE])
      assert.deepEqual(
        errorOf(invoke(snap, owner, 'del_tag', [str('token'), type])),
        err(ErrorType.Storage, ErrorCode.InvalidAction),
      );
    assert.ok(invokeCommit(snap, owner, 'has_tag', [str('token')]).equals(xdr.ScVal.scvBool(true)));
  });

  it('a tag key is distinct from a string key with the same text', () => {
    const { snap, owner, code } = setup();
    invokeCommit(snap, owner, 'set_tag', [str('token'), bytesVal(code), PERSISTENT]);
    assert.deepEqual(
      errorOf(invoke(snap, owner, 'get', [str('token')])),
      err(ErrorType.Storage, ErrorCode.MissingValue),
    );
    invokeCommit(snap, owner, 'put', [str('token'), u32(1)]);
    assert.ok(invokeCommit(snap, owner, 'get_tag', [str('token')]).equals(bytesVal(code)));
  });
});
