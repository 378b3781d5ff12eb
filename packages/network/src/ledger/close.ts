/**
 * Closing one ledger (stellar-core's `applyLedger`): the transaction set (classic phase, then the
 * Soroban phase as one parallel stage), fees, apply, refunds, eviction of expired temporary
 * entries, the new header and the `LedgerCloseMeta` (v2). Pure computation over a ledger layer:
 * the caller writes the result in one database transaction.
 */
import { xdr } from '@stellar/stellar-sdk';
import { computeRentWriteFeePer1Kb, rentWriteFeeConfigFromNetwork } from '@sorobox/host';
import { applyTransaction, chargeFee, refundFee, transactionMeta, type AppliedTx, type HeaderTotals } from '../tx/apply.ts';
import type { LedgerContext } from '../tx/context.ts';
import type { TxFrame } from '../tx/frame.ts';
import { chainStateHash, headerHash, nextHeader, type HeaderWire } from './header.ts';
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
  readonly meta: xdr.TransactionMetaWire;
}

export interface ClosedLedger {
  readonly header: HeaderWire;
  readonly hash: Uint8Array;
  readonly meta: xdr.LedgerCloseMetaWire;
  readonly txs: readonly ClosedTx[];
  readonly deltas: readonly Delta[];
  readonly sorobanStateSize: bigint;
}

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

const txSetOf = (prevHash: Uint8Array, baseFee: number, classic: readonly TxFrame[], soroban: readonly TxFrame[]): xdr.GeneralizedTransactionSetWire => ({
  v: 1,
  v1TxSet: {
    previousLedgerHash: prevHash,
    phases: [
      { v: 0, v0Components: classic.length ? [{ type: 0, txsMaybeDiscountedFee: { baseFee: BigInt(baseFee), txs: classic.map((f) => f.envelope) } }] : [] },
      { v: 1, parallelTxsComponent: { baseFee: soroban.length ? BigInt(baseFee) : null, executionStages: soroban.length ? [[soroban.map((f) => f.envelope)]] : [] } },
    ],
  },
});

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
  const txSet = txSetOf(prevHash, ledger.baseFee, classic, soroban);
  const txSetHash = sha256(xdr.GeneralizedTransactionSet.schema.encode(txSet));

  const totals: HeaderTotals = { feePool: prev.feePool };
  const applied = order.map((frame) => chargeFee(ledger, ltx, frame, totals));
  applied.forEach((a, i) => applyTransaction(ledger, ltx, a, sha256(Buffer.concat([txSetHash, u64Bytes(i)]))));
  for (const a of applied) refundFee(ledger, ltx, a, totals);

  const txs: ClosedTx[] = applied.map((a, i) => ({ applied: a, applicationOrder: i + 1, result: a.result.toWire(), meta: transactionMeta(a) }));
  const pairs = txs.map((t) => ({ transactionHash: t.applied.frame.hash, result: t.result }));
  const txSetResultHash = sha256(xdr.TransactionResultSet.schema.encode({ results: pairs }));

  const evictedKeys = evictExpired(ltx, state, ledger.seq);

  const deltas: Delta[] = [];
  const hashed: { keyBytes: Uint8Array; entryBytes: Uint8Array | undefined }[] = [];
  let stateSize = sorobanStateSize;
  for (const [id, d] of ltx.deltas()) {
    deltas.push(d);
    const entryBytes = d.entry && encodeEntry(d.entry);
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
  const hash = headerHash(header);
  const meta: xdr.LedgerCloseMetaWire = {
    v: 2,
    v2: {
      ext: { v: 1, v1: { ext: { v: 0 }, sorobanFeeWrite1Kb: computeRentWriteFeePer1Kb(stateSize, rentWriteFeeConfigFromNetwork(ledger.config)) } },
      ledgerHeader: { hash, header, ext: { v: 0 } },
      txSet,
      txProcessing: txs.map((t, i) => ({
        ext: { v: 0 },
        result: pairs[i],
        feeProcessing: t.applied.feeProcessing,
        txApplyProcessing: t.meta,
        postTxApplyFeeProcessing: t.applied.postTxApplyFeeProcessing,
      })),
      upgradesProcessing: [],
      scpInfo: [],
      totalByteSizeOfLiveSorobanState: stateSize,
      evictedKeys,
    },
  };
  return { header, hash, meta, txs, deltas, sorobanStateSize: stateSize };
};
