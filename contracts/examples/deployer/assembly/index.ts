// A deployer: creates contracts from uploaded Wasm with constructor arguments (CAP-58), at
// addresses derived from this contract and a salt, on behalf of its admin.
import { Address, Bytes32, Symbol, Val, Vec, deployer, storage, symbol } from "@sorobox/sdk";

/** Published for each contract this deployer creates: data is the code it runs. */
@contractevent
export class Deployed {
  constructor(
    @topic public contract: Address,
    public wasm_hash: Bytes32,
  ) {}
}

export function __constructor(admin: Address): void {
  storage.instance.set<Symbol, Address>(symbol("admin"), admin);
}

/**
 * Deploys the uploaded Wasm `wasm_hash` at the address this contract derives from `salt`, running
 * its constructor with `constructor_args` (needs the admin's authorization). Returns the address.
 */
export function deploy(wasm_hash: Bytes32, salt: Bytes32, constructor_args: Vec<Val>): Address {
  storage.instance.get<Symbol, Address>(symbol("admin")).requireAuth();
  const created = deployer.deployWithConstructor(wasm_hash, salt, constructor_args);
  const all = deployed();
  all.pushBack(created);
  storage.instance.set<Symbol, Vec<Address>>(symbol("deployed"), all);
  new Deployed(created, wasm_hash).publish();
  return created;
}

/** Where `deploy` puts a contract for `salt`, known before deploying. */
export function address_of(salt: Bytes32): Address {
  return deployer.contractAddress(salt);
}

/** The contracts deployed so far, in order. */
export function deployed(): Vec<Address> {
  return storage.instance.getOr<Symbol, Vec<Address>>(symbol("deployed"), Vec.new<Address>());
}
