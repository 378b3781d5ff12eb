/**
 * Contract ids (`get_full_contract_id_preimage` and `metered_hash_xdr` in the reference's
 * `host/lifecycle.rs`): the sha256 of the XDR `HashIdPreimage` `ENVELOPE_TYPE_CONTRACT_ID`, which
 * binds the network id to a `ContractIDPreimage` — a deployer address and a 32-byte salt, or an
 * asset (the id of that asset's Stellar Asset contract). The same bytes `@stellar/stellar-sdk`
 * hashes (`Asset.contractId`), so ids match the network's.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';

export type ContractIdPreimageWire = xdr.ContractIdPreimageWire;

/** `HashIdPreimage` type `ENVELOPE_TYPE_CONTRACT_ID`. */
const ENVELOPE_TYPE_CONTRACT_ID = 8;

export const addressPreimage = (address: xdr.ScAddressWire, salt: Uint8Array): ContractIdPreimageWire => ({
  type: 0,
  fromAddress: { address, salt },
});

export const assetPreimage = (asset: xdr.AssetWire): ContractIdPreimageWire => ({
  type: 1,
  fromAsset: asset,
});

/** The contract id a preimage names on the host's network, charged as serialising then hashing. */
export const contractIdOf = (host: Host, preimage: ContractIdPreimageWire): Uint8Array => {
  const bytes = xdr.HashIdPreimage.schema.encode({
    type: ENVELOPE_TYPE_CONTRACT_ID,
    contractId: { networkId: host.ledger.networkId, contractIdPreimage: preimage },
  });
  host.budget.charge(CostType.ValSer, bytes.length);
  host.budget.charge(CostType.ComputeSha256Hash, bytes.length);
  return sha256(bytes);
};
