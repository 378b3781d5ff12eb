/**
 * Authorization test fixtures: WAT contracts that call the auth host functions, a custom account
 * contract, classic account entries, authorization entries and their signatures built with the
 * real client library (`@stellar/stellar-sdk`), and a runner over `applyHostFunction`.
 */
import assert from 'node:assert/strict';
import { Address, Keypair, Networks, buildAuthorizationEntryPreimage, hash, xdr } from '@stellar/stellar-sdk';
import {
  applyHostFunction,
  type AuthMode,
  type HostFunctionRequest,
  type HostFunctionResult,
  type LedgerFootprint,
} from '../../src/ledger/api.ts';
import type { LedgerInfo } from '../../src/host/ledger-info.ts';
import { accountLedgerEntry } from '../../src/sac/entries.ts';
import { symbolSmallBody } from '../../src/val/symbol.ts';
import { ErrorCode, ErrorType } from '../../src/val/error.ts';
import { LEDGER, MemorySnapshot, SEQ, deploy, type Deployed } from './ledger.ts';
import { contract, importOf } from './wat.ts';

export const PASSPHRASE = Networks.STANDALONE;
/** Signatures in these tests expire 100 ledgers after the test ledger. */
export const EXP = SEQ + 100;

export const err = (type: ErrorType, code: ErrorCode) => ({ type, code });
export const UNAUTHORIZED = err(ErrorType.Auth, ErrorCode.InvalidAction);

export const expectOk = (r: HostFunctionResult): void =>
  assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);

/** A small-symbol Val as an i64 constant, for WAT. */
const symbolConst = (s: string): bigint =>
  BigInt.asIntN(64, (symbolSmallBody(new TextEncoder().encode(s)) << 8n) | 14n);
/** `Error(Contract, code)` as an i64 constant. */
const contractErrorConst = (code: number): bigint => (BigInt(code) << 32n) | 3n;

/** Calls each auth host function; `call`/`try_call` let one instance call another. */
export const AUTH_WASM = contract(`(module
  ${['require_auth', 'require_auth_for_args', 'authorize_as_curr_contract', 'call', 'try_call', 'vec_new', 'vec_push_back', 'fail_with_error'].map(importOf).join('\n  ')}
  (func $box (param i64) (result i64) (call $vec_push_back (call $vec_new) (local.get 0)))
  (func (export "auth") (param $a i64) (result i64) (call $require_auth (local.get $a)))
  (func (export "auth_args") (param $a i64) (param $args i64) (result i64) (call $require_auth_for_args (local.get $a) (local.get $args)))
  (func (export "auth_twice") (param $a i64) (result i64)
    (drop (call $require_auth (local.get $a)))
    (call $require_auth (local.get $a)))
  (func (export "auth_fail") (param $a i64) (result i64)
    (drop (call $require_auth (local.get $a)))
    (call $fail_with_error (i64.const ${contractErrorConst(7)})))
  (func (export "auth_call") (param $a i64) (param $c i64) (param $f i64) (param $args i64) (result i64)
    (drop (call $require_auth (local.get $a)))
    (call $call (local.get $c) (local.get $f) (local.get $args)))
  (func (export "call") (param $c i64) (param $f i64) (param $args i64) (result i64)
    (call $call (local.get $c) (local.get $f) (local.get $args)))
  (func (export "try_call") (param $c i64) (param $f i64) (param $args i64) (result i64)
    (call $box (call $try_call (local.get $c) (local.get $f) (local.get $args))))
  ;; try_call, then the same call again
  (func (export "retry") (param $c i64) (param $f i64) (param $args i64) (result i64)
    (drop (call $try_call (local.get $c) (local.get $f) (local.get $args)))
    (call $call (local.get $c) (local.get $f) (local.get $args)))
  (func (export "auth_as") (param $entries i64) (param $c i64) (param $f i64) (param $args i64) (result i64)
    (drop (call $authorize_as_curr_contract (local.get $entries)))
    (call $call (local.get $c) (local.get $f) (local.get $args)))
)`);

/**
 * A custom account. `__check_auth` stores its contexts (temporary key `ctx`) and delegated signers
 * (`signers`), delegates to every delegated signer, then accepts a Void signature or one equal to
 * the payload and refuses anything else with `Error(Contract, #1)`.
 */
export const ACCOUNT_WASM = contract(`(module
  ${[
    'put_contract_data',
    'get_delegated_signers_for_current_auth_check',
    'delegate_account_auth',
    'vec_len',
    'vec_get',
    'obj_cmp',
    'fail_with_error',
    'require_auth',
    'get_current_contract_address',
  ]
    .map(importOf)
    .join('\n  ')}
  (func (export "__check_auth") (param $payload i64) (param $sig i64) (param $ctx i64) (result i64)
    (local $signers i64) (local $n i64) (local $i i64)
    (drop (call $put_contract_data (i64.const ${symbolConst('ctx')}) (local.get $ctx) (i64.const 0)))
    (local.set $signers (call $get_delegated_signers_for_current_auth_check))
    (drop (call $put_contract_data (i64.const ${symbolConst('signers')}) (local.get $signers) (i64.const 0)))
    (local.set $n (i64.shr_u (call $vec_len (local.get $signers)) (i64.const 32)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $delegate_account_auth
        (call $vec_get (local.get $signers) (i64.or (i64.shl (local.get $i) (i64.const 32)) (i64.const 4)))))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (if (i64.eq (local.get $sig) (i64.const 2)) (then (return (i64.const 2))))
    (if (i64.eqz (call $obj_cmp (local.get $sig) (local.get $payload))) (then (return (i64.const 2))))
    (call $fail_with_error (i64.const ${contractErrorConst(1)})))
  (func (export "self_auth") (result i64) (call $require_auth (call $get_current_contract_address)))
  (func (export "delegate") (param $a i64) (result i64) (call $delegate_account_auth (local.get $a)))
  (func (export "signers") (result i64) (call $get_delegated_signers_for_current_auth_check))
)`);

export const deployAuth = (snapshot: MemorySnapshot, n: number): Deployed =>
  deploy(snapshot, n, { wasm: AUTH_WASM });
export const deployAccount = (snapshot: MemorySnapshot, n: number): Deployed =>
  deploy(snapshot, n, { wasm: ACCOUNT_WASM });

/** A fixed keypair per number, so failures reproduce. */
export const keypair = (n: number): Keypair => Keypair.fromRawEd25519Seed(Buffer.alloc(32, n));

export const accountAddress = (kp: Keypair): xdr.ScVal => Address.fromString(kp.publicKey()).toScVal();

export interface AccountOptions {
  /** Master weight, low, medium, high thresholds. */
  readonly thresholds?: readonly [number, number, number, number];
  readonly signers?: readonly { readonly key: Keypair; readonly weight: number }[];
}

/** Adds a classic account of 10 XLM (thresholds, signers) to the snapshot. */
export const addAccount = (snapshot: MemorySnapshot, kp: Keypair, options: AccountOptions = {}): void =>
  snapshot.set(
    accountLedgerEntry({
      accountId: kp.publicKey(),
      balance: 100_000_000n,
      thresholds: options.thresholds,
      signers: options.signers?.map((s) => ({ key: s.key.publicKey(), weight: s.weight })),
    }),
    undefined,
  );

/** A `SorobanAuthorizedInvocation` of a contract function. */
export const invocation = (
  c: Deployed,
  fn: string,
  args: xdr.ScVal[],
  subs: xdr.SorobanAuthorizedInvocation[] = [],
): xdr.SorobanAuthorizedInvocation =>
  xdr.SorobanAuthorizedInvocation.fromXdrObject({
    function: {
      type: 0,
      contractFn: {
        contractAddress: { type: 1, contractId: c.id },
        functionName: new xdr.XdrString(fn),
        args: args.map((a) => a.toXdrObject()),
      },
    },
    subInvocations: subs.map((s) => s.toXdrObject()),
  } as xdr.SorobanAuthorizedInvocationWire);

/** An unsigned entry with `Address` credentials (`type` 2 for `ADDRESS_V2`). */
export const addressEntry = (
  address: xdr.ScVal,
  nonce: bigint,
  root: xdr.SorobanAuthorizedInvocation,
  type: 1 | 2 = 1,
): xdr.SorobanAuthorizationEntry => {
  const creds = {
    address: (address.toXdrObject() as Extract<xdr.ScValWire, { type: 18 }>).address,
    nonce,
    signatureExpirationLedger: 0,
    signature: { type: 1 },
  };
  return xdr.SorobanAuthorizationEntry.fromXdrObject({
    credentials: type === 1 ? { type: 1, address: creds } : { type: 2, addressV2: creds },
    rootInvocation: root.toXdrObject(),
  } as xdr.SorobanAuthorizationEntryWire);
};

export const sourceEntry = (root: xdr.SorobanAuthorizedInvocation): xdr.SorobanAuthorizationEntry =>
  xdr.SorobanAuthorizationEntry.fromXdrObject({
    credentials: { type: 0 },
    rootInvocation: root.toXdrObject(),
  });

/** The 32 bytes an entry's signers sign, for expiration `exp` (as the client library builds it). */
export const payloadOf = (
  entry: xdr.SorobanAuthorizationEntry,
  exp: number,
  passphrase = PASSPHRASE,
): Uint8Array => new Uint8Array(hash(buildAuthorizationEntryPreimage(entry, exp, passphrase).toXdr()));

/** The Stellar-account signature value: a Vec of `{public_key, signature}` maps, in the given order. */
export const accountSignature = (payload: Uint8Array, signers: readonly Keypair[]): xdr.ScVal =>
  xdr.ScVal.scvVec(
    signers.map((kp) =>
      xdr.ScVal.scvMap([
        new xdr.ScMapEntry({
          key: xdr.ScVal.scvSymbol('public_key'),
          val: xdr.ScVal.scvBytes(kp.rawPublicKey()),
        }),
        new xdr.ScMapEntry({
          key: xdr.ScVal.scvSymbol('signature'),
          val: xdr.ScVal.scvBytes(kp.sign(Buffer.from(payload))),
        }),
      ]),
    ),
  );

/** Keys in ascending order, as the host requires. */
export const ascending = (kps: readonly Keypair[]): Keypair[] =>
  [...kps].sort((a, b) => Buffer.compare(a.rawPublicKey(), b.rawPublicKey()));

/** The entry with its expiration and signature set. */
export const withSignature = (
  entry: xdr.SorobanAuthorizationEntry,
  exp: number,
  signature: xdr.ScVal,
): xdr.SorobanAuthorizationEntry => {
  const w = entry.toXdrObject();
  const c = w.credentials;
  const set = (creds: xdr.SorobanAddressCredentialsWire) => ({
    ...creds,
    signatureExpirationLedger: exp,
    signature: signature.toXdrObject(),
  });
  const credentials =
    c.type === 1
      ? { type: 1, address: set(c.address) }
      : c.type === 2
        ? { type: 2, addressV2: set(c.addressV2) }
        : c.type === 3
          ? {
              type: 3,
              addressWithDelegates: {
                ...c.addressWithDelegates,
                addressCredentials: set(c.addressWithDelegates.addressCredentials),
              },
            }
          : c;
  return xdr.SorobanAuthorizationEntry.fromXdrObject({
    ...w,
    credentials,
  } as xdr.SorobanAuthorizationEntryWire);
};

export interface InvokeOptions {
  readonly auth?: readonly xdr.SorobanAuthorizationEntry[];
  readonly authMode?: AuthMode;
  readonly sourceAccount?: string;
  readonly footprint?: LedgerFootprint;
  readonly ledger?: Partial<LedgerInfo>;
  readonly prngSeed?: Uint8Array;
}

export const invokeFunction = (c: Deployed, fn: string, args: xdr.ScVal[]): xdr.HostFunction =>
  xdr.HostFunction.fromXdrObject({
    type: 0,
    invokeContract: {
      contractAddress: { type: 1, contractId: c.id },
      functionName: new xdr.XdrString(fn),
      args: args.map((a) => a.toXdrObject()),
    },
  });

/** Runs `c.fn(args)`; enforcing with the given entries unless `authMode` says otherwise. */
export const invoke = (
  snapshot: MemorySnapshot,
  c: Deployed,
  fn: string,
  args: xdr.ScVal[],
  options: InvokeOptions = {},
): HostFunctionResult => {
  const request: HostFunctionRequest = {
    hostFunction: invokeFunction(c, fn, args),
    snapshot,
    footprint: options.footprint,
    auth: options.auth ?? [],
    authMode: options.authMode ?? 'enforce',
    sourceAccount: options.sourceAccount,
  };
  return applyHostFunction(request, { ledger: { ...LEDGER, ...options.ledger }, prngSeed: options.prngSeed });
};

/**
 * A ledger with one account (keypair 1, address `g`), three instances of the auth contract (`a`,
 * `b`, `c`) and two custom accounts (`d1`, `d2`).
 */
export const world = () => {
  const snap = new MemorySnapshot();
  const kp = keypair(1);
  addAccount(snap, kp);
  return {
    snap,
    kp,
    g: accountAddress(kp),
    a: deployAuth(snap, 1),
    b: deployAuth(snap, 2),
    c: deployAuth(snap, 3),
    d1: deployAccount(snap, 10),
    d2: deployAccount(snap, 11),
  };
};
