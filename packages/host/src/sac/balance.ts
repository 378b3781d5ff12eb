/**
 * Balances and their authorization, by kind of address (`stellar_asset_contract/balance.rs`):
 * a G account holds the native asset in its account entry and an issued asset in its trustline
 * (the issuer's balance is unlimited: paying it burns, being paid by it mints); a contract holds
 * either in a persistent `Balance(address)` entry `{amount, authorized, clawback}`, which follows
 * the issuer's flags the way a trustline would (`AUTH_REQUIRED`, `AUTH_CLAWBACK_ENABLED`).
 */
import type { xdr } from '@stellar/stellar-sdk';
import { loadAccount } from '../auth/account.ts';
import { authManagerOf } from '../auth/hooks.ts';
import type { Host } from '../host/host.ts';
import { I128, inRange } from '../host/numbers.ts';
import { putContractData } from '../ledger/data.ts';
import { PERSISTENT } from '../ledger/keys.ts';
import { Tag } from '../val/tag.ts';
import type { Val } from '../val/val.ts';
import {
  accountBalance,
  AUTH_CLAWBACK_ENABLED_FLAG,
  AUTH_REQUIRED_FLAG,
  AUTH_REVOCABLE_FLAG,
  I64_MAX,
  transferAccountBalance,
} from './accounts.ts';
import { isCredit, isIssuer, issuerOf, readAsset } from './asset-info.ts';
import { SacError, sacError } from './errors.ts';
import {
  BALANCE_EXTEND_AMOUNT,
  BALANCE_TTL_THRESHOLD,
  balanceKey,
  balanceOf,
  balanceVal,
  extendData,
  findData,
  type BalanceValue,
} from './storage-types.ts';
import {
  AUTHORIZED_FLAG,
  createTrustline,
  hasTrustline,
  setTrustlineAuthorization,
  transferTrustlineBalance,
  trustlineBalance,
  trustlineFlags,
  TRUSTLINE_CLAWBACK_ENABLED_FLAG,
} from './trustlines.ts';

const unsupported = (message: string) => sacError(SacError.OperationNotSupported, message);

/** The account key behind `address`, or undefined for a contract. */
const accountOf = (host: Host, address: Val): Uint8Array | undefined => {
  const a = host.get(address, Tag.AddressObject).address;
  return a.kind === 'account' ? a.key : undefined;
};

const issuerFlag = (host: Host, flag: number): boolean => {
  const asset = readAsset(host);
  return isCredit(asset) && (loadAccount(host, issuerOf(asset)).flags & flag) !== 0;
};

const findContractBalance = (host: Host, address: Val): BalanceValue | undefined => {
  const v = findData(host, balanceKey(host, address), PERSISTENT);
  return v === undefined ? undefined : balanceOf(host, v);
};

/** Writes a contract's balance entry and extends its TTL, as every balance write does. */
const writeContractBalance = (host: Host, address: Val, b: BalanceValue): void => {
  const key = balanceKey(host, address);
  putContractData(host, key, balanceVal(host, b), PERSISTENT);
  extendData(host, key, PERSISTENT, BALANCE_TTL_THRESHOLD, BALANCE_EXTEND_AMOUNT);
};

const newContractBalance = (host: Host, authorized: boolean): BalanceValue => ({
  amount: 0n,
  authorized,
  clawback: issuerFlag(host, AUTH_CLAWBACK_ENABLED_FLAG),
});

/** The amount as the i64 a classic entry holds; larger ones are `OverflowError`. */
const i64Amount = (amount: bigint, message: string): bigint => {
  if (amount > I64_MAX || amount < -I64_MAX - 1n) throw sacError(SacError.Overflow, message);
  return amount;
};

const classicBalance = (host: Host, asset: xdr.AssetWire, key: Uint8Array, address: Val): bigint => {
  if (!isCredit(asset)) return accountBalance(host, key, address);
  return isIssuer(host, asset, address) ? I64_MAX : trustlineBalance(host, key, asset);
};

const transferClassic = (host: Host, key: Uint8Array, amount: bigint, address: Val): void => {
  const asset = readAsset(host);
  if (!isCredit(asset)) transferAccountBalance(host, key, amount, address);
  else if (!isIssuer(host, asset, address)) transferTrustlineBalance(host, key, asset, amount);
};

export const readBalance = (host: Host, address: Val): bigint => {
  const key = accountOf(host, address);
  if (key) return classicBalance(host, readAsset(host), key, address);
  const balanceEntry = balanceKey(host, address);
  const v = findData(host, balanceEntry, PERSISTENT);
  if (v === undefined) return 0n;
  extendData(host, balanceEntry, PERSISTENT, BALANCE_TTL_THRESHOLD, BALANCE_EXTEND_AMOUNT);
  return balanceOf(host, v).amount;
};

export const isAuthorized = (host: Host, address: Val): boolean => {
  const key = accountOf(host, address);
  if (key) {
    const asset = readAsset(host);
    if (!isCredit(asset) || isIssuer(host, asset, address)) return true;
    return (trustlineFlags(host, key, asset) & AUTHORIZED_FLAG) !== 0;
  }
  const b = findContractBalance(host, address);
  return b ? b.authorized : !issuerFlag(host, AUTH_REQUIRED_FLAG);
};

const checkAuthorized = (host: Host, address: Val): void => {
  if (!isAuthorized(host, address)) throw sacError(SacError.BalanceDeauthorized, 'balance is deauthorized');
};

export const receiveBalance = (host: Host, address: Val, amount: bigint): void => {
  checkAuthorized(host, address);
  const key = accountOf(host, address);
  if (key) return transferClassic(host, key, i64Amount(amount, 'received amount is too large for an i64'), address);
  // A new balance passed the authorization check above, so it starts authorized.
  const b = findContractBalance(host, address) ?? newContractBalance(host, true);
  const next = b.amount + amount;
  if (!inRange(I128, next)) throw sacError(SacError.Overflow, 'balance overflow in receive_balance');
  writeContractBalance(host, address, { ...b, amount: next });
};

/** Spends without the authorization check: clawback works on deauthorized balances too. */
export const spendBalanceUnchecked = (host: Host, address: Val, amount: bigint): void => {
  const key = accountOf(host, address);
  if (key) return transferClassic(host, key, -i64Amount(amount, 'spent amount is too large for an i64'), address);
  const b = findContractBalance(host, address);
  if (!b) {
    if (amount > 0n) throw sacError(SacError.Balance, 'zero balance is not sufficient to spend', amount);
    return;
  }
  if (b.amount < amount) throw sacError(SacError.Balance, 'balance is not sufficient to spend', b.amount, amount);
  writeContractBalance(host, address, { ...b, amount: b.amount - amount });
};

export const spendBalance = (host: Host, address: Val, amount: bigint): void => {
  checkAuthorized(host, address);
  spendBalanceUnchecked(host, address, amount);
};

/** `write_authorization`: deauthorizing needs the issuer's `AUTH_REVOCABLE`. */
export const writeAuthorization = (host: Host, address: Val, authorize: boolean): void => {
  if (!authorize && !issuerFlag(host, AUTH_REVOCABLE_FLAG)) throw unsupported('issuer does not have AUTH_REVOCABLE set');
  const key = accountOf(host, address);
  if (key) {
    const asset = readAsset(host);
    if (!isCredit(asset)) throw unsupported('expected trustline asset');
    if (isIssuer(host, asset, address)) throw unsupported("issuer doesn't have a trustline");
    return setTrustlineAuthorization(host, key, asset, authorize);
  }
  const b = findContractBalance(host, address) ?? newContractBalance(host, authorize);
  writeContractBalance(host, address, { ...b, authorized: authorize });
};

/** `check_clawbackable`: the trustline or contract balance must have clawback enabled. */
export const checkClawbackable = (host: Host, address: Val): void => {
  const key = accountOf(host, address);
  if (key) {
    const asset = readAsset(host);
    if (!isCredit(asset)) throw unsupported('cannot clawback native asset');
    if (isIssuer(host, asset, address)) throw unsupported('cannot clawback from issuer');
    if ((trustlineFlags(host, key, asset) & TRUSTLINE_CLAWBACK_ENABLED_FLAG) === 0)
      throw sacError(SacError.Balance, "trustline isn't clawbackable");
    return;
  }
  const b = findContractBalance(host, address);
  // Even a zero clawback fails without a balance, rather than checking the issuer's flags.
  if (!b) throw sacError(SacError.Balance, 'no balance to clawback');
  if (!b.clawback) throw sacError(SacError.Balance, "balance isn't clawbackable");
};

/**
 * `create_trustline_if_needed` (CAP-73): a G account without a trustline to the asset gets an
 * unlimited one, authorized unless the issuer requires authorization, clawback-enabled as the
 * issuer is; creating it needs the account's authorization. Contracts need nothing.
 */
export const createTrustlineIfNeeded = (host: Host, address: Val): void => {
  const key = accountOf(host, address);
  if (!key) return;
  const asset = readAsset(host);
  if (!isCredit(asset)) throw unsupported('trust operation is not supported for native asset');
  if (isIssuer(host, asset, address)) throw unsupported('cannot create trustline for issuer');
  if (hasTrustline(host, key, asset)) return;
  authManagerOf(host).requireAuth(host, address, undefined);
  const issuerFlags = loadAccount(host, issuerOf(asset)).flags;
  const flags =
    ((issuerFlags & AUTH_REQUIRED_FLAG) === 0 ? AUTHORIZED_FLAG : 0) |
    ((issuerFlags & AUTH_CLAWBACK_ENABLED_FLAG) !== 0 ? TRUSTLINE_CLAWBACK_ENABLED_FLAG : 0);
  createTrustline(host, key, asset, flags, address);
};
