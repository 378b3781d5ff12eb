import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { Networks, StrKey } from '@stellar/stellar-sdk';
import { buildContract } from '@sorobox/sdk';
import { sorobox, startChild, type RunningNode } from './support/child.ts';

let node: RunningNode;
let wasmPath: string;
const env = { SOROBOX_KEYS_DIR: mkdtempSync(join(tmpdir(), 'sorobox-keys-')) };

before(async () => {
  const [started, demo] = await Promise.all([
    startChild(['--ephemeral', '--quiet']),
    buildContract(fileURLToPath(new URL('../../rpc/test/fixtures/demo', import.meta.url))),
  ]);
  node = started;
  wasmPath = demo.wasmPath;
});
after(() => node.stop());

test('sorobox start prints the RPC URL, the passphrase, friendbot and funded development accounts', async () => {
  const out = node.output();
  assert.match(out, /RPC URL\s+http:\/\/localhost:\d+\/rpc/);
  assert.ok(out.includes(`Passphrase  ${Networks.STANDALONE}`));
  assert.match(out, /Friendbot\s+http:\/\/localhost:\d+\/friendbot/);
  const accounts = [...out.matchAll(/dev(\d)\s+(G[A-Z2-7]{55})\s+(S[A-Z2-7]{55})/g)];
  assert.equal(accounts.length, 4);
  for (const [, , pub, secret] of accounts) {
    assert.ok(StrKey.isValidEd25519PublicKey(pub) && StrKey.isValidEd25519SecretSeed(secret));
  }
  const res = await fetch(node.rpcUrl, {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getLedgerEntries', params: { keys: [] } }),
  });
  assert.equal(((await res.json()) as { result: { entries: unknown[] } }).result.entries.length, 0);
});

test('sorobox keys generate --fund creates and funds a named key; keys fund reports an existing account', async () => {
  const out = await sorobox(['keys', 'generate', 'alice', '--fund', '--network', node.rpcUrl], env);
  const pub = /alice: (G[A-Z2-7]{55})/.exec(out)?.[1];
  assert.ok(pub, out);
  assert.match(out, /funded G/);
  assert.match(await sorobox(['keys', 'fund', 'alice', '--network', node.rpcUrl], env), /already exists/);
  assert.match(await sorobox(['keys', 'list'], env), new RegExp(`alice\\s+${pub}`));
  await assert.rejects(sorobox(['keys', 'generate', 'alice'], env), /exists/);
});

test('upload, deploy with constructor arguments, invoke reads and writes, arguments typed by the spec', async () => {
  const net = ['--network', node.rpcUrl];
  const hash = await sorobox(['upload', wasmPath, ...net], env);
  assert.match(hash, /^[0-9a-f]{64}$/);
  const owner = /bob: (G[A-Z2-7]{55})/.exec(await sorobox(['keys', 'generate', 'bob', ...net], env))![1];
  const id = await sorobox(
    ['deploy', hash, '--source', 'alice', ...net, '--', '--owner', owner, '--start', '40'],
    env,
  );
  assert.ok(StrKey.isValidContract(id), id);
  assert.equal(await sorobox(['invoke', id, 'count', ...net], env), '40');
  assert.equal(await sorobox(['invoke', id, 'owner', ...net], env), JSON.stringify(owner));
  assert.equal(
    await sorobox(['invoke', id, 'increment', '--by', '2', '--source', 'alice', ...net], env),
    '42',
  );
  assert.equal(
    await sorobox(['invoke', id, 'increment', '3', ...net], env),
    '45',
    'positional, default source dev0',
  );
  assert.equal(await sorobox(['invoke', id, 'count', ...net], env), '45');
  // A wasm path deploys too (uploaded if needed).
  assert.ok(StrKey.isValidContract(await sorobox(['deploy', wasmPath, ...net, '--', owner, '1'], env)));
  await assert.rejects(
    sorobox(['invoke', id, 'increment', '--by', 'lots', ...net], env),
    /--by must be an integer/,
  );
  await assert.rejects(sorobox(['invoke', id, 'nope', ...net], env), /no function nope; it has: .*increment/);
  await assert.rejects(sorobox(['invoke', id, 'refuse', ...net], env), /Error\(Contract, #1\)/);
  await assert.rejects(
    sorobox(['deploy', hash, ...net, '--', '--owner', owner], env),
    /missing argument --start/,
  );
});

test('usage errors name the problem', async () => {
  await assert.rejects(sorobox(['frobnicate']), /unknown command frobnicate/);
  await assert.rejects(sorobox(['start', '--ledger-interval', 'often']), /--ledger-interval must be/);
  await assert.rejects(sorobox(['invoke', 'C123', 'x', '--network', 'local']), /not a contract address/);
  await assert.rejects(sorobox(['upload', '/nonexistent.wasm', '--network', node.rpcUrl]), /no such file/);
});
