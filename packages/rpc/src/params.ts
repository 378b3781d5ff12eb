/**
 * Reading method params: each reader checks the JSON type and range and reports a bad value as
 * JSON-RPC InvalidParams, naming the field, before a method does anything.
 */
import { invalidParams, type Params, type RpcError } from './jsonrpc.ts';

export type XdrFormat = 'base64' | 'json';

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

export const optionalString = (params: Params, name: string): string | undefined => {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalidParams(`${name} must be a string, got ${describe(v)}`);
  return v;
};

export const requiredString = (params: Params, name: string): string => {
  const v = optionalString(params, name);
  if (v === undefined) throw invalidParams(`${name} is required`);
  return v;
};

/** An unsigned integer up to `max` (u32 by default); 0 counts as unset, as in Go's zero values. */
export const optionalUint = (params: Params, name: string, max = 0xffff_ffff): number | undefined => {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > max)
    throw invalidParams(`${name} must be an integer between 0 and ${max}, got ${JSON.stringify(v)}`);
  return v === 0 ? undefined : v;
};

export const optionalObject = (params: Params, name: string): Params | undefined => {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v))
    throw invalidParams(`${name} must be an object, got ${describe(v)}`);
  return v as Params;
};

export const optionalArray = (params: Params, name: string): readonly unknown[] | undefined => {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw invalidParams(`${name} must be an array, got ${describe(v)}`);
  return v;
};

export const optionalBoolean = (params: Params, name: string): boolean | undefined => {
  const v = params[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidParams(`${name} must be a boolean, got ${describe(v)}`);
  return v;
};

/** `xdrFormat`: "base64" (the default) or "json"; stellar-rpc's wording for anything else. */
export const xdrFormatOf = (params: Params): XdrFormat => {
  const v = optionalString(params, 'xdrFormat');
  if (v === undefined || v === '' || v === 'base64') return 'base64';
  if (v === 'json') return 'json';
  throw invalidParams(`expected base64 or json for xdrFormat, got ${JSON.stringify(v)}`);
};

/**
 * `pagination: {cursor?, limit?}` with the limit checked against the method's maximum; `fail` is
 * the error the method reports a request it refuses with (stellar-rpc differs between methods).
 */
export const paginationOf = (
  params: Params,
  maxLimit: number,
  fail: (message: string) => RpcError = invalidParams,
): { cursor: string | undefined; limit: number | undefined } => {
  const p = optionalObject(params, 'pagination');
  if (!p) return { cursor: undefined, limit: undefined };
  const cursor = optionalString(p, 'cursor') || undefined;
  const limit = optionalUint(p, 'limit');
  if (limit !== undefined && limit > maxLimit) throw fail(`limit must not exceed ${maxLimit}`);
  return { cursor, limit };
};
