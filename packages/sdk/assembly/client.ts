// Typed clients for other contracts. Declare one as an abstract class extending ContractClient
// and marked @contractclient, with an abstract method per contract function; the build makes the
// methods call the contract (see the README). TokenClient is the SEP-41 token interface, and
// StellarAssetClient adds the Stellar Asset Contract's admin functions.
import { Address, MuxedAddress } from "./address";
import { I128 } from "./int";
import { Str } from "./string";

export class ContractClient {
  constructor(public readonly address: Address) {}
}

/** Calls `fn` on the client's contract with raw argument Vals, converting the result to `R`. */
function invoke<R>(client: ContractClient, fn: string, args: StaticArray<u64>): R {
  const r = __sdk_call(client.address.raw, __sdk_symbolVal(fn), args);
  if (isVoid<R>()) {
    __sdk_expectVoid(r);
    return;
  }
  return fromVal<R>(r);
}

/** A SEP-41 token (the Stellar Asset Contract or any token contract implementing the interface). */
export class TokenClient extends ContractClient {
  constructor(address: Address) {
    super(address);
  }

  /** How much `spender` may transfer from `from`. */
  allowance(from: Address, spender: Address): I128 {
    return invoke<I128>(this, "allowance", [from.raw, spender.raw]);
  }

  /** Lets `spender` transfer up to `amount` from `from` until `expirationLedger` (needs `from`'s auth). */
  approve(from: Address, spender: Address, amount: I128, expirationLedger: u32): void {
    invoke<void>(this, "approve", [from.raw, spender.raw, amount.raw, toVal<u32>(expirationLedger)]);
  }

  balance(id: Address): I128 {
    return invoke<I128>(this, "balance", [id.raw]);
  }

  /** Transfers `amount` from `from` to `to` (needs `from`'s auth). */
  transfer(from: Address, to: Address, amount: I128): void {
    invoke<void>(this, "transfer", [from.raw, to.raw, amount.raw]);
  }

  /** Transfers to a muxed account (M...): the id goes into the transfer event. */
  transfer_muxed(from: Address, to: MuxedAddress, amount: I128): void {
    invoke<void>(this, "transfer", [from.raw, to.raw, amount.raw]);
  }

  /** Transfers from `from` using `spender`'s allowance (needs `spender`'s auth). */
  transfer_from(spender: Address, from: Address, to: Address, amount: I128): void {
    invoke<void>(this, "transfer_from", [spender.raw, from.raw, to.raw, amount.raw]);
  }

  burn(from: Address, amount: I128): void {
    invoke<void>(this, "burn", [from.raw, amount.raw]);
  }

  burn_from(spender: Address, from: Address, amount: I128): void {
    invoke<void>(this, "burn_from", [spender.raw, from.raw, amount.raw]);
  }

  decimals(): u32 {
    return invoke<u32>(this, "decimals", []);
  }

  name(): Str {
    return invoke<Str>(this, "name", []);
  }

  symbol(): Str {
    return invoke<Str>(this, "symbol", []);
  }
}

/** The Stellar Asset Contract's admin interface, on top of SEP-41. */
export class StellarAssetClient extends TokenClient {
  constructor(address: Address) {
    super(address);
  }

  admin(): Address {
    return invoke<Address>(this, "admin", []);
  }

  set_admin(newAdmin: Address): void {
    invoke<void>(this, "set_admin", [newAdmin.raw]);
  }

  mint(to: Address, amount: I128): void {
    invoke<void>(this, "mint", [to.raw, amount.raw]);
  }

  clawback(from: Address, amount: I128): void {
    invoke<void>(this, "clawback", [from.raw, amount.raw]);
  }

  authorized(id: Address): bool {
    return invoke<bool>(this, "authorized", [id.raw]);
  }

  set_authorized(id: Address, authorize: bool): void {
    invoke<void>(this, "set_authorized", [id.raw, toVal<bool>(authorize)]);
  }
}
