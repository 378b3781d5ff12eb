/**
 * Contract lifecycle host functions (env.json `ledger` module, plus `get_address_executable` of the
 * `address` module): Wasm upload, contract ids, creation with constructors (CAP-58), executable
 * updates, and CAP-85 executable tags and references. Arguments are checked here; the work is in
 * `ledger/lifecycle.ts`; the built-in Stellar Asset contract's in `sac/`.
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { addressPreimage, assetPreimage, contractIdOf } from '../ledger/contract-id.ts';
import { storageOf } from '../ledger/data.ts';
import {
  addressExecutable,
  EXTERNAL_REF_EXECUTABLE,
  HASH_BYTES,
  STELLAR_ASSET_EXECUTABLE,
  WASM_EXECUTABLE,
} from '../ledger/executable.ts';
import { createContract, updateCurrentExecutable, uploadWasm } from '../ledger/lifecycle.ts';
import { decodeAsset } from '../sac/asset-info.ts';
import { Tag } from '../val/tag.ts';
import { VOID, type Val } from '../val/val.ts';
import { addressToWire, valToScValWire } from '../xdr/scval.ts';
import { fixedLength } from './crypto/hash-sig.ts';
import type { HostFnTable } from './types.ts';

type ExecutableWire = xdr.ContractExecutableWire;

const addressOf = (host: Host, v: Val): xdr.ScAddressWire =>
  addressToWire(host.get(v, Tag.AddressObject).address);

const contractAddress = (host: Host, id: Uint8Array): Val =>
  host.add({ tag: Tag.AddressObject, address: { kind: 'contract', id } });

const newBytes = (host: Host, bytes: Uint8Array): Val => host.add({ tag: Tag.BytesObject, bytes });

const wasmExecutable = (host: Host, hash: Val): ExecutableWire => ({
  type: WASM_EXECUTABLE,
  wasmHash: fixedLength(host, hash, HASH_BYTES, 'wasm_hash'),
});

const externalRef = (host: Host, owner: Val, tag: Val): ExecutableWire => ({
  type: EXTERNAL_REF_EXECUTABLE,
  externalRef: {
    executableOwner: addressOf(host, owner),
    tag: new xdr.XdrString(host.get(tag, Tag.ExecutableTagObject).name),
  },
});


/**
 * `create_contract_impl`: `deployer` and a 32-byte `salt` name the contract; without a vector of
 * constructor arguments the constructor runs with none.
 */
const create = (host: Host, deployer: Val, salt: Val, executable: () => ExecutableWire, args?: Val): Val => {
  const address = addressOf(host, deployer);
  const preimage = addressPreimage(address, fixedLength(host, salt, 32, 'contract_id_salt'));
  const exec = executable();
  const ctorArgs = args === undefined ? [] : host.get(args, Tag.VecObject).items;
  const constructorArgs = ctorArgs.map((a) => valToScValWire(host, a));
  return contractAddress(
    host,
    createContract(host, { contractIdPreimage: preimage, executable: exec, constructorArgs }, ctorArgs),
  );
};

const create_contract = (host: Host, deployer: Val, wasmHash: Val, salt: Val): Val =>
  create(host, deployer, salt, () => wasmExecutable(host, wasmHash));

const create_contract_with_constructor = (
  host: Host,
  deployer: Val,
  wasmHash: Val,
  salt: Val,
  args: Val,
): Val => create(host, deployer, salt, () => wasmExecutable(host, wasmHash), args);

const create_external_ref_contract = (
  host: Host,
  deployer: Val,
  owner: Val,
  tag: Val,
  salt: Val,
  args: Val,
): Val => create(host, deployer, salt, () => externalRef(host, owner, tag), args);

const get_contract_id = (host: Host, deployer: Val, salt: Val): Val =>
  contractAddress(
    host,
    contractIdOf(
      host,
      addressPreimage(addressOf(host, deployer), fixedLength(host, salt, 32, 'contract_id_salt')),
    ),
  );

const get_asset_contract_id = (host: Host, serializedAsset: Val): Val =>
  contractAddress(host, contractIdOf(host, assetPreimage(decodeAsset(host, serializedAsset))));

/** The asset's Stellar Asset contract, at the id the asset names; no authorization needed. */
const create_asset_contract = (host: Host, serializedAsset: Val): Val =>
  contractAddress(
    host,
    createContract(
      host,
      {
        contractIdPreimage: assetPreimage(decodeAsset(host, serializedAsset)),
        executable: { type: STELLAR_ASSET_EXECUTABLE },
        constructorArgs: [],
      },
      [],
    ),
  );

const upload_wasm = (host: Host, wasm: Val): Val =>
  newBytes(host, uploadWasm(host, host.get(wasm, Tag.BytesObject).bytes));

const update_current_contract_wasm = (host: Host, hash: Val): Val => {
  updateCurrentExecutable(host, wasmExecutable(host, hash));
  return VOID;
};

/** CAP-85: the only way to make an `ExecutableTagObject`; it holds the string's bytes. */
const create_executable_tag = (host: Host, tagString: Val): Val => {
  const bytes = host.get(tagString, Tag.StringObject).bytes;
  host.budget.charge(CostType.MemCpy, bytes.length);
  return host.add({ tag: Tag.ExecutableTagObject, name: bytes.slice() });
};

const update_current_contract_executable_ref = (host: Host, owner: Val, tag: Val): Val => {
  updateCurrentExecutable(host, externalRef(host, owner, tag));
  return VOID;
};

const get_address_executable = (host: Host, address: Val): Val =>
  addressExecutable(host, storageOf(host), addressOf(host, address));

export const lifecycleFunctions: HostFnTable = {
  create_contract,
  create_contract_with_constructor,
  create_asset_contract,
  upload_wasm,
  update_current_contract_wasm,
  get_contract_id,
  get_asset_contract_id,
  create_executable_tag,
  create_external_ref_contract,
  update_current_contract_executable_ref,
  get_address_executable,
};
