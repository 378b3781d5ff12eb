import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  Address,
  Contract,
  Operation,
  SorobanDataBuilder,
  rpc,
  xdr,
  type Keypair,
} from '@stellar/stellar-sdk';
import { invoke, nodeWithDemo } from './support/deploy.ts';
import { prepareSignSend, scvU32, txBuilder, type TestNode } from './support/node.ts';

let node: TestNode;
let kp: Keypair;
let contractId: string;

before(async () => {
  ({ node, kp, contractId } = await nodeWithDemo());
});
after(() => node.close());

const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const dataKey = (name: string) =>
  xdr.LedgerKey.fromXdrObject({
    type: 6,
    contractData: {
      contract: Address.fromString(contractId).toScAddress().toXdrObject(),
      key: sym(name).toXdrObject(),
      durability: 1,
    },
  });

/** Moves time and the ledger sequence past the live-until of `key` with sorobox_advanceTime. */
const travelPast = async (key: xdr.LedgerKey) => {
  const [entry] = (await node.client.getLedgerEntries(key)).entries;
  const latest = node.network.latestLedger().sequence;
  const ledgers = entry.liveUntilLedgerSeq! - latest + 1;
  const r = await node.call('sorobox_advanceTime', { seconds: ledgers * 5, ledgers });
  assert.equal(r.error, undefined);
  assert.equal(r.result.latestLedger.sequence, entry.liveUntilLedgerSeq! + 1);
};

test('past its TTL an entry is archived: getLedgerEntries shows it with an expired liveUntilLedgerSeq', async () => {
  await invoke(node, kp, contractId, 'put', sym('a'), scvU32(1));
  const key = dataKey('a');
  const before = (await node.client.getLedgerEntries(key)).entries[0];
  assert.ok(
    before.liveUntilLedgerSeq! >=
      node.network.latestLedger().sequence + node.network.ledgerInfo().minPersistentTtl - 2,
  );
  await travelPast(key);
  const [archived] = (await node.client.getLedgerEntries(key)).entries;
  assert.ok(archived, 'still reported');
  assert.ok(archived.liveUntilLedgerSeq! < node.network.latestLedger().sequence);
});

test('automatic restoration (protocol 23): simulation lists the archived entries and the call restores them', async () => {
  const tx = (await txBuilder(node, kp)).addOperation(new Contract(contractId).call('get', sym('a'))).build();
  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationSuccess(sim), rpc.Api.isSimulationError(sim) ? sim.error : '');
  assert.equal(rpc.Api.isSimulationRestore(sim), false, 'no preamble since protocol 23');
  const data = sim.transactionData.build().toXdrObject();
  assert.equal(data.ext.v, 1);
  const archived = data.ext.v === 1 ? data.ext.resourceExt.archivedSorobanEntries : [];
  assert.ok(archived.length >= 1);
  const restoredKeys = archived.map((i) =>
    xdr.LedgerKey.fromXdrObject(data.resources.footprint.readWrite[i]).toXdr('base64'),
  );
  assert.ok(restoredKeys.includes(dataKey('a').toXdr('base64')));
  assert.equal(await invoke(node, kp, contractId, 'get', sym('a')), 1);
  const [live] = (await node.client.getLedgerEntries(dataKey('a'))).entries;
  assert.ok(live.liveUntilLedgerSeq! > node.network.latestLedger().sequence);
});

test('explicit restoration: ExtendFootprintTTL of an archived entry comes with a restorePreamble; RestoreFootprint restores it', async () => {
  await invoke(node, kp, contractId, 'put', sym('b'), scvU32(2));
  const key = dataKey('b');
  await travelPast(key);

  const extend = (await txBuilder(node, kp))
    .addOperation(Operation.extendFootprintTtl({ extendTo: 10_000 }))
    .setSorobanData(new SorobanDataBuilder().setReadOnly([key]).build())
    .build();
  const raw = (await node.call('simulateTransaction', { transaction: extend.toXDR() })).result;
  assert.equal(raw.error, undefined);
  assert.ok(raw.restorePreamble, 'the entry must be restored first');
  assert.equal(typeof raw.restorePreamble.minResourceFee, 'string');
  const preamble = xdr.SorobanTransactionData.fromXdr(raw.restorePreamble.transactionData, 'base64');
  assert.deepEqual(
    preamble.resources.footprint.readWrite.map((k) => k.toXdr('base64')),
    [key.toXdr('base64')],
  );

  // The restore a client builds from the preamble.
  const restore = (await txBuilder(node, kp))
    .addOperation(Operation.restoreFootprint({}))
    .setSorobanData(preamble)
    .build();
  await prepareSignSend(node, restore, kp);
  const [restored] = (await node.client.getLedgerEntries(key)).entries;
  assert.ok(restored.liveUntilLedgerSeq! >= node.network.latestLedger().sequence);

  // Then the extension runs as simulated: no preamble any more.
  const extendAgain = (await txBuilder(node, kp))
    .addOperation(Operation.extendFootprintTtl({ extendTo: 200_000 }))
    .setSorobanData(new SorobanDataBuilder().setReadOnly([key]).build())
    .build();
  const sim = await node.client.simulateTransaction(extendAgain);
  assert.ok(rpc.Api.isSimulationSuccess(sim) && !rpc.Api.isSimulationRestore(sim));
  await prepareSignSend(node, extendAgain, kp);
  const [extended] = (await node.client.getLedgerEntries(key)).entries;
  assert.equal(extended.liveUntilLedgerSeq, node.network.latestLedger().sequence + 200_000);
});
