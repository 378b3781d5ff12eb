/**
 * Contract types as the built-in contracts encode them (`soroban-builtin-sdk-macros`): a struct is a
 * Map from field-name symbols (sorted) to values, an enum a Vec of the case symbol and, for a tuple
 * case, its one payload. Reading checks shapes the way the reference's conversions do.
 */
import type { Host } from '../host/host.ts';
import { bytesEqual } from '../host/objects.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { tagOf, type Val } from '../val/val.ts';
import { symbolBytesOf, symbolVal } from '../xdr/scval.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const conversionError = (what: string) =>
  hostError(ErrorType.Value, ErrorCode.UnexpectedType, `expected ${what}`);

export const sym = (host: Host, name: string): Val => symbolVal(host, utf8(name));

/** A struct value; `fields` must already be in field-name order. */
export const structVal = (host: Host, fields: readonly (readonly [string, Val])[]): Val =>
  host.add({ tag: Tag.MapObject, keys: fields.map(([k]) => sym(host, k)), values: fields.map(([, v]) => v) });

/** An enum case: `[case]` or `[case, payload]`. */
export const enumVal = (host: Host, name: string, payload?: Val): Val =>
  host.add({
    tag: Tag.VecObject,
    items: payload === undefined ? [sym(host, name)] : [sym(host, name), payload],
  });

export const vecVal = (host: Host, items: readonly Val[]): Val =>
  host.add({ tag: Tag.VecObject, items: [...items] });

export const bytesVal = (host: Host, bytes: Uint8Array): Val => host.add({ tag: Tag.BytesObject, bytes });

export const vecItems = (host: Host, v: Val): readonly Val[] => {
  if (tagOf(v) !== Tag.VecObject) throw conversionError('a Vec');
  return host.get(v, Tag.VecObject).items;
};

const isSymbol = (v: Val): boolean => tagOf(v) === Tag.SymbolSmall || tagOf(v) === Tag.SymbolObject;

/** The field values of struct `v` in `keys` order (`map_unpack_to_slice`: exactly these keys). */
export const unpackStruct = (host: Host, v: Val, keys: readonly string[]): Val[] => {
  if (tagOf(v) !== Tag.MapObject) throw conversionError('a struct (Map)');
  const map = host.get(v, Tag.MapObject);
  if (map.keys.length !== keys.length)
    throw hostError(
      ErrorType.Object,
      ErrorCode.UnexpectedSize,
      'differing host map and output slice lengths',
    );
  return keys.map((k, i) => {
    const key = map.keys[i];
    if (!isSymbol(key) || !bytesEqual(symbolBytesOf(host, key), utf8(k)))
      throw hostError(ErrorType.Object, ErrorCode.InvalidInput, `struct field ${i} is not '${k}'`);
    return map.values[i];
  });
};

/** An enum value's case (one of `cases`) and payload (undefined for a unit case). */
export const unpackEnum = (
  host: Host,
  v: Val,
  cases: readonly string[],
): { name: string; payload: Val | undefined } => {
  const items = vecItems(host, v);
  const discriminant = items[0];
  if (discriminant === undefined)
    throw hostError(ErrorType.Object, ErrorCode.IndexBounds, 'enum value is an empty Vec');
  if (!isSymbol(discriminant)) throw conversionError('an enum case symbol');
  const bytes = symbolBytesOf(host, discriminant);
  const name = cases.find((c) => bytesEqual(utf8(c), bytes));
  if (name === undefined)
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, 'symbol not found in slice of strs');
  return { name, payload: items[1] };
};

/** The payload of a tuple case (`vec.get(1)`). */
export const payloadOf = (e: { payload: Val | undefined }): Val => {
  if (e.payload === undefined)
    throw hostError(ErrorType.Object, ErrorCode.IndexBounds, 'enum case has no payload');
  return e.payload;
};

/** `BytesN<n>`: a Bytes object of exactly `n` bytes. */
export const bytesN = (host: Host, v: Val, n: number): Uint8Array => {
  if (tagOf(v) !== Tag.BytesObject) throw conversionError('a Bytes object');
  const bytes = host.get(v, Tag.BytesObject).bytes;
  if (bytes.length !== n)
    throw hostError(
      ErrorType.Value,
      ErrorCode.UnexpectedType,
      `expected BytesN<${n}>, got ${bytes.length} bytes`,
    );
  return bytes;
};
