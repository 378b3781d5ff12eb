import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keypair, StrKey, xdr } from '@stellar/stellar-sdk';
import { attachConsole } from '../src/index.ts';
import { deployDemo, invoke } from './support/deploy.ts';
import { fundedAccount, scvU32, startNode, type TestNode } from './support/node.ts';

let node: TestNode;
let kp: Keypair;
let contractId: string;
const lines: string[] = [];

before(async () => {
  node = await startNode();
  attachConsole(node.network, (line) => lines.push(line));
  kp = await fundedAccount(node);
  contractId = await deployDemo(node, kp, 1);
});
after(() => node.close());

const dev = async (method: string, params?: unknown) => {
  const r = await node.call(method, params);
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  return r.result;
};

const balanceOf = async (address: string): Promise<bigint | undefined> => {
  const key = xdr.LedgerKey.fromXdrObject({
    type: 0,
    account: { accountId: { type: 0, ed25519: StrKey.decodeEd25519PublicKey(address) } },
  });
  const [entry] = (await node.client.getLedgerEntries(key)).entries;
  const data = entry?.val.toXdrObject();
  return data?.type === 0 ? data.account.balance : undefined;
};

test('sorobox_closeLedgers and sorobox_advanceTime move the sequence and the close time together', async () => {
  const start = await node.client.getLatestLedger();
  const closed = await dev('sorobox_closeLedgers', { count: 4 });
  assert.equal(closed.latestLedger.sequence, start.sequence + 4);
  const before = BigInt(closed.latestLedger.closeTime);
  const moved = await dev('sorobox_advanceTime', { seconds: 3600 });
  assert.equal(BigInt(moved.latestLedger.closeTime), before + 3600n);
  assert.equal(
    moved.latestLedger.sequence,
    closed.latestLedger.sequence + 720,
    'one ledger per 5 s by default',
  );
  const exact = await dev('sorobox_advanceTime', { seconds: '86400', ledgers: 10 });
  assert.equal(exact.latestLedger.sequence, moved.latestLedger.sequence + 10);
  assert.equal((await node.call('sorobox_advanceTime', { seconds: -1 })).error?.code, -32602);
  const tooFast = await node.call('sorobox_advanceTime', { seconds: 1, ledgers: 5 });
  assert.equal(tooFast.error?.code, -32602, 'less than a second per ledger');
  assert.equal((await node.call('sorobox_closeLedgers', { count: 'many' })).error?.code, -32602);
});

test('sorobox_snapshot / sorobox_revert put state and history back', async () => {
  const { id } = await dev('sorobox_snapshot');
  const ledger = node.network.latestLedger().sequence;
  assert.equal(await invoke(node, kp, contractId, 'increment', scvU32(10)), 11);
  const reverted = await dev('sorobox_revert', { id });
  assert.equal(reverted.latestLedger.sequence, ledger);
  assert.equal(await invoke(node, kp, contractId, 'count'), 1);
  assert.equal((await node.call('sorobox_revert', { id: 'nope' })).error?.code, -32602);
});

test('sorobox_fund, sorobox_setBalance and sorobox_setLedgerEntry write state directly', async () => {
  const fresh = Keypair.random().publicKey();
  assert.equal((await dev('sorobox_fund', { address: fresh })).amount, '100000000000');
  assert.equal(await balanceOf(fresh), 100_000_000_000n);
  await dev('sorobox_fund', { address: fresh, amount: '5' });
  assert.equal(await balanceOf(fresh), 100_000_000_005n);
  await dev('sorobox_setBalance', { address: fresh, balance: '123456789' });
  assert.equal(await balanceOf(fresh), 123_456_789n);
  const other = Keypair.random().publicKey();
  await dev('sorobox_setBalance', { address: other, balance: 50_000_000 });
  assert.equal(await balanceOf(other), 50_000_000n);

  // Overwrite the contract's count in its instance entry.
  const instanceKey = xdr.LedgerKey.fromXdrObject({
    type: 6,
    contractData: {
      contract: { type: 1, contractId: StrKey.decodeContract(contractId) },
      key: { type: 20 },
      durability: 1,
    },
  } as xdr.LedgerKeyWire);
  const [instance] = (await node.client.getLedgerEntries(instanceKey)).entries;
  const wire = instance.val.toXdrObject();
  assert.equal(wire.type, 6);
  if (wire.type !== 6 || wire.contractData.val.type !== 19) return;
  const storage = wire.contractData.val.instance.storage!;
  const count = storage.find(
    (e) => e.key.type === 15 && new xdr.XdrString(e.key.sym).toString() === 'count',
  )!;
  count.val = { type: 3, u32: 777 };
  const entry = xdr.LedgerEntry.fromXdrObject({
    lastModifiedLedgerSeq: 0,
    data: wire,
    ext: { v: 0 },
  } as xdr.LedgerEntryWire);
  await dev('sorobox_setLedgerEntry', {
    entry: entry.toXdr('base64'),
    liveUntilLedgerSeq: node.network.latestLedger().sequence + 1000,
  });
  assert.equal(await invoke(node, kp, contractId, 'count'), 777);
  assert.equal((await node.call('sorobox_setLedgerEntry', { entry: 'garbage' })).error?.code, -32602);
  assert.equal((await node.call('sorobox_fund', { address: contractId })).error?.code, -32602);
});

test('the console shows applied transactions and contract logs as they happen', async () => {
  lines.length = 0;
  await invoke(node, kp, contractId, 'increment', scvU32(1));
  const text = lines.join('\n');
  assert.match(text, /count is now/);
  assert.ok(lines.length >= 1);
});
