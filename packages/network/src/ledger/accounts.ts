/**
 * Accounts and trustlines as stellar-core reads and updates them: reserves, liabilities, balances
 * with their limits (`addBalance`), signers and thresholds. All functions return new entries.
 */
import { xdr } from '@stellar/stellar-sdk';
import { ACCOUNT, TRUSTLINE, accountKey, type EntryWire, type KeyWire } from './keys.ts';
import type { LedgerTxn } from './ltx.ts';
import type { Signer } from '../tx/signatures.ts';

export type AccountWire = xdr.AccountEntryWire;
export type TrustLineWire = xdr.TrustLineEntryWire;

export const INT64_MAX = (1n << 63n) - 1n;
export const THRESHOLD_MASTER = 0;
export const THRESHOLD_LOW = 1;
export const THRESHOLD_MEDIUM = 2;
export const THRESHOLD_HIGH = 3;
/** The most subentries (trustlines, signers, offers, data) an account may have. */
export const ACCOUNT_SUBENTRY_LIMIT = 1000;

export interface ReserveContext {
  readonly baseReserve: number;
}

export const accountOf = (entry: EntryWire): AccountWire => {
  if (entry.data.type !== ACCOUNT) throw new Error('not an account entry');
  return entry.data.account;
};

export const loadAccount = (ltx: LedgerTxn, accountId: Uint8Array): AccountWire | undefined => {
  const entry = ltx.load(accountKey(accountId));
  return entry && accountOf(entry);
};

export const putAccount = (ltx: LedgerTxn, account: AccountWire): void => {
  ltx.put({ lastModifiedLedgerSeq: 0, data: { type: ACCOUNT, account }, ext: { v: 0 } });
};

const extV2 = (a: AccountWire): xdr.AccountEntryExtensionV2Wire | undefined =>
  a.ext.v === 1 && a.ext.v1.ext.v === 2 ? a.ext.v1.ext.v2 : undefined;

export const accountLiabilities = (a: AccountWire): { buying: bigint; selling: bigint } =>
  a.ext.v === 1 ? a.ext.v1.liabilities : { buying: 0n, selling: 0n };

/** `getMinBalance`: (2 + subentries + sponsoring − sponsored) base reserves. */
export const minBalance = (ctx: ReserveContext, a: AccountWire): bigint => {
  const v2 = extV2(a);
  const count = 2 + a.numSubEntries + (v2 ? v2.numSponsoring - v2.numSponsored : 0);
  return BigInt(count) * BigInt(ctx.baseReserve);
};

/** `getAvailableBalance`: what can be spent without going under the reserve and selling liabilities. */
export const availableBalance = (ctx: ReserveContext, a: AccountWire): bigint =>
  a.balance - minBalance(ctx, a) - accountLiabilities(a).selling;

/**
 * `addBalance` for an account: the new account, or undefined when the change would go below the
 * reserve plus selling liabilities, or past the maximum with buying liabilities.
 */
export const addAccountBalance = (ctx: ReserveContext, a: AccountWire, delta: bigint): AccountWire | undefined => {
  if (delta === 0n) return a;
  const balance = a.balance + delta;
  if (balance < 0n || balance > INT64_MAX) return undefined;
  const { buying, selling } = accountLiabilities(a);
  if (delta < 0n && balance - minBalance(ctx, a) < selling) return undefined;
  if (balance > INT64_MAX - buying) return undefined;
  return { ...a, balance };
};

/** The signers of an account: the master key (when its weight is not 0) and the added signers. */
export const signersOf = (a: AccountWire): Signer[] => {
  const master = a.thresholds[THRESHOLD_MASTER];
  const signers: Signer[] = master ? [{ key: { type: 0, ed25519: a.accountId.ed25519 }, weight: master }] : [];
  return signers.concat(a.signers);
};

/** Signers and their sponsoring ids move together when the account has the v2 extension. */
export const withSigners = (a: AccountWire, signers: xdr.SignerWire[], sponsors: (xdr.PublicKeyWire | null)[]): AccountWire => {
  if (a.ext.v !== 1) return { ...a, signers };
  const v1 = a.ext.v1;
  if (v1.ext.v !== 2) return { ...a, signers };
  const v2 = { ...v1.ext.v2, signerSponsoringIDs: sponsors };
  return { ...a, signers, ext: { v: 1, v1: { ...v1, ext: { v: 2, v2 } } } };
};

export const sponsorsOf = (a: AccountWire): (xdr.PublicKeyWire | null)[] =>
  a.ext.v === 1 && a.ext.v1.ext.v === 2 ? [...a.ext.v1.ext.v2.signerSponsoringIDs] : a.signers.map(() => null);

/**
 * From protocol 19 every sequence-number change records the ledger and time it happened in
 * (`maybeUpdateAccountOnLedgerSeqUpdate`), creating the account's v1, v2 and v3 extensions.
 */
export const withSequence = (a: AccountWire, seqNum: bigint, seqLedger: number, seqTime: bigint): AccountWire => {
  const v1: xdr.AccountEntryExtensionV1Wire = a.ext.v === 1 ? a.ext.v1 : { liabilities: { buying: 0n, selling: 0n }, ext: { v: 0 } };
  const v2: xdr.AccountEntryExtensionV2Wire =
    v1.ext.v === 2 ? v1.ext.v2 : { numSponsored: 0, numSponsoring: 0, signerSponsoringIDs: a.signers.map(() => null), ext: { v: 0 } };
  const v3 = { ext: { v: 0 as const }, seqLedger, seqTime };
  return { ...a, seqNum, ext: { v: 1, v1: { ...v1, ext: { v: 2, v2: { ...v2, ext: { v: 3, v3 } } } } } };
};

export const newAccount = (accountId: Uint8Array, balance: bigint, seqNum: bigint): AccountWire => ({
  accountId: { type: 0, ed25519: accountId },
  balance,
  seqNum,
  numSubEntries: 0,
  inflationDest: null,
  flags: 0,
  homeDomain: new xdr.XdrString(''),
  thresholds: new Uint8Array([1, 0, 0, 0]),
  signers: [],
  ext: { v: 0 },
});

/** The sequence number a new account starts at in ledger `seq` (`getStartingSequenceNumber`). */
export const startingSequenceNumber = (seq: number): bigint => BigInt(seq) << 32n;

// ---- trustlines ----

export const trustLineKey = (accountId: Uint8Array, asset: xdr.TrustLineAssetWire): KeyWire => ({
  type: TRUSTLINE,
  trustLine: { accountId: { type: 0, ed25519: accountId }, asset },
});

export const loadTrustLine = (ltx: LedgerTxn, accountId: Uint8Array, asset: xdr.TrustLineAssetWire): TrustLineWire | undefined => {
  const entry = ltx.load(trustLineKey(accountId, asset));
  return entry && entry.data.type === TRUSTLINE ? entry.data.trustLine : undefined;
};

export const putTrustLine = (ltx: LedgerTxn, trustLine: TrustLineWire): void => {
  ltx.put({ lastModifiedLedgerSeq: 0, data: { type: TRUSTLINE, trustLine }, ext: { v: 0 } });
};

export const AUTHORIZED_FLAG = 1;

export const trustLineLiabilities = (t: TrustLineWire): { buying: bigint; selling: bigint } =>
  t.ext.v === 1 ? t.ext.v1.liabilities : { buying: 0n, selling: 0n };

export const isAuthorized = (t: TrustLineWire): boolean => (t.flags & AUTHORIZED_FLAG) !== 0;

/** `addBalance` for a trustline: undefined past the limit, under the selling liabilities, or unauthorized. */
export const addTrustLineBalance = (t: TrustLineWire, delta: bigint): TrustLineWire | undefined => {
  if (delta === 0n) return t;
  if (!isAuthorized(t)) return undefined;
  const balance = t.balance + delta;
  if (balance < 0n || balance > t.limit) return undefined;
  const { buying, selling } = trustLineLiabilities(t);
  if (delta < 0n && balance < selling) return undefined;
  if (balance > t.limit - buying) return undefined;
  return { ...t, balance };
};
