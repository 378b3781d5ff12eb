/**
 * Stellar Asset contract fixtures: a ledger with an issuer and holder accounts (built with
 * `sac/entries.ts`), asset contracts deployed by the `CreateContract` host function the SDK builds,
 * calls authorized the way a client does it (an `Address` entry per signer, signed with ed25519
 * over the reference payload), and contract events decoded to plain values.
 */
import assert from 'node:assert/strict';
import { Address, Asset, Keypair, Networks, Operation, StrKey, nativeToScVal, scValToNative, xdr } from '@stellar/stellar-sdk';
import { applyHostFunction, type AuthMode, type HostFunctionResult, type LedgerFootprint } from '../../src/ledger/api.ts';
import type { LedgerInfo } from '../../src/host/ledger-info.ts';
import { MemorySnapshot } from '../../src/ledger/snapshot.ts';
import { accountLedgerEntry, trustlineLedgerEntry, type AccountOptions, type TrustlineOptions } from '../../src/sac/entries.ts';
import { accountSignature, payloadOf, withSignature } from './auth.ts';
import { LEDGER, SEQ } from './ledger.ts';
import { hostFunctionOf } from './lifecycle.ts';

export const PASSPHRASE = Networks.STANDALONE;
/** The test ledger's base reserve (the host's default), in stroops. */
export const BASE_RESERVE = 5_000_000n;
export const XLM = 10_000_000n;

export const keypair = (n: number): Keypair => Keypair.fromRawEd25519Seed(Buffer.alloc(32, n));

/** An `ScVal` address of a keypair (G) or a contract id (C). */
export const addressOf = (who: Keypair | Uint8Array): xdr.ScVal =>
  who instanceof Keypair ? new Address(who.publicKey()).toScVal() : Address.contract(Buffer.from(who)).toScVal();

export const strkeyOf = (who: Keypair | Uint8Array): string =>
  who instanceof Keypair ? who.publicKey() : StrKey.encodeContract(Buffer.from(who));

export const i128 = (n: bigint): xdr.ScVal => nativeToScVal(n, { type: 'i128' });
export const u32 = (n: number): xdr.ScVal => xdr.ScVal.scvU32(n);
export const bool = (b: boolean): xdr.ScVal => xdr.ScVal.scvBool(b);

/** The M address of `kp` with multiplexing id `id`. */
export const muxedOf = (kp: Keypair, id: bigint): xdr.ScVal =>
  xdr.ScVal.fromXdrObject({
    type: 18,
    address: { type: 2, muxedAccount: { id, ed25519: kp.rawPublicKey() } },
  } as xdr.ScValWire);

export const addAccount = (snap: MemorySnapshot, kp: Keypair, options: Partial<AccountOptions> = {}): void =>
  snap.set(accountLedgerEntry({ accountId: kp.publicKey(), balance: 100n * XLM, ...options }), undefined);

export const addTrustline = (snap: MemorySnapshot, kp: Keypair, asset: Asset, options: Partial<TrustlineOptions> = {}): void =>
  snap.set(trustlineLedgerEntry({ accountId: kp.publicKey(), asset, flags: 1, ...options }), undefined);

export const accountKeyOf = (kp: Keypair): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({ type: 0, account: { accountId: { type: 0, ed25519: kp.rawPublicKey() } } });

export const trustlineKeyOf = (kp: Keypair, asset: Asset): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({
    type: 1,
    trustLine: { accountId: { type: 0, ed25519: kp.rawPublicKey() }, asset: asset.toXdrObject().toXdrObject() as xdr.TrustLineAssetWire },
  });

export const accountOf = (snap: MemorySnapshot, kp: Keypair): xdr.AccountEntryWire | undefined => {
  const data = snap.get(accountKeyOf(kp))?.entry.toXdrObject().data;
  return data?.type === 0 ? data.account : undefined;
};

export const trustlineOf = (snap: MemorySnapshot, kp: Keypair, asset: Asset): xdr.TrustLineEntryWire | undefined => {
  const data = snap.get(trustlineKeyOf(kp, asset))?.entry.toXdrObject().data;
  return data?.type === 1 ? data.trustLine : undefined;
};

export interface RunOptions {
  readonly ledger?: Partial<LedgerInfo>;
  readonly footprint?: LedgerFootprint;
  readonly authMode?: AuthMode;
  readonly auth?: readonly xdr.SorobanAuthorizationEntry[];
  readonly sourceAccount?: string;
}

export const run = (snap: MemorySnapshot, hostFunction: xdr.HostFunction, options: RunOptions = {}): HostFunctionResult =>
  applyHostFunction(
    {
      hostFunction,
      snapshot: snap,
      footprint: options.footprint,
      auth: options.auth ?? [],
      authMode: options.authMode ?? 'enforce',
      sourceAccount: options.sourceAccount,
    },
    { ledger: { ...LEDGER, ...options.ledger }, diagnostics: true },
  );

export const expectOk = (r: HostFunctionResult): xdr.ScVal => {
  assert.ok(r.outcome.ok, r.outcome.ok ? '' : r.outcome.message);
  return r.outcome.value;
};

/** Runs and applies the changes, as closing the ledger would. */
export const commit = (snap: MemorySnapshot, hostFunction: xdr.HostFunction, options: RunOptions = {}): HostFunctionResult => {
  const r = run(snap, hostFunction, options);
  expectOk(r);
  snap.apply(r.changes);
  return r;
};

/** Deploys the asset's contract with the operation the SDK builds; returns its id. */
export const deployAsset = (snap: MemorySnapshot, asset: Asset): Uint8Array => {
  const r = commit(snap, hostFunctionOf(Operation.createStellarAssetContract({ asset })));
  const id = new Uint8Array(StrKey.decodeContract(Address.fromScVal(r.outcome.ok ? r.outcome.value : xdr.ScVal.scvVoid()).toString()));
  assert.deepEqual(id, new Uint8Array(StrKey.decodeContract(asset.contractId(PASSPHRASE))));
  return id;
};

export const invokeFn = (contract: Uint8Array, fn: string, args: readonly xdr.ScVal[]): xdr.HostFunction =>
  xdr.HostFunction.fromXdrObject({
    type: 0,
    invokeContract: {
      contractAddress: { type: 1, contractId: contract },
      functionName: new xdr.XdrString(fn),
      args: args.map((a) => a.toXdrObject()),
    },
  });

let nonce = 0n;

/** An `Address`-credential entry authorizing `contract.fn(args)` for `signer`, signed by it. */
export const signedEntry = (
  signer: Keypair,
  contract: Uint8Array,
  fn: string,
  args: readonly xdr.ScVal[],
  subInvocations: xdr.SorobanAuthorizedInvocationWire[] = [],
): xdr.SorobanAuthorizationEntry => {
  const entry = xdr.SorobanAuthorizationEntry.fromXdrObject({
    credentials: {
      type: 1,
      address: {
        address: { type: 0, accountId: { type: 0, ed25519: signer.rawPublicKey() } },
        nonce: ++nonce,
        signatureExpirationLedger: 0,
        signature: { type: 1 },
      },
    },
    rootInvocation: {
      function: {
        type: 0,
        contractFn: { contractAddress: { type: 1, contractId: contract }, functionName: new xdr.XdrString(fn), args: args.map((a) => a.toXdrObject()) },
      },
      subInvocations,
    },
  } as xdr.SorobanAuthorizationEntryWire);
  const exp = SEQ + 100;
  return withSignature(entry, exp, accountSignature(payloadOf(entry, exp), [signer]));
};

/** Calls `contract.fn(args)` as a transaction whose `signers` each authorized exactly this call. */
export const call = (
  snap: MemorySnapshot,
  contract: Uint8Array,
  fn: string,
  args: readonly xdr.ScVal[],
  signers: readonly Keypair[] = [],
  options: RunOptions = {},
): HostFunctionResult =>
  run(snap, invokeFn(contract, fn, args), { ...options, auth: signers.map((s) => signedEntry(s, contract, fn, args)) });

/** `call`, and its changes applied. */
export const send = (
  snap: MemorySnapshot,
  contract: Uint8Array,
  fn: string,
  args: readonly xdr.ScVal[],
  signers: readonly Keypair[] = [],
  options: RunOptions = {},
): HostFunctionResult => {
  const r = call(snap, contract, fn, args, signers, options);
  expectOk(r);
  snap.apply(r.changes);
  return r;
};

/** A read-only call's value, as a plain value. */
export const view = (snap: MemorySnapshot, contract: Uint8Array, fn: string, args: readonly xdr.ScVal[] = []): unknown =>
  scValToNative(expectOk(call(snap, contract, fn, args)));

export const balanceOf = (snap: MemorySnapshot, contract: Uint8Array, who: Keypair | Uint8Array): bigint =>
  view(snap, contract, 'balance', [addressOf(who)]) as bigint;

export interface PlainEvent {
  readonly contract: string;
  readonly topics: unknown[];
  readonly data: unknown;
}

/** The run's contract events that stand (not from failed calls), as plain values. */
export const contractEvents = (r: HostFunctionResult): PlainEvent[] =>
  r.events
    .map((e) => e.toXdrObject())
    .filter((e) => e.inSuccessfulContractCall && e.event.type === 1)
    .map((e) => ({
      contract: StrKey.encodeContract(Buffer.from(e.event.contractId!)),
      topics: e.event.body.v0.topics.map((t) => scValToNative(xdr.ScVal.fromXdrObject(t))),
      data: scValToNative(xdr.ScVal.fromXdrObject(e.event.body.v0.data)),
    }));

export const errorOf = (r: HostFunctionResult): { type: number; code: number } | undefined =>
  r.outcome.ok ? undefined : { type: r.outcome.error.type, code: r.outcome.error.code };

/** `Error(Contract, code)`. */
export const contractError = (code: number) => ({ type: 0, code });

/**
 * A ledger with an issuer and two holders (each funded with 100 XLM and holding an authorized
 * trustline to `USD`), and the contracts of `USD` and of the native asset.
 */
export const world = (issuerFlags = 0) => {
  const snap = new MemorySnapshot();
  const issuer = keypair(1);
  const alice = keypair(2);
  const bob = keypair(3);
  addAccount(snap, issuer, { flags: issuerFlags });
  const usd = new Asset('USD', issuer.publicKey());
  for (const kp of [alice, bob]) {
    addAccount(snap, kp, { numSubEntries: 1 });
    addTrustline(snap, kp, usd, { flags: issuerFlags & 8 ? 1 | 4 : 1 });
  }
  const token = deployAsset(snap, usd);
  const native = deployAsset(snap, Asset.native());
  return { snap, issuer, alice, bob, usd, token, native, name: `USD:${issuer.publicKey()}` };
};
