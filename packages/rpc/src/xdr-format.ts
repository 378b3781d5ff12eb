/**
 * XDR on the wire: base64 by default, or with `xdrFormat: "json"` the SDK's XDR JSON form under
 * the field's `*Json` twin (stellar-rpc names each twin; see the methods). Decoding client XDR
 * reports malformed input as InvalidParams.
 */
import { xdr } from '@stellar/stellar-sdk';
import { invalidParams } from './jsonrpc.ts';
import type { XdrFormat } from './params.ts';

interface XdrValueLike {
  toXdr(format: 'base64'): string;
  toJson(): unknown;
}

export const encodeXdr = (format: XdrFormat, value: XdrValueLike): unknown =>
  format === 'json' ? value.toJson() : value.toXdr('base64');

/** `{ [base64Name]: b64 }` or `{ [jsonName]: json }`. */
export const xdrField = (
  format: XdrFormat,
  base64Name: string,
  jsonName: string,
  value: XdrValueLike,
): Record<string, unknown> =>
  format === 'json' ? { [jsonName]: value.toJson() } : { [base64Name]: value.toXdr('base64') };

/** Same for a list. */
export const xdrListField = (
  format: XdrFormat,
  base64Name: string,
  jsonName: string,
  values: readonly XdrValueLike[],
): Record<string, unknown> =>
  format === 'json'
    ? { [jsonName]: values.map((v) => v.toJson()) }
    : { [base64Name]: values.map((v) => v.toXdr('base64')) };

/** Decodes base64 XDR sent by a client with `decode`; `what` names it in the error. */
export const decodeXdr = <T>(decode: (b64: string) => T, b64: string, what: string): T => {
  try {
    return decode(b64);
  } catch {
    throw invalidParams(`cannot unmarshal ${what}`);
  }
};

export const decodeEnvelope = (b64: string): xdr.TransactionEnvelope | undefined => {
  try {
    return xdr.TransactionEnvelope.fromXdr(b64, 'base64');
  } catch {
    return undefined;
  }
};

/** Seconds since the epoch as RFC 3339 (`2006-01-02T15:04:05Z`), as stellar-rpc prints close times. */
export const rfc3339 = (seconds: bigint): string =>
  new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
