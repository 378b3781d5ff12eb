/**
 * Ledger headers: the genesis header (stellar-core's `startNewLedger` constants), the next header
 * from the last closed one, header hashes and the skip list. The `bucketListHash` here is a hash
 * chain over each ledger's state changes (this network has no bucket list): it still identifies the
 * state exactly, given the history.
 */
import type { xdr } from '@stellar/stellar-sdk';
import { MAX_TX_SET_SIZE, TOTAL_COINS } from '../config.ts';
import { encodeHeader } from './encode.ts';
import { sha256 } from './keys.ts';

export type HeaderWire = xdr.LedgerHeaderWire;

const ZERO_HASH = new Uint8Array(32);

export interface GenesisOptions {
  readonly protocol: number;
  readonly closeTime: bigint;
  readonly baseFee: number;
  readonly baseReserve: number;
  readonly stateHash: Uint8Array;
}

export const genesisHeader = (o: GenesisOptions): HeaderWire => ({
  ledgerVersion: o.protocol,
  previousLedgerHash: ZERO_HASH,
  scpValue: { txSetHash: ZERO_HASH, closeTime: o.closeTime, upgrades: [], ext: { v: 0 } },
  txSetResultHash: ZERO_HASH,
  bucketListHash: o.stateHash,
  ledgerSeq: 1,
  totalCoins: TOTAL_COINS,
  feePool: 0n,
  inflationSeq: 0,
  idPool: 0n,
  baseFee: o.baseFee,
  baseReserve: o.baseReserve,
  maxTxSetSize: MAX_TX_SET_SIZE,
  skipList: [ZERO_HASH, ZERO_HASH, ZERO_HASH, ZERO_HASH],
  ext: { v: 0 },
});

export const headerHash = (header: HeaderWire): Uint8Array => sha256(encodeHeader(header));

const SKIP_1 = 50;
const SKIP_2 = 5000;
const SKIP_3 = 50000;
const SKIP_4 = 500000;

/** stellar-core's `updateSkipList`: older state hashes kept at geometric ledger intervals. */
const nextSkipList = (prev: HeaderWire): Uint8Array[] => {
  const skip = [...prev.skipList];
  const seq = prev.ledgerSeq;
  if (seq > 0 && seq % SKIP_1 === 0) {
    const v = seq - SKIP_1;
    if (v > 0 && v % SKIP_2 === 0) {
      const w = v - SKIP_2;
      if (w > 0 && w % SKIP_3 === 0) {
        const x = w - SKIP_3;
        if (x > 0 && x % SKIP_4 === 0) skip[3] = skip[2];
        skip[2] = skip[1];
      }
      skip[1] = skip[0];
    }
    skip[0] = prev.bucketListHash;
  }
  return skip;
};

export interface NextHeaderFields {
  readonly closeTime: bigint;
  readonly txSetHash: Uint8Array;
  readonly txSetResultHash: Uint8Array;
  readonly stateHash: Uint8Array;
  readonly feePool: bigint;
}

export const nextHeader = (prev: HeaderWire, prevHash: Uint8Array, f: NextHeaderFields): HeaderWire => ({
  ...prev,
  previousLedgerHash: prevHash,
  scpValue: { txSetHash: f.txSetHash, closeTime: f.closeTime, upgrades: [], ext: { v: 0 } },
  txSetResultHash: f.txSetResultHash,
  bucketListHash: f.stateHash,
  ledgerSeq: prev.ledgerSeq + 1,
  feePool: f.feePool,
  skipList: nextSkipList(prev),
});

/** The next state hash: the previous one chained with this ledger's changes. */
export const chainStateHash = (previous: Uint8Array, changes: Iterable<{ keyBytes: Uint8Array; entryBytes: Uint8Array | undefined }>): Uint8Array => {
  const parts: Uint8Array[] = [previous];
  for (const c of changes) {
    parts.push(sha256(c.keyBytes));
    parts.push(c.entryBytes ? sha256(c.entryBytes) : ZERO_HASH);
  }
  return sha256(Buffer.concat(parts));
};
