import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endOfLedger, formatEventId, parseEventId, parseToid, toid } from '../src/toid.ts';
import { feeDistribution } from '../src/methods/info.ts';

test('TOIDs put the ledger in the high 32 bits, then 20 bits of transaction and 12 of operation', () => {
  assert.equal(toid(1, 1, 1), 4294971393n);
  assert.deepEqual(parseToid('4294971393'), { ledger: 1, tx: 1, op: 1 });
  assert.equal(parseToid('-1'), undefined);
  assert.equal(parseToid('9223372036854775808'), undefined);
});

test('event ids are %019d-%010d of the TOID and the event index, and parse back', () => {
  const id = formatEventId({ ledger: 5, tx: 2, op: 1, event: 3 });
  assert.equal(id, '0000000021474844673-0000000003');
  assert.deepEqual(parseEventId(id), { ledger: 5, tx: 2, op: 1, event: 3 });
  assert.equal(parseEventId('12-x'), undefined);
  // stellar-rpc's end-of-window cursor: MaxCursor with the last searched ledger.
  assert.equal(formatEventId(endOfLedger(9)), '0000000042949672959-4294967295');
});

test('fee distribution: nearest-rank percentiles, mode, strings, as stellar-rpc computes them', () => {
  const d = feeDistribution([100, 100, 100, 200, 300, 300, 1000, 5000, 5000, 5000, 5000], 3);
  assert.equal(d.min, '100');
  assert.equal(d.max, '5000');
  assert.equal(d.mode, '5000');
  assert.equal(d.p10, '100'); // ceil(1.1) = 2nd value
  assert.equal(d.p50, '300'); // ceil(5.5) = 6th
  assert.equal(d.p99, '5000');
  assert.equal(d.transactionCount, '11');
  assert.equal(d.ledgerCount, 3);
  assert.equal(feeDistribution([], 0).p50, '0');
  // On equal runs the first (lowest) fee is the mode.
  assert.equal(feeDistribution([1, 1, 2, 2], 1).mode, '1');
});
