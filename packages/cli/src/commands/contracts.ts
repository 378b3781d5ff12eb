/**
 * `sorobox upload <wasm>`, `sorobox deploy <wasm|hash> [--salt hex] [-- constructor args]` and
 * `sorobox invoke <contract> <function> [args]`: the contract's spec types the arguments.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Address, Contract, Operation, StrKey, contract, rpc, xdr } from '@stellar/stellar-sdk';
import { boolFlag, checkFlags, parseArgs, stringFlag, UsageError, type Args } from '../args.ts';
import { resolveSigner } from '../keys.ts';
import { argsFromSpec, functionInputs, showNative } from '../spec-args.ts';
import { buildTransaction, submitOperation } from '../submit.ts';
import { resolveTarget, type Target } from '../target.ts';

const COMMON = ['network', 'source'];

const readWasm = (path: string): Uint8Array => {
  if (!existsSync(path)) throw new UsageError(`no such file ${path}`);
  return new Uint8Array(readFileSync(path));
};

const codeExists = async (target: Target, hash: Uint8Array): Promise<boolean> => {
  const key = xdr.LedgerKey.fromXdrObject({ type: 7, contractCode: { hash } });
  return (await target.server.getLedgerEntries(key)).entries.length > 0;
};

/** Uploads unless the network has the code already; returns its hash. */
const uploadWasm = async (target: Target, args: Args, wasm: Uint8Array): Promise<Uint8Array> => {
  const hash = new Uint8Array(createHash('sha256').update(wasm).digest());
  if (await codeExists(target, hash)) return hash;
  await submitOperation(
    target,
    resolveSigner(target, stringFlag(args, 'source')),
    Operation.uploadContractWasm({ wasm }),
  );
  return hash;
};

export const upload = async (args: Args): Promise<void> => {
  checkFlags(args, COMMON);
  const [path] = args.positionals;
  if (!path)
    throw new UsageError('usage: sorobox upload <wasm> [--source <key>] [--network local|testnet|<url>]');
  const wasm = readWasm(path);
  const target = await resolveTarget(stringFlag(args, 'network'));
  console.log(Buffer.from(await uploadWasm(target, args, wasm)).toString('hex'));
};

const HASH = /^[0-9a-fA-F]{64}$/;

export const deploy = async (args: Args): Promise<void> => {
  checkFlags(args, [...COMMON, 'salt']);
  const [code] = args.positionals;
  if (!code)
    throw new UsageError(
      'usage: sorobox deploy <wasm|hash> [--salt hex] [--source <key>] [--network ...] [-- constructor args]',
    );
  const target = await resolveTarget(stringFlag(args, 'network'));
  let wasmHash: Uint8Array;
  let spec: contract.Spec;
  if (HASH.test(code) && !existsSync(code)) {
    wasmHash = new Uint8Array(Buffer.from(code, 'hex'));
    spec = contract.Spec.fromWasm(await target.server.getContractWasmByHash(Buffer.from(wasmHash)));
  } else {
    const wasm = readWasm(code);
    spec = contract.Spec.fromWasm(wasm);
    wasmHash = await uploadWasm(target, args, wasm);
  }
  const saltHex = stringFlag(args, 'salt');
  if (saltHex !== undefined && !HASH.test(saltHex)) throw new UsageError('--salt must be 32 bytes in hex');
  const salt = saltHex ? Buffer.from(saltHex, 'hex') : randomBytes(32);
  const hasConstructor = spec.funcs().some((f) => f.name.toString() === '__constructor');
  if (!hasConstructor && args.rest.length)
    throw new UsageError('the contract has no constructor, but arguments were given after --');
  let constructorArgs: xdr.ScVal[] = [];
  if (hasConstructor) {
    const rest = parseArgs(args.rest);
    const named = new Map([...rest.flags].map(([k, v]) => [k, v === true ? 'true' : v]));
    constructorArgs = argsFromSpec(spec, '__constructor', named, rest.positionals);
  }
  const signer = resolveSigner(target, stringFlag(args, 'source'));
  const op = Operation.createCustomContract({
    address: Address.fromString(signer.publicKey()),
    wasmHash: Buffer.from(wasmHash),
    salt,
    constructorArgs,
  });
  const done = await submitOperation(target, signer, op);
  if (!done.returnValue) throw new UsageError('the deployment returned no address');
  console.log(Address.fromScVal(done.returnValue).toString());
};

/** `invoke` flags of its own; every other `--name value` after the function is a function argument. */
const INVOKE_FLAGS = [...COMMON, 'send'];

export const invoke = async (argv: readonly string[]): Promise<void> => {
  const dashDash = argv.indexOf('--');
  const head = parseArgs(dashDash >= 0 ? argv.slice(0, dashDash) : argv);
  const [contractId, fn, ...positional] = head.positionals;
  if (!contractId || !fn)
    throw new UsageError(
      'usage: sorobox invoke <contract> <function> [--arg value ...] [--send] [--source <key>] [--network ...]',
    );
  if (!StrKey.isValidContract(contractId)) throw new UsageError(`not a contract address: ${contractId}`);
  const own = new Map([...head.flags].filter(([k]) => INVOKE_FLAGS.includes(k)));
  const named = new Map(
    [...head.flags]
      .filter(([k]) => !INVOKE_FLAGS.includes(k) && k !== 'help')
      .map(([k, v]) => [k, v === true ? 'true' : v]),
  );
  const ownArgs: Args = { positionals: [], flags: own, rest: [] };
  if (dashDash >= 0) {
    const tail = parseArgs(argv.slice(dashDash + 1));
    for (const [k, v] of tail.flags) named.set(k, v === true ? 'true' : v);
    positional.push(...tail.positionals);
  }
  const target = await resolveTarget(stringFlag(ownArgs, 'network'));
  const spec = contract.Spec.fromWasm(await target.server.getContractWasmByContractId(contractId));
  functionInputs(spec, fn);
  const op = new Contract(contractId).call(fn, ...argsFromSpec(spec, fn, named, positional));
  const signer = resolveSigner(target, stringFlag(ownArgs, 'source'));
  const sim = await target.server.simulateTransaction(await buildTransaction(target, signer, op));
  if (rpc.Api.isSimulationError(sim)) throw new UsageError(`simulation failed: ${sim.error}`);
  const readOnly =
    sim.transactionData.build().resources.footprint.readWrite.length === 0 && !sim.result?.auth.length;
  const send = own.has('send') ? boolFlag(ownArgs, 'send') : !readOnly;
  let retval = sim.result?.retval;
  if (send) retval = (await submitOperation(target, signer, op)).returnValue;
  console.log(retval ? showNative(spec.funcResToNative(fn, retval)) : 'null');
};
