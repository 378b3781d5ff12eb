/**
 * Building the classic ledger entries Soroban reads (`AccountEntry`, `TrustLineEntry`) as XDR, for
 * a snapshot: a local network's genesis and funding, or a test's setup. Liabilities go in the
 * entries' `ext` v1, as stellar-core stores them.
 */
import { StrKey, xdr, type Asset } from '@stellar/stellar-sdk';
import { I64_MAX } from './accounts.ts';

export interface Liabilities {
  readonly buying: bigint;
  readonly selling: bigint;
}

export interface AccountOptions {
  /** `G...` */
  readonly accountId: string;
  /** In stroops. */
  readonly balance: bigint;
  readonly seqNum?: bigint;
  readonly numSubEntries?: number;
  /** `AccountFlags`: AUTH_REQUIRED 1, AUTH_REVOCABLE 2, AUTH_IMMUTABLE 4, AUTH_CLAWBACK_ENABLED 8. */
  readonly flags?: number;
  /** Master weight, low, medium, high. */
  readonly thresholds?: readonly [number, number, number, number];
  readonly signers?: readonly { readonly key: string; readonly weight: number }[];
  readonly liabilities?: Liabilities;
}

const publicKey = (g: string): xdr.PublicKeyWire => ({ type: 0, ed25519: new Uint8Array(StrKey.decodeEd25519PublicKey(g)) });

export const accountLedgerEntry = (o: AccountOptions): xdr.LedgerEntry => {
  const signers = [...(o.signers ?? [])].sort((a, b) => Buffer.compare(StrKey.decodeEd25519PublicKey(a.key), StrKey.decodeEd25519PublicKey(b.key)));
  const account: xdr.AccountEntryWire = {
    accountId: publicKey(o.accountId),
    balance: o.balance,
    seqNum: o.seqNum ?? 0n,
    numSubEntries: o.numSubEntries ?? signers.length,
    inflationDest: null,
    flags: o.flags ?? 0,
    homeDomain: new xdr.XdrString(''),
    thresholds: Uint8Array.from(o.thresholds ?? [1, 0, 0, 0]),
    signers: signers.map((s) => ({ key: { type: 0, ed25519: publicKey(s.key).ed25519 }, weight: s.weight })),
    ext: o.liabilities ? { v: 1, v1: { liabilities: o.liabilities, ext: { v: 0 } } } : { v: 0 },
  };
  return xdr.LedgerEntry.fromXdrObject({ lastModifiedLedgerSeq: 0, data: { type: 0, account }, ext: { v: 0 } });
};

export interface TrustlineOptions {
  /** `G...` */
  readonly accountId: string;
  /** An issued asset. */
  readonly asset: Asset;
  readonly balance?: bigint;
  /** Default: unlimited (i64 max). */
  readonly limit?: bigint;
  /** `TrustLineFlags`: AUTHORIZED 1, AUTHORIZED_TO_MAINTAIN_LIABILITIES 2, CLAWBACK_ENABLED 4. */
  readonly flags?: number;
  readonly liabilities?: Liabilities;
}

export const trustlineLedgerEntry = (o: TrustlineOptions): xdr.LedgerEntry => {
  const asset = o.asset.toXdrObject().toXdrObject();
  if (asset.type === 0) throw new Error('the native asset has no trustlines');
  const trustLine: xdr.TrustLineEntryWire = {
    accountId: publicKey(o.accountId),
    asset: asset as xdr.TrustLineAssetWire,
    balance: o.balance ?? 0n,
    limit: o.limit ?? I64_MAX,
    flags: o.flags ?? 0,
    ext: o.liabilities ? { v: 1, v1: { liabilities: o.liabilities, ext: { v: 0 } } } : { v: 0 },
  };
  return xdr.LedgerEntry.fromXdrObject({ lastModifiedLedgerSeq: 0, data: { type: 1, trustLine }, ext: { v: 0 } });
};
