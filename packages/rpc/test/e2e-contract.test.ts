import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import {
  Address,
  Asset,
  Contract,
  Keypair,
  Operation,
  StrKey,
  rpc,
  scValToNative,
  xdr,
} from '@stellar/stellar-sdk';
import type { BuildResult } from '@sorobox/sdk';
import {
  demoContract,
  fundedAccount,
  prepareSignSend,
  scvU32,
  startNode,
  txBuilder,
  type TestNode,
} from './support/node.ts';
import { demoClient } from './support/deploy.ts';

let node: TestNode;
let demo: BuildResult;
let owner: Keypair;
let contractId: string;

before(async () => {
  [node, demo] = await Promise.all([startNode(), demoContract()]);
  owner = await fundedAccount(node);
});
after(() => node.close());

test('upload Wasm, then Operation.createCustomContract with constructor arguments', async () => {
  const uploaded = await prepareSignSend(
    node,
    (await txBuilder(node, owner)).addOperation(Operation.uploadContractWasm({ wasm: demo.wasm })).build(),
    owner,
  );
  const hash = createHash('sha256').update(demo.wasm).digest();
  assert.deepEqual(Buffer.from(scValToNative(uploaded.returnValue!) as Uint8Array), hash);
  assert.deepEqual(Buffer.from(await node.client.getContractWasmByHash(hash)), Buffer.from(demo.wasm));

  const create = Operation.createCustomContract({
    address: Address.fromString(owner.publicKey()),
    wasmHash: hash,
    salt: randomBytes(32),
    constructorArgs: [Address.fromString(owner.publicKey()).toScVal(), scvU32(5)],
  });
  const created = await prepareSignSend(
    node,
    (await txBuilder(node, owner)).addOperation(create).build(),
    owner,
  );
  contractId = Address.fromScVal(created.returnValue!).toString();
  assert.match(contractId, /^C[A-Z2-7]{55}$/);
  assert.deepEqual(
    Buffer.from(await node.client.getContractWasmByContractId(contractId)),
    Buffer.from(demo.wasm),
  );
});

test('friendbot funds a contract with native XLM through the Stellar Asset Contract (fundAddress)', async () => {
  const tx = await node.client.fundAddress(contractId);
  assert.equal(tx.status, 'SUCCESS');
  const { balanceEntry } = await node.client.getSACBalance(contractId, Asset.native(), node.passphrase);
  assert.equal(balanceEntry?.amount, '100000000000');
  await node.client.fundAddress(contractId);
  const again = await node.client.getSACBalance(contractId, Asset.native(), node.passphrase);
  assert.equal(again.balanceEntry?.amount, '200000000000', 'the SAC is deployed once, then reused');
});

test('contract.Client.from reads the spec over RPC; a read call simulates, a write call signs and sends', async () => {
  const methods = await demoClient(node, owner, contractId);
  assert.equal((await methods.count()).result, 5, 'the constructor set the count');
  assert.equal((await methods.owner()).result, owner.publicKey());
  const incr = await methods.increment({ by: 3 });
  assert.equal(incr.result, 8, 'simulated result');
  const sent = await incr.signAndSend();
  assert.equal(sent.result, 8);
  assert.equal(sent.getTransactionResponse?.status, 'SUCCESS');
  assert.equal((await methods.count()).result, 8);
});

test('the assembled flow by hand: simulate (fields as stellar-rpc sends them) → assemble → sign → send → poll', async () => {
  const tx = (await txBuilder(node, owner))
    .addOperation(new Contract(contractId).call('increment', scvU32(2)))
    .build();
  const raw = (await node.call('simulateTransaction', { transaction: tx.toXDR() })).result;
  assert.equal(raw.error, undefined);
  assert.equal(typeof raw.minResourceFee, 'string');
  assert.ok(Number(raw.minResourceFee) > 0);
  assert.equal(raw.latestLedger, node.network.latestLedger().sequence);
  assert.equal(
    xdr.ScVal.fromXdr(raw.results[0].xdr, 'base64').toXdrObject().type,
    xdr.ScVal.scvU32(0).toXdrObject().type,
  );
  assert.deepEqual(raw.results[0].auth, []);
  const data = xdr.SorobanTransactionData.fromXdr(raw.transactionData, 'base64');
  assert.equal(data.resourceFee.toString(), raw.minResourceFee);
  assert.ok(data.resources.instructions > 0);
  assert.equal(data.resources.footprint.readWrite.length, 1, 'the instance entry');
  assert.ok(data.resources.footprint.readOnly.length >= 1, 'the code entry');
  assert.equal(raw.stateChanges.length, 1);
  assert.equal(raw.stateChanges[0].type, 'updated');
  assert.ok(raw.events.length > 0, 'diagnostic events');

  // instructionLeeway raises the padding added to the measured instructions (default 50,000 or 2%).
  const padded = (
    await node.call('simulateTransaction', {
      transaction: tx.toXDR(),
      resourceConfig: { instructionLeeway: 3_000_000 },
    })
  ).result;
  const paddedData = xdr.SorobanTransactionData.fromXdr(padded.transactionData, 'base64');
  assert.ok(paddedData.resources.instructions >= data.resources.instructions + 2_900_000);
  assert.ok(BigInt(padded.minResourceFee) > BigInt(raw.minResourceFee));

  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationSuccess(sim));
  assert.equal(scValToNative(sim.result!.retval), 10);
  const assembled = rpc.assembleTransaction(tx, sim).build();
  assembled.sign(owner);
  const sent = await node.client.sendTransaction(assembled);
  assert.equal(sent.status, 'PENDING');
  const done = await node.client.pollTransaction(sent.hash);
  assert.equal(done.status, 'SUCCESS');
  assert.equal(done.status === 'SUCCESS' && scValToNative(done.returnValue!), 10);

  const got = (await node.call('getTransaction', { hash: sent.hash })).result;
  assert.equal(got.status, 'SUCCESS');
  assert.equal(typeof got.createdAt, 'string', 'a string in getTransaction');
  assert.equal(got.txHash, sent.hash);
  assert.equal(got.applicationOrder, 1);
  assert.equal(got.feeBump, false);
  const [opEvents] = got.events.contractEventsXdr;
  const incr = xdr.ContractEvent.fromXdr(opEvents[0], 'base64').toXdrObject();
  assert.equal(incr.type, 1);
  assert.equal(xdr.TransactionMeta.fromXdr(got.resultMetaXdr, 'base64').toXdrObject().v, 4);
  const json = (await node.call('getTransaction', { hash: sent.hash, xdrFormat: 'json' })).result;
  assert.equal(json.envelopeXdr, undefined);
  assert.ok(json.envelopeJson && json.resultJson && json.resultMetaJson);
  const missing = (await node.call('getTransaction', { hash: '00'.repeat(32) })).result;
  assert.equal(missing.status, 'NOT_FOUND');
});

test('getTransactions pages through history with its cursor (createdAt a number)', async () => {
  const oldest = node.network.oldestLedger().sequence;
  const all: string[] = [];
  let page = (await node.call('getTransactions', { startLedger: oldest, pagination: { limit: 2 } })).result;
  assert.equal(typeof page.transactions[0].createdAt, 'number');
  while (page.transactions.length) {
    all.push(...page.transactions.map((t: { txHash: string }) => t.txHash));
    page = (await node.call('getTransactions', { pagination: { cursor: page.cursor, limit: 2 } })).result;
  }
  assert.equal(new Set(all).size, all.length, 'no transaction twice');
  assert.ok(all.length >= 5, 'friendbot, upload, create, two increments');
  const sdk = await node.client.getTransactions({ startLedger: oldest, pagination: { limit: 200 } });
  assert.deepEqual(
    sdk.transactions.map((t) => t.txHash),
    all,
  );
});

test('getLedgerEntries returns the contract instance with lastModifiedLedgerSeq and liveUntilLedgerSeq', async () => {
  const instance = await node.client.getContractData(
    contractId,
    xdr.ScVal.scvLedgerKeyContractInstance(),
    rpc.Durability.Persistent,
  );
  assert.ok(instance.liveUntilLedgerSeq! > node.network.latestLedger().sequence);
  assert.ok(instance.lastModifiedLedgerSeq! > 0);
  const key = new Contract(contractId).getFootprint();
  const raw = (await node.call('getLedgerEntries', { keys: [key.toXdr('base64')] })).result;
  assert.equal(raw.entries.length, 1);
  assert.equal(raw.entries[0].key, key.toXdr('base64'));
  assert.equal(xdr.LedgerEntryData.fromXdr(raw.entries[0].xdr, 'base64').toXdrObject().type, 6);
  const json = (await node.call('getLedgerEntries', { keys: [key.toXdr('base64')], xdrFormat: 'json' }))
    .result;
  assert.ok(json.entries[0].keyJson && json.entries[0].dataJson);
  const absent = xdr.LedgerKey.fromXdrObject({ type: 7, contractCode: { hash: new Uint8Array(32) } });
  assert.deepEqual((await node.client.getLedgerEntries(absent)).entries, []);
});

test('getEvents: topic filters with * and **, contract ids, types, and cursor pagination', async () => {
  const start = node.network.latestLedger().sequence + 1;
  await prepareSignSend(
    node,
    (await txBuilder(node, owner)).addOperation(new Contract(contractId).call('ticks', scvU32(6))).build(),
    owner,
  );
  const sym = (s: string) => xdr.ScVal.scvSymbol(s).toXdr('base64');
  const get = async (filters: unknown[], extra: object = {}) =>
    (await node.call('getEvents', { startLedger: start, filters, ...extra })).result;

  const all = await get([{ type: 'contract', contractIds: [contractId], topics: [[sym('tick'), '**']] }]);
  assert.equal(all.events.length, 6);
  const e0 = all.events[0];
  assert.equal(e0.type, 'contract');
  assert.equal(e0.contractId, contractId);
  assert.match(e0.id, /^\d{19}-\d{10}$/);
  assert.match(e0.ledgerClosedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(typeof all.latestLedgerCloseTime, 'string');
  assert.deepEqual(
    all.events.map((e: { value: string }) => scValToNative(xdr.ScVal.fromXdr(e.value, 'base64'))),
    [0, 1, 2, 3, 4, 5],
  );

  assert.equal((await get([{ topics: [[sym('tick'), '*', sym('even')]] }])).events.length, 3);
  assert.equal((await get([{ topics: [['*', '*', sym('odd')]] }])).events.length, 3);
  assert.equal((await get([{ topics: [[sym('tick')]] }])).events.length, 0, 'exact length without **');
  assert.equal((await get([{ topics: [[sym('tick'), '*']] }])).events.length, 0);
  assert.equal((await get([{ type: 'system' }])).events.length, 0);
  assert.equal((await get([{ contractIds: [StrKey.encodeContract(Buffer.alloc(32, 9))] }])).events.length, 0);

  const seen: number[] = [];
  let page = await get([{ topics: [[sym('tick'), '**']] }], { pagination: { limit: 4 } });
  assert.equal(page.events.length, 4);
  assert.equal(page.cursor, page.events[3].id);
  seen.push(
    ...page.events.map((e: { value: string }) => scValToNative(xdr.ScVal.fromXdr(e.value, 'base64'))),
  );
  page = (
    await node.call('getEvents', {
      filters: [{ topics: [[sym('tick'), '**']] }],
      pagination: { cursor: page.cursor, limit: 4 },
    })
  ).result;
  seen.push(
    ...page.events.map((e: { value: string }) => scValToNative(xdr.ScVal.fromXdr(e.value, 'base64'))),
  );
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5]);
  assert.match(page.cursor, /-4294967295$/, 'the end of the searched window');

  const sdk = await node.client.getEvents({
    startLedger: start,
    filters: [{ type: 'contract', topics: [[sym('tick'), '*', sym('odd')]] }],
  });
  assert.equal(sdk.events.length, 3);
  assert.equal(sdk.events[0].contractId?.contractId(), contractId);
  const json = await get([{ topics: [[sym('tick'), '**']] }], {
    xdrFormat: 'json',
    pagination: { limit: 1 },
  });
  assert.ok(
    json.events[0].topicJson && json.events[0].valueJson !== undefined && json.events[0].topic === undefined,
  );
  const both = await node.call('getEvents', {
    startLedger: start,
    filters: [],
    pagination: { cursor: page.cursor },
  });
  assert.equal(both.error?.code, -32602);
});

test('xdrFormat json: simulateTransaction and a refused sendTransaction use the *Json twins', async () => {
  const tx = (await txBuilder(node, owner))
    .addOperation(new Contract(contractId).call('increment', scvU32(1)))
    .build();
  const sim = (await node.call('simulateTransaction', { transaction: tx.toXDR(), xdrFormat: 'json' })).result;
  assert.equal(sim.transactionData, undefined);
  assert.ok(sim.transactionDataJson.resources);
  assert.ok(sim.results[0].returnValueJson && Array.isArray(sim.results[0].authJson));
  assert.ok(Array.isArray(sim.eventsJson));
  assert.equal(sim.stateChanges[0].type, 'updated');
  assert.ok(sim.stateChanges[0].keyJson && sim.stateChanges[0].beforeJson && sim.stateChanges[0].afterJson);
  // Unsigned: refused, with the result as JSON.
  const sent = (await node.call('sendTransaction', { transaction: tx.toXDR(), xdrFormat: 'json' })).result;
  assert.equal(sent.status, 'ERROR');
  assert.equal(sent.errorResultXdr, undefined);
  assert.ok(sent.errorResultJson);
});
