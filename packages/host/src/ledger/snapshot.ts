/**
 * The ledger a run reads: entries by key, each with its live-until ledger (for entries that have a
 * TTL). The network layer implements it over its database; `MemorySnapshot` is the in-memory one.
 * A snapshot returns entries whatever their TTL: the storage decides what an expired entry means.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { xdr } from '@stellar/stellar-sdk';
import type { LedgerChange } from './storage.ts';
import { contractAddressWire, contractCodeKey, instanceKey, keyIdOfBytes, PERSISTENT } from './keys.ts';

export interface SnapshotEntry {
  readonly entry: xdr.LedgerEntry;
  /** Last ledger the entry is live in; undefined for entries without a TTL (accounts, trustlines). */
  readonly liveUntilLedger: number | undefined;
}

export interface LedgerSnapshot {
  get(key: xdr.LedgerKey): SnapshotEntry | undefined;
}

/** A `LedgerKey` for the entry (`ledger_entry_to_ledger_key`). */
export const ledgerKeyOf = (entry: xdr.LedgerEntry): xdr.LedgerKey => {
  const data = entry.toXdrObject().data;
  switch (data.type) {
    case 0:
      return xdr.LedgerKey.fromXdrObject({ type: 0, account: { accountId: data.account.accountId } });
    case 1:
      return xdr.LedgerKey.fromXdrObject({ type: 1, trustLine: { accountId: data.trustLine.accountId, asset: data.trustLine.asset } });
    case 6: {
      const { contract, key, durability } = data.contractData;
      return xdr.LedgerKey.fromXdrObject({ type: 6, contractData: { contract, key, durability } });
    }
    case 7:
      return xdr.LedgerKey.fromXdrObject({ type: 7, contractCode: { hash: data.contractCode.hash } });
    default:
      throw new Error(`ledger entry type ${data.type} cannot be stored in a Soroban snapshot`);
  }
};

export class MemorySnapshot implements LedgerSnapshot {
  private readonly entries = new Map<string, SnapshotEntry>();

  get(key: xdr.LedgerKey): SnapshotEntry | undefined {
    return this.entries.get(keyIdOfBytes(key.toXdr()));
  }

  set(entry: xdr.LedgerEntry, liveUntilLedger: number | undefined): void {
    this.entries.set(keyIdOfBytes(ledgerKeyOf(entry).toXdr()), { entry, liveUntilLedger });
  }

  delete(key: xdr.LedgerKey): void {
    this.entries.delete(keyIdOfBytes(key.toXdr()));
  }

  /** Applies a run's ledger changes, as closing the ledger would. */
  apply(changes: readonly LedgerChange[]): void {
    for (const c of changes) {
      if (c.entry) this.set(c.entry, c.liveUntilLedger);
      else this.delete(c.key);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface InstallOptions {
  /** Live-until ledger of both the code and the instance entry. */
  readonly liveUntilLedger: number;
  /** Initial instance storage. */
  readonly storage?: readonly xdr.ScMapEntry[];
}

/**
 * Writes a contract straight into a snapshot: its `ContractCode` entry (keyed by the Wasm's
 * sha256) and its instance entry pointing at that hash. Real deployment goes through the
 * lifecycle host functions; this is the setup a test or a fixture needs.
 */
export const installContract = (snapshot: MemorySnapshot, contractId: Uint8Array, wasm: Uint8Array, options: InstallOptions): Uint8Array => {
  const hash = sha256(wasm);
  snapshot.set(
    xdr.LedgerEntry.fromXdrObject({
      lastModifiedLedgerSeq: 0,
      data: { type: 7, contractCode: { ext: { v: 0 }, hash, code: wasm } },
      ext: { v: 0 },
    }),
    options.liveUntilLedger,
  );
  snapshot.set(
    xdr.LedgerEntry.fromXdrObject({
      lastModifiedLedgerSeq: 0,
      data: {
        type: 6,
        contractData: {
          ext: { v: 0 },
          contract: contractAddressWire(contractId),
          key: { type: 20 },
          durability: PERSISTENT,
          val: {
            type: 19,
            instance: { executable: { type: 0, wasmHash: hash }, storage: options.storage?.map((e) => e.toXdrObject()) ?? null },
          },
        },
      },
      ext: { v: 0 },
    } as xdr.LedgerEntryWire),
    options.liveUntilLedger,
  );
  return hash;
};

/** The ledger keys of an installed contract's instance and code entries. */
export const contractKeys = (contractId: Uint8Array, wasmHash: Uint8Array): { instance: xdr.LedgerKey; code: xdr.LedgerKey } => ({
  instance: xdr.LedgerKey.fromXdrObject(instanceKey(contractId)),
  code: xdr.LedgerKey.fromXdrObject(contractCodeKey(wasmHash)),
});
