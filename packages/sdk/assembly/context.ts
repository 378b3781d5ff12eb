// The execution context: ledger info, the current contract, events, logs and contract errors.
import {
  contract_event,
  fail_with_error,
  get_current_contract_address,
  get_ledger_network_id,
  get_ledger_sequence,
  get_ledger_timestamp,
  get_ledger_version,
  get_max_live_until_ledger,
  log_from_linear_memory,
} from "./env";
import { Address } from "./address";
import { Bytes32 } from "./bytes";
import { Vec } from "./vec";
import { Tag, Val, u32FromVal, u32Val, u64FromVal } from "./val";

export namespace ledger {
  /** The ledger's protocol version. */
  export function protocolVersion(): u32 {
    return u32FromVal(get_ledger_version());
  }

  export function sequence(): u32 {
    return u32FromVal(get_ledger_sequence());
  }

  /** Close time of the ledger, in seconds since the Unix epoch. */
  export function timestamp(): u64 {
    return u64FromVal(get_ledger_timestamp());
  }

  /** SHA-256 of the network passphrase. */
  export function networkId(): Bytes32 {
    return new Bytes32(get_ledger_network_id());
  }

  /** The last ledger an entry's TTL can be extended to. */
  export function maxLiveUntilLedger(): u32 {
    return u32FromVal(get_max_live_until_ledger());
  }
}

/** The address of the running contract. */
export function currentContractAddress(): Address {
  return new Address(get_current_contract_address());
}

/** Publishes a contract event with these topics (at most 4) and data. */
export function publishEvent<D>(topics: Vec<Val>, data: D): void {
  contract_event(topics.raw, toVal<D>(data));
}

/**
 * Emits a diagnostic `log` event: the message and raw Vals (convert with `toVal(x)`). Logs are
 * recorded only where diagnostics are on (tests, simulation); they cost nothing on-chain otherwise.
 */
export function log(message: string, vals: u64[] = []): void {
  const msg = String.UTF8.encode(message);
  const n = vals.length;
  const buf = new StaticArray<u64>(n);
  for (let i = 0; i < n; i++) unchecked((buf[i] = vals[i]));
  log_from_linear_memory(
    u32Val(<u32>changetype<usize>(msg)),
    u32Val(<u32>msg.byteLength),
    u32Val(<u32>changetype<usize>(buf)),
    u32Val(<u32>n),
  );
}

/** The Val of the contract error `code`: `Error(Contract, code)`. */
export function contractErrorVal(code: u32): u64 {
  return (<u64>code << 32) | Tag.Error;
}

/** Fails the invocation with the contract error `code` (an error enum member). Never returns. */
export function panicWithError(code: u32): void {
  failWithErrorVal(contractErrorVal(code));
}

/**
 * Fails the invocation with an Error Val: a contract error as itself, any other error (what a
 * failed call came back with) as a trap, since a contract can only fail with its own errors.
 */
export function failWithErrorVal(error: u64): void {
  if (((error >> 8) & 0xffffff) == 0) fail_with_error(error);
  unreachable();
}

/** Fails with the contract error `code` unless `condition` holds. */
export function assertOr(condition: bool, code: u32): void {
  if (!condition) panicWithError(code);
}
