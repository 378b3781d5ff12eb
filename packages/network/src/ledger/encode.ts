/**
 * XDR of a closed ledger assembled from parts already encoded: each envelope, result and meta is
 * encoded once and its bytes reused in the transaction set, the close meta and the history rows
 * (XDR is a concatenation, so a struct's encoding is its fields' encodings in order). Written into
 * one reused buffer: closing many empty ledgers (time travel) is dominated by this.
 */
import { xdr } from '@stellar/stellar-sdk';
import type { HeaderWire } from './header.ts';
import { encodeContractEvent } from '../tx/events.ts';
import { encodeEntry, encodeKey } from './keys.ts';

/** A growable output buffer, reused across calls (encoding is synchronous and never nested). */
class Out {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private off = 0;

  start(): this {
    this.off = 0;
    return this;
  }

  private ensure(n: number): void {
    if (this.off + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.off + n));
    next.set(this.buf.subarray(0, this.off));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  int32(n: number): this {
    this.ensure(4);
    this.view.setInt32(this.off, n);
    this.off += 4;
    return this;
  }

  uint32(n: number): this {
    this.ensure(4);
    this.view.setUint32(this.off, n);
    this.off += 4;
    return this;
  }

  int64(n: bigint): this {
    this.ensure(8);
    this.view.setBigInt64(this.off, n);
    this.off += 8;
    return this;
  }

  uint64(n: bigint): this {
    this.ensure(8);
    this.view.setBigUint64(this.off, n);
    this.off += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.off);
    this.off += b.length;
    return this;
  }

  /** A variable-length array of already-encoded elements. */
  array(items: readonly Uint8Array[]): this {
    this.int32(items.length);
    for (const i of items) this.bytes(i);
    return this;
  }

  optionalInt64(n: bigint | null): this {
    return n === null ? this.int32(0) : this.int32(1).int64(n);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.off);
  }
}

const out = new Out();

/**
 * `GeneralizedTransactionSet` v1 with a classic phase (one component, when there are transactions)
 * and a parallel Soroban phase (one stage of one cluster, when there are transactions).
 */
export const encodeTxSet = (previousLedgerHash: Uint8Array, baseFee: bigint, classic: readonly Uint8Array[], soroban: readonly Uint8Array[]): Uint8Array => {
  const o = out.start().int32(1).bytes(previousLedgerHash).int32(2);
  o.int32(0); // phase 0: v0 components
  if (classic.length) o.int32(1).int32(0).optionalInt64(baseFee).array(classic);
  else o.int32(0);
  o.int32(1).optionalInt64(soroban.length ? baseFee : null); // phase 1: the parallel component
  if (soroban.length) o.int32(1).int32(1).array(soroban);
  else o.int32(0);
  return o.finish();
};

/** `LedgerHeader` (without upgrades in its value: this network never votes any). */
export const encodeHeader = (h: HeaderWire): Uint8Array => {
  if (h.scpValue.upgrades.length > 0 || h.scpValue.ext.v !== 0 || h.ext.v !== 0) return xdr.LedgerHeader.schema.encode(h);
  const o = out.start().uint32(h.ledgerVersion).bytes(h.previousLedgerHash);
  o.bytes(h.scpValue.txSetHash).uint64(h.scpValue.closeTime).int32(0).int32(0);
  o.bytes(h.txSetResultHash).bytes(h.bucketListHash).uint32(h.ledgerSeq).int64(h.totalCoins).int64(h.feePool);
  o.uint32(h.inflationSeq).uint64(h.idPool).uint32(h.baseFee).uint32(h.baseReserve).uint32(h.maxTxSetSize);
  for (const s of h.skipList) o.bytes(s);
  return o.int32(0).finish();
};

export const encodeHeaderEntry = (hash: Uint8Array, headerBytes: Uint8Array): Uint8Array => out.start().bytes(hash).bytes(headerBytes).int32(0).finish();

export interface EncodedTx {
  readonly hash: Uint8Array;
  readonly result: Uint8Array;
  readonly feeProcessing: readonly xdr.LedgerEntryChangeWire[];
  readonly meta: Uint8Array;
  readonly postTxApplyFeeProcessing: readonly xdr.LedgerEntryChangeWire[];
}

export interface EncodedClose {
  readonly sorobanFeeWrite1Kb: bigint;
  readonly headerEntry: Uint8Array;
  readonly txSet: Uint8Array;
  readonly txs: readonly EncodedTx[];
  readonly totalByteSizeOfLiveSorobanState: bigint;
  readonly evictedKeys: readonly xdr.LedgerKeyWire[];
}

/** A `LedgerEntryChange`: its type, then the entry (its XDR computed once per entry) or the key. */
const encodeChange = (c: xdr.LedgerEntryChangeWire): Uint8Array[] => {
  const type = new Uint8Array(4);
  new DataView(type.buffer).setInt32(0, c.type);
  switch (c.type) {
    case 0:
      return [type, encodeEntry(c.created)];
    case 1:
      return [type, encodeEntry(c.updated)];
    case 2:
      return [type, encodeKey(c.removed)];
    case 3:
      return [type, encodeEntry(c.state)];
    case 4:
      return [type, encodeEntry(c.restored)];
  }
};

/** `LedgerEntryChanges` as the parts of its encoding (count first). */
const encodeChanges = (list: readonly xdr.LedgerEntryChangeWire[]): Uint8Array[] => {
  const count = new Uint8Array(4);
  new DataView(count.buffer).setInt32(0, list.length);
  return [count, ...list.flatMap(encodeChange)];
};

/**
 * `TransactionMeta` v4, its ledger changes from the entries' cached XDR (the same entries appear in
 * the fee processing, the meta and the state written).
 */
export const encodeTransactionMeta = (m: xdr.TransactionMetaV4Wire): Uint8Array => {
  const parts: Uint8Array[] = [];
  const o = out.start().int32(4).int32(0);
  parts.push(o.finish(), ...encodeChanges(m.txChangesBefore));
  parts.push(out.start().int32(m.operations.length).finish());
  for (const op of m.operations) {
    parts.push(out.start().int32(0).finish(), ...encodeChanges(op.changes));
    parts.push(out.start().int32(op.events.length).finish(), ...op.events.map(encodeContractEvent));
  }
  parts.push(...encodeChanges(m.txChangesAfter));
  parts.push(m.sorobanMeta ? Buffer.concat([out.start().int32(1).finish(), xdr.SorobanTransactionMetaV2.schema.encode(m.sorobanMeta)]) : out.start().int32(0).finish());
  parts.push(out.start().int32(m.events.length).finish());
  for (const e of m.events) parts.push(out.start().int32(e.stage).finish(), encodeContractEvent(e.event));
  parts.push(out.start().int32(m.diagnosticEvents.length).finish(), ...m.diagnosticEvents.map((e) => xdr.DiagnosticEvent.schema.encode(e)));
  return new Uint8Array(Buffer.concat(parts));
};

/** `LedgerCloseMeta` v2 (with `TransactionResultMetaV1` per transaction). */
export const encodeCloseMeta = (c: EncodedClose): Uint8Array => {
  const parts = c.txs.map((t) => ({ t, fee: encodeChanges(t.feeProcessing), post: encodeChanges(t.postTxApplyFeeProcessing) }));
  const evicted = c.evictedKeys.map(encodeKey);
  const o = out.start().int32(2).int32(1).int32(0).int64(c.sorobanFeeWrite1Kb).bytes(c.headerEntry).bytes(c.txSet);
  o.int32(parts.length);
  for (const { t, fee, post } of parts) {
    o.int32(0).bytes(t.hash).bytes(t.result);
    for (const b of fee) o.bytes(b);
    o.bytes(t.meta);
    for (const b of post) o.bytes(b);
  }
  return o.int32(0).int32(0).uint64(c.totalByteSizeOfLiveSorobanState).array(evicted).finish();
};

/** `TransactionResultSet` from encoded results. */
export const encodeResultSet = (txs: readonly { hash: Uint8Array; result: Uint8Array }[]): Uint8Array => {
  const o = out.start().int32(txs.length);
  for (const t of txs) o.bytes(t.hash).bytes(t.result);
  return o.finish();
};

/** A stored event: `DiagnosticEvent` (whether its transaction succeeded, then the event). */
export const encodeStoredEvent = (inSuccessfulContractCall: boolean, e: xdr.ContractEventWire): Uint8Array =>
  new Uint8Array(Buffer.concat([out.start().int32(inSuccessfulContractCall ? 1 : 0).finish(), encodeContractEvent(e)]));
