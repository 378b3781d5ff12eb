/**
 * Lifecycle test fixtures: a WAT contract exposing every lifecycle and CAP-85 host function (built
 * in numbered versions, so each version is different code with a `version` export), constructor
 * contracts for CAP-58, and helpers to run `HostFunction`s against a snapshot.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { Keypair, xdr } from '@stellar/stellar-sdk';
import {
  applyHostFunction,
  type AuthMode,
  type HostFunctionResult,
  type LedgerFootprint,
} from '../../src/ledger/api.ts';
import { contractCodeKey, instanceKey } from '../../src/ledger/keys.ts';
import type { MemorySnapshot } from '../../src/ledger/snapshot.ts';
import type { ErrorCode, ErrorType } from '../../src/val/error.ts';
import { symbolSmallBody } from '../../src/val/symbol.ts';
import { commit, CONTRACT_TTL_EXPORTS, LEDGER, run, type RunOptions } from './ledger.ts';
import { contract, importOf, type EnvMeta } from './wat.ts';

/** A U32Val as an i64 constant, for WAT. */
const u32Const = (n: number): bigint => (BigInt(n) << 32n) | 4n;

const lifecycleImports = [
  'upload_wasm',
  'create_contract',
  'create_contract_with_constructor',
  'create_external_ref_contract',
  'create_asset_contract',
  'get_contract_id',
  'get_asset_contract_id',
  'get_address_executable',
  'get_current_contract_address',
  'update_current_contract_wasm',
  'update_current_contract_executable_ref',
  'create_executable_tag',
  'put_contract_data',
  'get_contract_data',
  'has_contract_data',
  'del_contract_data',
  'extend_contract_data_ttl',
  'extend_current_contract_instance_and_code_ttl',
  'extend_contract_instance_and_code_ttl',
  'extend_contract_instance_ttl',
  'extend_contract_code_ttl',
  'extend_contract_instance_and_code_ttl_v2',
  'call',
  'try_call',
  'contract_event',
  'vec_new',
  'vec_push_back',
];

/**
 * The lifecycle fixture, version `version`: `version` returns it, `update*` return it after
 * switching (the running code finishes the call), tags come in as strings.
 */
export const lifecycleContract = (version: number): Uint8Array =>
  contract(`(module
  ${lifecycleImports.map(importOf).join('\n  ')}
  (func $raw (param i64) (result i64) (i64.shr_u (local.get 0) (i64.const 32)))
  (func $tag (param i64) (result i64) (call $create_executable_tag (local.get 0)))
  (func $version (result i64) (i64.const ${u32Const(version)}))
  (func (export "version") (result i64) (call $version))
  (func (export "upload") (param $w i64) (result i64) (call $upload_wasm (local.get $w)))
  (func (export "create") (param $d i64) (param $h i64) (param $s i64) (result i64)
    (call $create_contract (local.get $d) (local.get $h) (local.get $s)))
  (func (export "create_ctor") (param $d i64) (param $h i64) (param $s i64) (param $a i64) (result i64)
    (call $create_contract_with_constructor (local.get $d) (local.get $h) (local.get $s) (local.get $a)))
  (func (export "create_ref") (param $d i64) (param $o i64) (param $t i64) (param $s i64) (param $a i64) (result i64)
    (call $create_external_ref_contract (local.get $d) (local.get $o) (call $tag (local.get $t)) (local.get $s) (local.get $a)))
  (func (export "create_asset") (param $a i64) (result i64) (call $create_asset_contract (local.get $a)))
  (func (export "id") (param $d i64) (param $s i64) (result i64) (call $get_contract_id (local.get $d) (local.get $s)))
  (func (export "asset_id") (param $a i64) (result i64) (call $get_asset_contract_id (local.get $a)))
  (func (export "exec_of") (param $a i64) (result i64) (call $get_address_executable (local.get $a)))
  (func (export "self") (result i64) (call $get_current_contract_address))
  (func (export "update") (param $h i64) (result i64)
    (drop (call $update_current_contract_wasm (local.get $h))) (call $version))
  (func (export "update_ref") (param $o i64) (param $t i64) (result i64)
    (drop (call $update_current_contract_executable_ref (local.get $o) (call $tag (local.get $t)))) (call $version))
  ;; writes instance storage, then switches: both must stand
  (func (export "put_update") (param $k i64) (param $v i64) (param $h i64) (result i64)
    (drop (call $put_contract_data (local.get $k) (local.get $v) (i64.const 2)))
    (drop (call $update_current_contract_wasm (local.get $h))) (call $version))
  ;; switches, then traps: the switch must not survive
  (func (export "update_trap") (param $h i64) (result i64)
    (drop (call $update_current_contract_wasm (local.get $h))) unreachable)
  (func (export "set_tag") (param $t i64) (param $v i64) (param $ty i64) (result i64)
    (call $put_contract_data (call $tag (local.get $t)) (local.get $v) (call $raw (local.get $ty))))
  (func (export "get_tag") (param $t i64) (result i64) (call $get_contract_data (call $tag (local.get $t)) (i64.const 1)))
  (func (export "has_tag") (param $t i64) (result i64) (call $has_contract_data (call $tag (local.get $t)) (i64.const 1)))
  (func (export "del_tag") (param $t i64) (param $ty i64) (result i64)
    (call $del_contract_data (call $tag (local.get $t)) (call $raw (local.get $ty))))
  (func (export "extend_tag") (param $t i64) (param $th i64) (param $to i64) (result i64)
    (call $extend_contract_data_ttl (call $tag (local.get $t)) (i64.const 1) (local.get $th) (local.get $to)))
  (func (export "put") (param $k i64) (param $v i64) (result i64) (call $put_contract_data (local.get $k) (local.get $v) (i64.const 1)))
  (func (export "get") (param $k i64) (result i64) (call $get_contract_data (local.get $k) (i64.const 1)))
  (func (export "put_i") (param $k i64) (param $v i64) (result i64) (call $put_contract_data (local.get $k) (local.get $v) (i64.const 2)))
  (func (export "get_i") (param $k i64) (result i64) (call $get_contract_data (local.get $k) (i64.const 2)))
  ${CONTRACT_TTL_EXPORTS}
  (func (export "call") (param $c i64) (param $f i64) (param $a i64) (result i64)
    (call $call (local.get $c) (local.get $f) (local.get $a)))
  (func (export "try_call") (param $c i64) (param $f i64) (param $a i64) (result i64)
    (call $vec_push_back (call $vec_new) (call $try_call (local.get $c) (local.get $f) (local.get $a))))
  (func (export "emit") (param $t i64) (param $d i64) (result i64) (call $contract_event (local.get $t) (local.get $d)))
  (func (export "__constructor") (result i64) (i64.const 2))
)`);

/** `__constructor` bodies for the CAP-58 contracts; each also exports `get(k)` for persistent data. */
export type ConstructorKind =
  | 'none' // no constructor at all
  | 'store' // __constructor(k, v): stores k → v, returns Void
  | 'no_args' // __constructor(): stores "init" → true
  | 'returns' // __constructor(): returns U32Val 1
  | 'fails' // __constructor(e): stores, then fails with the contract error e
  | 'traps' // __constructor(): stores, then traps
  | 'emits' // __constructor(): emits an event, then traps
  | 'no_result' // __constructor() returns nothing: not a Val function
  | 'i32_param'; // __constructor(i32) -> i64: not a Val function

/** The small symbol `init`, as an i64 constant for WAT. */
const INIT = BigInt.asIntN(64, (symbolSmallBody(new TextEncoder().encode('init')) << 8n) | 14n);

const constructorBody: Record<ConstructorKind, string> = {
  none: '',
  store: `(func (export "__constructor") (param $k i64) (param $v i64) (result i64)
    (call $put_contract_data (local.get $k) (local.get $v) (i64.const 1)))`,
  no_args: `(func (export "__constructor") (result i64)
    (call $put_contract_data (i64.const ${INIT}) (i64.const 1) (i64.const 1)))`,
  returns: `(func (export "__constructor") (result i64) (i64.const ${u32Const(1)}))`,
  fails: `(func (export "__constructor") (param $e i64) (result i64)
    (drop (call $put_contract_data (i64.const ${INIT}) (i64.const 1) (i64.const 1)))
    (call $fail_with_error (local.get $e)))`,
  traps: `(func (export "__constructor") (result i64)
    (drop (call $put_contract_data (i64.const ${INIT}) (i64.const 1) (i64.const 1))) unreachable)`,
  emits: `(func (export "__constructor") (result i64)
    (drop (call $contract_event (call $vec_new) (i64.const 2))) unreachable)`,
  no_result: `(func (export "__constructor"))`,
  i32_param: `(func (export "__constructor") (param i32) (result i64) (i64.const 2))`,
};

/** A CAP-58 test contract: constructor `kind`, built for `meta` (protocol 22+ unless given). */
export const constructorContract = (kind: ConstructorKind, meta: EnvMeta = {}): Uint8Array =>
  contract(
    `(module
  ${['put_contract_data', 'get_contract_data', 'fail_with_error', 'contract_event', 'vec_new'].map(importOf).join('\n  ')}
  ${constructorBody[kind]}
  (func (export "get") (param $k i64) (result i64) (call $get_contract_data (local.get $k) (i64.const 1)))
)`,
    meta,
  );

export const hashOf = (wasm: Uint8Array): Uint8Array => sha256(wasm);

export const SOURCE = Keypair.fromRawEd25519Seed(new Uint8Array(32).fill(7));
export const sourceAddress = (): xdr.ScAddressWire =>
  ({ type: 0, accountId: { type: 0, ed25519: SOURCE.rawPublicKey() } }) as xdr.ScAddressWire;

export const uploadFn = (wasm: Uint8Array): xdr.HostFunction =>
  xdr.HostFunction.fromXdrObject({ type: 2, wasm });

export const createFn = (
  wasmHash: Uint8Array,
  salt: Uint8Array,
  constructorArgs?: xdr.ScVal[],
  deployer: xdr.ScAddressWire = sourceAddress(),
): xdr.HostFunction => {
  const contractIdPreimage: xdr.ContractIdPreimageWire = {
    type: 0,
    fromAddress: { address: deployer, salt },
  };
  const executable: xdr.ContractExecutableWire = { type: 0, wasmHash };
  return constructorArgs === undefined
    ? xdr.HostFunction.fromXdrObject({ type: 1, createContract: { contractIdPreimage, executable } })
    : xdr.HostFunction.fromXdrObject({
        type: 3,
        createContractV2: {
          contractIdPreimage,
          executable,
          constructorArgs: constructorArgs.map((a) => a.toXdrObject()),
        },
      });
};

export interface ApplyOptions extends RunOptions {
  readonly footprint?: LedgerFootprint;
  readonly auth?: readonly xdr.SorobanAuthorizationEntry[];
  readonly authMode?: AuthMode;
}

export const apply = (
  snapshot: MemorySnapshot,
  hostFunction: xdr.HostFunction,
  options: ApplyOptions = {},
): HostFunctionResult =>
  applyHostFunction(
    // SOURCE sends the transactions: as the deployer it authorizes with SourceAccount credentials.
    {
      hostFunction,
      snapshot,
      footprint: options.footprint,
      auth: options.auth,
      authMode: options.authMode,
      sourceAccount: SOURCE.publicKey(),
    },
    { ledger: { ...LEDGER, ...options.ledger }, diagnostics: options.diagnostics },
  );

/** Applies and commits the changes; returns the result value. */
export const applyCommit = (
  snapshot: MemorySnapshot,
  hostFunction: xdr.HostFunction,
  options: ApplyOptions = {},
): xdr.ScVal => {
  const r = apply(snapshot, hostFunction, options);
  if (!r.outcome.ok) throw new Error(`host function failed: ${r.outcome.message}`);
  snapshot.apply(r.changes);
  return r.outcome.value;
};

/** Uploads `wasm` through `UploadContractWasm`; returns its hash. */
export const upload = (snapshot: MemorySnapshot, wasm: Uint8Array): Uint8Array => {
  const w = applyCommit(snapshot, uploadFn(wasm)).toXdrObject();
  if (w.type !== 13) throw new Error('upload did not return bytes');
  return new Uint8Array(w.bytes);
};

/** Creates a contract through `CreateContract(V2)`; returns its id. */
export const create = (
  snapshot: MemorySnapshot,
  wasmHash: Uint8Array,
  salt: Uint8Array,
  constructorArgs?: xdr.ScVal[],
): Uint8Array => contractIdOfVal(applyCommit(snapshot, createFn(wasmHash, salt, constructorArgs)));

export const saltOf = (n: number): Uint8Array => new Uint8Array(32).fill(n);

/** Invokes `fn` of contract `id`. */
export const invoke = (
  snapshot: MemorySnapshot,
  id: Uint8Array,
  fn: string,
  args: xdr.ScVal[] = [],
  options: RunOptions = {},
) => run(snapshot, { id }, fn, args, options);

/** Invokes and commits; returns the result value. */
export const invokeCommit = (
  snapshot: MemorySnapshot,
  id: Uint8Array,
  fn: string,
  args: xdr.ScVal[] = [],
  options: RunOptions = {},
) => commit(snapshot, { id }, fn, args, options);

export const bytesVal = (b: Uint8Array): xdr.ScVal => xdr.ScVal.scvBytes(b);
export const str = (s: string): xdr.ScVal => xdr.ScVal.scvString(s);

/** The 32-byte id inside a contract-address result. */
export const contractIdOfVal = (v: xdr.ScVal): Uint8Array => {
  const w = v.toXdrObject();
  if (w.type !== 18 || w.address.type !== 1) throw new Error('not a contract address');
  return new Uint8Array(w.address.contractId);
};

export const err = (type: ErrorType, code: ErrorCode) => ({ type, code });

export const instanceLedgerKey = (id: Uint8Array): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject(instanceKey(id));
export const codeLedgerKey = (hash: Uint8Array): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject(contractCodeKey(hash));

/** The owner's persistent entry under `SCV_EXECUTABLE_TAG(tag)`. */
export const tagEntryLedgerKey = (owner: Uint8Array, tag: string): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({
    type: 6,
    contractData: {
      contract: { type: 1, contractId: owner },
      key: { type: 22, executableTag: new xdr.XdrString(tag) },
      durability: 1,
    },
  } as xdr.LedgerKeyWire);

/** `ContractExecutable::Wasm(hash)` / `AddressExecutable::Wasm(hash)` as a contract type. */
export const wasmExecutableVal = (hash: Uint8Array): xdr.ScVal =>
  xdr.ScVal.scvVec([xdr.ScVal.scvSymbol('Wasm'), xdr.ScVal.scvBytes(hash)]);

/** The executable in a contract's instance entry. */
export const executableOf = (snapshot: MemorySnapshot, id: Uint8Array): xdr.ContractExecutableWire => {
  const data = snapshot.get(instanceLedgerKey(id))!.entry.toXdrObject().data;
  if (data.type !== 6 || data.contractData.val.type !== 19) throw new Error('not a contract instance');
  return data.contractData.val.instance.executable;
};

/** The host function of an `InvokeHostFunction` operation the SDK built. */
export const hostFunctionOf = (op: xdr.Operation): xdr.HostFunction => {
  const body = op.toXdrObject().body;
  if (body.type !== 24) throw new Error('not an InvokeHostFunction operation');
  return xdr.HostFunction.fromXdrObject(body.invokeHostFunctionOp.hostFunction);
};
