/**
 * Authenticating a Stellar (G...) account (`check_account_authentication` in
 * `builtin_contracts/account_contract.rs`): the signature is a Vec of `{public_key: BytesN<32>,
 * signature: BytesN<64>}` maps, 1 to 20 of them with strictly ascending keys, each a valid ed25519
 * signature of the payload by a signer of the account; their weights must reach the account's
 * medium threshold. The account entry is read from the ledger through the footprint.
 */
import type { xdr } from '@stellar/stellar-sdk';
import { hashSigFunctions } from '../functions/crypto/hash-sig.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual, compareBytes } from '../host/objects.ts';
import { chargeAccountCopy, chargeClassicKey } from '../ledger/classic-metering.ts';
import { storageOf } from '../ledger/data.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import type { Val } from '../val/val.ts';
import { bytesN, bytesVal, unpackStruct, vecItems } from './contract-types.ts';

const MAX_ACCOUNT_SIGNATURES = 20;
const THRESHOLD_MASTER_WEIGHT = 0;
const THRESHOLD_MEDIUM = 2;
const SIGNER_KEY_ED25519 = 0;

/** The built-in contracts' `ContractError::AuthenticationError`. */
const AUTHENTICATION_ERROR = 5;
const authenticationError = (message: string) =>
  new HostError(ErrorType.Contract, AUTHENTICATION_ERROR, message);

export const accountKey = (key: Uint8Array): xdr.LedgerKeyWire => ({
  type: 0,
  account: { accountId: { type: 0, ed25519: key } },
});

/** The account's ledger entry (`load_account`); a missing one is `Error(Storage, MissingValue)`. */
export const loadAccount = (host: Host, key: Uint8Array): xdr.AccountEntryWire => {
  chargeClassicKey(host);
  const { entry } = storageOf(host).get(host, accountKey(key));
  if (entry.data.type !== 0)
    throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'ledger entry is not account');
  chargeAccountCopy(host, entry.data.account);
  return entry.data.account;
};

/** A signer's weight (`get_signer_weight_from_account`): the master weight, a signer's (at most 255), or 0. */
const signerWeight = (account: xdr.AccountEntryWire, key: Uint8Array): number => {
  if (bytesEqual(account.accountId.ed25519, key)) return account.thresholds[THRESHOLD_MASTER_WEIGHT];
  const signer = account.signers.find(
    (s) => s.key.type === SIGNER_KEY_ED25519 && bytesEqual(s.key.ed25519, key),
  );
  return signer ? Math.min(signer.weight, 255) : 0;
};

export const authenticateAccount = (
  host: Host,
  key: Uint8Array,
  payload: Uint8Array,
  signature: Val,
): void => {
  const signatures = vecItems(host, signature);
  if (signatures.length > MAX_ACCOUNT_SIGNATURES) throw authenticationError('too many account signers');
  if (signatures.length === 0) throw authenticationError('no account signatures found');
  const payloadVal = bytesVal(host, payload);
  const account = loadAccount(host, key);
  let previous: Uint8Array | undefined;
  let weight = 0;
  for (const s of signatures) {
    const [publicKeyVal, sigVal] = unpackStruct(host, s, ['public_key', 'signature']);
    const publicKey = bytesN(host, publicKeyVal, 32);
    bytesN(host, sigVal, 64);
    if (previous && compareBytes(previous, publicKey) >= 0)
      throw authenticationError('public keys are not ordered');
    hashSigFunctions.verify_sig_ed25519(host, publicKeyVal, payloadVal, sigVal);
    const w = signerWeight(account, publicKey);
    // A key that is not a signer is a bug in the signatures, even if the others would be enough.
    if (w === 0) throw authenticationError('signer does not belong to account');
    weight += w;
    previous = publicKey;
  }
  if (weight < account.thresholds[THRESHOLD_MEDIUM])
    throw authenticationError('signature weight is lower than threshold');
};
