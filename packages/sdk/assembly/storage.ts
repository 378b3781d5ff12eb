// Contract storage: instance (lives with the contract instance), persistent and temporary, with
// TTL extension. Keys and values are any contract values.
import {
  del_contract_data,
  extend_contract_data_ttl,
  extend_current_contract_instance_and_code_ttl,
  get_contract_data,
  has_contract_data,
  put_contract_data,
} from "./env";
import { TRUE, u32Val } from "./val";

/** The host's StorageType, passed as a raw integer. */
export enum StorageType {
  Temporary = 0,
  Persistent = 1,
  Instance = 2,
}

export class Storage {
  constructor(public readonly type: StorageType) {}

  has<K>(key: K): bool {
    return has_contract_data(toVal<K>(key), <u64>this.type) == TRUE;
  }

  /** The value stored under `key` (fails the invocation when missing: check with `has`). */
  get<K, V>(key: K): V {
    return fromVal<V>(get_contract_data(toVal<K>(key), <u64>this.type));
  }

  getOr<K, V>(key: K, fallback: V): V {
    const k = toVal<K>(key);
    if (has_contract_data(k, <u64>this.type) != TRUE) return fallback;
    return fromVal<V>(get_contract_data(k, <u64>this.type));
  }

  set<K, V>(key: K, value: V): void {
    put_contract_data(toVal<K>(key), toVal<V>(value), <u64>this.type);
  }

  remove<K>(key: K): void {
    del_contract_data(toVal<K>(key), <u64>this.type);
  }

  /**
   * When the entry's TTL is below `threshold` ledgers, extends it to `extendTo` ledgers. (For
   * instance storage, use `extendInstanceTtl`: instance entries share the instance's TTL.)
   */
  extendTtl<K>(key: K, threshold: u32, extendTo: u32): void {
    extend_contract_data_ttl(toVal<K>(key), <u64>this.type, u32Val(threshold), u32Val(extendTo));
  }
}

export namespace storage {
  export const instance = new Storage(StorageType.Instance);
  export const persistent = new Storage(StorageType.Persistent);
  export const temporary = new Storage(StorageType.Temporary);

  /** Extends the current contract instance's and code's TTL as `Storage.extendTtl` does. */
  export function extendInstanceTtl(threshold: u32, extendTo: u32): void {
    extend_current_contract_instance_and_code_ttl(u32Val(threshold), u32Val(extendTo));
  }
}
