/**
 * The Stellar Asset Contract's functions (`stellar_asset_contract/contract.rs`): SEP-41 (`allowance`,
 * `approve`, `balance`, `transfer`, `transfer_from`, `burn`, `burn_from`, `decimals`, `name`,
 * `symbol`), the admin interface (`set_admin`, `admin`, `mint`, `clawback`, `set_authorized`,
 * `authorized`), CAP-73's `trust`, and `init_asset`, which creation calls once. Arguments arrive
 * converted (`dispatch.ts`); the order of checks, authorizations and writes is the reference's,
 * since it decides which error a failing call reports.
 */
import type { xdr } from '@stellar/stellar-sdk';
import { authManagerOf } from '../auth/hooks.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual } from '../host/objects.ts';
import { assetPreimage, contractIdOf } from '../ledger/contract-id.ts';
import { currentContractId } from '../ledger/data.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, fromBool, fromU32, type Val } from '../val/val.ts';
import { readAllowance, spendAllowance, writeAllowance } from './allowance.ts';
import {
  decodeAsset,
  hasAssetInfo,
  isCredit,
  isIssuer,
  issuerOf,
  readAdmin,
  readAsset,
  validateAsset,
  writeAdmin,
  writeAssetInfo,
} from './asset-info.ts';
import {
  checkClawbackable,
  createTrustlineIfNeeded,
  isAuthorized,
  readBalance,
  receiveBalance,
  spendBalance,
  spendBalanceUnchecked,
  writeAuthorization,
} from './balance.ts';
import { SacError, sacError } from './errors.ts';
import { approveEvent, burnEvent, clawbackEvent, mintEvent, setAdminEvent, setAuthorizedEvent, transferEvent } from './events.ts';
import { DECIMALS, readName, readSymbol, writeMetadata } from './metadata.ts';
import { extendInstance, i128Val } from './storage-types.ts';

/** A `MuxedAddress` argument: the address, and the multiplexing id when it was an M address. */
export interface MuxedTarget {
  readonly address: Val;
  readonly id: bigint | undefined;
}

const requireAuth = (host: Host, address: Val): void => authManagerOf(host).requireAuth(host, address, undefined);

const checkNonNegative = (amount: bigint): void => {
  if (amount < 0n) throw sacError(SacError.NegativeAmount, 'negative amount is not allowed', amount);
};

const checkNonNative = (host: Host): void => {
  if (!isCredit(readAsset(host))) throw sacError(SacError.OperationNotSupported, 'operation invalid on native asset');
};

const checkNotIssuer = (host: Host, address: Val): void => {
  if (isIssuer(host, readAsset(host), address)) throw sacError(SacError.OperationNotSupported, 'operation invalid on issuer');
};

/** The admin, who must authorize this call. */
const authorizedAdmin = (host: Host): Val => {
  const admin = readAdmin(host);
  requireAuth(host, admin);
  return admin;
};

const accountAddress = (host: Host, key: Uint8Array): Val =>
  host.add({ tag: Tag.AddressObject, address: { kind: 'account', key: key.slice() } });

/** Writes the asset, its admin (the issuer) and metadata; the contract's id must be the asset's. */
export const init_asset = (host: Host, serialized: Val): Val => {
  if (hasAssetInfo(host)) throw sacError(SacError.AlreadyInitialized, 'StellarAssetContract has been already initialized');
  const asset: xdr.AssetWire = decodeAsset(host, serialized);
  validateAsset(asset);
  if (!bytesEqual(currentContractId(host), contractIdOf(host, assetPreimage(asset))))
    throw hostError(ErrorType.Context, ErrorCode.InternalError, 'bad id for asset contract');
  if (isCredit(asset)) writeAdmin(host, accountAddress(host, issuerOf(asset)));
  writeAssetInfo(host, asset);
  writeMetadata(host, asset);
  return VOID;
};

export const allowance = (host: Host, from: Val, spender: Val): Val => {
  extendInstance(host);
  return i128Val(host, readAllowance(host, from, spender));
};

export const approve = (host: Host, from: Val, spender: Val, amount: bigint, liveUntil: number): Val => {
  checkNonNegative(amount);
  requireAuth(host, from);
  extendInstance(host);
  writeAllowance(host, from, spender, amount, liveUntil);
  approveEvent(host, from, spender, amount, liveUntil);
  return VOID;
};

export const balance = (host: Host, address: Val): Val => {
  extendInstance(host);
  return i128Val(host, readBalance(host, address));
};

export const authorized = (host: Host, address: Val): Val => {
  extendInstance(host);
  return fromBool(isAuthorized(host, address));
};

export const transfer = (host: Host, from: Val, to: MuxedTarget, amount: bigint): Val => {
  checkNonNegative(amount);
  requireAuth(host, from);
  extendInstance(host);
  spendBalance(host, from, amount);
  receiveBalance(host, to.address, amount);
  transferEvent(host, from, to.address, to.id, amount);
  return VOID;
};

export const transfer_from = (host: Host, spender: Val, from: Val, to: Val, amount: bigint): Val => {
  checkNonNegative(amount);
  requireAuth(host, spender);
  extendInstance(host);
  spendAllowance(host, from, spender, amount);
  spendBalance(host, from, amount);
  receiveBalance(host, to, amount);
  transferEvent(host, from, to, undefined, amount);
  return VOID;
};

export const burn = (host: Host, from: Val, amount: bigint): Val => {
  checkNonNegative(amount);
  checkNonNative(host);
  checkNotIssuer(host, from);
  requireAuth(host, from);
  extendInstance(host);
  spendBalance(host, from, amount);
  burnEvent(host, from, amount);
  return VOID;
};

export const burn_from = (host: Host, spender: Val, from: Val, amount: bigint): Val => {
  checkNonNegative(amount);
  checkNonNative(host);
  checkNotIssuer(host, from);
  requireAuth(host, spender);
  extendInstance(host);
  spendAllowance(host, from, spender, amount);
  spendBalance(host, from, amount);
  burnEvent(host, from, amount);
  return VOID;
};

export const clawback = (host: Host, from: Val, amount: bigint): Val => {
  checkNonNegative(amount);
  checkClawbackable(host, from);
  checkNotIssuer(host, from);
  const admin = authorizedAdmin(host);
  extendInstance(host);
  spendBalanceUnchecked(host, from, amount);
  clawbackEvent(host, admin, from, amount);
  return VOID;
};

export const set_authorized = (host: Host, address: Val, authorize: boolean): Val => {
  const admin = authorizedAdmin(host);
  extendInstance(host);
  writeAuthorization(host, address, authorize);
  setAuthorizedEvent(host, admin, address, authorize);
  return VOID;
};

export const mint = (host: Host, to: Val, amount: bigint): Val => {
  checkNonNegative(amount);
  checkNotIssuer(host, to);
  const admin = authorizedAdmin(host);
  extendInstance(host);
  receiveBalance(host, to, amount);
  mintEvent(host, admin, to, amount);
  return VOID;
};

export const set_admin = (host: Host, newAdmin: Val): Val => {
  const admin = authorizedAdmin(host);
  extendInstance(host);
  writeAdmin(host, newAdmin);
  setAdminEvent(host, admin, newAdmin);
  return VOID;
};

export const admin = (host: Host): Val => readAdmin(host);

/** Fixed for every asset contract: no metadata read. */
export const decimals = (): Val => fromU32(DECIMALS);

export const name = (host: Host): Val => readName(host);

export const symbol = (host: Host): Val => readSymbol(host);

/** CAP-73: an unlimited trustline for a G address that has none (a no-op for contracts). */
export const trust = (host: Host, address: Val): Val => {
  extendInstance(host);
  createTrustlineIfNeeded(host, address);
  return VOID;
};
