import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { TestContract, contractEvents, type CallOutcome } from '@sorobox/sdk/testing';

let counter: TestContract;

before(async () => {
  counter = await TestContract.load(new URL('..', import.meta.url).pathname);
  console.log(`counter.wasm: ${counter.build.sizeBytes} bytes`);
});

const ok = (r: CallOutcome): unknown => {
  assert.ok(r.ok, r.ok ? '' : `failed: ${JSON.stringify(r.error)}`);
  return r.value;
};

test('increment keeps the count in instance storage across invocations', () => {
  const c = counter.deploy();
  assert.equal(ok(c.invoke('get')), 0);
  assert.equal(ok(c.invoke('increment')), 1);
  assert.equal(ok(c.invoke('increment')), 2);
  assert.equal(ok(c.invoke('increment')), 3);
  assert.equal(ok(c.invoke('get')), 3);
  assert.equal(ok(c.invoke('reset')), null);
  assert.equal(ok(c.invoke('get')), 0);
});

test('increment publishes a count event and extends the instance and code TTL', () => {
  const c = counter.deploy({ liveUntilLedger: 10 });
  const r = c.invoke('increment');
  assert.ok(r.ok);
  const events = contractEvents(r.result);
  assert.equal(events.length, 1);
  const [count] = events;
  assert.equal(count.contract, c.address);
  assert.deepEqual(count.topics, [xdr.ScVal.scvSymbol('count')]);
  assert.ok(count.data.equals(xdr.ScVal.scvU32(1)));
  // TTL 9 is under the threshold of 50: both entries now live until ledger 1 + 100.
  const extended = r.result.changes.filter((ch) => ch.liveUntilLedger === 101);
  assert.equal(extended.length, 2, 'instance and code entries');
});

test('per-user counters live in persistent storage with their own TTL', () => {
  const c = counter.deploy();
  assert.equal(ok(c.invoke('user_count', { user: 'alice' })), null);
  assert.equal(ok(c.invoke('bump', { user: 'alice', by: 5 })), 5);
  // New persistent entries live for the network minimum (~120960 ledgers): under the
  // threshold of 200000, so each bump extends the entry to 1 + 300000.
  const r = c.invoke('bump', { user: 'alice', by: 2 });
  assert.equal(ok(r), 7);
  assert.ok(r.ok && r.result.changes.some((ch) => ch.liveUntilLedger === 300_001));
  assert.equal(ok(c.invoke('bump', { user: 'bob', by: 1 })), 1);
  assert.deepEqual(ok(c.invoke('user_count', { user: 'alice' })), [7]);
  assert.equal(ok(c.invoke('get')), 0, 'the shared counter is separate');
});

test('a @contractevent is declared in the spec, and what bump publishes parses with it', () => {
  const [declared] = counter.spec.events();
  assert.equal(String(declared.name), 'Bumped');
  assert.deepEqual(declared.prefixTopics.map(String), ['bumped']);
  assert.deepEqual(
    declared.params.map((p) => [String(p.name), p.location.name]),
    [
      ['user', 'scSpecEventParamLocationTopicList'],
      ['by', 'scSpecEventParamLocationData'],
      ['total', 'scSpecEventParamLocationData'],
    ],
  );
  const c = counter.deploy();
  c.invoke('bump', { user: 'alice', by: 4 });
  const r = c.invoke('bump', { user: 'alice', by: 3 });
  assert.ok(r.ok);
  const [{ topics, data }] = contractEvents(r.result);
  assert.deepEqual(topics, [xdr.ScVal.scvSymbol('bumped'), xdr.ScVal.scvSymbol('alice')]);
  assert.ok(
    data.equals(
      xdr.ScVal.scvMap([
        new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('by'), val: xdr.ScVal.scvU32(3) }),
        new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol('total'), val: xdr.ScVal.scvU32(7) }),
      ]),
    ),
  );
  const parsed = counter.spec.parseEvent(topics, data);
  assert.equal(parsed?.name, 'Bumped');
  assert.deepEqual({ ...parsed?.data }, { user: 'alice', by: 3, total: 7 });
});
