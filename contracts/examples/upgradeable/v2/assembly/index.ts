// Version 2 of the upgradeable contract: the same storage (admin, greeting, count), a new
// function, and the version bumped.
import { Address, Bytes32, Str, Symbol, deployer, storage, symbol } from "@sorobox/sdk";

/** Only for a fresh deployment of version 2; an upgrade keeps version 1's storage. */
export function __constructor(admin: Address, greeting: Str): void {
  storage.instance.set<Symbol, Address>(symbol("admin"), admin);
  storage.instance.set<Symbol, Str>(symbol("greeting"), greeting);
}

export function version(): u32 {
  return 2;
}

export function greeting(): Str {
  return storage.instance.get<Symbol, Str>(symbol("greeting"));
}

/** Counts calls, now by two. */
export function bump(): u32 {
  const n = storage.instance.getOr<Symbol, u32>(symbol("count"), 0) + 2;
  storage.instance.set<Symbol, u32>(symbol("count"), n);
  return n;
}

/** New in version 2: the count without changing it. */
export function count(): u32 {
  return storage.instance.getOr<Symbol, u32>(symbol("count"), 0);
}

export function upgrade(new_wasm_hash: Bytes32): void {
  storage.instance.get<Symbol, Address>(symbol("admin")).requireAuth();
  deployer.updateCurrentContractWasm(new_wasm_hash);
}
