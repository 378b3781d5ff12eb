/**
 * The CAP-85 fleet scenario (seed 001): a manager contract owns the tag "token"; 100 followers are
 * created with `create_external_ref_contract`; one write of the tag entry moves all 100 to the new
 * code at once; a follower that switches back to its own Wasm hash no longer follows.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemorySnapshot, PERSISTENT, addressVal, u32, vec } from './support/ledger.ts';
import {
  bytesVal,
  contractIdOfVal,
  create,
  invoke,
  invokeCommit,
  lifecycleContract,
  saltOf,
  str,
  upload,
} from './support/lifecycle.ts';

const FLEET = 100;
const address = addressVal;
const salt = (i: number): Uint8Array => {
  const s = saltOf(0);
  new DataView(s.buffer).setUint32(0, i + 1);
  return s;
};

describe('CAP-85 fleet: one tag update switches 100 followers', () => {
  it('all follow the manager, move together, and a follower can leave by switching to its own Wasm', () => {
    const snap = new MemorySnapshot();
    const manager = create(snap, upload(snap, lifecycleContract(1000)), saltOf(1));
    const [v1, v2, v3] = [1, 2, 3].map((v) => upload(snap, lifecycleContract(v)));
    const m = address(manager);
    invokeCommit(snap, manager, 'set_tag', [str('token'), bytesVal(v1), PERSISTENT]);

    const followers = Array.from({ length: FLEET }, (_, i) =>
      contractIdOfVal(
        invokeCommit(snap, manager, 'create_ref', [m, m, str('token'), bytesVal(salt(i)), vec([])]),
      ),
    );
    assert.equal(new Set(followers.map((id) => Buffer.from(id).toString('hex'))).size, FLEET);
    const versions = () =>
      followers.map((id) => (invokeCommit(snap, id, 'version').toXdrObject() as { u32: number }).u32);
    assert.deepEqual(versions(), Array(FLEET).fill(1));

    // the upgrade: one transaction, one ledger entry written
    const upgrade = invoke(snap, manager, 'set_tag', [str('token'), bytesVal(v2), PERSISTENT]);
    assert.ok(upgrade.outcome.ok);
    assert.equal(upgrade.changes.filter((c) => !c.readOnly).length, 1);
    snap.apply(upgrade.changes);
    assert.deepEqual(versions(), Array(FLEET).fill(2));

    // follower 7 leaves the fleet: its executable becomes the Wasm hash it runs now
    const leaver = followers[7];
    assert.ok(invokeCommit(snap, leaver, 'update', [bytesVal(v2)]).equals(u32(2)));
    invokeCommit(snap, manager, 'set_tag', [str('token'), bytesVal(v3), PERSISTENT]);
    const after = versions();
    assert.equal(after[7], 2);
    assert.deepEqual(
      after.filter((_, i) => i !== 7),
      Array(FLEET - 1).fill(3),
    );

    // and can rejoin
    invokeCommit(snap, leaver, 'update_ref', [m, str('token')]);
    assert.ok(invokeCommit(snap, leaver, 'version').equals(u32(3)));
  });
});
