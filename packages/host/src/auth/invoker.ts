/**
 * Contract-to-contract authorization given on the fly (`authorize_as_curr_contract`,
 * `builtin_contracts/invoker_contract_auth.rs`): the running contract lists, as
 * `InvokerContractAuthEntry` values, the deeper calls it authorizes for its next sub-call. Each
 * entry becomes a tree matched like a signed one, with no credentials to check.
 */
import { xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { tagOf, type Val } from '../val/val.ts';
import { addressToWire, symbolBytesOf, valToScValWire } from '../xdr/scval.ts';
import { payloadOf, unpackEnum, unpackStruct, vecItems } from './contract-types.ts';
import { newInvocation, type AuthorizedInvocation, type CreateContractArgsWire } from './invocation.ts';
import { InvocationTracker } from './matching.ts';

const ENTRY_CASES = ['Contract', 'CreateContractHostFn', 'CreateContractWithCtorHostFn'];
const EXECUTABLE_CASES = ['Wasm', 'StellarAsset', 'ExternalRef'];

const hash32 = (host: Host, v: Val, what: string): Uint8Array => {
  if (tagOf(v) !== Tag.BytesObject)
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `${what} is not a Bytes object`);
  const bytes = host.get(v, Tag.BytesObject).bytes;
  if (bytes.length !== 32)
    throw hostError(ErrorType.Object, ErrorCode.UnexpectedSize, `${what} must be 32 bytes`);
  return new Uint8Array(bytes);
};

const addressOf = (host: Host, v: Val): Val => {
  if (tagOf(v) !== Tag.AddressObject)
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'expected an Address');
  return v;
};

/** A `ContractExecutable` contract value as XDR (CAP-85's `ExternalRef {owner, tag}` included). */
const executableFromVal = (host: Host, v: Val): xdr.ContractExecutableWire => {
  const e = unpackEnum(host, v, EXECUTABLE_CASES);
  if (e.name === 'Wasm') return { type: 0, wasmHash: hash32(host, payloadOf(e), 'wasm_ref') };
  if (e.name === 'StellarAsset')
    throw hostError(
      ErrorType.Auth,
      ErrorCode.InternalError,
      'unexpected authorized StellarAsset contract creation',
    );
  const [owner, tag] = unpackStruct(host, payloadOf(e), ['owner', 'tag']);
  if (tagOf(tag) !== Tag.StringObject)
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'executable tag is not a String');
  return {
    type: 2,
    externalRef: {
      executableOwner: addressToWire(host.get(addressOf(host, owner), Tag.AddressObject).address),
      tag: new xdr.XdrString(host.get(tag, Tag.StringObject).bytes),
    },
  };
};

const entryToInvocation = (host: Host, invoker: xdr.ScAddressWire, v: Val): AuthorizedInvocation => {
  const e = unpackEnum(host, v, ENTRY_CASES);
  const payload = payloadOf(e);
  if (e.name === 'Contract') {
    const [context, subs] = unpackStruct(host, payload, ['context', 'sub_invocations']);
    const [args, contract, fnName] = unpackStruct(host, context, ['args', 'contract', 'fn_name']);
    const fn = {
      kind: 'contract' as const,
      contract: addressOf(host, contract),
      fn: new Uint8Array(symbolBytesOf(host, fnName)),
      args: vecItems(host, args),
    };
    return newInvocation(
      fn,
      vecItems(host, subs).map((s) => entryToInvocation(host, invoker, s)),
    );
  }
  const withCtor = e.name === 'CreateContractWithCtorHostFn';
  const fields = unpackStruct(
    host,
    payload,
    withCtor ? ['constructor_args', 'executable', 'salt'] : ['executable', 'salt'],
  );
  const [executable, salt] = fields.slice(-2);
  const args: CreateContractArgsWire = {
    contractIdPreimage: { type: 0, fromAddress: { address: invoker, salt: hash32(host, salt, 'salt') } },
    executable: executableFromVal(host, executable),
    constructorArgs: withCtor ? vecItems(host, fields[0]).map((a) => valToScValWire(host, a)) : [],
  };
  return newInvocation({ kind: 'create', args });
};

export class InvokerTracker {
  constructor(
    readonly contract: Val,
    readonly invocation: InvocationTracker,
  ) {}

  /** A tracker for one entry given by the running contract, whose address is `invoker`. */
  static fromEntry(host: Host, invoker: Val, entry: Val): InvokerTracker {
    const wire = addressToWire(host.get(invoker, Tag.AddressObject).address);
    return new InvokerTracker(invoker, new InvocationTracker(entryToInvocation(host, wire, entry)));
  }
}
