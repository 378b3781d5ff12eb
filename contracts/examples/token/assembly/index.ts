// A SEP-41 token with allowances and an admin that behaves like the built-in Stellar Asset
// Contract for contract-held balances: the same functions, checks in the same order, the same
// events and error codes (soroban-env-host builtin_contracts/stellar_asset_contract/).
import { Address, I128, MuxedAddress, Str, ledger, panicWithError, storage } from "@sorobox/sdk";
import {
  Admin,
  Allowance,
  AllowanceDataKey,
  AllowanceValue,
  Balance,
  BalanceValue,
  DataKey,
  Metadata,
  TokenError,
  TokenMetadata,
} from "./types";
import { Approve, Burn, Clawback, Mint, SetAdmin, SetAuthorized, Transfer, TransferMuxed } from "./events";

const DAY_IN_LEDGERS: u32 = 17280;
const INSTANCE_EXTEND_AMOUNT: u32 = 7 * DAY_IN_LEDGERS;
const INSTANCE_TTL_THRESHOLD: u32 = INSTANCE_EXTEND_AMOUNT - DAY_IN_LEDGERS;
const BALANCE_EXTEND_AMOUNT: u32 = 30 * DAY_IN_LEDGERS;
const BALANCE_TTL_THRESHOLD: u32 = BALANCE_EXTEND_AMOUNT - DAY_IN_LEDGERS;

/**
 * Creates the token.
 * @param admin who may mint, claw back, (de)authorize and change the admin
 * @param decimal the number of decimals of the token's amounts
 * @param name the token's name (also the last topic of its events)
 * @param symbol the token's ticker
 */
export function __constructor(admin: Address, decimal: u32, name: Str, symbol: Str): void {
  storage.instance.set<DataKey, Address>(new Admin(), admin);
  storage.instance.set<DataKey, TokenMetadata>(new Metadata(), new TokenMetadata(decimal, name, symbol));
}

// ---- SEP-41

/** How much `spender` may still transfer from `from` (0 once the allowance expired). */
export function allowance(from: Address, spender: Address): I128 {
  extendInstance();
  return readAllowance(from, spender).amount;
}

/**
 * Lets `spender` transfer or burn up to `amount` of `from`'s tokens until ledger
 * `expiration_ledger` (which may be past only when clearing the allowance with 0).
 */
export function approve(from: Address, spender: Address, amount: I128, expiration_ledger: u32): void {
  checkNonnegative(amount);
  from.requireAuth();
  extendInstance();
  writeAllowance(from, spender, amount, expiration_ledger);
  new Approve(from, spender, tokenName(), amount, expiration_ledger).publish();
}

/** The balance of `id` (0 when it holds none). */
export function balance(id: Address): I128 {
  extendInstance();
  const key = new Balance(id);
  if (!storage.persistent.has<DataKey>(key)) return I128.fromI64(0);
  storage.persistent.extendTtl<DataKey>(key, BALANCE_TTL_THRESHOLD, BALANCE_EXTEND_AMOUNT);
  return storage.persistent.get<DataKey, BalanceValue>(key).amount;
}

/** Moves `amount` from `from` to `to` (a muxed `to` puts its id in the event). */
export function transfer(from: Address, to: MuxedAddress, amount: I128): void {
  checkNonnegative(amount);
  const toAddress = to.address();
  from.requireAuth();
  extendInstance();
  spendBalance(from, amount);
  receiveBalance(toAddress, amount);
  if (to.isMuxed()) new TransferMuxed(from, toAddress, tokenName(), amount, to.id()).publish();
  else new Transfer(from, toAddress, tokenName(), amount).publish();
}

/** Moves `amount` from `from` to `to` on `spender`'s allowance. */
export function transfer_from(spender: Address, from: Address, to: Address, amount: I128): void {
  checkNonnegative(amount);
  spender.requireAuth();
  extendInstance();
  spendAllowance(from, spender, amount);
  spendBalance(from, amount);
  receiveBalance(to, amount);
  new Transfer(from, to, tokenName(), amount).publish();
}

/** Destroys `amount` of `from`'s tokens. */
export function burn(from: Address, amount: I128): void {
  checkNonnegative(amount);
  from.requireAuth();
  extendInstance();
  spendBalance(from, amount);
  new Burn(from, tokenName(), amount).publish();
}

/** Destroys `amount` of `from`'s tokens on `spender`'s allowance. */
export function burn_from(spender: Address, from: Address, amount: I128): void {
  checkNonnegative(amount);
  spender.requireAuth();
  extendInstance();
  spendAllowance(from, spender, amount);
  spendBalance(from, amount);
  new Burn(from, tokenName(), amount).publish();
}

export function decimals(): u32 {
  return metadata().decimal;
}

export function name(): Str {
  return metadata().name;
}

export function symbol(): Str {
  return metadata().symbol;
}

// ---- Admin (the Stellar Asset Contract's interface)

export function admin(): Address {
  return readAdmin();
}

/** Hands the admin role to `new_admin` (needs the current admin's authorization). */
export function set_admin(new_admin: Address): void {
  const current = readAdmin();
  current.requireAuth();
  extendInstance();
  storage.instance.set<DataKey, Address>(new Admin(), new_admin);
  new SetAdmin(current, tokenName(), new_admin).publish();
}

/** Creates `amount` new tokens for `to` (needs the admin's authorization). */
export function mint(to: Address, amount: I128): void {
  checkNonnegative(amount);
  readAdmin().requireAuth();
  extendInstance();
  receiveBalance(to, amount);
  new Mint(to, tokenName(), amount).publish();
}

/** Takes back `amount` of `from`'s tokens, even when deauthorized (needs the admin's authorization). */
export function clawback(from: Address, amount: I128): void {
  checkNonnegative(amount);
  const key = new Balance(from);
  if (!storage.persistent.has<DataKey>(key) || !storage.persistent.get<DataKey, BalanceValue>(key).clawback)
    panicWithError(TokenError.BalanceError);
  readAdmin().requireAuth();
  extendInstance();
  spendBalanceUnchecked(from, amount);
  new Clawback(from, tokenName(), amount).publish();
}

/** Whether `id` may send and receive tokens. */
export function authorized(id: Address): bool {
  extendInstance();
  return isAuthorized(id);
}

/** Allows or forbids `id` to send and receive tokens (needs the admin's authorization). */
export function set_authorized(id: Address, authorize: bool): void {
  readAdmin().requireAuth();
  extendInstance();
  const key = new Balance(id);
  const current = storage.persistent.has<DataKey>(key)
    ? storage.persistent.get<DataKey, BalanceValue>(key)
    : new BalanceValue(I128.fromI64(0), authorize, true);
  current.authorized = authorize;
  writeBalance(id, current);
  new SetAuthorized(id, tokenName(), authorize).publish();
}

// ---- Internals

function extendInstance(): void {
  storage.extendInstanceTtl(INSTANCE_TTL_THRESHOLD, INSTANCE_EXTEND_AMOUNT);
}

function checkNonnegative(amount: I128): void {
  if (amount.isNegative()) panicWithError(TokenError.NegativeAmountError);
}

function readAdmin(): Address {
  return storage.instance.get<DataKey, Address>(new Admin());
}

function metadata(): TokenMetadata {
  return storage.instance.get<DataKey, TokenMetadata>(new Metadata());
}

function tokenName(): Str {
  return metadata().name;
}

function readAllowance(from: Address, spender: Address): AllowanceValue {
  const key = new Allowance(new AllowanceDataKey(from, spender));
  if (!storage.temporary.has<DataKey>(key)) return new AllowanceValue(I128.fromI64(0), 0);
  const value = storage.temporary.get<DataKey, AllowanceValue>(key);
  if (value.live_until_ledger < ledger.sequence()) value.amount = I128.fromI64(0);
  return value;
}

function writeAllowance(from: Address, spender: Address, amount: I128, liveUntil: u32): void {
  const zero = I128.fromI64(0);
  if (liveUntil > ledger.maxLiveUntilLedger()) panicWithError(TokenError.AllowanceError);
  const sequence = ledger.sequence();
  if (amount > zero && liveUntil < sequence) panicWithError(TokenError.AllowanceError);
  const key = new Allowance(new AllowanceDataKey(from, spender));
  const exists = storage.temporary.has<DataKey>(key);
  // A zero allowance that never existed is not written.
  if (!exists && !(amount > zero)) return;
  const oldLiveUntil: u32 = exists ? storage.temporary.get<DataKey, AllowanceValue>(key).live_until_ledger : 0;
  storage.temporary.set<DataKey, AllowanceValue>(key, new AllowanceValue(amount, liveUntil));
  if (amount > zero && oldLiveUntil < liveUntil) {
    const liveFor = liveUntil > sequence ? liveUntil - sequence : 0;
    storage.temporary.extendTtl<DataKey>(key, liveFor, liveFor);
  }
}

function spendAllowance(from: Address, spender: Address, amount: I128): void {
  const current = readAllowance(from, spender);
  if (current.amount < amount) panicWithError(TokenError.AllowanceError);
  if (amount > I128.fromI64(0)) {
    const left = current.amount.checkedSub(amount);
    if (!left) panicWithError(TokenError.OverflowError);
    writeAllowance(from, spender, left!, current.live_until_ledger);
  }
}

function isAuthorized(id: Address): bool {
  const key = new Balance(id);
  return storage.persistent.has<DataKey>(key) ? storage.persistent.get<DataKey, BalanceValue>(key).authorized : true;
}

function writeBalance(id: Address, value: BalanceValue): void {
  const key = new Balance(id);
  storage.persistent.set<DataKey, BalanceValue>(key, value);
  storage.persistent.extendTtl<DataKey>(key, BALANCE_TTL_THRESHOLD, BALANCE_EXTEND_AMOUNT);
}

function receiveBalance(id: Address, amount: I128): void {
  if (!isAuthorized(id)) panicWithError(TokenError.BalanceDeauthorizedError);
  const key = new Balance(id);
  const current = storage.persistent.has<DataKey>(key)
    ? storage.persistent.get<DataKey, BalanceValue>(key)
    : new BalanceValue(I128.fromI64(0), true, true);
  const sum = current.amount.checkedAdd(amount);
  if (!sum) panicWithError(TokenError.OverflowError);
  current.amount = sum!;
  writeBalance(id, current);
}

function spendBalance(id: Address, amount: I128): void {
  if (!isAuthorized(id)) panicWithError(TokenError.BalanceDeauthorizedError);
  spendBalanceUnchecked(id, amount);
}

/** Spends without the authorization check (a clawback works on a deauthorized balance). */
function spendBalanceUnchecked(id: Address, amount: I128): void {
  const key = new Balance(id);
  if (!storage.persistent.has<DataKey>(key)) {
    if (amount > I128.fromI64(0)) panicWithError(TokenError.BalanceError);
    return;
  }
  const current = storage.persistent.get<DataKey, BalanceValue>(key);
  if (current.amount < amount) panicWithError(TokenError.BalanceError);
  const left = current.amount.checkedSub(amount);
  if (!left) panicWithError(TokenError.OverflowError);
  current.amount = left!;
  writeBalance(id, current);
}
