/**
 * Nonces (`consume_nonce` in `auth.rs`): each signed authorization carries one, stored as a
 * temporary contract data entry of the authorizing address under `ScVal::LedgerKeyNonce`, live at
 * least until the signature expires. Seeing it again is a replay: `Error(Auth, ExistingValue)`.
 */
import { xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';
import type { ScAddressData } from '../host/objects.ts';
import { storageOf } from '../ledger/data.ts';
import { CONTRACT_DATA, TEMPORARY } from '../ledger/keys.ts';
import { minLiveUntilLedger } from '../ledger/ttl.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { addressToWire } from '../xdr/scval.ts';

export const nonceKey = (address: ScAddressData, nonce: bigint): Extract<xdr.LedgerKeyWire, { type: 6 }> => ({
  type: CONTRACT_DATA,
  contractData: {
    contract: addressToWire(address),
    key: { type: 21, nonceKey: { nonce } },
    durability: TEMPORARY,
  },
});

export const consumeNonce = (host: Host, address: ScAddressData, nonce: bigint, liveUntil: number): void => {
  const storage = storageOf(host);
  const key = nonceKey(address, nonce);
  if (storage.has(host, key))
    throw hostError(ErrorType.Auth, ErrorCode.ExistingValue, 'nonce already exists for address');
  const entry: xdr.LedgerEntryWire = {
    lastModifiedLedgerSeq: 0,
    data: { type: CONTRACT_DATA, contractData: { ext: { v: 0 }, ...key.contractData, val: { type: 1 } } },
    ext: { v: 0 },
  } as xdr.LedgerEntryWire;
  storage.write(host, key, entry, Math.max(liveUntil, minLiveUntilLedger(host, TEMPORARY)));
};

/**
 * Whether the ledger the run started from holds this nonce, live. A peek for recording mode only:
 * no footprint access, no charge, since enforcing never makes it.
 */
export const nonceOnLedger = (host: Host, address: ScAddressData, nonce: bigint): boolean => {
  const found = storageOf(host).snapshot.get(xdr.LedgerKey.fromXdrObject(nonceKey(address, nonce)));
  return found !== undefined && (found.liveUntilLedger ?? 0) >= host.ledger.sequenceNumber;
};
