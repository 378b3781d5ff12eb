import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  Account,
  Asset,
  Contract,
  Keypair,
  Operation,
  SorobanDataBuilder,
  TransactionBuilder,
  rpc,
  xdr,
  type Transaction,
} from '@stellar/stellar-sdk';
import { scvU32, txBuilder, type TestNode } from './support/node.ts';
import { nodeWithDemo } from './support/deploy.ts';

let node: TestNode;
let kp: Keypair;
let contractId: string;

before(async () => {
  ({ node, kp, contractId } = await nodeWithDemo());
});
after(() => node.close());

const selfPayment = () =>
  Operation.payment({ destination: kp.publicKey(), asset: Asset.native(), amount: '1' });
const call = (fn: string, ...args: xdr.ScVal[]) => new Contract(contractId).call(fn, ...args);
/** Assembles `tx` with `sorobanData` instead of what `sim` found, signs, sends (accepted) and polls. */
const sendWith = async (
  tx: Transaction,
  sim: rpc.Api.SimulateTransactionSuccessResponse,
  sorobanData: xdr.SorobanTransactionData,
) => {
  const assembled = TransactionBuilder.cloneFrom(tx, {
    fee: (100 + Number(sim.minResourceFee)).toString(),
    sorobanData,
  }).build();
  assembled.sign(kp);
  const sent = await node.client.sendTransaction(assembled);
  assert.equal(sent.status, 'PENDING');
  return node.client.pollTransaction(sent.hash);
};

const resultCode = (r: xdr.TransactionResult | undefined) => r?.result.type;

test('a wrong sequence number is ERROR txBadSeq at sendTransaction', async () => {
  const account = await node.client.getAccount(kp.publicKey());
  const ahead = new Account(kp.publicKey(), (BigInt(account.sequenceNumber()) + 5n).toString());
  const tx = new TransactionBuilder(ahead, { fee: '100', networkPassphrase: node.passphrase })
    .addOperation(selfPayment())
    .setTimeout(300)
    .build();
  tx.sign(kp);
  const sent = await node.client.sendTransaction(tx);
  assert.equal(sent.status, 'ERROR');
  assert.equal(resultCode(sent.errorResult), 'txBadSeq');
  assert.equal((await node.client.getTransaction(sent.hash)).status, 'NOT_FOUND');
});

test('a fee below the minimum is ERROR txInsufficientFee', async () => {
  const tx = (await txBuilder(node, kp, '10')).addOperation(selfPayment()).build();
  tx.sign(kp);
  const sent = await node.client.sendTransaction(tx);
  assert.equal(sent.status, 'ERROR');
  assert.equal(resultCode(sent.errorResult), 'txInsufficientFee');
});

test('a bad or missing signature is ERROR txBadAuth; a resubmitted transaction is not applied twice', async () => {
  const unsigned = (await txBuilder(node, kp)).addOperation(selfPayment()).build();
  assert.equal(resultCode((await node.client.sendTransaction(unsigned)).errorResult), 'txBadAuth');
  const wrong = (await txBuilder(node, kp)).addOperation(selfPayment()).build();
  wrong.sign(Keypair.random());
  assert.equal(resultCode((await node.client.sendTransaction(wrong)).errorResult), 'txBadAuth');
  const good = (await txBuilder(node, kp)).addOperation(selfPayment()).build();
  good.sign(kp);
  const accepted = await node.client.sendTransaction(good);
  assert.equal(accepted.status, 'PENDING', JSON.stringify(accepted.errorResult?.toJson()));
  const again = await node.client.sendTransaction(good);
  assert.notEqual(again.status, 'PENDING', 'the same transaction again');
});

test('a failing contract call: simulation reports the host error in `error`, with diagnostic events', async () => {
  const tx = (await txBuilder(node, kp)).addOperation(call('refuse')).build();
  const raw = (await node.call('simulateTransaction', { transaction: tx.toXDR() })).result;
  assert.match(raw.error, /^HostError: Error\(Contract, #1\)/);
  assert.ok(raw.events.length > 0);
  assert.equal(raw.transactionData, undefined);
  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationError(sim));
});

test('a footprint that misses an entry fails the transaction at apply (FAILED), not at send', async () => {
  const tx = (await txBuilder(node, kp)).addOperation(call('increment', scvU32(1))).build();
  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationSuccess(sim));
  const narrowed = new SorobanDataBuilder(sim.transactionData.build().toXdr('base64'))
    .setReadWrite([])
    .build();
  const done = await sendWith(tx, sim, narrowed);
  assert.equal(done.status, 'FAILED');
  assert.equal(resultCode(done.status === 'FAILED' ? done.resultXdr : undefined), 'txFailed');
});

test('too few declared instructions: FAILED with invokeHostFunctionResourceLimitExceeded; an endless loop fails simulation', async () => {
  const tx = (await txBuilder(node, kp)).addOperation(call('spin', scvU32(1000))).build();
  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationSuccess(sim));
  const declared = sim.transactionData.build().resources;
  const tight = new SorobanDataBuilder(sim.transactionData.build().toXdr('base64'))
    .setResources(Math.floor(declared.instructions / 2), declared.diskReadBytes, declared.writeBytes)
    .build();
  const done = await sendWith(tx, sim, tight);
  assert.equal(done.status, 'FAILED');
  const wire = (done.status === 'FAILED' &&
    done.resultXdr.toXdrObject().result) as xdr.TransactionResultResultWire;
  const op = 'results' in wire ? wire.results[0] : undefined;
  assert.equal(
    op?.code === 0 && op.tr.type === 24 && op.tr.invokeHostFunctionResult.code,
    -3,
    'INVOKE_HOST_FUNCTION_RESOURCE_LIMIT_EXCEEDED',
  );

  const endless = (await txBuilder(node, kp)).addOperation(call('spin', scvU32(4_000_000_000))).build();
  const raw = (await node.call('simulateTransaction', { transaction: endless.toXDR() })).result;
  assert.match(raw.error, /Error\(Budget, ExceededLimit\)/);
});

test('simulateTransaction refuses what it cannot simulate in `error`', async () => {
  const sim = async (transaction: string, extra: object = {}) =>
    (await node.call('simulateTransaction', { transaction, ...extra })).result;
  assert.equal((await sim('AAAA')).error, 'Could not unmarshal transaction');
  const classic = (await txBuilder(node, kp)).addOperation(selfPayment()).build();
  assert.match((await sim(classic.toXDR())).error, /unsupported operation type/);
  const two = (await txBuilder(node, kp)).addOperation(call('count')).addOperation(call('count')).build();
  assert.equal((await sim(two.toXDR())).error, 'Transaction contains more than one operation');
  const one = (await txBuilder(node, kp)).addOperation(call('count')).build();
  assert.match(
    (await sim(one.toXDR(), { authMode: 'sometimes' })).error,
    /optional 'authMode' must be one of/,
  );
  const extend = (await txBuilder(node, kp))
    .addOperation(Operation.extendFootprintTtl({ extendTo: 1000 }))
    .build();
  assert.match((await sim(extend.toXDR())).error, /SorobanTransactionData must be provided/);
});
