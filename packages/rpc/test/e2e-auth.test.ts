import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Contract, Keypair, authorizeEntry, contract, rpc, xdr } from '@stellar/stellar-sdk';
import { demoClient, invoke, nodeWithDemo } from './support/deploy.ts';
import { fundedAccount, prepareSignSend, scvU32, txBuilder, type TestNode } from './support/node.ts';

let node: TestNode;
let owner: Keypair;
let other: Keypair;
let contractId: string;

before(async () => {
  ({ node, kp: owner, contractId } = await nodeWithDemo());
  other = await fundedAccount(node);
});
after(() => node.close());

const sym = (s: string) => xdr.ScVal.scvSymbol(s);
const ownerPut = (value: number) => new Contract(contractId).call('owner_put', sym('k'), scvU32(value));
const simulateRaw = async (tx: { toXDR(): string }, authMode?: string) =>
  (await node.call('simulateTransaction', { transaction: tx.toXDR(), ...(authMode ? { authMode } : {}) }))
    .result;

test('recording: the owner as the source account authorizes by signing the transaction', async () => {
  const tx = (await txBuilder(node, owner)).addOperation(ownerPut(1)).build();
  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationSuccess(sim), rpc.Api.isSimulationError(sim) ? sim.error : '');
  const [entry] = sim.result!.auth;
  assert.equal(entry.credentials.toXdrObject().type, 0, 'source-account credentials');
  await prepareSignSend(node, tx, owner);
  assert.equal(await invoke(node, owner, contractId, 'get', sym('k')), 1);
});

test('recording for another source: an address-credentials entry the owner signs; without the signature the call fails', async () => {
  const tx = (await txBuilder(node, other)).addOperation(ownerPut(2)).build();
  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationSuccess(sim));
  const [entry] = sim.result!.auth;
  assert.equal(entry.credentials.toXdrObject().type, 1, 'address credentials, to be signed by the owner');

  // Unsigned, the transaction fails when applied.
  const unsigned = rpc.assembleTransaction(tx, sim).build();
  unsigned.sign(other);
  const sentUnsigned = await node.client.sendTransaction(unsigned);
  assert.equal(sentUnsigned.status, 'PENDING');
  assert.equal((await node.client.pollTransaction(sentUnsigned.hash)).status, 'FAILED');

  // Signed by the owner (as wallets do), simulated again in enforcing mode, then sent.
  const latest = node.network.latestLedger().sequence;
  const signed = await authorizeEntry(entry, owner, latest + 100, node.passphrase);
  const tx2 = (await txBuilder(node, other)).addOperation(ownerPutWithAuth(2, signed)).build();
  const enforced = await simulateRaw(tx2);
  assert.equal(enforced.error, undefined, enforced.error);
  assert.deepEqual(
    enforced.results[0].auth,
    [signed.toXdr('base64')],
    'enforcing passes the entries through',
  );
  await prepareSignSend(node, tx2, other);
  assert.equal(await invoke(node, owner, contractId, 'get', sym('k')), 2);
});

const ownerPutWithAuth = (value: number, auth: xdr.SorobanAuthorizationEntry) => {
  const op = ownerPut(value).toXdrObject();
  if (op.body.type !== 24) throw new Error('not an invocation');
  op.body.invokeHostFunctionOp.auth = [auth.toXdrObject()];
  return xdr.Operation.fromXdrObject(op);
};

test('authMode: enforce without entries fails; record with entries is refused; record_allow_nonroot records', async () => {
  const tx = (await txBuilder(node, other)).addOperation(ownerPut(3)).build();
  const enforce = await simulateRaw(tx, 'enforce');
  assert.match(enforce.error, /Error\(Auth, InvalidAction\)/);
  assert.equal((await simulateRaw(tx, 'record_allow_nonroot')).results[0].auth.length, 1);

  const sim = await node.client.simulateTransaction(tx);
  assert.ok(rpc.Api.isSimulationSuccess(sim));
  const withAuth = (await txBuilder(node, other))
    .addOperation(ownerPutWithAuth(3, sim.result!.auth[0]))
    .build();
  assert.equal(
    (await simulateRaw(withAuth, 'record')).error,
    "cannot set authMode to 'record' with an auth footprint",
  );
  assert.equal(
    (await simulateRaw(withAuth, 'record_allow_nonroot')).error,
    "cannot set authMode to 'record_allow_nonroot' with an auth footprint",
  );
});

test('contract.Client: needsNonInvokerSigningBy, signAuthEntries and signAndSend', async () => {
  const methods = await demoClient(node, other, contractId);
  const tx = await methods.owner_put({ key: 'c', value: 9 });
  assert.deepEqual(tx.needsNonInvokerSigningBy(), [owner.publicKey()]);
  await tx.signAuthEntries({
    address: owner.publicKey(),
    ...contract.basicNodeSigner(owner, node.passphrase),
  });
  const sent = await tx.signAndSend();
  assert.equal(sent.getTransactionResponse?.status, 'SUCCESS');
  assert.equal(await invoke(node, owner, contractId, 'get', sym('c')), 9);
});
