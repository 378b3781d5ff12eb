/**
 * Uploading Wasm (`UploadContractWasm` and `upload_wasm`): validation as instantiation would do it,
 * the code entry the ledger gets (hash, cost inputs, TTL), idempotence, and the size limit.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { contractCodeKey } from '../src/ledger/keys.ts';
import { parseModule } from '../src/wasm/parse.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { LEDGER, MemorySnapshot, SEQ, errorOf } from './support/ledger.ts';
import {
  apply,
  applyCommit,
  bytesVal,
  create,
  hashOf,
  invoke,
  lifecycleContract,
  saltOf,
  upload,
  uploadFn,
} from './support/lifecycle.ts';
import { contract } from './support/wat.ts';

const MIN_PERSISTENT_LIVE_UNTIL = SEQ + LEDGER.minPersistentTtl! - 1;
const codeKey = (hash: Uint8Array) => xdr.LedgerKey.fromXdrObject(contractCodeKey(hash));

describe('UploadContractWasm', () => {
  it('stores the Wasm under its sha256 with the parse cost inputs, live for the minimum persistent TTL', () => {
    const snap = new MemorySnapshot();
    const wasm = lifecycleContract(1);
    const r = apply(snap, uploadFn(wasm));
    assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
    assert.ok(r.outcome.value.equals(bytesVal(hashOf(wasm))));
    assert.equal(r.changes.length, 1);
    const change = r.changes[0];
    assert.ok(change.key.equals(codeKey(hashOf(wasm))));
    assert.equal(change.liveUntilLedger, MIN_PERSISTENT_LIVE_UNTIL);
    const entry = change.entry!.toXdrObject().data;
    assert.equal(entry.type, 7);
    if (entry.type !== 7) return;
    assert.deepEqual(new Uint8Array(entry.contractCode.code), wasm);
    assert.equal(entry.contractCode.ext.v, 1);
    if (entry.contractCode.ext.v !== 1) return;
    const { ext: _ext, ...inputs } = entry.contractCode.ext.v1.costInputs;
    assert.deepEqual(inputs, parseModule(wasm).costInputs);
    assert.ok(inputs.nImports > 20 && inputs.nExports > 30, 'the counts of this module');
    assert.deepEqual(
      r.footprint.readWrite.map((k) => k.toXdr()),
      [codeKey(hashOf(wasm)).toXdr()],
    );
  });

  it('uploading the same Wasm again changes nothing', () => {
    const snap = new MemorySnapshot();
    const wasm = lifecycleContract(1);
    upload(snap, wasm);
    const r = apply(snap, uploadFn(wasm));
    assert.ok(r.outcome.ok);
    assert.deepEqual(r.changes, []);
  });

  it('rewrites code stored without cost inputs (ext v0), keeping its TTL', () => {
    const snap = new MemorySnapshot();
    const wasm = lifecycleContract(1);
    const hash = hashOf(wasm);
    snap.set(
      xdr.LedgerEntry.fromXdrObject({
        lastModifiedLedgerSeq: 0,
        data: { type: 7, contractCode: { ext: { v: 0 }, hash, code: wasm } },
        ext: { v: 0 },
      }),
      SEQ + 5000,
    );
    const r = apply(snap, uploadFn(wasm));
    assert.equal(r.changes.length, 1);
    assert.equal(r.changes[0].liveUntilLedger, SEQ + 5000);
    const data = r.changes[0].entry!.toXdrObject().data;
    assert.ok(data.type === 7 && data.contractCode.ext.v === 1);
  });

  it('refuses what could not be instantiated, and stores nothing', () => {
    const snap = new MemorySnapshot();
    const cases: [string, Uint8Array, ErrorType, ErrorCode][] = [
      ['32 zero bytes', new Uint8Array(32), ErrorType.WasmVm, ErrorCode.InvalidInput],
      [
        'no contractenvmetav0',
        contract('(module (func (export "f") (result i64) (i64.const 2)))', null),
        ErrorType.WasmVm,
        ErrorCode.InvalidInput,
      ],
      [
        'env meta from a later protocol',
        contract('(module (func (export "f") (result i64) (i64.const 2)))', { protocol: 29 }),
        ErrorType.WasmVm,
        ErrorCode.InvalidInput,
      ],
      [
        'an unknown import',
        contract(
          '(module (import "x" "zz" (func (result i64))) (func (export "f") (result i64) (i64.const 2)))',
        ),
        ErrorType.WasmVm,
        ErrorCode.InvalidAction,
      ],
      [
        'a float',
        contract('(module (func (export "f") (result i64) (drop (f32.const 1)) (i64.const 2)))'),
        ErrorType.WasmVm,
        ErrorCode.InvalidInput,
      ],
    ];
    for (const [what, wasm, type, code] of cases) {
      const r = apply(snap, uploadFn(wasm));
      assert.deepEqual(errorOf(r), { type, code }, what);
      assert.deepEqual(r.changes, [], what);
    }
  });

  it('code over the network limit (131072 bytes) fails the run with Error(Budget, ExceededLimit)', () => {
    const snap = new MemorySnapshot();
    const filler = '\\00'.repeat(140_000);
    const big = contract(
      `(module (memory 3) (data (i32.const 0) "${filler}") (func (export "f") (result i64) (i64.const 2)))`,
    );
    assert.ok(big.length > 131_072);
    const r = apply(snap, uploadFn(big));
    assert.deepEqual(errorOf(r), { type: ErrorType.Budget, code: ErrorCode.ExceededLimit });
    assert.deepEqual(r.changes, []);
  });

  it('upload_wasm from a contract stores the same entry and returns the hash', () => {
    const snap = new MemorySnapshot();
    const factory = create(snap, upload(snap, lifecycleContract(1)), saltOf(1));
    const wasm = lifecycleContract(2);
    const r = invoke(snap, factory, 'upload', [bytesVal(wasm)]);
    assert.ok(r.outcome.ok && r.outcome.value.equals(bytesVal(hashOf(wasm))));
    const change = r.changes.find((c) => c.key.equals(codeKey(hashOf(wasm))));
    assert.ok(change?.entry);
    assert.equal(change.liveUntilLedger, MIN_PERSISTENT_LIVE_UNTIL);
  });

  it('an enforcing footprint must declare the code key read-write', () => {
    const snap = new MemorySnapshot();
    const wasm = lifecycleContract(1);
    const key = codeKey(hashOf(wasm));
    assert.deepEqual(errorOf(apply(snap, uploadFn(wasm), { footprint: { readOnly: [], readWrite: [] } })), {
      type: ErrorType.Storage,
      code: ErrorCode.ExceededLimit,
    });
    assert.deepEqual(
      errorOf(apply(snap, uploadFn(wasm), { footprint: { readOnly: [key], readWrite: [] } })),
      {
        type: ErrorType.Storage,
        code: ErrorCode.ExceededLimit,
      },
    );
    applyCommit(snap, uploadFn(wasm), { footprint: { readOnly: [], readWrite: [key] } });
    assert.ok(snap.get(key));
  });
});
