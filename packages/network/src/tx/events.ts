/**
 * Events stellar-core emits itself: diagnostic errors (`pushSimpleDiagnosticError`), and the
 * CAP-67 events of classic operations and fees, published as if by the asset's Stellar Asset
 * Contract (`transfer`, `mint`, `burn`, `fee`) with the SEP-11 asset string as the last topic.
 */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import { issuerOfAsset } from '../ledger/assets.ts';
import { sha256 } from '../ledger/keys.ts';
import type { ContractEventWire, DiagnosticEventWire } from './context.ts';

type ScValWire = xdr.ScValWire;
export type AssetWire = xdr.AssetWire;

const DIAGNOSTIC = 2;
const CONTRACT = 1;

export const symbolVal = (s: string): ScValWire => ({ type: 15, sym: new xdr.XdrString(s) });
export const stringVal = (s: string): ScValWire => ({ type: 14, str: new xdr.XdrString(s) });
export const u64Val = (n: bigint | number): ScValWire => ({ type: 5, u64: BigInt(n) });
export const i128Val = (n: bigint): ScValWire => ({ type: 10, i128: { hi: n >> 64n, lo: BigInt.asUintN(64, n) } });
export const accountVal = (accountId: Uint8Array): ScValWire => ({ type: 18, address: { type: 0, accountId: { type: 0, ed25519: accountId } } });
export const bytesVal = (b: Uint8Array): ScValWire => ({ type: 13, bytes: b });

/** A diagnostic `["error", Error(type, code)]` event with a message (and arguments). */
export const diagnosticError = (errorType: number, errorCode: number, message: string, args: ScValWire[] = []): DiagnosticEventWire => {
  const error = (errorType === 0 ? { type: 0, contractCode: errorCode } : { type: errorType, code: errorCode }) as xdr.ScErrorWire;
  const data: ScValWire = args.length === 0 ? stringVal(message) : { type: 16, vec: [stringVal(message), ...args] };
  return {
    inSuccessfulContractCall: false,
    event: { ext: { v: 0 }, contractId: null, type: DIAGNOSTIC, body: { v: 0, v0: { topics: [symbolVal('error'), { type: 2, error }], data } } },
  };
};

export const ScErrorType = { Contract: 0, WasmVm: 1, Context: 2, Storage: 3, Object: 4, Crypto: 5, Events: 6, Budget: 7, Value: 8, Auth: 9 } as const;
export const ScErrorCode = {
  ArithDomain: 0,
  IndexBounds: 1,
  InvalidInput: 2,
  MissingValue: 3,
  ExistingValue: 4,
  ExceededLimit: 5,
  InvalidAction: 6,
  InternalError: 7,
  UnexpectedType: 8,
  UnexpectedSize: 9,
} as const;

const assetCode = (code: Uint8Array): string => Buffer.from(code).toString('latin1').replace(/\0+$/, '');

/** SEP-11 form: "native" or "CODE:ISSUER". */
export const sep11Asset = (asset: AssetWire): string => {
  switch (asset.type) {
    case 0:
      return 'native';
    case 1:
      return `${assetCode(asset.alphaNum4.assetCode)}:${StrKey.encodeEd25519PublicKey(Buffer.from(asset.alphaNum4.issuer.ed25519))}`;
    case 2:
      return `${assetCode(asset.alphaNum12.assetCode)}:${StrKey.encodeEd25519PublicKey(Buffer.from(asset.alphaNum12.issuer.ed25519))}`;
  }
};

const contractIds = new Map<string, Uint8Array>();

/** The Stellar Asset Contract id of an asset: sha256 of its `HashIdPreimage::ContractId` (remembered). */
export const assetContractId = (networkId: Uint8Array, asset: AssetWire): Uint8Array => {
  const preimage = xdr.HashIdPreimage.schema.encode({ type: 8, contractId: { networkId, contractIdPreimage: { type: 1, fromAsset: asset } } });
  const id = Buffer.from(preimage).toString('latin1');
  let hash = contractIds.get(id);
  if (!hash) {
    if (contractIds.size >= 10_000) contractIds.clear();
    contractIds.set(id, (hash = sha256(preimage)));
  }
  return hash;
};

const NATIVE: AssetWire = { type: 0 };
const nativeIds = new Map<string, Uint8Array>();

/** The native asset's contract id on a network (the fee events' contract). */
const nativeContractId = (networkId: Uint8Array): Uint8Array => {
  const key = Buffer.from(networkId).toString('latin1');
  let id = nativeIds.get(key);
  if (!id) nativeIds.set(key, (id = assetContractId(networkId, NATIVE)));
  return id;
};

const eventXdr = new WeakMap<ContractEventWire, Uint8Array>();

/** A contract event's XDR, computed once per event (it goes into the meta and the event store). */
export const encodeContractEvent = (e: ContractEventWire): Uint8Array => {
  let bytes = eventXdr.get(e);
  if (!bytes) eventXdr.set(e, (bytes = xdr.ContractEvent.schema.encode(e)));
  return bytes;
};

const sacEvent = (networkId: Uint8Array, asset: AssetWire, topics: ScValWire[], data: ScValWire): ContractEventWire => ({
  ext: { v: 0 },
  contractId: asset.type === 0 ? nativeContractId(networkId) : assetContractId(networkId, asset),
  type: CONTRACT,
  body: { v: 0, v0: { topics, data } },
});

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What a transfer's `to_muxed_id` is (`makeClassicMemoSCVal`): the destination's muxed id, else
 * the transaction memo; undefined when there is neither.
 */
export const toMuxedIdOf = (destination: xdr.MuxedAccountWire, memo: xdr.MemoWire): ScValWire | undefined => {
  if (destination.type === 256) return u64Val(destination.med25519.id);
  switch (memo.type) {
    case 1:
      return { type: 14, str: memo.text };
    case 2:
      return u64Val(memo.id);
    case 3:
      return bytesVal(memo.hash);
    case 4:
      return bytesVal(memo.retHash);
    default:
      return undefined;
  }
};

/**
 * The event of moving `amount` of an asset between accounts (`eventForTransferWithIssuerCheck`):
 * a mint when it comes from the issuer, a burn when it goes to the issuer, else a transfer, whose
 * data is a map with `to_muxed_id` when the destination is muxed or the transaction has a memo.
 */
export const transferEvent = (
  networkId: Uint8Array,
  asset: AssetWire,
  from: Uint8Array,
  to: Uint8Array,
  amount: bigint,
  toMuxedId?: ScValWire,
): ContractEventWire => {
  const issuer = issuerOfAsset(asset);
  const fromIssuer = sameBytes(issuer, from);
  const toIssuer = sameBytes(issuer, to);
  const name = stringVal(sep11Asset(asset));
  if (fromIssuer && !toIssuer) return sacEvent(networkId, asset, [symbolVal('mint'), accountVal(to), name], i128Val(amount));
  if (toIssuer && !fromIssuer) return sacEvent(networkId, asset, [symbolVal('burn'), accountVal(from), name], i128Val(amount));
  const data: ScValWire = toMuxedId
    ? { type: 17, map: [{ key: symbolVal('amount'), val: i128Val(amount) }, { key: symbolVal('to_muxed_id'), val: toMuxedId }] }
    : i128Val(amount);
  return sacEvent(networkId, asset, [symbolVal('transfer'), accountVal(from), accountVal(to), name], data);
};

/** The `fee` event: a charge (positive) or a refund (negative) to the fee source. */
export const feeEvent = (networkId: Uint8Array, feeSource: Uint8Array, amount: bigint): ContractEventWire =>
  sacEvent(networkId, { type: 0 }, [symbolVal('fee'), accountVal(feeSource)], i128Val(amount));
