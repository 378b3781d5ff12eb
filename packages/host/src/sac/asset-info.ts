/**
 * The SAC's instance storage (`asset_info.rs`, `admin.rs`, `public_types.rs`): which asset it is —
 * `AssetInfo::Native`, or `AlphaNum4` / `AlphaNum12` `{asset_code: String, issuer: BytesN<32>}`
 * with the code's raw 4 or 12 bytes — and its administrator, the issuer at creation. Also the
 * validation stellar-core applies to asset codes (`isAssetValid`).
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import { bytesN, enumVal, payloadOf, structVal, unpackEnum, unpackStruct } from '../auth/contract-types.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual } from '../host/objects.ts';
import { instanceGet, instanceHas, instancePut } from '../ledger/instance.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { tagOf, type Val } from '../val/val.ts';
import type { CreditAssetWire } from './trustlines.ts';
import { addressOf } from './storage-types.ts';

const assetInfoKey = (host: Host): Val => enumVal(host, 'AssetInfo');
const adminKey = (host: Host): Val => enumVal(host, 'Admin');

const codeOf = (asset: CreditAssetWire): Uint8Array =>
  asset.type === 1 ? asset.alphaNum4.assetCode : asset.alphaNum12.assetCode;

export const issuerOf = (asset: CreditAssetWire): Uint8Array =>
  asset.type === 1 ? asset.alphaNum4.issuer.ed25519 : asset.alphaNum12.issuer.ed25519;

export const isCredit = (asset: xdr.AssetWire): asset is CreditAssetWire => asset.type !== 0;

export const writeAssetInfo = (host: Host, asset: xdr.AssetWire): void => {
  const info = isCredit(asset)
    ? enumVal(
        host,
        asset.type === 1 ? 'AlphaNum4' : 'AlphaNum12',
        structVal(host, [
          ['asset_code', host.add({ tag: Tag.StringObject, bytes: codeOf(asset).slice() })],
          ['issuer', host.add({ tag: Tag.BytesObject, bytes: issuerOf(asset).slice() })],
        ]),
      )
    : enumVal(host, 'Native');
  instancePut(host, assetInfoKey(host), info);
};

export const hasAssetInfo = (host: Host): boolean => instanceHas(host, assetInfoKey(host));

/** A `String` of exactly `n` bytes (`String::to_array`). */
const fixedString = (host: Host, v: Val, n: number): Uint8Array => {
  if (tagOf(v) !== Tag.StringObject) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'expected a String');
  const bytes = host.get(v, Tag.StringObject).bytes;
  if (bytes.length !== n) throw hostError(ErrorType.Value, ErrorCode.UnexpectedSize, 'String had unexpected size', bytes.length);
  return bytes;
};

/** `read_asset`: the asset this contract is for, as the XDR `Asset`. */
export const readAsset = (host: Host): xdr.AssetWire => {
  const info = unpackEnum(host, instanceGet(host, assetInfoKey(host)), ['Native', 'AlphaNum4', 'AlphaNum12']);
  if (info.name === 'Native') return { type: 0 };
  const [code, issuer] = unpackStruct(host, payloadOf(info), ['asset_code', 'issuer']);
  const issuerId = { type: 0 as const, ed25519: bytesN(host, issuer, 32) };
  return info.name === 'AlphaNum4'
    ? { type: 1, alphaNum4: { assetCode: fixedString(host, code, 4), issuer: issuerId } }
    : { type: 2, alphaNum12: { assetCode: fixedString(host, code, 12), issuer: issuerId } };
};

/** Whether `address` is the issuer of the contract's asset (never for the native asset). */
export const isIssuer = (host: Host, asset: xdr.AssetWire, address: Val): boolean => {
  if (!isCredit(asset)) return false;
  const a = host.get(address, Tag.AddressObject).address;
  return a.kind === 'account' && bytesEqual(a.key, issuerOf(asset));
};

export const readAdmin = (host: Host): Val => addressOf(instanceGet(host, adminKey(host)));

export const writeAdmin = (host: Host, admin: Val): void => instancePut(host, adminKey(host), admin);

/** `metered_from_xdr_obj` of an `Asset`: malformed bytes are `Error(Value, InvalidInput)`. */
export const decodeAsset = (host: Host, serialized: Val): xdr.AssetWire => {
  const bytes = host.get(serialized, Tag.BytesObject).bytes;
  host.budget.charge(CostType.ValDeser, bytes.length);
  try {
    return xdr.Asset.schema.decode(bytes);
  } catch (e) {
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `malformed Asset XDR: ${(e as Error).message}`);
  }
};

const invalidCode = (message: string) => hostError(ErrorType.Value, ErrorCode.InvalidInput, message);

/**
 * `validate_asset` (stellar-core's `isAssetValid`): ASCII alphanumerics, padded with zeros at the
 * end only, at least one character, and codes of up to 4 characters must be `AlphaNum4`.
 */
export const validateAsset = (asset: xdr.AssetWire): void => {
  if (!isCredit(asset)) return;
  const code = codeOf(asset);
  let padding = false;
  let chars = 0;
  for (const c of code) {
    if (c === 0) padding = true;
    else if (padding) throw invalidCode("asset code can't have 0 character in the middle");
    else if (!/[0-9A-Za-z]/.test(String.fromCharCode(c))) throw invalidCode('asset code has invalid character');
    else chars++;
  }
  if (chars === 0) throw invalidCode("asset code doesn't have non-0 characters");
  if (chars <= 4 && code.length > 4) throw invalidCode('asset codes with 4 characters or less should have `CreditAlphanum4` type');
};
