import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Address, Asset, Operation, StrKey, hash, nativeToScVal, scValToNative, xdr } from '@stellar/stellar-sdk';
import { computeRentFee, rentConfigFromNetwork } from '@sorobox/host';
import { FIXTURE } from '../../host/test/support/ledger.ts';
import { entrySizeForRent } from '../src/index.ts';
import { balanceOf, metaV4, newFunded, openTestNetwork, submit, submitOk } from './support/harness.ts';
import { PERSISTENT, contractIdOf, dataKey, install, invokeContract, prepareFootprintOp, prepareInvoke, sym, u32 } from './support/soroban.ts';

test('deploy through transactions: upload the Wasm, create the contract, call it', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const upload = submitOk(net, prepareInvoke(net, alice, xdr.HostFunction.fromXdrObject({ type: 2, wasm: FIXTURE })).tx);
    const uploaded = metaV4(upload).sorobanMeta!.returnValue!;
    const wasmHash = hash(Buffer.from(FIXTURE));
    assert.ok(uploaded.type === 13 && Buffer.from(uploaded.bytes).equals(Buffer.from(wasmHash)), 'upload returns the Wasm hash');
    // The code pays rent on its parsed module's memory (from the cost inputs stored with it), not its XDR size.
    const codeKey = xdr.LedgerKey.fromXdrObject({ type: 7, contractCode: { hash: wasmHash } });
    const [code] = net.ledgerEntries([codeKey]);
    const rentSize = entrySizeForRent(code.entry.toXdrObject(), code.entry.toXdr().length, net.config);
    assert.notEqual(rentSize, code.entry.toXdr().length);
    const expectedRent = computeRentFee(
      [{ isPersistent: true, isCodeEntry: true, oldSizeBytes: 0, newSizeBytes: rentSize, oldLiveUntilLedger: 0, newLiveUntilLedger: code.liveUntilLedgerSeq! }],
      rentConfigFromNetwork(net.config, 0n),
      upload.ledger,
      net.protocolVersion,
    );
    const uploadFees = metaV4(upload).sorobanMeta!.ext;
    assert.ok(uploadFees.v === 1 && uploadFees.v1.rentFeeCharged === expectedRent, `rent ${uploadFees.v === 1 ? uploadFees.v1.rentFeeCharged : '?'} = ${expectedRent}`);
    const create = xdr.HostFunction.fromXdrObject({
      type: 3,
      createContractV2: {
        contractIdPreimage: { type: 0, fromAddress: { address: { type: 0, accountId: { type: 0, ed25519: alice.rawPublicKey() } }, salt: new Uint8Array(32).fill(7) } },
        executable: { type: 0, wasmHash },
        constructorArgs: [],
      },
    });
    const created = submitOk(net, prepareInvoke(net, alice, create).tx);
    const address = metaV4(created).sorobanMeta!.returnValue!;
    assert.ok(address.type === 18 && address.address.type === 1);
    const contract = StrKey.encodeContract(Buffer.from(address.address.contractId));
    submitOk(net, prepareInvoke(net, alice, invokeContract(contract, 'put', [sym('k'), u32(11), PERSISTENT])).tx);
    const got = submitOk(net, prepareInvoke(net, alice, invokeContract(contract, 'get', [sym('k'), PERSISTENT])).tx);
    assert.ok(metaV4(got).sorobanMeta!.returnValue!.type === 3);
  } finally {
    net.close();
  }
});

test('ExtendFootprintTTL extends live entries and charges rent; RestoreFootprint brings archived ones back', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const c = install(net, contractIdOf(5));
    submitOk(net, prepareInvoke(net, alice, invokeContract(c.address, 'put', [sym('e'), u32(1), PERSISTENT])).tx);
    const key = dataKey(c, sym('e'), 'persistent');
    const before = net.ledgerEntries([key])[0].liveUntilLedgerSeq!;

    const extend = submitOk(net, prepareFootprintOp(net, alice, Operation.extendFootprintTtl({ extendTo: before + 1000 - net.latestLedger().sequence }), { readOnly: [key] }));
    const liveUntil = net.ledgerEntries([key])[0].liveUntilLedgerSeq!;
    assert.equal(liveUntil, extend.ledger + before + 1000 - (extend.ledger - 1));
    const ext = metaV4(extend).sorobanMeta!.ext;
    assert.ok(ext.v === 1 && ext.v1.rentFeeCharged > 0n, 'extending pays rent');
    const ttlUpdated = metaV4(extend).operations[0].changes.filter((ch) => ch.type === 1 && ch.updated.data.type === 9);
    assert.equal(ttlUpdated.length, 1, 'only the TTL entry changes');

    const tooFar = prepareFootprintOp(net, alice, Operation.extendFootprintTtl({ extendTo: net.config.maxEntryTtl }), { readOnly: [key] });
    const r = net.submit(tooFar.toEnvelope());
    assert.equal(r.status, 'ERROR', 'an extension past the maximum TTL is malformed');

    // Archive it (a short TTL, then two ledgers), then restore it.
    const [entry] = net.ledgerEntries([key]);
    net.setLedgerEntry(entry.entry, net.latestLedger().sequence + 1);
    net.closeLedgers(2);
    assert.equal(net.ledgerEntries([key])[0].liveUntilLedgerSeq, 0, 'archived');
    const size = entry.entry.toXdr().length;
    const small = submit(net, prepareFootprintOp(net, alice, Operation.restoreFootprint({}), { readWrite: [key] }, { read: size - 1, write: size }));
    const code = small.result.toXdrObject().result;
    assert.ok(code.code === -1 && code.results[0].code === 0 && code.results[0].tr.type === 26 && code.results[0].tr.restoreFootprintResult.code === -2, 'RESOURCE_LIMIT_EXCEEDED: read bytes');

    const restore = submitOk(net, prepareFootprintOp(net, alice, Operation.restoreFootprint({}), { readWrite: [key] }, { read: size, write: size }));
    assert.equal(net.ledgerEntries([key])[0].liveUntilLedgerSeq, restore.ledger + net.config.minPersistentTtl - 1);
    const restored = metaV4(restore).operations[0].changes;
    assert.deepEqual(
      restored.map((ch) => [ch.type, ch.type === 4 ? ch.restored.data.type : -1]),
      [
        [4, 9],
        [4, 6],
      ],
      'RESTORED for the TTL (new value) and the data entry (as it was)',
    );
    const data = restored[1];
    assert.ok(data.type === 4 && data.restored.lastModifiedLedgerSeq < restore.ledger, 'the data entry itself is not rewritten');
  } finally {
    net.close();
  }
});

test('Stellar Asset Contract: deploy the native token, transfer lumens through it; accounts are in the footprint', () => {
  const net = openTestNetwork();
  try {
    const alice = newFunded(net);
    const bob = newFunded(net);
    const create = xdr.HostFunction.fromXdrObject({ type: 1, createContract: { contractIdPreimage: { type: 1, fromAsset: { type: 0 } }, executable: { type: 1 } } });
    submitOk(net, prepareInvoke(net, alice, create).tx);
    const sac = Asset.native().contractId(net.passphrase);
    const [a0, b0] = [balanceOf(net, alice.publicKey()), balanceOf(net, bob.publicKey())];
    const args = [new Address(alice.publicKey()).toScVal(), new Address(bob.publicKey()).toScVal(), nativeToScVal(12_345n, { type: 'i128' })];
    const prepared = prepareInvoke(net, alice, invokeContract(sac, 'transfer', args));
    assert.ok(prepared.soroban.resources.footprint.readWrite.some((k) => k.type === 0), 'account entries are read-write footprint entries');
    const record = submitOk(net, prepared.tx);
    const fee = record.result.toXdrObject().feeCharged;
    assert.equal(balanceOf(net, alice.publicKey()), a0 - 12_345n - fee);
    assert.equal(balanceOf(net, bob.publicKey()), b0 + 12_345n);
    const [event] = metaV4(record).operations[0].events;
    assert.equal(StrKey.encodeContract(Buffer.from(event.contractId!)), sac);
    assert.deepEqual(
      event.body.v0.topics.map((t) => scValToNative(xdr.ScVal.fromXdrObject(t))),
      ['transfer', alice.publicKey(), bob.publicKey(), 'native'],
    );
  } finally {
    net.close();
  }
});
