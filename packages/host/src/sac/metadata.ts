/**
 * The SAC's metadata (`metadata.rs`): instance key `METADATA` holding `{decimal: 7, name, symbol}`.
 * The name is the SEP-11 asset string, `native` or `code:issuer` with the code escaped as TxRep
 * does; the symbol is `native` or the code's raw 4 or 12 bytes, padding included.
 */
import { StrKey, type xdr } from '@stellar/stellar-sdk';
import { structVal, unpackStruct } from '../auth/contract-types.ts';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { instanceGet, instancePut } from '../ledger/instance.ts';
import { Tag } from '../val/tag.ts';
import { fromU32, type Val } from '../val/val.ts';
import { symbolVal } from '../xdr/scval.ts';
import { isCredit, issuerOf } from './asset-info.ts';

export const DECIMALS = 7;

const metadataKey = (host: Host): Val => symbolVal(host, new TextEncoder().encode('METADATA'));

const STRKEY_LEN = 56;

/**
 * `render_sep0011_asset_code`: printable ASCII stays, `:`, `\`, controls, space and non-ASCII
 * become `\xNN`. A 4-byte code ends at its first zero; a 12-byte one escapes zeros up to the
 * fifth byte, so that it never reads like a 4-byte code.
 */
export const renderAssetCode = (code: Uint8Array): string => {
  let out = '';
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === 0 && (code.length === 4 || i > 4)) break;
    const escape = c === 0x3a || c === 0x5c || c <= 0x20 || c >= 0x7f;
    out += escape ? `\\x${c.toString(16).padStart(2, '0')}` : String.fromCharCode(c);
  }
  return out;
};

const stringVal = (host: Host, bytes: Uint8Array): Val => host.add({ tag: Tag.StringObject, bytes });

/** `set_metadata`, once the asset info is written. */
export const writeMetadata = (host: Host, asset: xdr.AssetWire): void => {
  let name: Uint8Array;
  let symbol: Uint8Array;
  if (!isCredit(asset)) {
    name = symbol = new TextEncoder().encode('native');
  } else {
    symbol = (asset.type === 1 ? asset.alphaNum4.assetCode : asset.alphaNum12.assetCode).slice();
    const capacity = symbol.length * 4 + 1 + STRKEY_LEN;
    host.budget.charge(CostType.MemAlloc, capacity + STRKEY_LEN);
    name = new TextEncoder().encode(`${renderAssetCode(symbol)}:${StrKey.encodeEd25519PublicKey(Buffer.from(issuerOf(asset)))}`);
  }
  const metadata = structVal(host, [
    ['decimal', fromU32(DECIMALS)],
    ['name', stringVal(host, name)],
    ['symbol', stringVal(host, symbol)],
  ]);
  instancePut(host, metadataKey(host), metadata);
};

const readMetadata = (host: Host): Val[] => unpackStruct(host, instanceGet(host, metadataKey(host)), ['decimal', 'name', 'symbol']);

/** The SEP-11 asset string, as a String Val (also the last topic of the SAC's events). */
export const readName = (host: Host): Val => readMetadata(host)[1];

export const readSymbol = (host: Host): Val => readMetadata(host)[2];
