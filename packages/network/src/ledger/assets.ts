/** Asset checks shared by the classic operations (`isAssetValid`, `isIssuer`). */
import type { xdr } from '@stellar/stellar-sdk';

const isAlnum = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** An asset code: alphanumeric characters, then only zero padding, with `min` to its length characters. */
const isCodeValid = (code: Uint8Array, min: number): boolean => {
  let len = code.indexOf(0);
  if (len < 0) len = code.length;
  if (len < min) return false;
  return code.subarray(0, len).every(isAlnum) && code.subarray(len).every((b) => b === 0);
};

export const isAssetValid = (asset: xdr.AssetWire | xdr.ChangeTrustAssetWire | xdr.TrustLineAssetWire): boolean => {
  switch (asset.type) {
    case 0:
      return true;
    case 1:
      return isCodeValid(asset.alphaNum4.assetCode, 1);
    case 2:
      return isCodeValid(asset.alphaNum12.assetCode, 5);
    default:
      return false;
  }
};

export const issuerOfAsset = (asset: xdr.AssetWire | xdr.ChangeTrustAssetWire): Uint8Array | undefined =>
  asset.type === 1 ? asset.alphaNum4.issuer.ed25519 : asset.type === 2 ? asset.alphaNum12.issuer.ed25519 : undefined;

export const isIssuer = (account: Uint8Array, asset: xdr.AssetWire | xdr.ChangeTrustAssetWire): boolean => {
  const issuer = issuerOfAsset(asset);
  return issuer !== undefined && Buffer.compare(issuer, account) === 0;
};
