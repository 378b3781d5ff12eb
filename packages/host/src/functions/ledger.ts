/**
 * env.json module `ledger`, storage and TTL functions (`soroban-env-host/src/host.rs`, "ledger"
 * region; CAP-53 for the instance/code split, CAP-78 for the `_v2` extensions, CAP-85 for
 * executable tags and references). Contract creation, Wasm upload and executable updates are in
 * `lifecycle.ts`; the table below includes them.
 */
import type { Host } from '../host/host.ts';
import {
  contractIdOfAddress,
  currentContractId,
  dataKey,
  delContractData,
  getContractData,
  hasContractData,
  loadInstance,
  putContractData,
  storageOf,
} from '../ledger/data.ts';
import { EXTERNAL_REF_EXECUTABLE, resolveExternalRef, tagEntryKey, WASM_EXECUTABLE } from '../ledger/executable.ts';
import { checkTagPut, isExecutableTag, refuseTagDelete } from '../ledger/executable-tag.ts';
import { instanceDel, instanceGet, instanceHas, instancePut } from '../ledger/instance.ts';
import { contractCodeKey, instanceKey, PERSISTENT, TEMPORARY, type Durability, type LedgerKeyWire } from '../ledger/keys.ts';
import { extendTtl, extendTtlV2 } from '../ledger/ttl.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { VOID, fromBool, toU32, type Val } from '../val/val.ts';
import { lifecycleFunctions } from './lifecycle.ts';
import type { HostFnTable } from './types.ts';

/** `StorageType`, passed as a raw u64: Temporary = 0, Persistent = 1, Instance = 2. */
const PERSISTENT_TYPE = 1n;
const INSTANCE = 2n;

/** A raw enum argument outside its variants fails to unmarshal, as a bad argument does. */
const rawEnum = (raw: Val, variants: number, name: string): bigint => {
  if (raw >= BigInt(variants)) throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `invalid ${name} value ${raw}`);
  return raw;
};

const storageType = (t: Val): bigint => rawEnum(t, 3, 'StorageType');

const durability = (t: bigint): Durability => (t === 0n ? TEMPORARY : PERSISTENT);

/** Instance storage is extended with the instance itself, never through the data functions. */
const refuseInstance = (t: bigint): void => {
  if (t === INSTANCE)
    throw hostError(
      ErrorType.Storage,
      ErrorCode.InvalidAction,
      'instance storage should be extended via `extend_current_contract_instance_and_code_ttl` function only',
    );
};

const put_contract_data = (host: Host, k: Val, v: Val, t: Val): Val => {
  const type = storageType(t);
  if (isExecutableTag(k)) checkTagPut(host, type === PERSISTENT_TYPE, v);
  if (type === INSTANCE) instancePut(host, k, v);
  else putContractData(host, k, v, durability(type));
  return VOID;
};

const has_contract_data = (host: Host, k: Val, t: Val): Val => {
  const type = storageType(t);
  return fromBool(type === INSTANCE ? instanceHas(host, k) : hasContractData(host, k, durability(type)));
};

const get_contract_data = (host: Host, k: Val, t: Val): Val => {
  const type = storageType(t);
  return type === INSTANCE ? instanceGet(host, k) : getContractData(host, k, durability(type));
};

const del_contract_data = (host: Host, k: Val, t: Val): Val => {
  const type = storageType(t);
  if (isExecutableTag(k)) refuseTagDelete(k);
  if (type === INSTANCE) instanceDel(host, k);
  else delContractData(host, k, durability(type));
  return VOID;
};

const extend_contract_data_ttl = (host: Host, k: Val, t: Val, threshold: Val, extendTo: Val): Val => {
  const type = storageType(t);
  refuseInstance(type);
  extendTtl(host, storageOf(host), dataKey(host, k, durability(type)), toU32(threshold), toU32(extendTo));
  return VOID;
};

const extend_contract_data_ttl_v2 = (host: Host, k: Val, t: Val, extendTo: Val, minExt: Val, maxExt: Val): Val => {
  const type = storageType(t);
  refuseInstance(type);
  extendTtlV2(host, storageOf(host), dataKey(host, k, durability(type)), toU32(extendTo), toU32(minExt), toU32(maxExt));
  return VOID;
};

/** How a contract's TTL entries are extended: the v1 `(threshold, extend_to)` rule or CAP-78's. */
type Extension = (key: LedgerKeyWire) => void;

const v1 = (host: Host, threshold: Val, extendTo: Val): Extension => {
  const t = toU32(threshold);
  const e = toU32(extendTo);
  return (key) => extendTtl(host, storageOf(host), key, t, e);
};

const v2 = (host: Host, extendTo: Val, minExt: Val, maxExt: Val): Extension => {
  const [e, lo, hi] = [toU32(extendTo), toU32(minExt), toU32(maxExt)];
  return (key) => extendTtlV2(host, storageOf(host), key, e, lo, hi);
};

const extendInstance = (contractId: Uint8Array, extend: Extension): void => extend(instanceKey(contractId));

/**
 * What keeps the contract executable: its code entry, and for a CAP-85 reference also the owner's
 * tag entry (extended first) and the code it resolves to. The asset contract has nothing to extend.
 */
const extendCode = (host: Host, contractId: Uint8Array, extend: Extension): void => {
  const storage = storageOf(host);
  const executable = loadInstance(host, storage, contractId).executable;
  if (executable.type === WASM_EXECUTABLE) extend(contractCodeKey(executable.wasmHash));
  if (executable.type === EXTERNAL_REF_EXECUTABLE) {
    extend(tagEntryKey(executable.externalRef));
    extend(contractCodeKey(resolveExternalRef(host, storage, executable.externalRef)));
  }
};

const extend_current_contract_instance_and_code_ttl = (host: Host, threshold: Val, extendTo: Val): Val => {
  const id = currentContractId(host);
  const extend = v1(host, threshold, extendTo);
  extendInstance(id, extend);
  extendCode(host, id, extend);
  return VOID;
};

const extend_contract_instance_and_code_ttl = (host: Host, contract: Val, threshold: Val, extendTo: Val): Val => {
  const id = contractIdOfAddress(host, contract);
  const extend = v1(host, threshold, extendTo);
  extendInstance(id, extend);
  extendCode(host, id, extend);
  return VOID;
};

const extend_contract_instance_ttl = (host: Host, contract: Val, threshold: Val, extendTo: Val): Val => {
  extendInstance(contractIdOfAddress(host, contract), v1(host, threshold, extendTo));
  return VOID;
};

const extend_contract_code_ttl = (host: Host, contract: Val, threshold: Val, extendTo: Val): Val => {
  extendCode(host, contractIdOfAddress(host, contract), v1(host, threshold, extendTo));
  return VOID;
};

/** `ContractTTLExtension`: InstanceAndCode = 0, Instance = 1, Code = 2. */
const extend_contract_instance_and_code_ttl_v2 = (
  host: Host,
  contract: Val,
  scope: Val,
  extendTo: Val,
  minExt: Val,
  maxExt: Val,
): Val => {
  const s = rawEnum(scope, 3, 'ContractTTLExtension');
  const id = contractIdOfAddress(host, contract);
  const extend = v2(host, extendTo, minExt, maxExt);
  if (s !== 2n) extendInstance(id, extend);
  if (s !== 1n) extendCode(host, id, extend);
  return VOID;
};

export const ledgerFunctions: HostFnTable = {
  ...lifecycleFunctions,
  put_contract_data,
  has_contract_data,
  get_contract_data,
  del_contract_data,
  extend_contract_data_ttl,
  extend_current_contract_instance_and_code_ttl,
  extend_contract_instance_and_code_ttl,
  extend_contract_instance_ttl,
  extend_contract_code_ttl,
  extend_contract_data_ttl_v2,
  extend_contract_instance_and_code_ttl_v2,
};
