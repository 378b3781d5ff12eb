// The events the Stellar Asset Contract publishes (builtin_contracts/stellar_asset_contract/event.rs):
// after the function's topics, the last topic is the asset (here the token's name).
import { Address, I128, Str } from "@sorobox/sdk";

/** An allowance was set: data [amount, live_until_ledger]. */
@contractevent({ topics: ["approve"], dataFormat: "vec" })
export class Approve {
  constructor(
    @topic public from: Address,
    @topic public spender: Address,
    @topic public sep0011_asset: Str,
    public amount: I128,
    public live_until_ledger: u32,
  ) {}
}

/** Tokens moved: data is the amount. */
@contractevent({ topics: ["transfer"], dataFormat: "single-value" })
export class Transfer {
  constructor(
    @topic public from: Address,
    @topic public to: Address,
    @topic public sep0011_asset: Str,
    public amount: I128,
  ) {}
}

/** Tokens moved to a muxed account: data { amount, to_muxed_id }. */
@contractevent({ topics: ["transfer"] })
export class TransferMuxed {
  constructor(
    @topic public from: Address,
    @topic public to: Address,
    @topic public sep0011_asset: Str,
    public amount: I128,
    public to_muxed_id: u64,
  ) {}
}

/** New tokens for `to`: data is the amount. */
@contractevent({ topics: ["mint"], dataFormat: "single-value" })
export class Mint {
  constructor(
    @topic public to: Address,
    @topic public sep0011_asset: Str,
    public amount: I128,
  ) {}
}

/** Tokens destroyed by their holder: data is the amount. */
@contractevent({ topics: ["burn"], dataFormat: "single-value" })
export class Burn {
  constructor(
    @topic public from: Address,
    @topic public sep0011_asset: Str,
    public amount: I128,
  ) {}
}

/** Tokens taken back by the admin: data is the amount. */
@contractevent({ topics: ["clawback"], dataFormat: "single-value" })
export class Clawback {
  constructor(
    @topic public from: Address,
    @topic public sep0011_asset: Str,
    public amount: I128,
  ) {}
}

/** A new administrator: data is the new admin. */
@contractevent({ topics: ["set_admin"], dataFormat: "single-value" })
export class SetAdmin {
  constructor(
    @topic public admin: Address,
    @topic public sep0011_asset: Str,
    public new_admin: Address,
  ) {}
}

/** A holder (de)authorized: data is the flag. */
@contractevent({ topics: ["set_authorized"], dataFormat: "single-value" })
export class SetAuthorized {
  constructor(
    @topic public id: Address,
    @topic public sep0011_asset: Str,
    public authorize: bool,
  ) {}
}
