import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keypair, Networks, StrKey, xdr } from '@stellar/stellar-sdk';
import { startNode, type TestNode } from './support/node.ts';

let node: TestNode;
before(async () => {
  node = await startNode();
});
after(() => node.close());

test('getHealth, getNetwork, getVersionInfo and getLatestLedger answer with the stellar-rpc fields', async () => {
  const health = await node.client.getHealth();
  assert.equal(health.status, 'healthy');
  assert.ok(health.latestLedger >= 1);
  assert.ok(health.oldestLedger >= 1 && health.oldestLedger <= health.latestLedger);
  assert.equal(typeof health.ledgerRetentionWindow, 'number');

  const network = await node.client.getNetwork();
  assert.equal(network.passphrase, Networks.STANDALONE);
  assert.equal(network.friendbotUrl, node.server.friendbotUrl);
  assert.equal(Number(network.protocolVersion), node.network.protocolVersion);

  const version = (await node.call('getVersionInfo')).result;
  assert.match(version.version, /^sorobox-rpc /);
  assert.equal(version.protocolVersion, node.network.protocolVersion);

  const raw = (await node.call('getLatestLedger')).result;
  assert.match(raw.id, /^[0-9a-f]{64}$/);
  assert.equal(typeof raw.closeTime, 'string', 'close times are strings');
  const header = xdr.LedgerHeader.fromXdr(raw.headerXdr, 'base64');
  assert.equal(header.ledgerSeq, raw.sequence);
  assert.equal(xdr.LedgerCloseMeta.fromXdr(raw.metadataXdr, 'base64').toXdrObject().v, 2);
  const latest = await node.client.getLatestLedger();
  assert.equal(latest.sequence, raw.sequence);
});

test('friendbot creates a 10,000 XLM account that rpc.Server.getAccount reads; a second request finds it existing', async () => {
  const kp = Keypair.random();
  const account = await node.client.requestAirdrop(kp.publicKey());
  assert.equal(account.accountId(), kp.publicKey());
  const loaded = await node.client.getAccount(kp.publicKey());
  assert.equal(loaded.sequenceNumber(), account.sequenceNumber());
  const key = xdr.LedgerKey.fromXdrObject({
    type: 0,
    account: { accountId: { type: 0, ed25519: StrKey.decodeEd25519PublicKey(kp.publicKey()) } },
  });
  const { entries } = await node.client.getLedgerEntries(key);
  const data = entries[0].val.toXdrObject();
  assert.equal(data.type, 0);
  assert.equal(data.type === 0 && data.account.balance, 100_000_000_000n);
  // Already funded: the SDK recognises friendbot's createAccountAlreadyExist and loads the account.
  const again = await node.client.requestAirdrop(kp.publicKey());
  assert.equal(again.sequenceNumber(), loaded.sequenceNumber());
  const res = await fetch(`${node.server.friendbotUrl}?addr=${kp.publicKey()}`);
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { detail: string }).detail, /^createAccountAlreadyExist \(/);
  // fundAddress (the newer SDK call) polls the friendbot transaction with getTransaction.
  const fresh = Keypair.random();
  const tx = await node.client.fundAddress(fresh.publicKey());
  assert.equal(tx.status, 'SUCCESS');
  assert.equal((await fetch(`${node.server.friendbotUrl}?addr=nobody`)).status, 400);
});

test('CORS: preflight allows the SDK headers; answers carry Access-Control-Allow-Origin', async () => {
  const pre = await fetch(node.server.rpcUrl, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://example.com',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,x-client-name',
    },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /x-client-name/);
  const res = await fetch(node.server.rpcUrl, {
    method: 'POST',
    headers: { Origin: 'http://example.com' },
    body: '{"jsonrpc":"2.0","id":1,"method":"getHealth"}',
  });
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  // The root path serves JSON-RPC too.
  const root = await fetch(node.server.url, {
    method: 'POST',
    body: '{"jsonrpc":"2.0","id":1,"method":"getHealth"}',
  });
  assert.equal(((await root.json()) as { result: { status: string } }).result.status, 'healthy');
});

test('malformed requests get JSON-RPC errors: parse (-32700), invalid request (-32600), method (-32601), params (-32602)', async () => {
  const post = async (body: string) =>
    (await (await fetch(node.server.rpcUrl, { method: 'POST', body })).json()) as {
      error: { code: number; message: string };
    };
  assert.equal((await post('{"jsonrpc": "2.0", "id": 1, "method": "getHealth"')).error.code, -32700);
  assert.equal((await post('{"jsonrpc": "1.0", "id": 1, "method": "getHealth"}')).error.code, -32600);
  assert.equal((await post('{"jsonrpc": "2.0", "id": 1, "method": "getBalance"}')).error.code, -32601);
  assert.equal((await node.call('getLedgers', { startLedger: 'one' })).error?.code, -32602);
  assert.equal(
    (await node.call('getTransaction', { hash: 'abc' })).error?.message,
    'unexpected hash length (3)',
  );
  assert.equal((await node.call('getLedgerEntries', { keys: ['not xdr'] })).error?.code, -32602);
  assert.equal(
    (await node.call('getLedgerEntries', { keys: Array(201).fill('AAAA') })).error?.message,
    'key count (201) exceeds maximum supported (200)',
  );
  assert.equal((await node.call('sendTransaction', { transaction: 'AAAA' })).error?.message, 'invalid_xdr');
  assert.equal((await node.call('getEvents', { startLedger: 1, xdrFormat: 'yaml' })).error?.code, -32602);
  assert.equal((await fetch(node.server.rpcUrl)).status, 405);
});

test('a request body over 512 KiB is refused with 413 before it is read', async () => {
  const big = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'sendTransaction',
    params: { transaction: 'A'.repeat(600 * 1024) },
  });
  const res = await fetch(node.server.rpcUrl, { method: 'POST', body: big });
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as { error: { code: number } }).error.code, -32600);
  assert.equal((await node.client.getHealth()).status, 'healthy', 'the server still answers');
});

test('getLedgers pages forward with its cursor; xdrFormat json gives the *Json twins', async () => {
  node.network.closeLedgers(3);
  const latest = node.network.latestLedger().sequence;
  const first = (await node.call('getLedgers', { startLedger: latest - 3, pagination: { limit: 2 } })).result;
  assert.deepEqual(
    first.ledgers.map((l: { sequence: number }) => l.sequence),
    [latest - 3, latest - 2],
  );
  assert.equal(first.cursor, String(latest - 2));
  assert.equal(typeof first.ledgers[0].ledgerCloseTime, 'string');
  assert.equal(
    xdr.LedgerHeaderHistoryEntry.fromXdr(first.ledgers[0].headerXdr, 'base64').header.ledgerSeq,
    latest - 3,
  );
  const next = (await node.call('getLedgers', { pagination: { cursor: first.cursor, limit: 2 } })).result;
  assert.deepEqual(
    next.ledgers.map((l: { sequence: number }) => l.sequence),
    [latest - 1, latest],
  );
  const sdk = await node.client.getLedgers({ startLedger: latest, pagination: { limit: 1 } });
  assert.equal(sdk.ledgers[0].sequence, latest);
  const json = (await node.call('getLedgers', { startLedger: latest, xdrFormat: 'json' })).result;
  assert.equal(json.ledgers[0].headerXdr, undefined);
  assert.equal(json.ledgers[0].headerJson.header.ledger_seq, latest);
  assert.ok(json.ledgers[0].metadataJson);
  const bad = await node.call('getLedgers', { startLedger: latest + 10 });
  assert.equal(bad.error?.code, -32600);
  assert.match(bad.error?.message ?? '', /must be between the oldest ledger/);
});

test('getFeeStats reports string distributions for Soroban and classic fees', async () => {
  const stats = await node.client.getFeeStats();
  assert.equal(stats.latestLedger, node.network.latestLedger().sequence);
  for (const d of [stats.sorobanInclusionFee, stats.inclusionFee]) {
    assert.equal(typeof d.p50, 'string');
    assert.equal(typeof d.transactionCount, 'string');
  }
  assert.ok(Number(stats.inclusionFee.transactionCount) >= 2, 'the friendbot transactions');
  assert.equal(stats.inclusionFee.min, '100');
});
