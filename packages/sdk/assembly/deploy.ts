// Deployment: upload Wasm, create contracts (with constructor arguments), CAP-85 executable tags
// and external-ref contracts, and upgrades of the running contract.
import {
  create_contract,
  create_contract_with_constructor,
  create_executable_tag,
  create_external_ref_contract,
  get_contract_id,
  update_current_contract_executable_ref,
  update_current_contract_wasm,
  upload_wasm,
  extend_contract_instance_and_code_ttl,
} from "./env";
import { Address } from "./address";
import { Bytes, Bytes32 } from "./bytes";
import { currentContractAddress } from "./context";
import { Str } from "./string";
import { Vec } from "./vec";
import { Tag, Val, expectTag, u32Val } from "./val";

/** A CAP-85 executable tag object. */
export class ExecutableTag extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  __fromVal(v: u64): ExecutableTag {
    expectTag(v, Tag.ExecutableTagObject);
    return new ExecutableTag(v);
  }

  static create(name: Str): ExecutableTag {
    return new ExecutableTag(create_executable_tag(name.raw));
  }
}

export namespace deployer {
  /** Uploads contract Wasm and returns its hash. */
  export function uploadWasm(wasm: Bytes): Bytes32 {
    return new Bytes32(upload_wasm(wasm.raw));
  }

  /** Deploys `wasmHash` at the address derived from the current contract and `salt`. */
  export function deploy(wasmHash: Bytes32, salt: Bytes32): Address {
    return new Address(create_contract(currentContractAddress().raw, wasmHash.raw, salt.raw));
  }

  /** Deploys with constructor arguments. */
  export function deployWithConstructor(wasmHash: Bytes32, salt: Bytes32, args: Vec<Val>): Address {
    return new Address(create_contract_with_constructor(currentContractAddress().raw, wasmHash.raw, salt.raw, args.raw));
  }

  /** The address `deploy` would give for `salt`. */
  export function contractAddress(salt: Bytes32): Address {
    return new Address(get_contract_id(currentContractAddress().raw, salt.raw));
  }

  /** CAP-85: deploys a contract running `owner`'s executable registered under `tag`. */
  export function deployExternalRef(owner: Address, tag: ExecutableTag, salt: Bytes32, args: Vec<Val>): Address {
    return new Address(create_external_ref_contract(currentContractAddress().raw, owner.raw, tag.raw, salt.raw, args.raw));
  }

  /** Replaces the running contract's Wasm (takes effect after this invocation). */
  export function updateCurrentContractWasm(wasmHash: Bytes32): void {
    update_current_contract_wasm(wasmHash.raw);
  }

  /** CAP-85: points the running contract at `owner`'s executable under `tag`. */
  export function updateCurrentContractExecutableRef(owner: Address, tag: ExecutableTag): void {
    update_current_contract_executable_ref(owner.raw, tag.raw);
  }

  export function extendContractTtl(contract: Address, threshold: u32, extendTo: u32): void {
    extend_contract_instance_and_code_ttl(contract.raw, u32Val(threshold), u32Val(extendTo));
  }
}
