/**
 * Instance storage: the map inside a contract's instance entry. Each contract call frame holds the
 * instance read when the frame started; the map is turned into Vals on first use, changed in
 * memory, and written back into the instance entry only when the frame returns successfully
 * (`maybe_init_instance_storage` / `persist_instance_storage` in `host/frame.rs`).
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import { findKey } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import type { Val } from '../val/val.ts';
import { storageKeyScVal, storeContractInstance, valToWire, wireToVal, type ContractInstanceWire } from './data.ts';
import type { Storage } from './storage.ts';

interface InstanceMap {
  readonly keys: Val[];
  readonly values: Val[];
}

export interface InstanceFrame {
  readonly contractId: Uint8Array;
  /** `host.frames.length` while the frame's contract runs. */
  readonly depth: number;
  readonly instance: ContractInstanceWire;
  map: InstanceMap | undefined;
  /** Any mutating access counts, even one that changed nothing (the reference's rule). */
  modified: boolean;
}

const stacks = new WeakMap<Host, InstanceFrame[]>();

const stackOf = (host: Host): InstanceFrame[] => {
  let stack = stacks.get(host);
  if (!stack) stacks.set(host, (stack = []));
  return stack;
};

/** Registers the instance of the contract frame about to be pushed. */
export const pushInstanceFrame = (host: Host, contractId: Uint8Array, instance: ContractInstanceWire): InstanceFrame => {
  const frame: InstanceFrame = { contractId, depth: host.frames.length + 1, instance, map: undefined, modified: false };
  stackOf(host).push(frame);
  return frame;
};

export const popInstanceFrame = (host: Host, frame: InstanceFrame): void => {
  const stack = stackOf(host);
  if (stack.pop() !== frame) throw hostError(ErrorType.Context, ErrorCode.InternalError, 'unmatched instance frame push/pop');
};

const currentFrame = (host: Host): InstanceFrame => {
  const top = stackOf(host).at(-1);
  if (!top || top.depth !== host.frames.length)
    throw hostError(ErrorType.Context, ErrorCode.InternalError, 'access to instance in frame without instance');
  return top;
};

const mapOf = (host: Host, frame: InstanceFrame): InstanceMap => {
  if (!frame.map) {
    const entries = frame.instance.storage ?? [];
    host.budget.charge(CostType.MemAlloc, entries.length * 16);
    frame.map = { keys: entries.map((e) => wireToVal(host, e.key)), values: entries.map((e) => wireToVal(host, e.val)) };
  }
  return frame.map;
};


const readMap = (host: Host): InstanceMap => mapOf(host, currentFrame(host));

const writeMap = (host: Host): InstanceMap => {
  const frame = currentFrame(host);
  const map = mapOf(host, frame);
  frame.modified = true;
  return map;
};

export const instanceHas = (host: Host, k: Val): boolean => findKey(host, readMap(host).keys, k).found;

export const instanceGet = (host: Host, k: Val): Val => {
  const map = readMap(host);
  const { found, index } = findKey(host, map.keys, k);
  if (!found) throw hostError(ErrorType.Storage, ErrorCode.MissingValue, 'key is missing from instance storage', k);
  return map.values[index];
};

export const instancePut = (host: Host, k: Val, v: Val): void => {
  const map = writeMap(host);
  const { found, index } = findKey(host, map.keys, k);
  // The reference's maps are immutable: an insert copies them.
  host.budget.charge(CostType.MemCpy, (map.keys.length + 1) * 16);
  if (found) map.values[index] = v;
  else {
    map.keys.splice(index, 0, k);
    map.values.splice(index, 0, v);
  }
};

export const instanceDel = (host: Host, k: Val): void => {
  const map = writeMap(host);
  const { found, index } = findKey(host, map.keys, k);
  if (!found) return;
  host.budget.charge(CostType.MemCpy, map.keys.length * 16);
  map.keys.splice(index, 1);
  map.values.splice(index, 1);
};

/** Writes a modified instance map back into the instance entry; keys follow the storage-key rules. */
export const persistInstanceStorage = (host: Host, storage: Storage, frame: InstanceFrame): void => {
  if (!frame.modified || !frame.map) return;
  const { keys, values } = frame.map;
  const entries: xdr.ScMapEntryWire[] = keys.map((k, i) => ({ key: storageKeyScVal(host, k), val: valToWire(host, values[i]) }));
  storeContractInstance(host, storage, frame.contractId, { storage: entries });
};
