// Version 1 of an upgradeable contract: an admin may replace its Wasm with
// update_current_contract_wasm; the new code keeps the contract's address and storage.
import { Address, Bytes32, Str, Symbol, deployer, storage, symbol } from "@sorobox/sdk";

/** Sets the admin, the only address that may upgrade, and a greeting kept across upgrades. */
export function __constructor(admin: Address, greeting: Str): void {
  storage.instance.set<Symbol, Address>(symbol("admin"), admin);
  storage.instance.set<Symbol, Str>(symbol("greeting"), greeting);
}

/** The version of the running code. */
export function version(): u32 {
  return 1;
}

/** The greeting stored at creation. */
export function greeting(): Str {
  return storage.instance.get<Symbol, Str>(symbol("greeting"));
}

/** Counts calls, in instance storage (kept across upgrades). */
export function bump(): u32 {
  const n = storage.instance.getOr<Symbol, u32>(symbol("count"), 0) + 1;
  storage.instance.set<Symbol, u32>(symbol("count"), n);
  return n;
}

/**
 * Replaces this contract's code with the uploaded Wasm `new_wasm_hash` (needs the admin's
 * authorization). The switch takes effect when this call returns.
 */
export function upgrade(new_wasm_hash: Bytes32): void {
  storage.instance.get<Symbol, Address>(symbol("admin")).requireAuth();
  deployer.updateCurrentContractWasm(new_wasm_hash);
}
