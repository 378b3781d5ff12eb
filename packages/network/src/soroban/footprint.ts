/**
 * Loading a Soroban transaction's footprint before the host runs (`addReads` in stellar-core's
 * `InvokeHostFunctionOpFrame`): every key's entry and TTL, with expired temporary entries reading
 * as absent, archived persistent entries either failing the operation or, when the transaction
 * lists them in `archivedSorobanEntries`, restored for the minimum persistent TTL (CAP-66).
 * Entries read from disk (classic and restored ones) are metered against `diskReadBytes`.
 */
import type { NetworkConfig } from '@sorobox/host';
import { CONTRACT_CODE, CONTRACT_DATA, TTL, encodeEntry, encodeKey, isSorobanKey, isTemporaryKey, keyId, ttlKeyOf, type EntryWire, type KeyWire } from '../ledger/keys.ts';
import type { LedgerTxn } from '../ledger/ltx.ts';
import { ScErrorCode, ScErrorType, bytesVal, diagnosticError } from '../tx/events.ts';
import type { DiagnosticEventWire } from '../tx/context.ts';
import type { SorobanDataWire } from '../tx/frame.ts';
import { xdr } from '@stellar/stellar-sdk';

export interface FootprintEntry {
  readonly key: KeyWire;
  readonly keyBytes: Uint8Array;
  readonly id: string;
  readonly readOnly: boolean;
  /** The entry as the run sees it; undefined when absent (or expired temporary). */
  readonly entry: EntryWire | undefined;
  readonly liveUntil: number | undefined;
  /** Archived and restored by this transaction. */
  readonly restored: boolean;
  /** XDR size of the entry (0 when absent). */
  readonly size: number;
}

export type FootprintFailure = { readonly failure: 'archived' | 'limit'; readonly diagnostic: DiagnosticEventWire };

export const liveUntilOf = (ttl: EntryWire | undefined): number | undefined => (ttl?.data.type === TTL ? ttl.data.ttl.liveUntilLedgerSeq : undefined);

/** `validateContractLedgerEntry`: the size limits of contract data and code entries. */
export const entrySizeFailure = (key: KeyWire, size: number, config: NetworkConfig): DiagnosticEventWire | undefined => {
  if (key.type === CONTRACT_CODE && size > config.contractMaxSizeBytes) {
    return diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, 'Wasm size exceeds network config maximum contract size', [
      { type: 5, u64: BigInt(size) },
      { type: 5, u64: BigInt(config.contractMaxSizeBytes) },
    ]);
  }
  if (key.type === CONTRACT_DATA && size > config.contractDataEntrySizeBytes) {
    return diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, 'ContractData size exceeds network config maximum size', [
      { type: 5, u64: BigInt(size) },
      { type: 5, u64: BigInt(config.contractDataEntrySizeBytes) },
    ]);
  }
  return undefined;
};

const archivedDiagnostic = (key: KeyWire): DiagnosticEventWire =>
  key.type === CONTRACT_CODE
    ? diagnosticError(ScErrorType.Value, ScErrorCode.InvalidInput, 'trying to access an archived contract code entry', [bytesVal(key.contractCode.hash)])
    : key.type === CONTRACT_DATA
      ? diagnosticError(ScErrorType.Value, ScErrorCode.InvalidInput, 'trying to access an archived contract data entry', [
          { type: 18, address: key.contractData.contract },
          key.contractData.key,
        ])
      : diagnosticError(ScErrorType.Value, ScErrorCode.InvalidInput, 'trying to access an archived entry');

export interface ReadOptions {
  readonly ledgerSeq: number;
  readonly config: NetworkConfig;
  /** Whether archived entries listed in the transaction may be restored (protocol 23+). */
  readonly autoRestore: boolean;
}

/** Loads the footprint from `ltx`, readOnly keys first; stops at the first failure. */
export const readFootprint = (ltx: LedgerTxn, soroban: SorobanDataWire, options: ReadOptions): FootprintEntry[] | FootprintFailure => {
  const { footprint, diskReadBytes } = soroban.resources;
  const archivedIndexes = new Set(soroban.ext.v === 1 ? soroban.ext.resourceExt.archivedSorobanEntries : []);
  const restoredLiveUntil = options.ledgerSeq + options.config.minPersistentTtl - 1;
  const out: FootprintEntry[] = [];
  let readBytes = 0;
  const sections: [readonly KeyWire[], boolean][] = [
    [footprint.readOnly, true],
    [footprint.readWrite, false],
  ];
  for (const [keys, readOnly] of sections) {
    for (const [index, key] of keys.entries()) {
      const keyBytes = encodeKey(key);
      const id = keyId(keyBytes);
      let entry: EntryWire | undefined;
      let liveUntil: number | undefined;
      let restored = false;
      let fromDisk = !isSorobanKey(key);
      if (isSorobanKey(key)) {
        const ttlUntil = liveUntilOf(ltx.load(ttlKeyOf(keyBytes)));
        if (ttlUntil !== undefined && ttlUntil >= options.ledgerSeq) {
          entry = ltx.get(id, keyBytes);
          liveUntil = ttlUntil;
        } else if (ttlUntil !== undefined && !isTemporaryKey(key)) {
          if (readOnly || !options.autoRestore || !archivedIndexes.has(index)) return { failure: 'archived', diagnostic: archivedDiagnostic(key) };
          entry = ltx.get(id, keyBytes);
          liveUntil = restoredLiveUntil;
          restored = true;
          fromDisk = true;
        }
      } else {
        entry = ltx.get(id, keyBytes);
      }
      const size = entry ? encodeEntry(entry).length : 0;
      const tooBig = entrySizeFailure(key, size, options.config);
      if (tooBig) return { failure: 'limit', diagnostic: tooBig };
      if (fromDisk) {
        readBytes += size;
        if (readBytes > diskReadBytes) {
          return {
            failure: 'limit',
            diagnostic: diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, 'operation byte-read resources exceeds amount specified', [
              { type: 5, u64: BigInt(readBytes) },
              { type: 5, u64: BigInt(diskReadBytes) },
            ]),
          };
        }
      }
      out.push({ key, keyBytes, id, readOnly, entry, liveUntil, restored, size });
    }
  }
  return out;
};

/** The footprint as the host takes it. */
export const hostFootprint = (soroban: SorobanDataWire): { readOnly: xdr.LedgerKey[]; readWrite: xdr.LedgerKey[] } => ({
  readOnly: soroban.resources.footprint.readOnly.map((k) => xdr.LedgerKey.fromXdrObject(k)),
  readWrite: soroban.resources.footprint.readWrite.map((k) => xdr.LedgerKey.fromXdrObject(k)),
});
