/**
 * Authorized invocation trees (`AuthorizedInvocation` / `AuthorizedFunction` in `auth.rs`): what an
 * address authorizes, node by node, in host form (addresses and arguments as Vals), converted from
 * and back to the `SorobanAuthorizedInvocation` XDR the transaction carries.
 */
import { xdr } from '@stellar/stellar-sdk';
import { compareVals } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual } from '../host/objects.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { validateSymbol } from '../val/symbol.ts';
import { Tag } from '../val/tag.ts';
import type { Val } from '../val/val.ts';
import { addressFromWire, addressToWire, scValToVal, valToScValWire } from '../xdr/scval.ts';

export type CreateContractArgsWire = xdr.CreateContractArgsV2Wire;

/** A contract function call, or a contract creation (always in its V2 form, as the reference). */
export type AuthorizedFunction =
  | {
      readonly kind: 'contract';
      readonly contract: Val;
      readonly fn: Uint8Array;
      readonly args: readonly Val[];
    }
  | { readonly kind: 'create'; readonly args: CreateContractArgsWire };

export interface AuthorizedInvocation {
  readonly fn: AuthorizedFunction;
  readonly subs: AuthorizedInvocation[];
  /** Matched already: a node authorizes one call only. */
  exhausted: boolean;
}

export const newInvocation = (
  fn: AuthorizedFunction,
  subs: AuthorizedInvocation[] = [],
  exhausted = false,
): AuthorizedInvocation => ({
  fn,
  subs,
  exhausted,
});

const encodeCreate = (args: CreateContractArgsWire): Uint8Array =>
  xdr.CreateContractArgsV2.schema.encode(args);

const compareArgs = (host: Host, a: readonly Val[], b: readonly Val[]): boolean =>
  a.length === b.length && a.every((v, i) => compareVals(host, v, b[i]) === 0);

/** Whether two functions are the same call (the reference's `compare(...).is_eq()`). */
export const sameFunction = (host: Host, a: AuthorizedFunction, b: AuthorizedFunction): boolean => {
  if (a.kind === 'contract' && b.kind === 'contract')
    return (
      compareVals(host, a.contract, b.contract) === 0 &&
      bytesEqual(a.fn, b.fn) &&
      compareArgs(host, a.args, b.args)
    );
  if (a.kind === 'create' && b.kind === 'create')
    return bytesEqual(encodeCreate(a.args), encodeCreate(b.args));
  return false;
};

const addressVal = (host: Host, wire: xdr.ScAddressWire): Val =>
  host.add({ tag: Tag.AddressObject, address: addressFromWire(wire) });

const functionFromXdr = (host: Host, w: xdr.SorobanAuthorizedFunctionWire): AuthorizedFunction => {
  switch (w.type) {
    case 0: {
      const name = new Uint8Array(new xdr.XdrString(w.contractFn.functionName).bytes);
      validateSymbol(name);
      return {
        kind: 'contract',
        contract: addressVal(host, w.contractFn.contractAddress),
        fn: name,
        args: w.contractFn.args.map((a) => scValToVal(host, xdr.ScVal.fromXdrObject(a))),
      };
    }
    case 1:
      return { kind: 'create', args: { ...w.createContractHostFn, constructorArgs: [] } };
    case 2:
      return { kind: 'create', args: w.createContractV2HostFn };
    default:
      throw hostError(ErrorType.Auth, ErrorCode.InvalidInput, 'unknown authorized function type');
  }
};

export const invocationFromXdr = (host: Host, w: xdr.SorobanAuthorizedInvocationWire): AuthorizedInvocation =>
  newInvocation(
    functionFromXdr(host, w.function),
    w.subInvocations.map((s) => invocationFromXdr(host, s)),
  );

const functionToXdr = (host: Host, f: AuthorizedFunction): xdr.SorobanAuthorizedFunctionWire => {
  if (f.kind === 'create') return { type: 2, createContractV2HostFn: f.args };
  const address = host.get(f.contract, Tag.AddressObject).address;
  return {
    type: 0,
    contractFn: {
      contractAddress: addressToWire(address),
      functionName: new xdr.XdrString(f.fn),
      args: f.args.map((a) => valToScValWire(host, a)),
    },
  } as xdr.SorobanAuthorizedFunctionWire;
};

/** The tree as XDR, every node included (`to_xdr(host, false)`). */
export const invocationToXdr = (
  host: Host,
  inv: AuthorizedInvocation,
): xdr.SorobanAuthorizedInvocationWire => ({
  function: functionToXdr(host, inv.fn),
  subInvocations: inv.subs.map((s) => invocationToXdr(host, s)),
});

/** The `exhausted` flags in pre-order: all a failed frame needs to roll a tree back. */
export const exhaustedFlags = (inv: AuthorizedInvocation, out: boolean[] = []): boolean[] => {
  out.push(inv.exhausted);
  for (const s of inv.subs) exhaustedFlags(s, out);
  return out;
};

export const restoreExhausted = (
  inv: AuthorizedInvocation,
  flags: readonly boolean[],
  at = { i: 0 },
): void => {
  const flag = flags[at.i++];
  if (flag === undefined)
    throw hostError(ErrorType.Auth, ErrorCode.InternalError, 'unexpected bad auth snapshot');
  inv.exhausted = flag;
  for (const s of inv.subs) restoreExhausted(s, flags, at);
};

export const cloneInvocation = (inv: AuthorizedInvocation): AuthorizedInvocation =>
  newInvocation(inv.fn, inv.subs.map(cloneInvocation), inv.exhausted);
