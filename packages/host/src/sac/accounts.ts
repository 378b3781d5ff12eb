/**
 * Native balances on classic account entries, read and written through the run's storage (and so
 * through the footprint), as the SAC does (`stellar_asset_contract/balance.rs`): the spendable range
 * keeps the base reserve (2 + sub-entries + sponsoring − sponsored) plus selling liabilities, and
 * leaves room for buying liabilities. From protocol 26 (CAP-73) an XLM transfer to a missing
 * account creates it when the amount covers two base reserves.
 */
import { xdr } from '@stellar/stellar-sdk';
import { accountKey } from '../auth/account.ts';
import type { Host } from '../host/host.ts';
import { chargeAccountCopy, chargeClassicKey, chargeEntryRebuild } from '../ledger/classic-metering.ts';
import { storageOf } from '../ledger/data.ts';
import type { LedgerEntryWire } from '../ledger/keys.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import type { Val } from '../val/val.ts';
import { SacError, sacError } from './errors.ts';

export const I64_MAX = (1n << 63n) - 1n;

/** CAP-73: SAC transfers create accounts and `trust` creates trustlines. */
export const ACCOUNT_CREATION_PROTOCOL = 26;

/** `AccountFlags`. */
export const AUTH_REQUIRED_FLAG = 1;
export const AUTH_REVOCABLE_FLAG = 2;
export const AUTH_CLAWBACK_ENABLED_FLAG = 8;

export interface AccountSlot {
  readonly key: xdr.LedgerKeyWire;
  readonly entry: LedgerEntryWire;
  readonly account: xdr.AccountEntryWire;
}

const corrupt = (message: string) => hostError(ErrorType.Storage, ErrorCode.InternalError, message);

/** The account entry of `key`, or undefined when there is none. */
export const findAccount = (host: Host, key: Uint8Array): AccountSlot | undefined => {
  chargeClassicKey(host);
  const ledgerKey = accountKey(key);
  const { entry } = storageOf(host).read(host, ledgerKey);
  if (!entry) return undefined;
  if (entry.data.type !== 0) throw corrupt('unexpected entry found');
  return { key: ledgerKey, entry, account: entry.data.account };
};

/** `read_account_entry`: a missing account is the SAC's `AccountMissingError`. */
export const requireAccount = (host: Host, key: Uint8Array, address: Val): AccountSlot => {
  const slot = findAccount(host, key);
  if (!slot) throw sacError(SacError.AccountMissing, 'account entry is missing', address);
  return slot;
};

/** Writes a changed account entry (read with `accountToChange`). */
export const writeAccount = (host: Host, slot: AccountSlot, account: xdr.AccountEntryWire): void => {
  chargeEntryRebuild(host);
  storageOf(host).write(host, slot.key, { ...slot.entry, data: { type: 0, account } }, undefined);
};

/** An account entry about to be changed: its body is copied first. */
export const accountToChange = (host: Host, slot: AccountSlot): AccountSlot => {
  chargeAccountCopy(host, slot.account);
  return slot;
};

/** `get_min_max_account_balance`: the balance range the account's reserve and liabilities allow. */
export const accountBalanceRange = (host: Host, account: xdr.AccountEntryWire): { min: bigint; max: bigint } => {
  if (account.balance < 0n) throw corrupt('initial balance is negative');
  const baseReserve = BigInt(host.ledger.baseReserve);
  let entries = 2n + BigInt(account.numSubEntries);
  if (account.ext.v !== 1) return { min: entries * baseReserve, max: I64_MAX };
  const v1 = account.ext.v1;
  if (v1.ext.v === 2) entries += BigInt(v1.ext.v2.numSponsoring) - BigInt(v1.ext.v2.numSponsored);
  return { min: entries * baseReserve + v1.liabilities.selling, max: I64_MAX - v1.liabilities.buying };
};

/** `get_account_balance`: the whole balance, the reserve included; out of range is corrupt state. */
export const accountBalance = (host: Host, key: Uint8Array, address: Val): bigint => {
  const { account } = requireAccount(host, key, address);
  const { min, max } = accountBalanceRange(host, account);
  if (account.balance < min) throw corrupt('account has balance < minimum');
  if (account.balance > max) throw corrupt('account has balance > maximum');
  return account.balance;
};

const outOfRange = (min: bigint, balance: bigint, max: bigint) =>
  sacError(SacError.Balance, 'resulting balance is not within the allowed range', min, balance, max);

/** Adds `amount` (negative to spend) to a balance that must stay within `[min, max]`. */
export const checkedBalance = (balance: bigint, amount: bigint, range: { min: bigint; max: bigint }): bigint => {
  const next = balance + amount;
  if (next > I64_MAX || next < -I64_MAX - 1n) throw sacError(SacError.Balance, 'resulting balance overflow');
  if (next < range.min || next > range.max) throw outOfRange(range.min, next, range.max);
  return next;
};

/**
 * A new account for a transfer to a missing one (CAP-73): the whole amount as its balance, which
 * must cover two base reserves, and the sequence number a `CreateAccountOp` would give it.
 */
const createAccount = (host: Host, key: Uint8Array, amount: bigint, address: Val): void => {
  if (host.protocol < ACCOUNT_CREATION_PROTOCOL || amount <= 0n)
    throw sacError(SacError.AccountMissing, 'account entry is missing', address);
  const minBalance = 2n * BigInt(host.ledger.baseReserve);
  if (amount < minBalance)
    throw sacError(SacError.InsufficientAccountReserve, 'transfer amount is below minimum balance for new account', amount, minBalance);
  const seq = host.ledger.sequenceNumber;
  if (seq > 0x7fffffff)
    throw hostError(ErrorType.Context, ErrorCode.InternalError, 'ledger sequence number overflow in starting sequence calculation');
  const account: xdr.AccountEntryWire = {
    accountId: { type: 0, ed25519: key },
    balance: amount,
    seqNum: BigInt(seq) << 32n,
    numSubEntries: 0,
    inflationDest: null,
    flags: 0,
    homeDomain: new xdr.XdrString(''),
    thresholds: Uint8Array.from([1, 0, 0, 0]),
    signers: [],
    ext: { v: 0 },
  };
  chargeEntryRebuild(host);
  storageOf(host).write(host, accountKey(key), { lastModifiedLedgerSeq: 0, data: { type: 0, account }, ext: { v: 0 } }, undefined);
};

/** `transfer_account_balance`: moves `amount` stroops into (or, negative, out of) the account. */
export const transferAccountBalance = (host: Host, key: Uint8Array, amount: bigint, address: Val): void => {
  const found = findAccount(host, key);
  if (!found) return createAccount(host, key, amount, address);
  const slot = accountToChange(host, found);
  const balance = checkedBalance(slot.account.balance, amount, accountBalanceRange(host, slot.account));
  writeAccount(host, slot, { ...slot.account, balance });
};
