/**
 * Contract executables (`ContractExecutable`): a Wasm hash, the built-in Stellar Asset contract, or
 * (CAP-85) an external reference — an owner contract and a tag naming the persistent entry in which
 * the owner keeps the Wasm hash its followers run. Resolution happens on every use, so one write
 * to the owner's entry moves every follower at once.
 *
 * Also the contract-type values executables are shown to contracts and event consumers as
 * (`ContractExecutable`, `AddressExecutable` in the reference's `builtin_contracts/common_types.rs`).
 */
import { xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { VOID, type Val } from '../val/val.ts';
import { scValToVal } from '../xdr/scval.ts';
import { contractDataOf, loadInstance, type ContractExecutableWire } from './data.ts';
import { contractCodeKey, instanceKey, PERSISTENT, type LedgerKeyWire, type ScValWire } from './keys.ts';
import type { Storage } from './storage.ts';

export type ExternalRefWire = xdr.ContractExecutableExternalRefWire;

export const WASM_EXECUTABLE = 0;
export const STELLAR_ASSET_EXECUTABLE = 1;
export const EXTERNAL_REF_EXECUTABLE = 2;

/** `SCV_EXECUTABLE_TAG`: the key type of executable-reference entries. */
export const SCV_EXECUTABLE_TAG = 22;

export const HASH_BYTES = 32;

/** The owner's persistent entry a reference resolves through. */
export const tagEntryKey = (ref: ExternalRefWire): LedgerKeyWire => ({
  type: 6,
  contractData: {
    contract: ref.executableOwner,
    key: { type: SCV_EXECUTABLE_TAG, executableTag: ref.tag },
    durability: PERSISTENT,
  },
});

/**
 * The Wasm hash a reference points at now. A missing entry is `Error(Storage, MissingValue)`; the
 * storage rules for tag keys guarantee any entry holds the hash of uploaded code.
 */
export const resolveExternalRef = (host: Host, storage: Storage, ref: ExternalRefWire): Uint8Array => {
  const { entry } = storage.get(host, tagEntryKey(ref));
  const val = contractDataOf(entry).val;
  if (val.type !== 13 || val.bytes.length !== HASH_BYTES)
    throw hostError(
      ErrorType.Storage,
      ErrorCode.InternalError,
      'executable reference entry does not hold a Wasm hash',
    );
  return val.bytes;
};

/** The Wasm hash an executable runs, or undefined for the built-in Stellar Asset contract. */
export const resolveWasmHash = (
  host: Host,
  storage: Storage,
  executable: ContractExecutableWire,
): Uint8Array | undefined => {
  switch (executable.type) {
    case WASM_EXECUTABLE:
      return executable.wasmHash;
    case STELLAR_ASSET_EXECUTABLE:
      return undefined;
    case EXTERNAL_REF_EXECUTABLE:
      return resolveExternalRef(host, storage, executable.externalRef);
  }
};

/** `wasm_exists`: whether code with this hash has been uploaded (a read of its code entry). */
export const wasmExists = (host: Host, storage: Storage, hash: Uint8Array): boolean =>
  storage.has(host, contractCodeKey(hash));

/**
 * Checks an executable a contract is being created with or switched to: its Wasm must be uploaded
 * (`Error(Storage, MissingValue)`), a reference's entry must exist.
 */
export const checkExecutable = (host: Host, storage: Storage, executable: ContractExecutableWire): void => {
  if (executable.type === WASM_EXECUTABLE) {
    if (!wasmExists(host, storage, executable.wasmHash))
      throw hostError(ErrorType.Storage, ErrorCode.MissingValue, 'Wasm does not exist', executable.wasmHash);
  } else if (executable.type === EXTERNAL_REF_EXECUTABLE) {
    resolveExternalRef(host, storage, executable.externalRef);
  }
};

const symbol = (s: string): ScValWire => ({ type: 15, sym: new xdr.XdrString(s) }) as ScValWire;
const variant = (name: string, ...fields: ScValWire[]): ScValWire => ({
  type: 16,
  vec: [symbol(name), ...fields],
});
const wasmVariant = (hash: Uint8Array): ScValWire => variant('Wasm', { type: 13, bytes: hash } as ScValWire);

/** `ContractExecutable` as a contract type: `Wasm(BytesN<32>)`, `StellarAsset`, `ExternalRef({owner, tag})`. */
export const executableVal = (host: Host, executable: ContractExecutableWire): Val => {
  let w: ScValWire;
  if (executable.type === WASM_EXECUTABLE) w = wasmVariant(executable.wasmHash);
  else if (executable.type === STELLAR_ASSET_EXECUTABLE) w = variant('StellarAsset');
  else {
    const { executableOwner, tag } = executable.externalRef;
    w = variant('ExternalRef', {
      type: 17,
      map: [
        { key: symbol('owner'), val: { type: 18, address: executableOwner } },
        { key: symbol('tag'), val: { type: 14, str: tag } as ScValWire },
      ],
    });
  }
  return scValToVal(host, xdr.ScVal.fromXdrObject(w));
};

const addressExecutableWire = (
  host: Host,
  storage: Storage,
  address: xdr.ScAddressWire,
): ScValWire | undefined => {
  if (address.type === 0)
    return storage.has(host, { type: 0, account: { accountId: address.accountId } })
      ? variant('Account')
      : undefined;
  if (address.type !== 1) return undefined;
  const id = new Uint8Array(address.contractId);
  if (!storage.has(host, instanceKey(id))) return undefined;
  const hash = resolveWasmHash(host, storage, loadInstance(host, storage, id).executable);
  return hash ? wasmVariant(hash) : variant('StellarAsset');
};

/**
 * `get_address_executable` (CAP-68; CAP-85 for references): `AddressExecutable` — `Wasm(hash)`,
 * `StellarAsset` or `Account` — or Void when the address has no ledger entry. A reference is
 * reported as the Wasm it resolves to now.
 */
export const addressExecutable = (host: Host, storage: Storage, address: xdr.ScAddressWire): Val => {
  const w = addressExecutableWire(host, storage, address);
  return w ? scValToVal(host, xdr.ScVal.fromXdrObject(w)) : VOID;
};
