/**
 * Ledger keys in their XDR wire form, and the string ids the storage and footprint index them by
 * (the key's XDR bytes, one char per byte: two keys are equal exactly when their XDR is).
 */
import { xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';

export type LedgerKeyWire = xdr.LedgerKeyWire;
export type LedgerEntryWire = xdr.LedgerEntryWire;
export type ScValWire = xdr.ScValWire;

export const TEMPORARY = 0;
export const PERSISTENT = 1;
export type Durability = typeof TEMPORARY | typeof PERSISTENT;

/** `LedgerEntryType` values of the keys Soroban reads. */
const ACCOUNT = 0;
const TRUSTLINE = 1;
export const CONTRACT_DATA = 6;
export const CONTRACT_CODE = 7;

export const encodeKey = (key: LedgerKeyWire): Uint8Array => xdr.LedgerKey.schema.encode(key);
export const encodeEntry = (entry: LedgerEntryWire): Uint8Array => xdr.LedgerEntry.schema.encode(entry);

export const keyIdOfBytes = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
export const keyId = (key: LedgerKeyWire): string => keyIdOfBytes(encodeKey(key));

export const contractAddressWire = (contractId: Uint8Array): xdr.ScAddressWire =>
  ({ type: 1, contractId }) as xdr.ScAddressWire;

export const contractDataKey = (contractId: Uint8Array, key: ScValWire, durability: Durability): LedgerKeyWire => ({
  type: CONTRACT_DATA,
  contractData: { contract: contractAddressWire(contractId), key, durability },
});

/** The persistent entry holding a contract's `ScContractInstance` (executable + instance storage). */
export const instanceKey = (contractId: Uint8Array): LedgerKeyWire => contractDataKey(contractId, { type: 20 }, PERSISTENT);

export const contractCodeKey = (hash: Uint8Array): LedgerKeyWire => ({ type: CONTRACT_CODE, contractCode: { hash } });

/** Durability of an entry that has a TTL (`get_key_durability`): code is persistent. */
export const durabilityOf = (key: LedgerKeyWire): Durability | undefined => {
  if (key.type === CONTRACT_DATA) return key.contractData.durability as Durability;
  if (key.type === CONTRACT_CODE) return PERSISTENT;
  return undefined;
};

/** Soroban only ever touches accounts, trustlines, contract data and contract code. */
export const checkSupportedKey = (key: LedgerKeyWire): void => {
  if (key.type !== ACCOUNT && key.type !== TRUSTLINE && key.type !== CONTRACT_DATA && key.type !== CONTRACT_CODE)
    throw hostError(ErrorType.Storage, ErrorCode.InternalError, `ledger key type ${key.type} is not supported by Soroban storage`);
};
