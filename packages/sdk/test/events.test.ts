/** Events in each data format, as the Rust SDK's #[contractevent] publishes and declares them. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { Keypair, StrKey, nativeToScVal, xdr } from '@stellar/stellar-sdk';
import { TestContract, contractEvents } from '../src/testing.ts';

let events: TestContract;

before(async () => {
  events = await TestContract.load(new URL('../fixtures/events', import.meta.url).pathname, {
    outDir: mkdtempSync(join(tmpdir(), 'sdk-events-')),
  });
});

const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const i128 = (n: bigint) => nativeToScVal(n, { type: 'i128' });
const address = (a: string) => nativeToScVal(a, { type: 'address' });
const entry = (k: string, v: xdr.ScVal) => new xdr.ScMapEntry({ key: sym(k), val: v });

/** The one event a call published: its topics and data. */
const published = (fn: string, args: Record<string, unknown>): { topics: xdr.ScVal[]; data: xdr.ScVal }[] => {
  const r = events.invoke(fn, args);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.error));
  return contractEvents(r.result);
};

const formatOf = (name: string): string =>
  String(events.spec.events().find((e) => String(e.name) === name)?.dataFormat.name);

test('vec data: the data fields in order; the spec declares the vec format', () => {
  const from = Keypair.random().publicKey();
  const spender = StrKey.encodeContract(Buffer.alloc(32, 7));
  const [e] = published('approve', { from, spender, amount: 2n ** 70n, live_until: 500 });
  assert.deepEqual(e.topics, [sym('approve'), address(from), address(spender)]);
  assert.ok(e.data.equals(xdr.ScVal.scvVec([i128(2n ** 70n), xdr.ScVal.scvU32(500)])));
  assert.equal(formatOf('Approve'), 'scSpecEventDataFormatVec');
  const parsed = events.spec.parseEvent(e.topics, e.data);
  assert.deepEqual(
    { name: parsed?.name, ...parsed?.data },
    {
      name: 'Approve',
      from,
      spender,
      amount: 2n ** 70n,
      live_until: 500,
    },
  );
});

test('single-value data: the one data field itself, or Void without one', () => {
  const from = Keypair.random().publicKey();
  const [burn] = published('burn', { from, amount: -5n });
  assert.deepEqual(burn.topics, [sym('burn'), address(from)]);
  assert.ok(burn.data.equals(i128(-5n)));
  assert.equal(formatOf('Burn'), 'scSpecEventDataFormatSingleValue');
  assert.deepEqual({ ...events.spec.parseEvent(burn.topics, burn.data)?.data }, { from, amount: -5n });
  const [ping] = published('ping', { n: 3 });
  assert.deepEqual(ping.topics, [sym('ping'), sym('pong'), xdr.ScVal.scvU32(3)]);
  assert.ok(ping.data.equals(xdr.ScVal.scvVoid()));
});

test('map data is sparse by default (a None is left out), dense with sparse: false', () => {
  const text = xdr.ScVal.scvString('hi');
  const [sparse, dense] = published('memo', { id: 1, text: 'hi', note: undefined });
  assert.deepEqual(sparse.topics, [sym('memo_set'), xdr.ScVal.scvU32(1)]);
  assert.ok(sparse.data.equals(xdr.ScVal.scvMap([entry('text', text)])));
  assert.deepEqual(dense.topics, [sym('dense_memo'), xdr.ScVal.scvU32(1)]);
  assert.ok(dense.data.equals(xdr.ScVal.scvMap([entry('note', xdr.ScVal.scvVoid()), entry('text', text)])));
  const [withNote] = published('memo', { id: 2, text: 'hi', note: 9n });
  assert.ok(
    withNote.data.equals(xdr.ScVal.scvMap([entry('note', xdr.ScVal.scvU64(9n)), entry('text', text)])),
  );
  assert.deepEqual(
    { ...events.spec.parseEvent(withNote.topics, withNote.data)?.data },
    {
      id: 2,
      text: 'hi',
      note: 9n,
    },
  );
  assert.equal(formatOf('MemoSet'), 'scSpecEventDataFormatMap');
});
