import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Asset, Operation, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { openNetwork } from '../src/index.ts';
import { buildTx, newFunded, root, submitOk } from './support/harness.ts';
import { PERSISTENT, contractIdOf, install, invokeContract, prepareInvoke, sym, u32 } from './support/soroban.ts';

/** XDR this network assembles by hand must be exactly what the XDR library encodes. */
const canonical = (name: string, schema: { decode(b: Uint8Array): unknown; encode(v: never): Uint8Array }, bytes: Uint8Array) =>
  assert.deepEqual(Buffer.from(schema.encode(schema.decode(bytes) as never)), Buffer.from(bytes), `${name} is canonical XDR`);

test('hand-assembled XDR (headers, close meta, transaction meta, results) is canonical', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sorobox-xdr-'));
  try {
    const net = openNetwork({ dataDir: dir });
    const alice = newFunded(net);
    submitOk(net, buildTx(net, alice, [Operation.payment({ destination: root.publicKey(), asset: Asset.native(), amount: '1' })]));
    const c = install(net, contractIdOf(9));
    submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('x'), u32(1), PERSISTENT])).tx);
    const inner = buildTx(net, alice, [Operation.payment({ destination: root.publicKey(), asset: Asset.native(), amount: '1' })]);
    const bump = TransactionBuilder.buildFeeBumpTransaction(root, '200', inner, net.passphrase);
    bump.sign(root);
    submitOk(net, bump.toEnvelope().toXdr());
    net.closeLedgers(2);
    const empty = net.latestLedger();
    canonical('rebuilt empty-ledger meta', xdr.LedgerCloseMeta.schema, empty.metaXdr.toXdr());
    net.close();

    const db = new Database(join(dir, 'sorobox.sqlite'), { readonly: true });
    try {
      const ledgers = db.prepare('SELECT header, meta FROM ledgers').all() as { header: Uint8Array; meta: Uint8Array | null }[];
      assert.ok(ledgers.length >= 7, `${ledgers.length} ledgers`);
      for (const l of ledgers) {
        canonical('LedgerHeaderHistoryEntry', xdr.LedgerHeaderHistoryEntry.schema, l.header);
        if (l.meta) canonical('LedgerCloseMeta', xdr.LedgerCloseMeta.schema, l.meta);
      }
      const txs = db.prepare('SELECT envelope, result, meta FROM transactions').all() as { envelope: Uint8Array; result: Uint8Array; meta: Uint8Array }[];
      assert.ok(txs.length >= 4, `${txs.length} transactions`);
      for (const t of txs) {
        canonical('TransactionEnvelope', xdr.TransactionEnvelope.schema, t.envelope);
        canonical('TransactionResult', xdr.TransactionResult.schema, t.result);
        canonical('TransactionMeta', xdr.TransactionMeta.schema, t.meta);
      }
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
