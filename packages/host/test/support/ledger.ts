/**
 * Ledger test fixtures: a WAT contract that exposes every storage, TTL and call host function as
 * an export, and helpers to install contracts into a snapshot and run them.
 */
import { xdr } from '@stellar/stellar-sdk';
import { invokeLedgerContract, type LedgerFootprint, type LedgerInvokeResult } from '../../src/ledger/api.ts';
import { contractKeys, installContract, MemorySnapshot } from '../../src/ledger/snapshot.ts';
import type { LedgerInfo } from '../../src/host/ledger-info.ts';
import { symbolSmallBody } from '../../src/val/symbol.ts';
import { contract, importOf } from './wat.ts';

/** Small ledger parameters so TTL arithmetic is easy to follow. */
export const LEDGER: Partial<LedgerInfo> = {
  sequenceNumber: 1000,
  minPersistentTtl: 100,
  minTemporaryTtl: 16,
  maxEntryTtl: 10_000,
};
export const SEQ = 1000;
export const MAX_LIVE_UNTIL = SEQ + 10_000 - 1;

export const idOf = (n: number): Uint8Array => new Uint8Array(32).fill(n);

export const addressVal = (id: Uint8Array): xdr.ScVal =>
  xdr.ScVal.fromXdrObject({ type: 18, address: { type: 1, contractId: id } } as xdr.ScValWire);

export const sym = (s: string): xdr.ScVal => xdr.ScVal.scvSymbol(s);
export const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n);
export const vec = (items: xdr.ScVal[]): xdr.ScVal => xdr.ScVal.scvVec(items);

/** `StorageType` passed to the fixture as a U32Val. */
export const TEMPORARY = u32(0);
export const PERSISTENT = u32(1);
export const INSTANCE = u32(2);

/** A small-symbol Val as an i64 constant, for WAT. */
const symbolConst = (s: string): bigint => BigInt.asIntN(64, (symbolSmallBody(new TextEncoder().encode(s)) << 8n) | 14n);

const imports = [
  'put_contract_data',
  'has_contract_data',
  'get_contract_data',
  'del_contract_data',
  'extend_contract_data_ttl',
  'extend_current_contract_instance_and_code_ttl',
  'extend_contract_instance_and_code_ttl',
  'extend_contract_instance_ttl',
  'extend_contract_code_ttl',
  'extend_contract_data_ttl_v2',
  'extend_contract_instance_and_code_ttl_v2',
  'call',
  'try_call',
  'contract_event',
  'fail_with_error',
  'vec_new',
  'vec_push_back',
  'vec_len',
  'vec_front',
  'vec_slice',
];

/**
 * Exports forwarding to the contract TTL functions: `extend_self`, `extend_ic`, `extend_i`,
 * `extend_c`, `extend_ic_v2` (the module needs those imports and `$raw`).
 */
export const CONTRACT_TTL_EXPORTS = `(func (export "extend_self") (param $th i64) (param $to i64) (result i64)
    (call $extend_current_contract_instance_and_code_ttl (local.get $th) (local.get $to)))
  (func (export "extend_ic") (param $c i64) (param $th i64) (param $to i64) (result i64)
    (call $extend_contract_instance_and_code_ttl (local.get $c) (local.get $th) (local.get $to)))
  (func (export "extend_i") (param $c i64) (param $th i64) (param $to i64) (result i64)
    (call $extend_contract_instance_ttl (local.get $c) (local.get $th) (local.get $to)))
  (func (export "extend_c") (param $c i64) (param $th i64) (param $to i64) (result i64)
    (call $extend_contract_code_ttl (local.get $c) (local.get $th) (local.get $to)))
  (func (export "extend_ic_v2") (param $c i64) (param $s i64) (param $to i64) (param $min i64) (param $max i64) (result i64)
    (call $extend_contract_instance_and_code_ttl_v2 (local.get $c) (call $raw (local.get $s)) (local.get $to) (local.get $min) (local.get $max)))`;

/**
 * Every export forwards its Val arguments to one host function. Arguments the host takes raw
 * (`StorageType`, `ContractTTLExtension`) come in as U32Vals and are unwrapped with `$raw`.
 */
export const FIXTURE = contract(`(module
  ${imports.map(importOf).join('\n  ')}
  (func $raw (param i64) (result i64) (i64.shr_u (local.get 0) (i64.const 32)))
  (func $box (param i64) (result i64) (call $vec_push_back (call $vec_new) (local.get 0)))
  (func (export "put") (param $k i64) (param $v i64) (param $t i64) (result i64)
    (call $put_contract_data (local.get $k) (local.get $v) (call $raw (local.get $t))))
  (func (export "has") (param $k i64) (param $t i64) (result i64)
    (call $has_contract_data (local.get $k) (call $raw (local.get $t))))
  (func (export "get") (param $k i64) (param $t i64) (result i64)
    (call $get_contract_data (local.get $k) (call $raw (local.get $t))))
  (func (export "del") (param $k i64) (param $t i64) (result i64)
    (call $del_contract_data (local.get $k) (call $raw (local.get $t))))
  (func (export "extend") (param $k i64) (param $t i64) (param $th i64) (param $to i64) (result i64)
    (call $extend_contract_data_ttl (local.get $k) (call $raw (local.get $t)) (local.get $th) (local.get $to)))
  (func (export "extend_v2") (param $k i64) (param $t i64) (param $to i64) (param $min i64) (param $max i64) (result i64)
    (call $extend_contract_data_ttl_v2 (local.get $k) (call $raw (local.get $t)) (local.get $to) (local.get $min) (local.get $max)))
  ${CONTRACT_TTL_EXPORTS}
  (func (export "call") (param $c i64) (param $f i64) (param $a i64) (result i64)
    (call $call (local.get $c) (local.get $f) (local.get $a)))
  (func (export "try_call") (param $c i64) (param $f i64) (param $a i64) (result i64)
    (call $box (call $try_call (local.get $c) (local.get $f) (local.get $a))))
  (func (export "echo") (param $x i64) (result i64) (local.get $x))
  (func (export "fail") (param $e i64) (result i64) (call $fail_with_error (local.get $e)))
  (func (export "ret") (param $x i64) (result i64) (local.get $x))
  ;; writes, emits an event, then fails with the given error (or traps when it is Void)
  (func (export "write_emit_fail") (param $k i64) (param $v i64) (param $topics i64) (param $e i64) (result i64)
    (drop (call $put_contract_data (local.get $k) (local.get $v) (i64.const 1)))
    (drop (call $put_contract_data (local.get $k) (local.get $v) (i64.const 2)))
    (drop (call $contract_event (local.get $topics) (local.get $v)))
    (if (i64.eq (local.get $e) (i64.const 2)) (then unreachable))
    (call $fail_with_error (local.get $e)))
  (func (export "write_emit") (param $k i64) (param $v i64) (param $topics i64) (result i64)
    (drop (call $put_contract_data (local.get $k) (local.get $v) (i64.const 1)))
    (call $contract_event (local.get $topics) (local.get $v)))
  ;; try_call, then a write of its own: the caller's effects stay when the callee's roll back
  (func (export "try_then_write") (param $c i64) (param $f i64) (param $a i64) (param $k i64) (result i64)
    (local $r i64)
    (local.set $r (call $try_call (local.get $c) (local.get $f) (local.get $a)))
    (drop (call $put_contract_data (local.get $k) (local.get $k) (i64.const 1)))
    (call $box (local.get $r)))
  ;; calls the first address of the vec with the rest, down to the empty vec
  (func (export "chain") (param $v i64) (result i64)
    (local $n i64)
    (local.set $n (call $vec_len (local.get $v)))
    (if (result i64) (i64.eq (local.get $n) (i64.const 4))
      (then (i64.const 4))
      (else (call $call (call $vec_front (local.get $v)) (i64.const ${symbolConst('chain')})
        (call $box (call $vec_slice (local.get $v) (i64.const ${(1n << 32n) | 4n}) (local.get $n)))))))
  (func (export "__hidden") (result i64) (i64.const 2))
)`);

export interface Deployed {
  readonly id: Uint8Array;
  readonly address: xdr.ScVal;
  readonly hash: Uint8Array;
  readonly instanceKey: xdr.LedgerKey;
  readonly codeKey: xdr.LedgerKey;
}

/** Installs the fixture (or `wasm`) under id `n`, live until `liveUntil`. */
export const deploy = (snapshot: MemorySnapshot, n: number, options: { wasm?: Uint8Array; liveUntil?: number; storage?: xdr.ScMapEntry[] } = {}): Deployed => {
  const id = idOf(n);
  const hash = installContract(snapshot, id, options.wasm ?? FIXTURE, { liveUntilLedger: options.liveUntil ?? SEQ + 5000, storage: options.storage });
  const keys = contractKeys(id, hash);
  return { id, address: addressVal(id), hash, instanceKey: keys.instance, codeKey: keys.code };
};

export const dataKey = (id: Uint8Array, key: xdr.ScVal, durability: 0 | 1): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({ type: 6, contractData: { contract: { type: 1, contractId: id }, key: key.toXdrObject(), durability } } as xdr.LedgerKeyWire);

export interface RunOptions {
  readonly footprint?: LedgerFootprint;
  readonly ledger?: Partial<LedgerInfo>;
  readonly diagnostics?: boolean;
}

export const run = (snapshot: MemorySnapshot, c: Pick<Deployed, 'id'>, fn: string, args: xdr.ScVal[] = [], options: RunOptions = {}): LedgerInvokeResult =>
  invokeLedgerContract(
    { contract: c.id, fn, args, snapshot, footprint: options.footprint },
    { ledger: { ...LEDGER, ...options.ledger }, diagnostics: options.diagnostics },
  );

/** Runs and applies the changes to the snapshot, as closing a ledger would; returns the result value. */
export const commit = (snapshot: MemorySnapshot, c: Pick<Deployed, 'id'>, fn: string, args: xdr.ScVal[] = [], options: RunOptions = {}): xdr.ScVal => {
  const r = run(snapshot, c, fn, args, options);
  if (!r.outcome.ok) throw new Error(`${fn} failed: ${r.outcome.message}`);
  snapshot.apply(r.changes);
  return r.outcome.value;
};

export const errorOf = (r: LedgerInvokeResult): { type: number; code: number } | undefined =>
  r.outcome.ok ? undefined : { type: r.outcome.error.type, code: r.outcome.error.code };

export const liveUntilOf = (snapshot: MemorySnapshot, key: xdr.LedgerKey): number | undefined => snapshot.get(key)?.liveUntilLedger;

export { MemorySnapshot };
