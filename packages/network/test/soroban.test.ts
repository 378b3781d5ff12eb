import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TransactionBuilder, xdr, type Transaction } from '@stellar/stellar-sdk';
import { balanceOf, metaV4, newFunded, openTestNetwork, submit, submitOk } from './support/harness.ts';
import { PERSISTENT, TEMPORARY, contractIdOf, dataKey, install, invokeContract, prepareInvoke, sym, u32 } from './support/soroban.ts';

test('InvokeHostFunction: a contract writes and reads storage; the SDK reads the return value from the meta', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const c = install(net, contractIdOf(1));
    const put = submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('k'), u32(7), PERSISTENT])).tx);
    const putMeta = metaV4(put);
    const created = putMeta.operations[0].changes.filter((ch) => ch.type === 0).map((ch) => (ch.type === 0 ? ch.created.data.type : -1));
    assert.deepEqual(created.sort(), [6, 9], 'a contract data entry and its TTL entry are created');

    const get = submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'get', [sym('k'), PERSISTENT])).tx);
    // What @stellar/stellar-sdk's rpc parser does with getTransaction's resultMetaXdr.
    const parsed = xdr.TransactionMeta.fromXdr(Buffer.from(get.meta.toXdr()).toString('base64'), 'base64');
    assert.equal(parsed.type, 'v4');
    const returnValue = parsed.type === 'v4' ? parsed.value.sorobanMeta?.returnValue : undefined;
    assert.ok(returnValue?.equals(u32(7)));

    const [entry] = net.ledgerEntries([dataKey(c, sym('k'), 'persistent')]);
    assert.equal(entry.entry.toXdrObject().data.type, 6);
    assert.equal(entry.liveUntilLedgerSeq, put.ledger + net.config.minPersistentTtl - 1);
  } finally {
    net.close();
  }
});

test('Soroban fees: resource fee charged up front, unused refundable fee refunded, meta says how much', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const c = install(net, contractIdOf(2));
    const { tx, soroban } = prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('fee'), u32(1), PERSISTENT]), { refundableMargin: 5_000_000n });
    const before = balanceOf(net, alice.publicKey());
    const record = submitOk(net, tx);
    const meta = metaV4(record);
    const ext = meta.sorobanMeta!.ext;
    assert.equal(ext.v, 1);
    if (ext.v !== 1) return;
    const { totalNonRefundableResourceFeeCharged: nonRefundable, totalRefundableResourceFeeCharged: refundable, rentFeeCharged: rent } = ext.v1;
    assert.ok(rent > 0n, 'a new persistent entry pays rent');
    assert.ok(refundable >= rent);
    const charged = record.result.toXdrObject().feeCharged;
    assert.equal(charged, 100n + nonRefundable + refundable, 'inclusion fee + non-refundable + consumed refundable');
    assert.ok(charged < 100n + soroban.resourceFee, 'part of the declared fee came back');
    assert.equal(balanceOf(net, alice.publicKey()), before - charged);
    // Fee events: the charge before all transactions, the refund after.
    const stages = meta.events.map((e) => e.stage);
    assert.deepEqual(stages, [0, 2]);
    const amount = (i: number) => {
      const d = meta.events[i].event.body.v0.data;
      return d.type === 10 ? (d.i128.hi << 64n) | d.i128.lo : undefined;
    };
    assert.equal(amount(0), 100n + soroban.resourceFee);
    assert.equal(amount(1), -(100n + soroban.resourceFee - charged));

    // Too little refundable fee for the rent: the operation fails, and only the non-refundable part is kept.
    // The same call for another key costs the same non-refundable fee: declare only that.
    const stingy = prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('fee2'), u32(1), PERSISTENT]), { resourceFee: nonRefundable + 10n });
    const failed = submit(net, stingy.tx);
    assert.equal(failed.status, 'FAILED');
    const r = failed.result.toXdrObject().result;
    assert.ok(r.code === -1 && r.results[0].code === 0 && r.results[0].tr.type === 24 && r.results[0].tr.invokeHostFunctionResult.code === -5, 'INVOKE_HOST_FUNCTION_INSUFFICIENT_REFUNDABLE_FEE');
    const failedExt = metaV4(failed).sorobanMeta!.ext;
    assert.ok(failedExt.v === 1 && failedExt.v1.totalRefundableResourceFeeCharged === 0n && failed.result.toXdrObject().feeCharged === 100n + failedExt.v1.totalNonRefundableResourceFeeCharged);
  } finally {
    net.close();
  }
});

test('InvokeHostFunction failures: a trap, a footprint miss, too few instructions', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const c = install(net, contractIdOf(3));
    const code = (record: { result: xdr.TransactionResult }) => {
      const r = record.result.toXdrObject().result;
      return r.code === -1 && r.results[0].code === 0 && r.results[0].tr.type === 24 ? r.results[0].tr.invokeHostFunctionResult.code : undefined;
    };
    const contractError = xdr.ScVal.fromXdrObject({ type: 2, error: { type: 0, contractCode: 5 } });
    const trap = submit(net, prepareInvoke(net, alice, invokeContract(c.address, 'fail', [contractError]), { failing: true }).tx);
    assert.equal(code(trap), -2, 'TRAPPED');
    assert.ok(metaV4(trap).diagnosticEvents.length > 0, 'with the diagnostic events of the failure');

    // Declared footprint without the entry the run writes: the host refuses the access.
    const prepared = prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('x'), u32(1), PERSISTENT]));
    const wire = prepared.tx.toEnvelope().toXdrObject();
    if (wire.type !== 2 || wire.v1.tx.ext.v !== 1) throw new Error('expected a Soroban v1 envelope');
    const data = wire.v1.tx.ext.sorobanData;
    const narrowed = { ...data, resources: { ...data.resources, footprint: { ...data.resources.footprint, readWrite: [] } } };
    const resigned = xdr.TransactionEnvelope.fromXdrObject({ ...wire, v1: { ...wire.v1, tx: { ...wire.v1.tx, ext: { v: 1, sorobanData: narrowed } }, signatures: [] } });
    const tx = TransactionBuilder.fromXDR(resigned, net.passphrase) as Transaction;
    tx.sign(alice);
    assert.equal(code(submit(net, tx)), -2, 'a footprint miss traps');

    const starved = submit(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('y'), u32(1), PERSISTENT]), { instructions: 1000 }).tx);
    assert.equal(code(starved), -3, 'RESOURCE_LIMIT_EXCEEDED');
  } finally {
    net.close();
  }
});

test('TTL: advancing time past a TTL archives a persistent entry and deletes a temporary one; restore brings it back', () => {
  const net = openTestNetwork({ limits: 'unlimited' });
  try {
    const alice = newFunded(net, 100_000_000_000n);
    const c = install(net, contractIdOf(4), undefined, 1_000_000);
    submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('p'), u32(1), PERSISTENT])).tx);
    const tmp = submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('t'), u32(2), TEMPORARY])).tx);
    const persistentKey = dataKey(c, sym('p'), 'persistent');
    const temporaryKey = dataKey(c, sym('t'), 'temporary');
    const [t] = net.ledgerEntries([temporaryKey]);
    assert.equal(t.liveUntilLedgerSeq, tmp.ledger + net.config.minTemporaryTtl - 1);

    // Past the temporary entry's TTL: it is evicted, and the eviction is in the ledger's meta.
    const ledgersToTemp = t.liveUntilLedgerSeq! - net.latestLedger().sequence + 1;
    const closed = net.advanceTime(BigInt(ledgersToTemp * 5), ledgersToTemp);
    assert.equal(net.ledgerEntries([temporaryKey]).length, 0);
    const evictedIn = net.ledgers(closed.sequence, undefined, 1)[0].metaXdr.toXdrObject();
    assert.ok(evictedIn.v === 2 && evictedIn.v2.evictedKeys.length === 2, 'data and TTL keys evicted');
    const [p] = net.ledgerEntries([persistentKey]);

    // Past the persistent entry's TTL (shortened to keep the test quick): archived, reported with
    // live-until 0, and unreadable.
    assert.equal(p.liveUntilLedgerSeq, net.latestLedger().sequence - ledgersToTemp + net.config.minPersistentTtl - 2);
    net.setLedgerEntry(p.entry, net.latestLedger().sequence + 2);
    net.advanceTime(15n, 3);
    const [archived] = net.ledgerEntries([persistentKey]);
    assert.equal(archived.liveUntilLedgerSeq, 0);
    const noRestore = prepareInvoke(net, alice, invokeContract(c.address, 'get', [sym('p'), PERSISTENT]), { restore: false });
    const fails = submit(net, noRestore.tx);
    const r = fails.result.toXdrObject().result;
    assert.ok(r.code === -1 && r.results[0].code === 0 && r.results[0].tr.type === 24 && r.results[0].tr.invokeHostFunctionResult.code === -4, 'ENTRY_ARCHIVED');

    // Automatic restoration (archivedSorobanEntries): restored, read, and reported as RESTORED in meta.
    const auto = prepareInvoke(net, alice, invokeContract(c.address, 'get', [sym('p'), PERSISTENT]));
    assert.equal(auto.restored.length, 1);
    const restored = submitOk(net, auto.tx);
    const changes = metaV4(restored).operations[0].changes;
    assert.deepEqual(
      changes.filter((ch) => ch.type === 4).map((ch) => (ch.type === 4 ? ch.restored.data.type : -1)).sort(),
      [6, 9],
      'RESTORED changes for the data entry and its TTL',
    );
    const [live] = net.ledgerEntries([persistentKey]);
    assert.equal(live.liveUntilLedgerSeq, restored.ledger + net.config.minPersistentTtl - 1);
  } finally {
    net.close();
  }
});
