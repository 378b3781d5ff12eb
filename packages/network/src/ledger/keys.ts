/**
 * Ledger keys and entries in their wire form (`xdr.LedgerKeyWire` / `xdr.LedgerEntryWire`), as
 * stellar-core keys them: every entry is addressed by the XDR of its `LedgerKey`, and every Soroban
 * entry has a separate TTL entry keyed by the sha256 of that XDR.
 */
import { createHash } from 'node:crypto';
import { xdr } from '@stellar/stellar-sdk';
import { encodeAccountEntry } from './account-xdr.ts';

export type KeyWire = xdr.LedgerKeyWire;
export type EntryWire = xdr.LedgerEntryWire;

export const ACCOUNT = 0;
export const TRUSTLINE = 1;
export const CONTRACT_DATA = 6;
export const CONTRACT_CODE = 7;
export const TTL = 9;
export const TEMPORARY = 0;
export const PERSISTENT = 1;

/** An account key is 40 fixed bytes (two zero discriminants, then the ed25519 key): the common case, done by hand. */
const accountKeyBytes = (ed25519: Uint8Array): Uint8Array => {
  const b = new Uint8Array(40);
  b.set(ed25519, 8);
  return b;
};

/** A key that is a discriminant and a 32-byte hash (contract code, TTL). */
const hashKeyBytes = (type: number, hash: Uint8Array): Uint8Array => {
  const b = new Uint8Array(36);
  new DataView(b.buffer).setInt32(0, type);
  b.set(hash, 4);
  return b;
};

const keyXdr = new WeakMap<KeyWire, Uint8Array>();

/**
 * The XDR of a key: the fixed-size kinds (accounts, code, TTLs) written by hand, the others
 * encoded once per key object (footprint keys are looked up many times).
 */
export const encodeKey = (key: KeyWire): Uint8Array => {
  if (key.type === ACCOUNT && key.account.accountId.ed25519.length === 32) return accountKeyBytes(key.account.accountId.ed25519);
  if (key.type === TTL && key.ttl.keyHash.length === 32) return hashKeyBytes(TTL, key.ttl.keyHash);
  if (key.type === CONTRACT_CODE && key.contractCode.hash.length === 32) return hashKeyBytes(CONTRACT_CODE, key.contractCode.hash);
  let bytes = keyXdr.get(key);
  if (!bytes) keyXdr.set(key, (bytes = xdr.LedgerKey.schema.encode(key)));
  return bytes;
};
export const decodeKey = (bytes: Uint8Array): KeyWire => xdr.LedgerKey.schema.decode(bytes);

/**
 * Entries are immutable values, so each one's XDR is computed at most once: kept from the bytes it
 * was decoded from, or from its first encoding (accounts by hand: every transaction rewrites some).
 */
const entryXdr = new WeakMap<EntryWire, Uint8Array>();

export const encodeEntry = (entry: EntryWire): Uint8Array => {
  let bytes = entryXdr.get(entry);
  if (!bytes) {
    bytes = entry.data.type === ACCOUNT ? encodeAccountEntry(entry, entry.data.account) : xdr.LedgerEntry.schema.encode(entry);
    entryXdr.set(entry, bytes);
  }
  return bytes;
};

export const decodeEntry = (bytes: Uint8Array): EntryWire => {
  const entry = xdr.LedgerEntry.schema.decode(bytes);
  entryXdr.set(entry, bytes);
  return entry;
};

/** A string usable as a Map key for a key's XDR bytes. */
export const keyId = (keyBytes: Uint8Array): string => Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength).toString('latin1');

export const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest());

/** The key of an entry (`LedgerEntryKey`). */
export const keyOfEntry = (entry: EntryWire): KeyWire => {
  const data = entry.data;
  switch (data.type) {
    case ACCOUNT:
      return { type: ACCOUNT, account: { accountId: data.account.accountId } };
    case TRUSTLINE:
      return { type: TRUSTLINE, trustLine: { accountId: data.trustLine.accountId, asset: data.trustLine.asset } };
    case CONTRACT_DATA: {
      const { contract, key, durability } = data.contractData;
      return { type: CONTRACT_DATA, contractData: { contract, key, durability } };
    }
    case CONTRACT_CODE:
      return { type: CONTRACT_CODE, contractCode: { hash: data.contractCode.hash } };
    case TTL:
      return { type: TTL, ttl: { keyHash: data.ttl.keyHash } };
    default:
      throw new Error(`ledger entries of type ${data.type} are not kept by this network`);
  }
};

export const isSorobanKey = (key: KeyWire): boolean => key.type === CONTRACT_DATA || key.type === CONTRACT_CODE;
export const isPersistentKey = (key: KeyWire): boolean =>
  key.type === CONTRACT_CODE || (key.type === CONTRACT_DATA && key.contractData.durability === PERSISTENT);
export const isTemporaryKey = (key: KeyWire): boolean => key.type === CONTRACT_DATA && key.contractData.durability === TEMPORARY;

const keyHashes = new Map<string, Uint8Array>();

/** sha256 of a key's XDR, remembered: TTL lookups ask for the same few keys over and over. */
const keyHashOf = (keyBytes: Uint8Array): Uint8Array => {
  const id = keyId(keyBytes);
  let h = keyHashes.get(id);
  if (!h) {
    if (keyHashes.size >= 50_000) keyHashes.clear();
    keyHashes.set(id, (h = sha256(keyBytes)));
  }
  return h;
};

/** The key of the TTL entry of a Soroban entry, from the entry key's XDR. */
export const ttlKeyOf = (keyBytes: Uint8Array): KeyWire => ({ type: TTL, ttl: { keyHash: keyHashOf(keyBytes) } });

export const ttlEntry = (keyBytes: Uint8Array, liveUntilLedgerSeq: number, lastModifiedLedgerSeq: number): EntryWire => ({
  lastModifiedLedgerSeq,
  data: { type: TTL, ttl: { keyHash: keyHashOf(keyBytes), liveUntilLedgerSeq } },
  ext: { v: 0 },
});

export const accountKey = (accountId: Uint8Array): KeyWire => ({ type: ACCOUNT, account: { accountId: { type: 0, ed25519: accountId } } });
