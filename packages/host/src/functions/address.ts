/**
 * env.json module `address`: authorization (`require_auth`, `authorize_as_curr_contract`, the
 * protocol-27 delegation functions; the logic is in `auth/`) and the strkey and muxed-address
 * conversions (`soroban-env-host/src/host.rs`, `host/conversion.rs`).
 */
import { StrKey } from '@stellar/stellar-sdk';
import { delegateAccountAuth, delegatedSigners } from '../auth/contract-account.ts';
import { authManagerOf } from '../auth/hooks.ts';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { U64, numberVal } from '../host/numbers.ts';
import type { ScAddressData } from '../host/objects.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag, isObjectTag } from '../val/tag.ts';
import { VOID, tagOf, type Val } from '../val/val.ts';
import type { HostFnTable } from './types.ts';

/** Strkey payloads: version byte + 32-byte key (+ 8-byte id for M keys) + 2-byte checksum. */
const PAYLOAD_LEN = 32 + 3;
const MUXED_PAYLOAD_LEN = 32 + 8 + 3;
const base32Len = (payload: number): number => Math.ceil((payload * 8) / 5);
const STRKEY_LEN = base32Len(PAYLOAD_LEN); // 56
const MUXED_STRKEY_LEN = base32Len(MUXED_PAYLOAD_LEN); // 69

/** `charge_bulk_init_cpy` of a byte vector: the reference's estimate of strkey work. */
const chargeBytes = (host: Host, n: number): void => {
  host.budget.charge(CostType.MemAlloc, n);
  host.budget.charge(CostType.MemCpy, n);
};

const invalidStrkey = () => hostError(ErrorType.Value, ErrorCode.InvalidInput, 'not an accepted strkey');

/**
 * The text of a strkey argument (`strkey_to_scaddress`): a String or Bytes object of the length of
 * a G or C strkey, or of an M one when `allowMuxed`. The length is checked on the raw bytes; any
 * later failure (encoding, checksum, another key type) is `Error(Value, InvalidInput)`.
 */
const strkeyText = (host: Host, v: Val, allowMuxed: boolean): string => {
  if (!isObjectTag(tagOf(v)))
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'strkey is not an object');
  const obj = host.object(v);
  if (obj.tag !== Tag.BytesObject && obj.tag !== Tag.StringObject)
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'strkey is not a string or bytes object');
  const len = obj.bytes.length;
  const muxedLen = allowMuxed && len === MUXED_STRKEY_LEN;
  if (len !== STRKEY_LEN && !muxedLen)
    throw hostError(ErrorType.Value, ErrorCode.InvalidInput, 'unexpected strkey length');
  chargeBytes(host, len);
  chargeBytes(host, 2 * (muxedLen ? MUXED_PAYLOAD_LEN : PAYLOAD_LEN));
  // Bytes go through `from_utf8_lossy`: a non-UTF-8 byte becomes U+FFFD, which no strkey contains.
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(obj.bytes);
};

/** A G or C strkey's address, or undefined for any other text. */
const decodeAddress = (text: string): ScAddressData | undefined => {
  if (StrKey.isValidEd25519PublicKey(text))
    return { kind: 'account', key: new Uint8Array(StrKey.decodeEd25519PublicKey(text)) };
  if (StrKey.isValidContract(text))
    return { kind: 'contract', id: new Uint8Array(StrKey.decodeContract(text)) };
  return undefined;
};

const stringVal = (host: Host, s: string): Val =>
  host.add({ tag: Tag.StringObject, bytes: new TextEncoder().encode(s) });

const addressStrkey = (host: Host, a: ScAddressData): string => {
  chargeBytes(host, PAYLOAD_LEN + base32Len(PAYLOAD_LEN));
  return a.kind === 'account' ? StrKey.encodeEd25519PublicKey(a.key) : StrKey.encodeContract(a.id);
};

const muxedStrkey = (host: Host, key: Uint8Array, id: bigint): string => {
  chargeBytes(host, MUXED_PAYLOAD_LEN + base32Len(MUXED_PAYLOAD_LEN));
  const data = new Uint8Array(40);
  data.set(key);
  new DataView(data.buffer).setBigUint64(32, id);
  return StrKey.encodeMed25519PublicKey(data);
};

const strkey_to_address = (host: Host, strkey: Val): Val => {
  const address = decodeAddress(strkeyText(host, strkey, false));
  if (!address) throw invalidStrkey();
  return host.add({ tag: Tag.AddressObject, address });
};

const address_to_strkey = (host: Host, address: Val): Val =>
  stringVal(host, addressStrkey(host, host.get(address, Tag.AddressObject).address));

/** The muxed address without its id: always a G account. */
const get_address_from_muxed_address = (host: Host, muxed: Val): Val => {
  const m = host.get(muxed, Tag.MuxedAddressObject);
  return host.add({ tag: Tag.AddressObject, address: { kind: 'account', key: m.key.slice() } });
};

const get_id_from_muxed_address = (host: Host, muxed: Val): Val =>
  numberVal(host, U64, host.get(muxed, Tag.MuxedAddressObject).id);

/** G and C keys give an AddressObject, M keys a MuxedAddressObject. */
const strkey_to_muxed_address = (host: Host, strkey: Val): Val => {
  const text = strkeyText(host, strkey, true);
  const address = decodeAddress(text);
  if (address) return host.add({ tag: Tag.AddressObject, address });
  if (!StrKey.isValidMed25519PublicKey(text)) throw invalidStrkey();
  // SEP-23 M payload: the ed25519 key, then the id as a big-endian u64.
  const data = StrKey.decodeMed25519PublicKey(text);
  const id = new DataView(data.buffer, data.byteOffset, data.byteLength).getBigUint64(32);
  return host.add({ tag: Tag.MuxedAddressObject, key: new Uint8Array(data.subarray(0, 32)), id });
};

const muxed_address_to_strkey = (host: Host, address: Val): Val => {
  const tag = tagOf(address);
  if (tag === Tag.AddressObject)
    return stringVal(host, addressStrkey(host, host.get(address, Tag.AddressObject).address));
  if (tag === Tag.MuxedAddressObject) {
    const m = host.get(address, Tag.MuxedAddressObject);
    return stringVal(host, muxedStrkey(host, m.key, m.id));
  }
  throw hostError(
    ErrorType.Value,
    ErrorCode.UnexpectedType,
    'muxed_address_to_strkey expects an AddressObject or a MuxedAddressObject',
  );
};

/** Authorizes the current call, with its own arguments, on behalf of `address`. */
const require_auth = (host: Host, address: Val): Val => {
  authManagerOf(host).requireAuth(host, address, undefined);
  return VOID;
};

const require_auth_for_args = (host: Host, address: Val, args: Val): Val => {
  authManagerOf(host).requireAuth(host, address, host.get(args, Tag.VecObject).items);
  return VOID;
};

const authorize_as_curr_contract = (host: Host, entries: Val): Val => {
  authManagerOf(host).authorizeAsCurrentContract(host, host.get(entries, Tag.VecObject).items);
  return VOID;
};

const delegate_account_auth = (host: Host, address: Val): Val => {
  delegateAccountAuth(host, address);
  return VOID;
};

export const addressFunctions: HostFnTable = {
  require_auth,
  require_auth_for_args,
  authorize_as_curr_contract,
  delegate_account_auth,
  get_delegated_signers_for_current_auth_check: (host) => delegatedSigners(host),
  strkey_to_address,
  address_to_strkey,
  get_address_from_muxed_address,
  get_id_from_muxed_address,
  strkey_to_muxed_address,
  muxed_address_to_strkey,
};
