// Address (the spec type `Address`: an account or a contract) with authorization, and
// MuxedAddress (`MuxedAddress`: an account with a 64-bit id, or a plain address).
import {
  address_to_strkey,
  authorize_as_curr_contract,
  get_address_executable,
  get_address_from_muxed_address,
  get_id_from_muxed_address,
  muxed_address_to_strkey,
  require_auth,
  require_auth_for_args,
  strkey_to_address,
} from "./env";
import { Str } from "./string";
import { Vec } from "./vec";
import { Tag, VOID, Val, expectTag, tagOf, u64FromVal, valCompare, refEquals } from "./val";

export class Address extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): Address {
    expectTag(v, Tag.AddressObject);
    return new Address(v);
  }

  /** Parses a G... account or C... contract strkey. */
  static fromStrkey(s: Str): Address {
    return new Address(strkey_to_address(s.raw));
  }

  static fromString(s: string): Address {
    return Address.fromStrkey(Str.from(s));
  }

  toStrkey(): Str {
    return new Str(address_to_strkey(this.raw));
  }

  toString(): string {
    return this.toStrkey().toString();
  }

  /** Requires this address to have authorized the current call with all its arguments. */
  requireAuth(): void {
    require_auth(this.raw);
  }

  /** Requires this address to have authorized the current contract call with these arguments. */
  requireAuthForArgs(args: Vec<Val>): void {
    require_auth_for_args(this.raw, args.raw);
  }

  /**
   * The address's executable, as the host reports it (a Vec describing Wasm or the asset
   * contract, or an account marker), or null when the address does not exist.
   */
  executable(): Val | null {
    const v = get_address_executable(this.raw);
    return v == VOID ? null : new Val(v);
  }

  // Static so that comparing with null works (an instance overload would be called on null).
  // @ts-ignore: decorator
  @operator("==") static eq(a: Address | null, b: Address | null): bool {
    return refEquals(a, b);
  }

  // @ts-ignore: decorator
  @operator("!=") static ne(a: Address | null, b: Address | null): bool {
    return !refEquals(a, b);
  }

  compare(other: Address): i32 {
    return valCompare(this.raw, other.raw);
  }
}

/** Authorizes, on behalf of the current contract, the sub-invocations described by `entries`. */
export function authorizeAsCurrentContract(entries: Vec<Val>): void {
  authorize_as_curr_contract(entries.raw);
}

/** The spec type `MuxedAddress`: a plain Address or a muxed (M...) account. */
export class MuxedAddress extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): MuxedAddress {
    const t = tagOf(v);
    if (t != Tag.AddressObject && t != Tag.MuxedAddressObject) unreachable();
    return new MuxedAddress(v);
  }

  isMuxed(): bool {
    return tagOf(this.raw) == Tag.MuxedAddressObject;
  }

  /** The underlying address. */
  address(): Address {
    return this.isMuxed() ? new Address(get_address_from_muxed_address(this.raw)) : new Address(this.raw);
  }

  /** The multiplexing id (traps for a plain address). */
  id(): u64 {
    if (!this.isMuxed()) unreachable();
    return u64FromVal(get_id_from_muxed_address(this.raw));
  }

  toStrkey(): Str {
    return new Str(muxed_address_to_strkey(this.raw));
  }
}
