/**
 * Contract lifecycle (`soroban-env-host/src/host/lifecycle.rs`): uploading Wasm, creating contracts
 * with their CAP-58 constructor, and switching the current contract's executable (a new Wasm, or a
 * CAP-85 external reference) with the `executable_update` system event.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import { emitEvent, reportError } from '../host/diagnostics.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual } from '../host/objects.ts';
import { isRecoverable } from '../functions/call.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, type Val } from '../val/val.ts';
import { loadContractCode } from '../vm/code.ts';
import { chargeParsing, checkCodeForLedger } from '../vm/invoke.ts';
import { symbolVal } from '../xdr/scval.ts';
import { callContract, resolveCode } from './contract-call.ts';
import { contractIdOf } from './contract-id.ts';
import { withCreateContractAuth } from '../auth/hooks.ts';
import {
  currentContractId,
  loadInstance,
  storageOf,
  storeContractInstance,
  type ContractExecutableWire,
} from './data.ts';
import { checkExecutable, executableVal, STELLAR_ASSET_EXECUTABLE } from './executable.ts';
import { contractCodeKey, instanceKey, PERSISTENT, type LedgerEntryWire } from './keys.ts';
import { minLiveUntilLedger } from './ttl.ts';

/** Contracts built for an earlier protocol have no constructor, whatever they export (CAP-58). */
export const CONSTRUCTOR_SUPPORT_PROTOCOL = 22;
export const CONSTRUCTOR_FUNCTION_NAME = '__constructor';

const encodeExt = (ext: xdr.ContractCodeEntryExtWire): Uint8Array =>
  xdr.ContractCodeEntryExt.schema.encode(ext);

/**
 * `upload_contract_wasm`: validates the Wasm as instantiation would (parse, features, imports,
 * interface version against the ledger) and stores it under its sha256, with the parse cost inputs
 * in the entry's `ext` (protocol 21+). Returns the hash. Existing code is rewritten only when its
 * `ext` differs; the network's code size limit applies to the written entry when the run ends.
 */
export const uploadWasm = (host: Host, wasm: Uint8Array): Uint8Array => {
  host.budget.charge(CostType.ComputeSha256Hash, wasm.length);
  const hash = sha256(wasm);
  const code = loadContractCode(wasm, { maxMemoryBytes: host.budget.limits.memoryBytes });
  checkCodeForLedger(host, code);
  chargeParsing(host, code);
  const ext: xdr.ContractCodeEntryExtWire = {
    v: 1,
    v1: { ext: { v: 0 }, costInputs: { ext: { v: 0 }, ...code.costInputs } },
  };
  const storage = storageOf(host);
  const key = contractCodeKey(hash);
  const existing = storage.read(host, key).entry;
  if (existing?.data.type === 7 && bytesEqual(encodeExt(existing.data.contractCode.ext), encodeExt(ext)))
    return hash;
  const entry: LedgerEntryWire = {
    lastModifiedLedgerSeq: 0,
    data: { type: 7, contractCode: { ext, hash, code: wasm } },
    ext: { v: 0 },
  };
  storage.write(host, key, entry, minLiveUntilLedger(host, PERSISTENT));
  return hash;
};

/**
 * `call_constructor` (CAP-58): code built before protocol 22 never runs `__constructor` and takes no
 * arguments; otherwise the constructor runs with `args`, a missing one being a no-op only without
 * arguments. Any recoverable failure becomes `Error(Context, InvalidAction)` so a constructor's
 * errors never leak to the creating contract; a non-Void result is `Error(Value, UnexpectedType)`.
 */
const callConstructor = (
  host: Host,
  contractId: Uint8Array,
  executable: ContractExecutableWire,
  args: readonly Val[],
): void => {
  const code = resolveCode(host, storageOf(host), executable);
  if (code.interfaceVersion.protocol < CONSTRUCTOR_SUPPORT_PROTOCOL) {
    if (args.length === 0) return;
    throw hostError(
      ErrorType.Context,
      ErrorCode.InvalidAction,
      "trying to call non-default constructor on a contract that doesn't support constructors (built prior to protocol 22)",
    );
  }
  let result: Val;
  try {
    result = callContract(host, contractId, CONSTRUCTOR_FUNCTION_NAME, args, {
      internal: true,
      missingFunctionIsNoop: args.length === 0,
    });
  } catch (e) {
    if (!(e instanceof HostError) || !isRecoverable(e)) throw e;
    const err = hostError(
      ErrorType.Context,
      ErrorCode.InvalidAction,
      `constructor invocation has failed with error ${e.message}`,
    );
    reportError(host, err);
    throw err;
  }
  if (result !== VOID)
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'constructor returned non-void value', result);
};

/**
 * `maybe_initialize_stellar_asset_contract`: a contract created from an asset is initialized by an
 * ordinary (external) call of `init_asset` with the asset's XDR.
 */
const initializeAssetContract = (host: Host, contractId: Uint8Array, asset: xdr.AssetWire): void => {
  const bytes = xdr.Asset.schema.encode(asset);
  host.budget.charge(CostType.ValSer, bytes.length);
  callContract(host, contractId, 'init_asset', [host.add({ tag: Tag.BytesObject, bytes })]);
};

/**
 * `create_contract_internal`: derives the id from the preimage, authorizes an address deployer (an
 * asset contract needs no authorization: it belongs to the asset), writes the instance (the
 * contract must not exist; its executable must resolve), initializes an asset contract, and runs
 * the constructor of contracts that have code. A failure undoes the creation. Returns the new
 * contract's id.
 */
export const createContract = (
  host: Host,
  args: xdr.CreateContractArgsV2Wire,
  constructorArgs: readonly Val[],
): Uint8Array => {
  const preimage = args.contractIdPreimage;
  const create = (): Uint8Array => {
    const contractId = contractIdOf(host, preimage);
    const storage = storageOf(host);
    const mark = storage.mark();
    try {
      if (storage.has(host, instanceKey(contractId)))
        throw hostError(ErrorType.Storage, ErrorCode.ExistingValue, 'contract already exists', contractId);
      checkExecutable(host, storage, args.executable);
      storeContractInstance(host, storage, contractId, { executable: args.executable });
      if (preimage.type === 1) initializeAssetContract(host, contractId, preimage.fromAsset);
      if (args.executable.type !== STELLAR_ASSET_EXECUTABLE) callConstructor(host, contractId, args.executable, constructorArgs);
    } catch (e) {
      storage.rollback(mark);
      throw e;
    }
    return contractId;
  };
  // An asset contract needs no authorization; an address deployer authorizes its creation.
  return preimage.type === 0 ? withCreateContractAuth(host, preimage.fromAddress.address, args, create) : create();
};

const EXECUTABLE_UPDATE_TOPIC = 'executable_update';

/**
 * `update_current_contract_wasm` / `update_current_contract_executable_ref`: the new executable is
 * checked, the `executable_update` system event (old and new `ContractExecutable`) emitted, and the
 * instance entry rewritten. The running frame keeps its code; the next call runs the new one, and a
 * failure of the current call rolls the switch back with its other writes.
 */
export const updateCurrentExecutable = (host: Host, executable: ContractExecutableWire): void => {
  const storage = storageOf(host);
  checkExecutable(host, storage, executable);
  const contractId = currentContractId(host);
  const old = loadInstance(host, storage, contractId).executable;
  const topics = [
    symbolVal(host, new TextEncoder().encode(EXECUTABLE_UPDATE_TOPIC)),
    executableVal(host, old),
    executableVal(host, executable),
  ];
  emitEvent(host, 'system', contractId, topics, host.add({ tag: Tag.VecObject, items: [] }));
  storeContractInstance(host, storage, contractId, { executable });
};
