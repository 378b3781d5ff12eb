/**
 * The token on a real node through `contract.Client` over HTTP: deployed with its constructor,
 * minted by the admin (the transaction source), transferred by a holder who signs only an
 * authorization entry (address credentials, verified by the network), events read back through
 * getEvents and decoded with the spec, errors reported as their cases.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keypair, contract, xdr } from '@stellar/stellar-sdk';
import { buildContract } from '@sorobox/sdk';
import {
  deployBuilt,
  fundedSigner,
  methods,
  startNode,
  type ExampleNode,
  type Methods,
  type Signer,
} from '../../../test-support/node.ts';

let node: ExampleNode;
let admin: Signer;
let token: contract.Client;
let asAdmin: Methods;

before(async () => {
  node = await startNode();
  admin = await fundedSigner(node);
  const built = await buildContract(new URL('..', import.meta.url).pathname);
  token = await deployBuilt(admin, built, {
    admin: admin.keypair.publicKey(),
    decimal: 7,
    name: 'Gold',
    symbol: 'GLD',
  });
  asAdmin = methods(token);
});

after(() => node.close());

const read = async (fn: string, args: Record<string, unknown> = {}): Promise<unknown> =>
  (await asAdmin[fn](args)).result;

/** The error a call's simulation reports (contract.Client returns it as an Err). */
const failure = async (fn: string, args: Record<string, unknown>): Promise<unknown> =>
  ((await read(fn, args)) as contract.Result<never>).unwrapErr();

const errorCase = (name: string) => ({
  message: String(token.spec.errorCases().find((c) => String(c.name) === name)?.doc),
});

test('the admin mints; a holder who only signs an auth entry transfers; balances and events follow', async () => {
  assert.equal(await read('name'), 'Gold');
  assert.equal(await read('decimals'), 7);
  // The holder's account exists (verifying its signature reads its signers and thresholds).
  const holder = (await fundedSigner(node)).keypair;
  const bob = Keypair.random().publicKey();
  const mint = await asAdmin.mint({ to: holder.publicKey(), amount: 1000n });
  assert.equal((await mint.signAndSend()).getTransactionResponse?.status, 'SUCCESS');
  // The admin's transaction moves the holder's tokens: the holder signs the authorization entry.
  const transfer = await asAdmin.transfer({ from: holder.publicKey(), to: bob, amount: 250n });
  assert.deepEqual(transfer.needsNonInvokerSigningBy(), [holder.publicKey()]);
  await transfer.signAuthEntries({
    address: holder.publicKey(),
    signAuthEntry: contract.basicNodeSigner(holder, node.passphrase).signAuthEntry,
  });
  const sent = await transfer.signAndSend();
  assert.equal(sent.getTransactionResponse?.status, 'SUCCESS');
  assert.equal(await read('balance', { id: holder.publicKey() }), 750n);
  assert.equal(await read('balance', { id: bob }), 250n);

  const { events } = await node.client.getEvents({
    startLedger: 1,
    filters: [
      {
        type: 'contract',
        contractIds: [token.options.contractId],
        topics: [[xdr.ScVal.scvSymbol('transfer').toXDR('base64'), '*', '*', '*']],
      },
    ],
  });
  assert.equal(events.length, 1);
  const parsed = token.spec.parseEvent(events[0].topic, events[0].value);
  assert.deepEqual(
    { name: parsed?.name, ...parsed?.data },
    {
      name: 'Transfer',
      from: holder.publicKey(),
      to: bob,
      sep0011_asset: 'Gold',
      amount: 250n,
    },
  );
});

test('a transfer beyond the balance, or unsigned by the holder, fails', async () => {
  const holder = (await fundedSigner(node)).keypair;
  await (await asAdmin.mint({ to: holder.publicKey(), amount: 5n })).signAndSend();
  const to = admin.keypair.publicKey();
  assert.deepEqual(
    await failure('transfer', { from: holder.publicKey(), to, amount: 6n }),
    errorCase('BalanceError'),
  );
  assert.deepEqual(
    await failure('transfer', { from: holder.publicKey(), to, amount: -1n }),
    errorCase('NegativeAmountError'),
  );
  const unsigned = await asAdmin.transfer({ from: holder.publicKey(), to, amount: 1n });
  await assert.rejects(
    unsigned.signAndSend(),
    (e) => e instanceof contract.AssembledTransaction.Errors.NeedsMoreSignatures,
  );
  // Sent anyway, without the holder's signature: the network refuses it.
  const envelope = unsigned.built!;
  envelope.sign(admin.keypair);
  const sent = await node.client.sendTransaction(envelope);
  assert.equal((await node.client.pollTransaction(sent.hash)).status, 'FAILED');
  assert.equal(await read('balance', { id: holder.publicKey() }), 5n);
});
