/** Ledger info a contract reads, through real Wasm run against a ledger snapshot. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Networks, xdr } from '@stellar/stellar-sdk';
import { networkIdOf } from '../src/host/ledger-info.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { MAX_LIVE_UNTIL, MemorySnapshot, SEQ, deploy, errorOf, run } from './support/ledger.ts';
import { contract, importOf } from './support/wat.ts';

/** Ledger info getters only, built for protocol 21, so it runs on older ledgers too. */
const INFO = contract(
  `(module
    ${['get_ledger_version', 'get_ledger_sequence', 'get_ledger_timestamp', 'get_ledger_network_id', 'get_max_live_until_ledger'].map(importOf).join('\n')}
    (func (export "version") (result i64) (call $get_ledger_version))
    (func (export "sequence") (result i64) (call $get_ledger_sequence))
    (func (export "timestamp") (result i64) (call $get_ledger_timestamp))
    (func (export "network_id") (result i64) (call $get_ledger_network_id))
    (func (export "max_live_until") (result i64) (call $get_max_live_until_ledger)))`,
  { protocol: 21 },
);

const valueOf = (r: ReturnType<typeof run>): xdr.ScVal => {
  assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
  return r.outcome.value;
};

describe('ledger info', () => {
  const snap = new MemorySnapshot();
  const c = deploy(snap, 1, { wasm: INFO, liveUntil: 0xffffffff });

  it('protocol version, sequence and timestamp come from the ledger the run is given', () => {
    const ledger = { protocolVersion: 23, sequenceNumber: 4242, timestamp: 1_700_000_000n };
    assert.ok(valueOf(run(snap, c, 'version', [], { ledger })).equals(xdr.ScVal.scvU32(23)));
    assert.ok(valueOf(run(snap, c, 'sequence', [], { ledger })).equals(xdr.ScVal.scvU32(4242)));
    assert.ok(valueOf(run(snap, c, 'timestamp', [], { ledger })).equals(xdr.ScVal.scvU64(1_700_000_000n)));
    // a timestamp too large for a small U64Val comes back as an object, same value
    const big = (1n << 60n) + 5n;
    assert.ok(valueOf(run(snap, c, 'timestamp', [], { ledger: { timestamp: big } })).equals(xdr.ScVal.scvU64(big)));
  });

  it('the network id is the sha256 of the network passphrase', () => {
    const testnet = networkIdOf(Networks.TESTNET);
    assert.ok(valueOf(run(snap, c, 'network_id', [], { ledger: { networkId: testnet } })).equals(xdr.ScVal.scvBytes(testnet)));
    // standalone by default
    assert.ok(valueOf(run(snap, c, 'network_id')).equals(xdr.ScVal.scvBytes(networkIdOf(Networks.STANDALONE))));
  });

  it('max live-until is seq + max_entry_ttl - 1', () => {
    assert.ok(valueOf(run(snap, c, 'max_live_until')).equals(xdr.ScVal.scvU32(MAX_LIVE_UNTIL)));
    assert.ok(valueOf(run(snap, c, 'max_live_until', [], { ledger: { sequenceNumber: SEQ + 7, maxEntryTtl: 50 } })).equals(xdr.ScVal.scvU32(SEQ + 56)));
  });

  it('a max live-until past u32 is Error(Context, InternalError)', () => {
    const r = run(snap, c, 'max_live_until', [], { ledger: { sequenceNumber: 0xffffffff - 10, maxEntryTtl: 100 } });
    assert.deepEqual(errorOf(r), { type: ErrorType.Context, code: ErrorCode.InternalError });
  });
});
