/**
 * env.json module `call` (`soroban-env-host/src/host.rs`, "call" region): calling another contract.
 * The address and arguments are checked before the call, so their errors fail the caller even
 * under `try_call`.
 */
import type { Host } from '../host/host.ts';
import { callContract } from '../ledger/contract-call.ts';
import { contractIdOfAddress } from '../ledger/data.ts';
import { ErrorCode, ErrorType, HostError, isRecoverable } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { fromError, type Val } from '../val/val.ts';
import { symbolBytesOf } from '../xdr/scval.ts';
import type { HostFnTable } from './types.ts';

interface Target {
  readonly id: Uint8Array;
  readonly fn: string;
  readonly args: readonly Val[];
}

const targetOf = (host: Host, contract: Val, func: Val, args: Val): Target => ({
  args: host.get(args, Tag.VecObject).items,
  id: contractIdOfAddress(host, contract),
  fn: new TextDecoder().decode(symbolBytesOf(host, func)),
});

/** Defined in `val/error.ts`; still exported here for the modules that import it from this file. */
export { isRecoverable };

const call = (host: Host, contract: Val, func: Val, args: Val): Val => {
  const t = targetOf(host, contract, func, args);
  return callContract(host, t.id, t.fn, t.args);
};

/**
 * A contract error comes back as itself; any other recoverable failure is narrowed to
 * `Error(Context, InvalidAction)` so that host error codes never become contract-visible state.
 */
const try_call = (host: Host, contract: Val, func: Val, args: Val): Val => {
  const t = targetOf(host, contract, func, args);
  try {
    return callContract(host, t.id, t.fn, t.args);
  } catch (e) {
    if (!(e instanceof HostError) || !isRecoverable(e)) throw e;
    return e.error.type === ErrorType.Contract
      ? fromError(e.error)
      : fromError({ type: ErrorType.Context, code: ErrorCode.InvalidAction });
  }
};

export const callFunctions: HostFnTable = { call, try_call };
