/**
 * Issued-asset balances of accounts: their trustline entries, read and written through the run's
 * storage (`stellar_asset_contract/balance.rs`). The spendable range is `[selling liabilities,
 * limit − buying liabilities]`; only `AUTHORIZED` lets a trustline send or receive
 * (`AUTHORIZED_TO_MAINTAIN_LIABILITIES` is what deauthorizing leaves). CAP-73's `trust` creates
 * unlimited trustlines as `ChangeTrustOp` would, paid from the owner's reserve.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';
import { chargeClassicKey, chargeEntryRebuild, chargeTrustlineCopy } from '../ledger/classic-metering.ts';
import { storageOf } from '../ledger/data.ts';
import type { LedgerEntryWire } from '../ledger/keys.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import type { Val } from '../val/val.ts';
import { accountBalanceRange, accountToChange, checkedBalance, I64_MAX, requireAccount, writeAccount } from './accounts.ts';
import { SacError, sacError } from './errors.ts';

/** `TrustLineFlags`. */
export const AUTHORIZED_FLAG = 1;
export const AUTHORIZED_TO_MAINTAIN_LIABILITIES_FLAG = 2;
export const TRUSTLINE_CLAWBACK_ENABLED_FLAG = 4;

/** stellar-core's limit on an account's sub-entries. */
const MAX_ACCOUNT_SUBENTRIES = 1000;

export type CreditAssetWire = Extract<xdr.AssetWire, { type: 1 | 2 }>;

interface TrustlineSlot {
  readonly key: xdr.LedgerKeyWire;
  readonly entry: LedgerEntryWire;
  readonly trustline: xdr.TrustLineEntryWire;
}

const corrupt = (message: string) => hostError(ErrorType.Storage, ErrorCode.InternalError, message);

export const trustlineKey = (account: Uint8Array, asset: CreditAssetWire): xdr.LedgerKeyWire => ({
  type: 1,
  trustLine: { accountId: { type: 0, ed25519: account }, asset: asset as xdr.TrustLineAssetWire },
});

const findTrustline = (host: Host, account: Uint8Array, asset: CreditAssetWire): TrustlineSlot | undefined => {
  chargeClassicKey(host);
  const key = trustlineKey(account, asset);
  const { entry } = storageOf(host).read(host, key);
  if (!entry) return undefined;
  if (entry.data.type !== 1) throw corrupt('unexpected entry found');
  return { key, entry, trustline: entry.data.trustLine };
};

/** `read_trustline_entry`: a missing one is `TrustlineMissingError`. */
const requireTrustline = (host: Host, account: Uint8Array, asset: CreditAssetWire): TrustlineSlot => {
  const slot = findTrustline(host, account, asset);
  if (!slot) {
    const address = host.add({ tag: Tag.AddressObject, address: { kind: 'account', key: account } });
    throw sacError(SacError.TrustlineMissing, 'trustline entry is missing for account', address);
  }
  return slot;
};

const writeTrustline = (host: Host, slot: TrustlineSlot, trustline: xdr.TrustLineEntryWire): void => {
  chargeEntryRebuild(host);
  storageOf(host).write(host, slot.key, { ...slot.entry, data: { type: 1, trustLine: trustline } }, undefined);
};

/** A trustline whose body is copied to be checked or changed (`metered_clone`). */
const copiedTrustline = (host: Host, account: Uint8Array, asset: CreditAssetWire): TrustlineSlot => {
  const slot = requireTrustline(host, account, asset);
  chargeTrustlineCopy(host);
  return slot;
};

/** `get_min_max_trustline_balance`. */
const trustlineBalanceRange = (t: xdr.TrustLineEntryWire): { min: bigint; max: bigint } => {
  if (t.balance < 0n) throw corrupt('initial balance is negative');
  if (t.ext.v !== 1) return { min: 0n, max: t.limit };
  const { buying, selling } = t.ext.v1.liabilities;
  if (t.limit < buying) throw corrupt('limit is lower than liabilities');
  return { min: selling, max: t.limit - buying };
};

export const trustlineBalance = (host: Host, account: Uint8Array, asset: CreditAssetWire): bigint => {
  const { trustline } = copiedTrustline(host, account, asset);
  const { min, max } = trustlineBalanceRange(trustline);
  if (trustline.balance < min) throw corrupt('trustline has balance < minimum');
  if (trustline.balance > max) throw corrupt('trustline has balance > maximum');
  return trustline.balance;
};

export const transferTrustlineBalance = (host: Host, account: Uint8Array, asset: CreditAssetWire, amount: bigint): void => {
  const slot = copiedTrustline(host, account, asset);
  const balance = checkedBalance(slot.trustline.balance, amount, trustlineBalanceRange(slot.trustline));
  writeTrustline(host, slot, { ...slot.trustline, balance });
};

export const trustlineFlags = (host: Host, account: Uint8Array, asset: CreditAssetWire): number =>
  requireTrustline(host, account, asset).trustline.flags;

/**
 * `set_trustline_authorization`: authorizing clears `AUTHORIZED_TO_MAINTAIN_LIABILITIES`;
 * deauthorizing sets it instead of clearing everything, so offers and pool shares stay.
 */
export const setTrustlineAuthorization = (host: Host, account: Uint8Array, asset: CreditAssetWire, authorize: boolean): void => {
  const slot = copiedTrustline(host, account, asset);
  const flags = slot.trustline.flags;
  if (((flags & AUTHORIZED_FLAG) !== 0) === authorize) return;
  const next = authorize
    ? (flags & ~AUTHORIZED_TO_MAINTAIN_LIABILITIES_FLAG) | AUTHORIZED_FLAG
    : (flags & ~AUTHORIZED_FLAG) | AUTHORIZED_TO_MAINTAIN_LIABILITIES_FLAG;
  writeTrustline(host, slot, { ...slot.trustline, flags: next });
};

export const hasTrustline = (host: Host, account: Uint8Array, asset: CreditAssetWire): boolean =>
  findTrustline(host, account, asset) !== undefined;

/**
 * Creates an unlimited trustline with `flags` for an existing account: one more sub-entry, which
 * its balance must be able to reserve (`create_trustline_if_needed`, CAP-73).
 */
export const createTrustline = (host: Host, account: Uint8Array, asset: CreditAssetWire, flags: number, address: Val): void => {
  const owner = requireAccount(host, account, address);
  if (owner.account.numSubEntries >= MAX_ACCOUNT_SUBENTRIES)
    throw sacError(SacError.TooManyAccountSubentries, 'account has reached maximum number of sub-entries');
  const { min } = accountBalanceRange(host, owner.account);
  if (owner.account.balance < min + BigInt(host.ledger.baseReserve))
    throw sacError(SacError.InsufficientAccountReserve, 'account has insufficient reserve for new trustline');
  const trustLine: xdr.TrustLineEntryWire = {
    accountId: { type: 0, ed25519: account },
    asset: asset as xdr.TrustLineAssetWire,
    balance: 0n,
    limit: I64_MAX,
    flags,
    ext: { v: 0 },
  };
  chargeEntryRebuild(host);
  storageOf(host).write(host, trustlineKey(account, asset), { lastModifiedLedgerSeq: 0, data: { type: 1, trustLine }, ext: { v: 0 } }, undefined);
  writeAccount(host, accountToChange(host, owner), { ...owner.account, numSubEntries: owner.account.numSubEntries + 1 });
};
