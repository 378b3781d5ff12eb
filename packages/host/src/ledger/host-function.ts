/**
 * The four `HostFunction`s of an `InvokeHostFunctionOp` (`invoke_function` in the reference's
 * `host/frame.rs`): invoke a contract, upload Wasm, create a contract (v1 without constructor
 * arguments, v2 with them). Each runs inside the host-function frame the caller pushed.
 */
import { xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { validateSymbol } from '../val/symbol.ts';
import type { Val } from '../val/val.ts';
import { scValToVal } from '../xdr/scval.ts';
import { callContract } from './contract-call.ts';
import { createContract, uploadWasm } from './lifecycle.ts';

/** The name of the reference's `HostFunctionType`, for the host-function frame. */
export const hostFunctionName = (fn: xdr.HostFunction): string =>
  ['InvokeContract', 'CreateContract', 'UploadContractWasm', 'CreateContractV2'][fn.toXdrObject().type];

const invoke = (host: Host, args: xdr.InvokeContractArgsWire): Val => {
  const { contractAddress, functionName } = args;
  if (contractAddress.type !== 1)
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'InvokeContract needs a contract address');
  const name = new xdr.XdrString(functionName).bytes;
  validateSymbol(name);
  const fn = new TextDecoder().decode(name);
  return callContract(
    host,
    new Uint8Array(contractAddress.contractId),
    fn,
    args.args.map((a) => scValToVal(host, xdr.ScVal.fromXdrObject(a))),
  );
};

const create = (host: Host, args: xdr.CreateContractArgsV2Wire): Val => {
  const ctorArgs = args.constructorArgs.map((a) => scValToVal(host, xdr.ScVal.fromXdrObject(a)));
  return host.add({
    tag: Tag.AddressObject,
    address: { kind: 'contract', id: createContract(host, args, ctorArgs) },
  });
};

/** Runs the host function; returns its result as a Val. */
export const runHostFunction = (host: Host, hostFunction: xdr.HostFunction): Val => {
  const fn = hostFunction.toXdrObject();
  switch (fn.type) {
    case 0:
      return invoke(host, fn.invokeContract);
    case 1:
      return create(host, { ...fn.createContract, constructorArgs: [] });
    case 2:
      return host.add({ tag: Tag.BytesObject, bytes: uploadWasm(host, new Uint8Array(fn.wasm)) });
    case 3:
      return create(host, fn.createContractV2);
  }
};
