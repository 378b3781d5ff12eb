import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startChild } from './support/child.ts';

test('sorobox start --limits mainnet runs with mainnet limits, and a restart without the flag keeps them', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sorobox-mainnet-'));
  const first = await startChild(['--data-dir', dataDir, '--quiet', '--accounts', '0', '--limits', 'mainnet']);
  assert.match(first.output(), /protocol \d+, mainnet Soroban limits/);
  const res = await fetch(first.rpcUrl, {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getLatestLedger' }),
  });
  assert.ok(((await res.json()) as { result: { sequence: number } }).result.sequence >= 1, 'the RPC server answers');
  assert.equal(await first.stop(), 0);

  const again = await startChild(['--data-dir', dataDir, '--quiet', '--accounts', '0']);
  try {
    assert.match(again.output(), /mainnet Soroban limits/, 'the database keeps the limits it was created with');
  } finally {
    await again.stop();
  }
});
