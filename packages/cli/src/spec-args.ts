/**
 * Function arguments from the command line, typed by the contract's spec (`contractspecv0`, read
 * with `@stellar/stellar-sdk`'s contract.Spec): `--name value` or positionally, in the function's
 * order. Numbers, booleans, strings, symbols and addresses are written as they are, bytes in hex,
 * `null` for an absent option, and anything structured (vec, map, tuple, struct, union) as JSON.
 */
import { contract, xdr } from '@stellar/stellar-sdk';
import { UsageError } from './args.ts';

const AS_STRING = new Set([
  'scSpecTypeString',
  'scSpecTypeSymbol',
  'scSpecTypeAddress',
  'scSpecTypeMuxedAddress',
  'scSpecTypeU64',
  'scSpecTypeI64',
  'scSpecTypeU128',
  'scSpecTypeI128',
  'scSpecTypeU256',
  'scSpecTypeI256',
  'scSpecTypeTimepoint',
  'scSpecTypeDuration',
]);

/** The JS value `Spec.nativeToScVal` takes for a command-line string of type `ty`. */
const nativeOf = (text: string, ty: xdr.ScSpecTypeDef, name: string): unknown => {
  const t = ty.type;
  if (t === 'scSpecTypeOption')
    return text === 'null'
      ? null
      : nativeOf(text, (ty as xdr.ScSpecTypeDef & { value: xdr.ScSpecTypeOption }).value.valueType, name);
  if (AS_STRING.has(t)) return text;
  if (t === 'scSpecTypeU32' || t === 'scSpecTypeI32') {
    const n = Number(text);
    if (!Number.isInteger(n))
      throw new UsageError(`--${name} must be an integer, got ${JSON.stringify(text)}`);
    return n;
  }
  if (t === 'scSpecTypeBool') {
    if (text !== 'true' && text !== 'false')
      throw new UsageError(`--${name} must be true or false, got ${JSON.stringify(text)}`);
    return text === 'true';
  }
  if (t === 'scSpecTypeBytes' || t === 'scSpecTypeBytesN') {
    const hex = text.replace(/^0x/, '');
    if (!/^([0-9a-fA-F]{2})*$/.test(hex))
      throw new UsageError(`--${name} must be hex bytes, got ${JSON.stringify(text)}`);
    return new Uint8Array(Buffer.from(hex, 'hex'));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(
      `--${name} must be JSON for its type (${t.replace('scSpecType', '')}), got ${JSON.stringify(text)}`,
    );
  }
};

export const functionInputs = (spec: contract.Spec, fn: string) => {
  let func: xdr.ScSpecFunctionV0;
  try {
    func = spec.getFunc(fn);
  } catch {
    const names = spec
      .funcs()
      .map((f) => f.name.toString())
      .filter((n) => !n.startsWith('__'));
    throw new UsageError(`the contract has no function ${fn}; it has: ${names.join(', ')}`);
  }
  return func.inputs.map((i) => ({ name: i.name.toString(), type: i.type }));
};

/** The arguments of `fn`, by name (`named`) or in order (`positional`). */
export const argsFromSpec = (
  spec: contract.Spec,
  fn: string,
  named: ReadonlyMap<string, string>,
  positional: readonly string[],
): xdr.ScVal[] => {
  const inputs = functionInputs(spec, fn);
  for (const name of named.keys())
    if (!inputs.some((i) => i.name === name))
      throw new UsageError(
        `${fn} has no argument ${name}; its arguments: ${inputs.map((i) => i.name).join(', ') || 'none'}`,
      );
  if (positional.length > inputs.length)
    throw new UsageError(`${fn} takes ${inputs.length} arguments, got ${positional.length}`);
  return inputs.map((input, i) => {
    const text = named.get(input.name) ?? positional[i];
    if (text === undefined) {
      if (input.type.type === 'scSpecTypeOption') return xdr.ScVal.scvVoid();
      throw new UsageError(`missing argument --${input.name} of ${fn}`);
    }
    try {
      return spec.nativeToScVal(nativeOf(text, input.type, input.name), input.type);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--${input.name}: ${(e as Error).message}`);
    }
  });
};

/** A JSON rendering of a native value (bigints as strings, bytes as hex). */
export const showNative = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
  ) ?? 'null';
