/**
 * Closing one ledger (stellar-core's `applyLedger`): the transaction set (classic phase, then the
 * Soroban phase as one parallel stage), fees, apply, refunds, eviction of expired temporary
 * entries, the new header and the `LedgerCloseMeta` (v2). Pure computation over a ledger layer:
 * the caller writes the result in one database transaction.
 */
import { xdr } from '@stellar/stellar-sdk';
import { computeRentWriteFeePer1Kb, rentWriteFeeConfigFromNetwork, type NetworkConfig } from '@sorobox/host';
import { applyTransaction, chargeFee, refundFee, transactionMeta, type AppliedTx, type HeaderTotals } from '../tx/apply.ts';
import type { LedgerContext } from '../tx/context.ts';
import type { TxFrame } from '../tx/frame.ts';
import { encodeCloseMeta, encodeHeader, encodeHeaderEntry, encodeResultSet, encodeTransactionMeta, encodeTxSet } from './encode.ts';
import { chainStateHash, nextHeader, type HeaderWire } from './header.ts';
import { CONTRACT_CODE, CONTRACT_DATA, decodeKey, encodeEntry, keyId, sha256, type KeyWire } from './keys.ts';
import { LedgerTxn, type Delta, type EntrySource } from './ltx.ts';
import { liveUntilOf } from '../soroban/footprint.ts';

export interface ExpiredSource {
  /** Temporary entries (TTL key, entry key) whose TTL ended before `ledgerSeq`, as stored. */
  expiredTemporary(ledgerSeq: number): { ttlKey: Uint8Array; key: Uint8Array }[];
}

export interface CloseInput {
  readonly prev: HeaderWire;
  readonly prevHash: Uint8Array;
  /** Context of the ledger being closed (its sequence and close time). */
  readonly ledger: LedgerContext;
  /** Valid transactions, in submission order. */
  readonly frames: readonly TxFrame[];
  readonly state: EntrySource & ExpiredSource;
}

export interface ClosedTx {
  readonly applied: AppliedTx;
  /** 1-based position in apply order. */
  readonly applicationOrder: number;
  readonly result: xdr.TransactionResultWire;
  readonly resultBytes: Uint8Array;
  readonly meta: xdr.TransactionMetaWire;
  readonly metaBytes: Uint8Array;
}

export interface ClosedLedger {
  readonly header: HeaderWire;
  readonly hash: Uint8Array;
  /** `LedgerHeaderHistoryEntry` XDR. */
  readonly headerEntry: Uint8Array;
  /** `LedgerCloseMeta` XDR. */
  readonly meta: Uint8Array;
  readonly txs: readonly ClosedTx[];
  readonly deltas: readonly Delta[];
  readonly sorobanStateSize: bigint;
  /** No transactions and no evictions: the meta follows from the header (see `emptyCloseMeta`). */
  readonly empty: boolean;
}

/** The close meta of a ledger without transactions or evictions, from its header and state size. */
export const emptyCloseMeta = (headerEntry: Uint8Array, config: NetworkConfig, sorobanStateSize: bigint): Uint8Array => {
  const { header } = xdr.LedgerHeaderHistoryEntry.schema.decode(headerEntry);
  return encodeCloseMeta({
    sorobanFeeWrite1Kb: computeRentWriteFeePer1Kb(sorobanStateSize, rentWriteFeeConfigFromNetwork(config)),
    headerEntry,
    txSet: encodeTxSet(header.previousLedgerHash, BigInt(header.baseFee), [], []),
    txs: [],
    totalByteSizeOfLiveSorobanState: sorobanStateSize,
    evictedKeys: [],
  });
};

const u64Bytes = (n: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
};

const isSorobanDataKey = (keyBytes: Uint8Array): boolean => {
  // The key's type is its first XDR word.
  const type = new DataView(keyBytes.buffer, keyBytes.byteOffset, 4).getInt32(0);
  return type === CONTRACT_DATA || type === CONTRACT_CODE;
};

/** Evicts temporary entries whose TTL ended before this ledger; returns the evicted keys. */
const evictExpired = (ltx: LedgerTxn, state: ExpiredSource, seq: number): KeyWire[] => {
  const evicted: KeyWire[] = [];
  for (const { ttlKey, key } of state.expiredTemporary(seq)) {
    // A transaction of this ledger may have extended it.
    const liveUntil = liveUntilOf(ltx.get(keyId(ttlKey), ttlKey));
    if (liveUntil === undefined || liveUntil >= seq) continue;
    const dataKey = decodeKey(key);
    const ttl = decodeKey(ttlKey);
    ltx.erase(dataKey);
    ltx.erase(ttl);
    evicted.push(dataKey, ttl);
  }
  return evicted;
};

export const closeLedger = (input: CloseInput, sorobanStateSize: bigint): ClosedLedger => {
  const { prev, prevHash, ledger, frames, state } = input;
  const ltx = new LedgerTxn(state, ledger.seq);
  const classic = frames.filter((f) => !f.isSoroban);
  const soroban = frames.filter((f) => f.isSoroban);
  const order = [...classic, ...soroban];
  const txSet = encodeTxSet(
    prevHash,
    BigInt(ledger.baseFee),
    classic.map((f) => f.envelopeBytes),
    soroban.map((f) => f.envelopeBytes),
  );
  const txSetHash = sha256(txSet);

  const totals: HeaderTotals = { feePool: prev.feePool };
  const applied = order.map((frame) => chargeFee(ledger, ltx, frame, totals));
  applied.forEach((a, i) => applyTransaction(ledger, ltx, a, sha256(Buffer.concat([txSetHash, u64Bytes(i)]))));
  for (const a of applied) refundFee(ledger, ltx, a, totals);

  const txs: ClosedTx[] = applied.map((a, i) => {
    const result = a.result.toWire();
    const meta = transactionMeta(a);
    return {
      applied: a,
      applicationOrder: i + 1,
      result,
      resultBytes: xdr.TransactionResult.schema.encode(result),
      meta,
      metaBytes: meta.v === 4 ? encodeTransactionMeta(meta.v4) : xdr.TransactionMeta.schema.encode(meta),
    };
  });
  const txSetResultHash = sha256(encodeResultSet(txs.map((t) => ({ hash: t.applied.frame.hash, result: t.resultBytes }))));

  const evictedKeys = evictExpired(ltx, state, ledger.seq);

  const deltas: Delta[] = [];
  const hashed: { keyBytes: Uint8Array; entryBytes: Uint8Array | undefined }[] = [];
  let stateSize = sorobanStateSize;
  for (const [id, d] of ltx.deltas()) {
    const entryBytes = d.entry && encodeEntry(d.entry);
    deltas.push({ ...d, entryBytes });
    hashed.push({ keyBytes: d.keyBytes, entryBytes });
    if (isSorobanDataKey(d.keyBytes)) {
      const before = state.get(id, d.keyBytes);
      stateSize += BigInt(entryBytes?.length ?? 0) - BigInt(before ? encodeEntry(before).length : 0);
    }
  }
  const header = nextHeader(prev, prevHash, {
    closeTime: ledger.closeTime,
    txSetHash,
    txSetResultHash,
    stateHash: chainStateHash(prev.bucketListHash, hashed),
    feePool: totals.feePool,
  });
  const headerBytes = encodeHeader(header);
  const hash = sha256(headerBytes);
  const headerEntry = encodeHeaderEntry(hash, headerBytes);
  const meta = encodeCloseMeta({
    sorobanFeeWrite1Kb: computeRentWriteFeePer1Kb(stateSize, rentWriteFeeConfigFromNetwork(ledger.config)),
    headerEntry,
    txSet,
    txs: txs.map((t) => ({
      hash: t.applied.frame.hash,
      result: t.resultBytes,
      feeProcessing: t.applied.feeProcessing,
      meta: t.metaBytes,
      postTxApplyFeeProcessing: t.applied.postTxApplyFeeProcessing,
    })),
    totalByteSizeOfLiveSorobanState: stateSize,
    evictedKeys,
  });
  return { header, hash, headerEntry, meta, txs, deltas, sorobanStateSize: stateSize, empty: txs.length === 0 && evictedKeys.length === 0 };
};
