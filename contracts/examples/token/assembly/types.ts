// The token's storage types, laid out as the Stellar Asset Contract keeps a contract holder's data
// (soroban-env-host builtin_contracts/stellar_asset_contract/storage_types.rs).
import { Address, I128, Str } from "@sorobox/sdk";

/** The key of an allowance: who may spend whose tokens. */
@contracttype
export class AllowanceDataKey {
  constructor(
    public from: Address,
    public spender: Address,
  ) {}
}

/** An allowance: how much, until which ledger (temporary storage). */
@contracttype
export class AllowanceValue {
  constructor(
    public amount: I128,
    public live_until_ledger: u32,
  ) {}
}

/** A holder's balance, whether it may move, and whether the admin may claw it back. */
@contracttype
export class BalanceValue {
  constructor(
    public amount: I128,
    public authorized: bool,
    public clawback: bool,
  ) {}
}

/** The token's name, symbol and decimals (instance storage). */
@contracttype
export class TokenMetadata {
  constructor(
    public decimal: u32,
    public name: Str,
    public symbol: Str,
  ) {}
}

/** Storage keys. */
@contracttype
export abstract class DataKey {}

/** An allowance (temporary storage). */
export class Allowance extends DataKey {
  constructor(public key: AllowanceDataKey) {
    super();
  }
}

/** A holder's balance (persistent storage). */
export class Balance extends DataKey {
  constructor(public id: Address) {
    super();
  }
}

/** The administrator (instance storage). */
export class Admin extends DataKey {}

/** The token's metadata (instance storage). */
export class Metadata extends DataKey {}

/** The Stellar Asset Contract's error codes (builtin_contracts/contract_error.rs). */
@contracterror
export enum TokenError {
  InternalError = 1,
  OperationNotSupportedError = 2,
  AlreadyInitializedError = 3,
  UnauthorizedError = 4,
  AuthenticationError = 5,
  AccountMissingError = 6,
  AccountIsNotClassic = 7,
  /** A negative amount. */
  NegativeAmountError = 8,
  /** Not enough allowance, or an allowance expiring in the past or beyond the maximum TTL. */
  AllowanceError = 9,
  /** Not enough balance, or no balance to claw back. */
  BalanceError = 10,
  /** The balance was deauthorized by the admin. */
  BalanceDeauthorizedError = 11,
  /** A balance or allowance would overflow i128. */
  OverflowError = 12,
  TrustlineMissingError = 13,
}
