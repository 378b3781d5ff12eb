/**
 * Contract data over the run's storage (`soroban-env-host/src/host/data_helper.rs`): keys built from
 * Vals under the current contract, values converted to and from `ScVal`, contract instances and
 * contract code read from their ledger entries.
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import type { Val } from '../val/val.ts';
import { scValToVal, valToScValWire } from '../xdr/scval.ts';
import {
  contractCodeKey,
  contractDataKey,
  instanceKey,
  PERSISTENT,
  type Durability,
  type LedgerEntryWire,
  type LedgerKeyWire,
  type ScValWire,
} from './keys.ts';
import { minLiveUntilLedger } from './ttl.ts';
import type { Storage } from './storage.ts';

export type ContractInstanceWire = xdr.ScContractInstanceWire;
export type ContractExecutableWire = xdr.ContractExecutableWire;

/** The run's storage. A host built without one has an empty footprint: every access is outside it. */
export const storageOf = (host: Host): Storage => {
  if (!host.storage)
    throw hostError(ErrorType.Storage, ErrorCode.ExceededLimit, 'trying to access ledger storage outside of the footprint (no ledger)');
  return host.storage;
};

export const currentContractId = (host: Host): Uint8Array => {
  const id = host.currentFrame().contractId;
  if (!id) throw hostError(ErrorType.Context, ErrorCode.InternalError, 'Current context has no contract ID');
  return id;
};

/** The contract id behind an `AddressObject`; an account address is not a contract. */
export const contractIdOfAddress = (host: Host, address: Val): Uint8Array => {
  const a = host.get(address, Tag.AddressObject).address;
  if (a.kind !== 'contract') throw hostError(ErrorType.Object, ErrorCode.InvalidInput, 'not a contract address');
  return a.id;
};

/** Charges for copying a value of `bytes` encoded size into or out of storage. */
const chargeCopy = (host: Host, bytes: number): void => {
  host.budget.charge(CostType.MemAlloc, bytes);
  host.budget.charge(CostType.MemCpy, bytes);
};

const chargeScVal = (host: Host, v: ScValWire): void => chargeCopy(host, xdr.ScVal.schema.encode(v).length);

/** Muxed addresses may be values but never keys, however deep (`from_host_val_for_storage`). */
const checkStorableKey = (v: ScValWire): void => {
  if (v.type === 18 && v.address.type === 2)
    throw hostError(ErrorType.Storage, ErrorCode.InvalidInput, 'muxed addresses should not be used in the storage keys');
  if (v.type === 16) v.vec?.forEach(checkStorableKey);
  if (v.type === 17)
    v.map?.forEach((e) => {
      checkStorableKey(e.key);
      checkStorableKey(e.val);
    });
};

/** A Val as a storage key `ScVal`. */
export const storageKeyScVal = (host: Host, k: Val): ScValWire => {
  const w = valToScValWire(host, k);
  checkStorableKey(w);
  return w;
};

export const valToWire = (host: Host, v: Val): ScValWire => {
  const w = valToScValWire(host, v);
  chargeScVal(host, w);
  return w;
};

/** An `ScVal` read from the ledger back to a Val (valid by construction). */
export const wireToVal = (host: Host, w: ScValWire): Val => {
  chargeScVal(host, w);
  return scValToVal(host, xdr.ScVal.fromXdrObject(w));
};

/** The ledger key of the current contract's data entry `k`. */
export const dataKey = (host: Host, k: Val, durability: Durability): LedgerKeyWire =>
  contractDataKey(currentContractId(host), storageKeyScVal(host, k), durability);

export const contractDataOf = (entry: LedgerEntryWire): xdr.ContractDataEntryWire => {
  if (entry.data.type !== 6) throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'expected a contract data ledger entry');
  return entry.data.contractData;
};

/** `put_contract_data_into_ledger`: an existing entry keeps its TTL, a new one gets the minimum. */
export const putContractData = (host: Host, k: Val, v: Val, durability: Durability): void => {
  const storage = storageOf(host);
  const key = dataKey(host, k, durability);
  const val = valToWire(host, v);
  const slot = storage.read(host, key);
  if (slot.entry) {
    const data = contractDataOf(slot.entry);
    storage.write(host, key, { ...slot.entry, data: { type: 6, contractData: { ...data, val } } }, slot.liveUntil);
    return;
  }
  const { contractData } = key as Extract<LedgerKeyWire, { type: 6 }>;
  storage.write(
    host,
    key,
    { lastModifiedLedgerSeq: 0, data: { type: 6, contractData: { ext: { v: 0 }, ...contractData, val } }, ext: { v: 0 } },
    minLiveUntilLedger(host, durability),
  );
};

export const getContractData = (host: Host, k: Val, durability: Durability): Val => {
  const { entry } = storageOf(host).get(host, dataKey(host, k, durability));
  return wireToVal(host, contractDataOf(entry).val);
};

export const hasContractData = (host: Host, k: Val, durability: Durability): boolean =>
  storageOf(host).has(host, dataKey(host, k, durability));

/** Deleting an absent entry is fine; it still needs read-write access. */
export const delContractData = (host: Host, k: Val, durability: Durability): void =>
  storageOf(host).write(host, dataKey(host, k, durability), undefined, undefined);

/** `retrieve_contract_instance_from_storage`. */
export const loadInstance = (host: Host, storage: Storage, contractId: Uint8Array): ContractInstanceWire => {
  const { entry } = storage.get(host, instanceKey(contractId));
  const val = contractDataOf(entry).val;
  if (val.type !== 19)
    throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'ledger entry for contract instance does not contain contract instance');
  return val.instance;
};

export interface InstanceUpdate {
  readonly executable?: ContractExecutableWire;
  readonly storage?: xdr.ScMapEntryWire[];
}

/**
 * `store_contract_instance`: replaces the executable and/or the storage map of a contract's
 * instance entry, keeping its TTL; a contract that does not exist yet gets a new entry (it needs an
 * executable) live for the minimum persistent TTL.
 */
export const storeContractInstance = (host: Host, storage: Storage, contractId: Uint8Array, update: InstanceUpdate): void => {
  const key = instanceKey(contractId);
  const slot = storage.read(host, key);
  if (!slot.entry) {
    if (!update.executable) throw hostError(ErrorType.Context, ErrorCode.InternalError, "can't initialize contract without executable");
    const { contractData } = key as Extract<LedgerKeyWire, { type: 6 }>;
    const instance: ContractInstanceWire = { executable: update.executable, storage: update.storage ?? null };
    storage.write(
      host,
      key,
      { lastModifiedLedgerSeq: 0, data: { type: 6, contractData: { ext: { v: 0 }, ...contractData, val: { type: 19, instance } } }, ext: { v: 0 } },
      minLiveUntilLedger(host, PERSISTENT),
    );
    return;
  }
  const data = contractDataOf(slot.entry);
  if (data.val.type !== 19)
    throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'expected ScVal::ContractInstance for contract instance');
  const instance: ContractInstanceWire = {
    executable: update.executable ?? data.val.instance.executable,
    storage: update.storage ?? data.val.instance.storage,
  };
  storage.write(host, key, { ...slot.entry, data: { type: 6, contractData: { ...data, val: { type: 19, instance } } } }, slot.liveUntil);
};

/** The Wasm of an uploaded contract code entry (`retrieve_wasm_from_storage`). */
export const loadWasm = (host: Host, storage: Storage, hash: Uint8Array): Uint8Array => {
  const { entry } = storage.get(host, contractCodeKey(hash));
  if (entry.data.type !== 7) throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'expected ContractCode ledger entry');
  return entry.data.contractCode.code;
};
