import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAINNET_CONFIG, TESTNET_P26_CONFIG } from '@sorobox/host';
import { newFunded, openTestNetwork, rejection, submitOk } from './support/harness.ts';
import { PERSISTENT, TEMPORARY, contractIdOf, dataKey, install, invokeContract, prepareInvoke, sym, u32 } from './support/soroban.ts';

const TX_SOROBAN_INVALID = -17;
const LEDGERS_PER_DAY = 17_280;

test('limits mainnet: the network runs with the published mainnet limits, TTLs and fee rates', () => {
  const net = openTestNetwork({ limits: 'mainnet' });
  try {
    assert.equal(net.config, MAINNET_CONFIG);
    const c = net.config;
    assert.deepEqual(
      [c.txMaxInstructions, c.txMemoryLimit, c.txMaxFootprintEntries, c.txMaxDiskReadEntries, c.txMaxDiskReadBytes, c.txMaxWriteLedgerEntries, c.txMaxWriteBytes],
      [100_000_000, 41_943_040, 100, 100, 200_000, 50, 135_168],
    );
    assert.deepEqual([c.txMaxSizeBytes, c.txMaxContractEventsSizeBytes, c.contractDataKeySizeBytes, c.contractMaxSizeBytes], [135_168, 16_384, 250, 131_072]);
    assert.deepEqual([c.minPersistentTtl, c.minTemporaryTtl, c.maxEntryTtl], [120 * LEDGERS_PER_DAY, LEDGERS_PER_DAY, 3_110_400]);
    assert.deepEqual([c.ledgerMaxInstructions, c.ledgerMaxTxsSizeBytes], [600_000_000, 136_192]);
    assert.deepEqual(
      [c.feeRatePerInstructionsIncrement, c.feeDiskReadLedgerEntry, c.feeDiskRead1Kb, c.feeWriteLedgerEntry, c.feeWrite1Kb, c.feeTxSize1Kb, c.feeHistorical1Kb, c.feeContractEvents1Kb],
      [25n, 6_250n, 1_786n, 10_000n, 3_500n, 1_624n, 16_235n, 10_000n],
    );
    // What differs from testnet: longer initial TTLs, bigger data entries, more ledger-wide instructions.
    assert.ok(c.minPersistentTtl > TESTNET_P26_CONFIG.minPersistentTtl && c.minTemporaryTtl > TESTNET_P26_CONFIG.minTemporaryTtl);
    assert.ok(c.contractDataEntrySizeBytes > TESTNET_P26_CONFIG.contractDataEntrySizeBytes);
    assert.equal(c.cpuCostParams, TESTNET_P26_CONFIG.cpuCostParams, 'cost parameters are not published for mainnet: testnet metering');
  } finally {
    net.close();
  }
});

test('limits mainnet: a normal invocation is accepted and its new entries live 120 days (persistent) and 1 day (temporary)', () => {
  const net = openTestNetwork({ limits: 'mainnet' });
  try {
    const alice = newFunded(net, 100_000_000_000n);
    const c = install(net, contractIdOf(41));
    const put = submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('p'), u32(1), PERSISTENT])).tx);
    const tmp = submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('t'), u32(2), TEMPORARY])).tx);
    const [p] = net.ledgerEntries([dataKey(c, sym('p'), 'persistent')]);
    const [t] = net.ledgerEntries([dataKey(c, sym('t'), 'temporary')]);
    assert.equal(p.liveUntilLedgerSeq, put.ledger + 2_073_600 - 1);
    assert.equal(t.liveUntilLedgerSeq, tmp.ledger + 17_280 - 1);
  } finally {
    net.close();
  }
});

test('limits mainnet: a transaction declaring more than the mainnet per-transaction instructions is rejected at submission', () => {
  const net = openTestNetwork({ limits: 'mainnet' });
  try {
    const alice = newFunded(net, 100_000_000_000n);
    const c = install(net, contractIdOf(42));
    const put = (instructions: number) => prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('k'), u32(1), PERSISTENT]), { instructions }).tx;
    const before = net.latestLedger().sequence;
    assert.equal(rejection(net, put(100_000_001)), TX_SOROBAN_INVALID);
    assert.equal(net.latestLedger().sequence, before, 'a rejected submission closes no ledger');
    submitOk(net, put(100_000_000));
  } finally {
    net.close();
  }
});
