/**
 * The XDR work the reference does around every host function (`e2e_invoke.rs`), charged on the
 * run's budget as it charges it (`ValDeser` to decode, `ValSer` to encode): the host function, the
 * source account, the authorization entries, the resources (footprint) and every footprint entry
 * with its TTL entry are decoded; after a successful run the result is encoded, and so is, for
 * every footprint key, the key, its old entry and (read-write) its new entry, a new Soroban entry's
 * key being hashed for its TTL. Decoding a Wasm code entry is usually the largest item.
 *
 * Recording mode emulates the same work after the run, so that simulated instructions cover the
 * transaction (recorded `Address` entries count with a 512-byte signature, as the reference
 * emulates one). The ordered-map and `Rc` bookkeeping around these conversions is not modelled.
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { durabilityOf, encodeKey } from './keys.ts';
import type { Storage } from './storage.ts';

/** `AccountId` XDR: a key type and 32 bytes. */
const ACCOUNT_ID_BYTES = 36;
/** `TtlEntry` XDR: the key's hash and a live-until ledger. */
const TTL_ENTRY_BYTES = 36;
/** `SorobanResources` around its footprint: instructions, disk read bytes, write bytes. */
const RESOURCE_COUNTERS_BYTES = 12;
/** The signature the reference puts in a recorded entry to size it (`EMULATED_SIGNATURE_SIZE`). */
const EMULATED_SIGNATURE_BYTES = 512;

const decode = (host: Host, bytes: number): void => host.budget.charge(CostType.ValDeser, bytes);
const encode = (host: Host, bytes: number): void => host.budget.charge(CostType.ValSer, bytes);

/** The operation's host function and source account, decoded before it runs. */
export const chargeOperationDecoding = (host: Host, hostFunction: xdr.HostFunction): void => {
  decode(host, hostFunction.toXDR().length);
  decode(host, ACCOUNT_ID_BYTES);
};


/** A recorded entry as the reference sizes it: `Address` credentials carry a 512-byte signature. */
export const withEmulatedSignature = (entry: xdr.SorobanAuthorizationEntry): xdr.SorobanAuthorizationEntry => {
  const w = entry.toXdrObject();
  if (w.credentials.type !== 1) return entry;
  const signature: xdr.ScValWire = { type: 13, bytes: new Uint8Array(EMULATED_SIGNATURE_BYTES) };
  return xdr.SorobanAuthorizationEntry.fromXdrObject({
    ...w,
    credentials: { type: 1, address: { ...w.credentials.address, signature } },
  });
};

/**
 * The authorization entries, the footprint (as `SorobanResources`) and every entry in it, with the
 * TTL entry of a Soroban one: before an enforcing run, after a recording one.
 */
export const chargeRunInputDecoding = (host: Host, storage: Storage, auth: readonly xdr.SorobanAuthorizationEntry[]): void => {
  for (const e of auth) decode(host, e.toXDR().length);
  const keys = storage.footprint.entries().map((e) => e.key);
  // XDR vectors carry a 4-byte length: two of them in a footprint.
  decode(host, keys.reduce((n, k) => n + encodeKey(k).length, 8) + RESOURCE_COUNTERS_BYTES);
  for (const key of keys) {
    const found = storage.snapshot.get(xdr.LedgerKey.fromXdrObject(key));
    if (!found) continue;
    decode(host, found.entry.toXDR().length);
    if (found.liveUntilLedger !== undefined) decode(host, TTL_ENTRY_BYTES);
  }
};

/** The result and the ledger changes of a successful run (`get_ledger_changes`). */
export const chargeOutputEncoding = (host: Host, storage: Storage, result: xdr.ScVal): void => {
  encode(host, result.toXDR().length);
  for (const { key, readOnly, before, after } of storage.finalStates()) {
    const keyBytes = encodeKey(key).length;
    encode(host, keyBytes);
    if (durabilityOf(key) !== undefined && before?.liveUntilLedger === undefined)
      host.budget.charge(CostType.ComputeSha256Hash, keyBytes);
    if (before) encode(host, before.entry.toXDR().length);
    if (!readOnly && after) encode(host, xdr.LedgerEntry.schema.encode(after).length);
  }
};
