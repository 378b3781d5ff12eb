import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Asset, Operation, TransactionBuilder, xdr } from '@stellar/stellar-sdk';
import { openNetwork } from '../src/index.ts';
import { encodeEntry } from '../src/ledger/keys.ts';
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

test('account entries written by hand match the XDR library in every shape', () => {
  const key = (n: number) => new Uint8Array(32).fill(n);
  const base: xdr.AccountEntryWire = {
    accountId: { type: 0, ed25519: key(1) },
    balance: 123_456_789n,
    seqNum: (7n << 32n) + 3n,
    numSubEntries: 4,
    inflationDest: null,
    flags: 3,
    homeDomain: new xdr.XdrString('example.org'),
    thresholds: new Uint8Array([1, 2, 3, 4]),
    signers: [],
    ext: { v: 0 },
  };
  const signers: xdr.SignerWire[] = [
    { key: { type: 0, ed25519: key(2) }, weight: 1 },
    { key: { type: 1, preAuthTx: key(3) }, weight: 2 },
    { key: { type: 2, hashX: key(4) }, weight: 255 },
    { key: { type: 3, ed25519SignedPayload: { ed25519: key(5), payload: new Uint8Array([1, 2, 3, 4, 5]) } }, weight: 7 },
  ];
  const shapes: xdr.AccountEntryWire[] = [
    base,
    { ...base, inflationDest: { type: 0, ed25519: key(9) }, homeDomain: new xdr.XdrString(''), signers },
    { ...base, ext: { v: 1, v1: { liabilities: { buying: 5n, selling: 6n }, ext: { v: 0 } } } },
    {
      ...base,
      signers,
      ext: {
        v: 1,
        v1: {
          liabilities: { buying: 0n, selling: 0n },
          ext: {
            v: 2,
            v2: { numSponsored: 1, numSponsoring: 2, signerSponsoringIDs: [null, { type: 0, ed25519: key(8) }, null, null], ext: { v: 3, v3: { ext: { v: 0 }, seqLedger: 42, seqTime: 1_735_689_600n } } },
          },
        },
      },
    },
  ];
  for (const [i, account] of shapes.entries()) {
    for (const ext of [{ v: 0 }, { v: 1, v1: { sponsoringId: { type: 0, ed25519: key(6) }, ext: { v: 0 } } }] as xdr.LedgerEntryExtWire[]) {
      const entry: xdr.LedgerEntryWire = { lastModifiedLedgerSeq: 77, data: { type: 0, account }, ext };
      assert.deepEqual(Buffer.from(encodeEntry(entry)), Buffer.from(xdr.LedgerEntry.schema.encode(entry)), `shape ${i}, entry ext v${ext.v}`);
    }
  }
});
