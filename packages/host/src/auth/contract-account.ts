/**
 * Authenticating a contract address, a custom account (`check_account_contract_auth` in
 * `builtin_contracts/account_contract.rs`): the host calls its `__check_auth(signature_payload,
 * signature, auth_contexts)`, the contexts being the authorized tree flattened in pre-order as
 * `Context` contract values. Protocol 27 delegation (CAP-71-01) happens inside that call:
 * `delegate_account_auth(B)` authenticates B, a delegate listed in the credentials, with the same
 * payload and contexts, and `get_delegated_signers_for_current_auth_check` lists those delegates.
 */
import { xdr } from '@stellar/stellar-sdk';
import { compareVals } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual } from '../host/objects.ts';
import { callContract } from '../ledger/contract-call.ts';
import { executableVal, STELLAR_ASSET_EXECUTABLE } from '../ledger/executable.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, type Val } from '../val/val.ts';
import { scValToVal, symbolVal } from '../xdr/scval.ts';
import { authenticateAccount } from './account.ts';
import { bytesVal, enumVal, structVal, vecVal } from './contract-types.ts';
import type { AuthorizedFunction, AuthorizedInvocation } from './invocation.ts';

export const CHECK_AUTH_FN = '__check_auth';

/** A delegated signer from `SorobanAddressCredentialsWithDelegates`, with its own delegates. */
export interface DelegateSignature {
  readonly address: Val;
  readonly signature: Val;
  readonly nested: readonly DelegateSignature[];
}

/** One running `__check_auth`: what delegation inside it forwards and may use (each delegate once). */
interface AuthCheck {
  readonly contractId: Uint8Array;
  /** `host.frames.length` while its `__check_auth` runs. */
  readonly depth: number;
  readonly payload: Uint8Array;
  readonly contexts: Val;
  readonly delegates: { readonly signature: DelegateSignature; used: boolean }[];
}

const checks = new WeakMap<Host, AuthCheck[]>();

const checksOf = (host: Host): AuthCheck[] => {
  let stack = checks.get(host);
  if (!stack) checks.set(host, (stack = []));
  return stack;
};

/** The `Context` value of one authorized function (`AuthorizationContext::from_authorized_fn`). */
const contextVal = (host: Host, fn: AuthorizedFunction): Val => {
  if (fn.kind === 'contract') {
    const fields = [
      ['args', vecVal(host, fn.args)],
      ['contract', fn.contract],
      ['fn_name', symbolVal(host, fn.fn)],
    ] as const;
    return enumVal(host, 'Contract', structVal(host, fields));
  }
  const { contractIdPreimage, executable, constructorArgs } = fn.args;
  // The Stellar Asset contract is created from an asset, never authorized by an address.
  if (executable.type === STELLAR_ASSET_EXECUTABLE)
    throw hostError(
      ErrorType.Auth,
      ErrorCode.InvalidInput,
      'StellarAsset executable is not allowed when authorizing create_contract host fn',
    );
  const executableV = executableVal(host, executable);
  if (contractIdPreimage.type !== 0)
    throw hostError(
      ErrorType.Auth,
      ErrorCode.InvalidInput,
      'asset preimage is not allowed when authorizing create_contract host fn',
    );
  const salt = bytesVal(host, new Uint8Array(contractIdPreimage.fromAddress.salt));
  if (constructorArgs.length === 0)
    return enumVal(
      host,
      'CreateContractHostFn',
      structVal(host, [
        ['executable', executableV],
        ['salt', salt],
      ]),
    );
  const args = vecVal(
    host,
    constructorArgs.map((a) => scValToVal(host, xdr.ScVal.fromXdrObject(a))),
  );
  return enumVal(
    host,
    'CreateContractWithCtorHostFn',
    structVal(host, [
      ['constructor_args', args],
      ['executable', executableV],
      ['salt', salt],
    ]),
  );
};

/** The tree in pre-order as a Vec of `Context` values. */
export const authContexts = (host: Host, root: AuthorizedInvocation): Val => {
  const out: Val[] = [];
  const walk = (inv: AuthorizedInvocation): void => {
    out.push(contextVal(host, inv.fn));
    inv.subs.forEach(walk);
  };
  walk(root);
  return vecVal(host, out);
};

/**
 * Calls the account's `__check_auth`. The top-level check may re-enter the contract that is running
 * (a wallet administering itself through auth); a delegated one may not re-enter anything.
 */
export const authenticateContract = (
  host: Host,
  contractId: Uint8Array,
  payload: Uint8Array,
  signature: Val,
  contexts: Val,
  delegates: readonly DelegateSignature[],
  selfReentry: boolean,
): void => {
  const stack = checksOf(host);
  stack.push({
    contractId,
    depth: host.frames.length + 1,
    payload,
    contexts,
    delegates: delegates.map((signature) => ({ signature, used: false })),
  });
  try {
    const result = callContract(
      host,
      contractId,
      CHECK_AUTH_FN,
      [bytesVal(host, payload), signature, contexts],
      { internal: true, selfReentry },
    );
    if (result !== VOID)
      throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, '__check_auth must return Void');
  } finally {
    stack.pop();
  }
};

/** The check whose `__check_auth` frame is the running frame; anywhere else is `Error(Context, InvalidAction)`. */
const currentCheck = (host: Host): AuthCheck => {
  const check = checksOf(host).at(-1);
  const frame = host.frames.at(-1);
  if (
    !check ||
    !frame?.contractId ||
    host.frames.length !== check.depth ||
    frame.fn !== CHECK_AUTH_FN ||
    !bytesEqual(frame.contractId, check.contractId)
  )
    throw hostError(
      ErrorType.Context,
      ErrorCode.InvalidAction,
      'only available within __check_auth of a custom account',
    );
  return check;
};

export const delegatedSigners = (host: Host): Val =>
  vecVal(
    host,
    currentCheck(host).delegates.map((d) => d.signature.address),
  );

/** CAP-71-01: authenticates the first unused delegate `address` with the current payload and contexts. */
export const delegateAccountAuth = (host: Host, address: Val): void => {
  const check = currentCheck(host);
  const delegate = check.delegates.find(
    (d) => !d.used && compareVals(host, d.signature.address, address) === 0,
  );
  if (!delegate)
    throw hostError(
      ErrorType.Auth,
      ErrorCode.InvalidAction,
      'delegated signer is not present in the credentials',
    );
  delegate.used = true;
  const { signature, nested } = delegate.signature;
  const a = host.get(address, Tag.AddressObject).address;
  if (a.kind === 'account') authenticateAccount(host, a.key, check.payload, signature);
  else authenticateContract(host, a.id, check.payload, signature, check.contexts, nested, false);
};
