/**
 * Calling a deployed contract (`call_n_internal` / `call_contract_fn` in `host/frame.rs`): reserved
 * names and re-entry are refused, the instance is read from storage and its executable resolved to
 * Wasm (or, for the built-in Stellar Asset contract, to the host's own functions), the function runs
 * in a new frame, and the frame's storage writes are undone if it fails.
 */
import { popAuthFrame, pushAuthFrame, rollbackAuthFrame } from '../auth/hooks.ts';
import { markFailedFrom } from '../host/diagnostics.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual } from '../host/objects.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import type { Val } from '../val/val.ts';
import { loadContractCode, type ContractCode } from '../vm/code.ts';
import { invokeWasm, type InvokeWasmOptions } from '../vm/invoke.ts';
import { invokeStellarAsset } from '../sac/frame.ts';
import { loadInstance, loadWasm, storageOf, type ContractExecutableWire } from './data.ts';
import { resolveWasmHash, STELLAR_ASSET_EXECUTABLE } from './executable.ts';
import { persistInstanceStorage, popInstanceFrame, pushInstanceFrame } from './instance.ts';
import type { Storage } from './storage.ts';

/** Functions starting with this are the host's to call (constructors, `__check_auth`). */
export const RESERVED_FN_PREFIX = '__';

export interface CallOptions extends InvokeWasmOptions {
  /** `__check_auth` may re-enter the contract running right now (the reference's `SelfAllowed`). */
  readonly selfReentry?: boolean;
  /** A call the host itself makes: reserved names are allowed. */
  readonly internal?: boolean;
}

const codeCache = new Map<string, ContractCode>();

/**
 * The compiled code of an executable, resolved now (through the owner's tag entry for a CAP-85
 * reference). Ledger code entries are keyed by the Wasm's sha256, so the entry's hash names the
 * module without hashing the Wasm again on every call.
 */
export const resolveCode = (host: Host, storage: Storage, executable: ContractExecutableWire): ContractCode => {
  const hash = resolveWasmHash(host, storage, executable);
  if (!hash) throw hostError(ErrorType.Context, ErrorCode.InternalError, 'the built-in Stellar Asset contract has no Wasm');
  const wasm = loadWasm(host, storage, hash);
  const maxMemoryBytes = host.budget.limits.memoryBytes;
  const cacheKey = `${Buffer.from(hash).toString('hex')}:${maxMemoryBytes}`;
  let code = codeCache.get(cacheKey);
  if (!code) codeCache.set(cacheKey, (code = loadContractCode(wasm, { maxMemoryBytes })));
  return code;
};

export const callContract = (host: Host, contractId: Uint8Array, fn: string, args: readonly Val[], options: CallOptions = {}): Val => {
  if (!options.internal && fn.startsWith(RESERVED_FN_PREFIX))
    throw hostError(ErrorType.Context, ErrorCode.InvalidAction, `can't invoke a reserved function directly: ${fn}`);
  const running = host.frames.flatMap((f) => (f.contractId ? [f.contractId] : []));
  const selfCall = options.selfReentry === true && running.length > 0 && bytesEqual(running[running.length - 1], contractId);
  if (!selfCall && running.some((id) => bytesEqual(id, contractId)))
    throw hostError(ErrorType.Context, ErrorCode.InvalidAction, 'Contract re-entry is not allowed');
  const storage = storageOf(host);
  const instance = loadInstance(host, storage, contractId);
  const code = instance.executable.type === STELLAR_ASSET_EXECUTABLE ? undefined : resolveCode(host, storage, instance.executable);

  const mark = storage.mark();
  const eventsStart = host.events.length;
  const auth = pushAuthFrame(host, contractId, fn, args);
  const frame = pushInstanceFrame(host, contractId, instance);
  try {
    const value = code
      ? invokeWasm(host, code, contractId, fn, args, options)
      : invokeStellarAsset(host, contractId, fn, args);
    try {
      persistInstanceStorage(host, storage, frame);
    } catch (e) {
      markFailedFrom(host, eventsStart); // the frame fails after all: its events go with it
      throw e;
    }
    return value;
  } catch (e) {
    storage.rollback(mark);
    rollbackAuthFrame(host, auth);
    throw e;
  } finally {
    popAuthFrame(host);
    popInstanceFrame(host, frame);
  }
};
