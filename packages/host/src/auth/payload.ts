/**
 * The signature payload of address credentials (`get_signature_payload` in `auth.rs`, CAP-46-11
 * and CAP-71): sha256 of the XDR `HashIdPreimage` `ENVELOPE_TYPE_SOROBAN_AUTHORIZATION` {network id,
 * nonce, signature expiration ledger, invocation}, or, for the address-bound credentials of
 * protocol 27 (`ADDRESS_V2`, `ADDRESS_WITH_DELEGATES`), `..._WITH_ADDRESS` with the address too.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';

const ENVELOPE_TYPE_SOROBAN_AUTHORIZATION = 9;
const ENVELOPE_TYPE_SOROBAN_AUTHORIZATION_WITH_ADDRESS = 10;

export interface PayloadInput {
  readonly nonce: bigint;
  readonly signatureExpirationLedger: number;
  readonly invocation: xdr.SorobanAuthorizedInvocationWire;
  /** Set for address-bound credentials. */
  readonly address?: xdr.ScAddressWire;
}

export const signaturePayload = (host: Host, input: PayloadInput): Uint8Array => {
  const body = {
    networkId: host.ledger.networkId,
    nonce: input.nonce,
    signatureExpirationLedger: input.signatureExpirationLedger,
    invocation: input.invocation,
  };
  const preimage: xdr.HashIdPreimageWire = input.address
    ? {
        type: ENVELOPE_TYPE_SOROBAN_AUTHORIZATION_WITH_ADDRESS,
        sorobanAuthorizationWithAddress: { ...body, address: input.address },
      }
    : { type: ENVELOPE_TYPE_SOROBAN_AUTHORIZATION, sorobanAuthorization: body };
  const bytes = xdr.HashIdPreimage.schema.encode(preimage);
  host.budget.charge(CostType.ValSer, bytes.length);
  host.budget.charge(CostType.ComputeSha256Hash, bytes.length);
  return sha256(bytes);
};
