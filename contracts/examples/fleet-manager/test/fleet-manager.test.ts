/** The CAP-85 fleet manager: executable tags, followers by external reference, fleet upgrades. */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Keypair, scValToNative, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType } from '@sorobox/host';
import {
  DeployedContract,
  TestContract,
  authorizations,
  contractEvents,
  type CallOutcome,
} from '@sorobox/sdk/testing';

let fleet: TestContract;

before(async () => {
  fleet = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`fleet-manager.wasm: ${fleet.build.sizeBytes} bytes`);
});

const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)} ${r.errorName ?? ''}`);
  return r.value;
};

const admin = Keypair.random().publicKey();

test('a new fleet manager has its admin and no tags', () => {
  const f = fleet.deploy({ args: { admin } });
  assert.equal(ok(f.invoke('admin')), admin);
  assert.deepEqual(ok(f.invoke('tags')), []);
  assert.equal(ok(f.invoke('wasm_hash', { tag: 'app' })), null);
  assert.deepEqual(ok(f.invoke('followers', { tag: 'app' })), []);
  const unknown = f.invoke('extend', { tag: 'app', threshold: 10, extend_to: 100 });
  assert.equal(unknown.ok ? undefined : unknown.errorName, 'UnknownTag');
});

/** A fleet manager with the upgradeable example's two versions uploaded. */
const setUp = async () => {
  const dir = new URL('../../upgradeable', import.meta.url).pathname;
  const [v1, v2] = await Promise.all([TestContract.load(`${dir}/v1`), TestContract.load(`${dir}/v2`)]);
  const f = fleet.deploy({ args: { admin } });
  return { f, v1, v2, v1Hash: f.ledger.upload(v1.build.wasm), v2Hash: f.ledger.upload(v2.build.wasm) };
};

/** Deploys a follower of `tag` through the manager; returns its address. */
const follow = (f: DeployedContract, v1: TestContract, tag: string, n: number): string => {
  const args = v1.spec.funcArgsToScVals('__constructor', { admin, greeting: `follower ${n}` });
  const r = f.invokeRaw('deploy', [
    xdr.ScVal.scvString(tag),
    xdr.ScVal.scvBytes(Buffer.alloc(32, n)),
    xdr.ScVal.scvVec(args),
  ]);
  return String(ok(r));
};

test('followers run the code their tag names; upgrading the tag upgrades the fleet, state kept', async () => {
  const { f, v1, v2, v1Hash, v2Hash } = await setUp();
  const registered = f.invoke('register', { tag: 'app', wasm_hash: v1Hash });
  assert.ok(registered.ok);
  assert.deepEqual(
    authorizations(registered.result).map((a) => [a.address, a.fn]),
    [[admin, 'register']],
  );
  assert.deepEqual(Buffer.from(ok(f.invoke('wasm_hash', { tag: 'app' })) as Uint8Array), Buffer.from(v1Hash));
  const followers = [1, 2, 3].map((n) => follow(f, v1, 'app', n));
  assert.deepEqual(ok(f.invoke('followers', { tag: 'app' })), followers);
  for (const [i, address] of followers.entries()) {
    const c = DeployedContract.at(v1, f.ledger, address);
    assert.equal(ok(c.invoke('version')), 1);
    assert.equal(ok(c.invoke('greeting')), `follower ${i + 1}`);
    assert.equal(ok(c.invoke('bump')), 1);
  }
  const upgraded = f.invoke('upgrade', { tag: 'app', wasm_hash: v2Hash });
  assert.ok(upgraded.ok);
  const [event] = contractEvents(upgraded.result);
  assert.deepEqual(
    event.topics.map((t) => scValToNative(t)),
    ['tag_upgraded', 'app'],
  );
  for (const [i, address] of followers.entries()) {
    const c = DeployedContract.at(v2, f.ledger, address);
    assert.equal(ok(c.invoke('version')), 2, 'every follower runs version 2 without being touched');
    assert.equal(ok(c.invoke('greeting')), `follower ${i + 1}`);
    assert.equal(ok(c.invoke('count')), 1, 'and keeps its state');
  }
  assert.deepEqual(ok(f.invoke('tags')), ['app']);
});

test('the manager refuses hashes never uploaded, unknown or duplicate tags, and strangers', async () => {
  const { f, v1Hash, v2Hash } = await setUp();
  const never = Buffer.alloc(32, 0xee);
  const missing = f.invoke('register', { tag: 'app', wasm_hash: never });
  assert.deepEqual(missing.ok ? undefined : missing.error, {
    type: ErrorType.Storage,
    code: ErrorCode.MissingValue,
  });
  assert.equal(ok(f.invoke('wasm_hash', { tag: 'app' })), null);
  ok(f.invoke('register', { tag: 'app', wasm_hash: v1Hash }));
  const failure = (r: CallOutcome) => (r.ok ? undefined : (r.errorName ?? r.error));
  assert.equal(failure(f.invoke('register', { tag: 'app', wasm_hash: v2Hash })), 'TagExists');
  assert.equal(failure(f.invoke('upgrade', { tag: 'web', wasm_hash: v2Hash })), 'UnknownTag');
  assert.equal(failure(f.invoke('upgrade', { tag: 'app', wasm_hash: v1Hash })), 'SameCode');
  assert.deepEqual(failure(f.invoke('upgrade', { tag: 'app', wasm_hash: never })), {
    type: ErrorType.Storage,
    code: ErrorCode.MissingValue,
  });
  assert.equal(
    failure(
      f.invokeRaw('deploy', [
        xdr.ScVal.scvString('web'),
        xdr.ScVal.scvBytes(Buffer.alloc(32)),
        xdr.ScVal.scvVec([]),
      ]),
    ),
    'UnknownTag',
  );
  const unsigned = f.invoke('upgrade', { tag: 'app', wasm_hash: v2Hash }, { authMode: 'enforce', auth: [] });
  assert.deepEqual(unsigned.ok ? undefined : unsigned.error, {
    type: ErrorType.Auth,
    code: ErrorCode.InvalidAction,
  });
  assert.deepEqual(Buffer.from(ok(f.invoke('wasm_hash', { tag: 'app' })) as Uint8Array), Buffer.from(v1Hash));
});

test('a new admin takes over the fleet; extend keeps the tag entry alive', async () => {
  const { f, v1Hash, v2Hash } = await setUp();
  ok(f.invoke('register', { tag: 'app', wasm_hash: v1Hash }));
  const next = Keypair.random();
  ok(f.invoke('set_admin', { new_admin: next.publicKey() }));
  const r = f.invoke('upgrade', { tag: 'app', wasm_hash: v2Hash });
  assert.deepEqual(
    authorizations(r.ok ? r.result : (undefined as never)).map((a) => a.address),
    [next.publicKey()],
  );
  const extended = f.invoke('extend', { tag: 'app', threshold: 1_000_000, extend_to: 1_000_000 });
  assert.ok(extended.ok);
  assert.ok(
    extended.result.changes.some((c) => c.liveUntilLedger === f.ledger.info.sequenceNumber + 1_000_000),
  );
});
