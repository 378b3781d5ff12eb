/**
 * The local network: opens (or creates) its database, keeps the last closed ledger in memory,
 * validates submissions, closes ledgers in the chosen mode and serves history and state.
 */
import { resolve } from 'node:path';
import { Keypair, StrKey, xdr } from '@stellar/stellar-sdk';
import { networkIdOf, type LedgerInfo, type LedgerSnapshot, type NetworkConfig } from '@sorobox/host';
import type { CloseMode, EntryRecord, EventRecord, FeeStats, LedgerRecord, Network, NetworkOptions, SubmitResult, TransactionRecord } from './api.ts';
import {
  BASE_FEE,
  BASE_RESERVE,
  DEFAULT_DATA_DIR,
  DEFAULT_GENESIS_CLOSE_TIME,
  DEFAULT_PASSPHRASE,
  DEFAULT_RETENTION_LEDGERS,
  TOTAL_COINS,
  checkProtocol,
  networkConfigFor,
  secondsPerLedger,
  type Limits,
} from './config.ts';
import { HOST_PROTOCOL_VERSION } from '@sorobox/host';
import { newAccount } from './ledger/accounts.ts';
import { closeLedger, emptyCloseMeta, type ClosedLedger } from './ledger/close.ts';
import { chainStateHash, genesisHeader, headerHash, type HeaderWire } from './ledger/header.ts';
import { ACCOUNT, TTL, encodeEntry, encodeKey, isPersistentKey, isSorobanKey, keyId, keyOfEntry, ttlEntry, ttlKeyOf, type EntryWire } from './ledger/keys.ts';
import { LedgerTxn } from './ledger/ltx.ts';
import { appliedLine, diagnosticLines, rejectedLine } from './log.ts';
import { liveUntilOf } from './soroban/footprint.ts';
import { openDatabase, readSetting, writeSetting, type Db } from './store/database.ts';
import { HistoryStore, TOID_TX_MASK, eventId, type LedgerRow } from './store/history.ts';
import { recordLedger } from './store/record-ledger.ts';
import { eventRecord, hex, ledgerRecord, transactionRecord } from './store/records.ts';
import { createSnapshot, revertToSnapshot } from './store/snapshots.ts';
import { StateStore } from './store/state.ts';
import type { LedgerContext } from './tx/context.ts';
import { feeSourceOf, parseFrame, type TxFrame } from './tx/frame.ts';
import { TX } from './tx/result.ts';
import { checkValid } from './tx/validate.ts';
import { buildFundTransaction } from './dev/fund.ts';

/** stellar-rpc's fee statistics windows, in ledgers. */
const CLASSIC_FEE_WINDOW = 10;
const SOROBAN_FEE_WINDOW = 50;
/** Ledgers written per database transaction when many close at once. */
const CLOSE_BATCH = 10_000;

interface Head {
  header: HeaderWire;
  hash: Uint8Array;
  sorobanStateSize: bigint;
}

class LocalNetwork implements Network {
  readonly passphrase: string;
  readonly networkId: Uint8Array;
  readonly protocolVersion: number;
  readonly limits: Limits;
  readonly config: NetworkConfig;
  private readonly db: Db;
  private readonly state: StateStore;
  private readonly history: HistoryStore;
  private readonly retention: number;
  private readonly spl: bigint;
  private readonly diagnostics: boolean;
  private head!: Head;
  /** Submitted transactions for the next ledger, with the state and close time they were validated against. */
  private pending: { frame: TxFrame; version: number; closeTime: bigint }[] = [];
  /** Bumped by every state write: a transaction validated at this version needs no new validation. */
  private stateVersion = 0;
  private readonly logListeners = new Set<(line: string) => void>();
  private readonly ledgerListeners = new Set<(l: LedgerRecord) => void>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(options: NetworkOptions) {
    this.db = openDatabase(options.ephemeral ? undefined : resolve(options.dataDir ?? DEFAULT_DATA_DIR));
    this.state = new StateStore(this.db);
    this.history = new HistoryStore(this.db);
    try {
      const stored = readSetting(this.db, 'passphrase');
      this.passphrase = stored ?? options.passphrase ?? DEFAULT_PASSPHRASE;
      if (stored !== undefined && options.passphrase !== undefined && options.passphrase !== stored) {
        throw new Error(`the database holds a network with passphrase "${stored}", not "${options.passphrase}"`);
      }
      this.protocolVersion = checkProtocol(Number(readSetting(this.db, 'protocol') ?? options.protocolVersion ?? HOST_PROTOCOL_VERSION));
      this.limits = (options.limits ?? readSetting(this.db, 'limits') ?? 'testnet') as Limits;
      this.config = networkConfigFor(this.limits);
      this.networkId = networkIdOf(this.passphrase);
      this.retention = options.retentionLedgers ?? DEFAULT_RETENTION_LEDGERS;
      if (!Number.isInteger(this.retention) || this.retention < 1) throw new Error(`retentionLedgers must be a positive integer, got ${this.retention}`);
      this.spl = secondsPerLedger(this.config);
      this.diagnostics = options.diagnosticEvents ?? true;
      if (stored === undefined) this.genesis(options.genesisCloseTime ?? DEFAULT_GENESIS_CLOSE_TIME);
      writeSetting(this.db, 'limits', this.limits);
      this.loadHead();
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.startCloseMode(options.closeMode ?? { kind: 'per-transaction' });
  }

  private mode: CloseMode = { kind: 'per-transaction' };

  private startCloseMode(mode: CloseMode): void {
    this.mode = mode;
    if (mode.kind === 'interval') {
      if (!Number.isFinite(mode.ms) || mode.ms < 1) throw new Error(`interval close mode needs ms >= 1, got ${mode.ms}`);
      this.timer = setInterval(() => this.closeLedgers(1), mode.ms);
      this.timer.unref();
    } else if (mode.kind !== 'per-transaction' && mode.kind !== 'manual') {
      throw new Error(`unknown close mode ${JSON.stringify(mode)}`);
    }
  }

  /** Ledger 1: the root account holding every lumen. */
  private genesis(closeTime: bigint): void {
    const root = Keypair.master(this.passphrase).rawPublicKey();
    const rootEntry: EntryWire = { lastModifiedLedgerSeq: 1, data: { type: ACCOUNT, account: newAccount(root, TOTAL_COINS, 0n) }, ext: { v: 0 } };
    const keyBytes = encodeKey(keyOfEntry(rootEntry));
    const header = genesisHeader({
      protocol: this.protocolVersion,
      closeTime,
      baseFee: BASE_FEE,
      baseReserve: BASE_RESERVE,
      stateHash: chainStateHash(new Uint8Array(32), [{ keyBytes, entryBytes: encodeEntry(rootEntry) }]),
    });
    const hash = headerHash(header);
    this.db.transaction(() => {
      this.state.apply([{ keyBytes, entry: rootEntry }]);
      this.history.insertLedger({
        sequence: 1,
        hash,
        close_time: Number(closeTime),
        soroban_state_size: 0,
        header: xdr.LedgerHeaderHistoryEntry.schema.encode({ hash, header, ext: { v: 0 } }),
        meta: null,
      });
      writeSetting(this.db, 'passphrase', this.passphrase);
      writeSetting(this.db, 'protocol', String(this.protocolVersion));
      writeSetting(this.db, 'soroban_state_size', '0');
    })();
  }

  private loadHead(): void {
    const row = this.history.latest();
    if (!row) throw new Error('the database has no closed ledger');
    const entry = xdr.LedgerHeaderHistoryEntry.schema.decode(row.header);
    this.head = { header: entry.header, hash: entry.hash, sorobanStateSize: BigInt(readSetting(this.db, 'soroban_state_size') ?? '0') };
  }

  // ---- context ----

  private contextFor(seq: number, closeTime: bigint): LedgerContext {
    const h = this.head.header;
    return {
      networkId: this.networkId,
      protocol: this.protocolVersion,
      seq,
      closeTime,
      baseFee: h.baseFee,
      baseReserve: h.baseReserve,
      config: this.config,
      sorobanStateSize: this.head.sorobanStateSize,
      diagnostics: this.diagnostics,
    };
  }

  private nextContext(): LedgerContext {
    return this.contextFor(this.head.header.ledgerSeq + 1, this.head.header.scpValue.closeTime + this.spl);
  }

  ledgerInfo(): LedgerInfo {
    const ctx = this.nextContext();
    return {
      protocolVersion: ctx.protocol,
      sequenceNumber: ctx.seq,
      timestamp: ctx.closeTime,
      networkId: this.networkId,
      baseReserve: ctx.baseReserve,
      minTemporaryTtl: this.config.minTemporaryTtl,
      minPersistentTtl: this.config.minPersistentTtl,
      maxEntryTtl: this.config.maxEntryTtl,
    };
  }

  snapshot(): LedgerSnapshot {
    return {
      get: (key: xdr.LedgerKey) => {
        const keyBytes = key.toXdr();
        const entry = this.state.get(keyId(keyBytes), keyBytes);
        if (!entry) return undefined;
        const liveUntilLedger = isSorobanKey(key.toXdrObject()) ? this.liveUntil(keyBytes) : undefined;
        return { entry: xdr.LedgerEntry.fromXdrObject(entry), liveUntilLedger };
      },
    };
  }

  private liveUntil(keyBytes: Uint8Array): number | undefined {
    const ttlKey = encodeKey(ttlKeyOf(keyBytes));
    return liveUntilOf(this.state.get(keyId(ttlKey), ttlKey));
  }

  // ---- ledgers ----

  private readonly emptyMeta = (row: LedgerRow): Uint8Array => emptyCloseMeta(row.header, this.config, BigInt(row.soroban_state_size));

  latestLedger(): LedgerRecord {
    return ledgerRecord(this.history.latest()!, this.protocolVersion, this.emptyMeta);
  }

  oldestLedger(): LedgerRecord {
    return ledgerRecord(this.history.oldest()!, this.protocolVersion, this.emptyMeta);
  }

  ledgers(fromLedger: number, afterCursor: string | undefined, limit: number): LedgerRecord[] {
    const start = afterCursor !== undefined ? Number(afterCursor) + 1 : fromLedger;
    if (!Number.isInteger(start)) throw new Error(`invalid ledger cursor "${afterCursor}"`);
    return this.history.ledgersFrom(start, limit).map((r) => ledgerRecord(r, this.protocolVersion, this.emptyMeta));
  }

  // ---- submission ----

  private log(line: string): void {
    for (const l of this.logListeners) l(line);
  }

  submit(envelope: xdr.TransactionEnvelope | Uint8Array): SubmitResult {
    this.assertOpen();
    const latest = this.head.header;
    const base = { latestLedger: latest.ledgerSeq, latestLedgerCloseTime: latest.scpValue.closeTime };
    const frame = parseFrame(this.networkId, envelope);
    if ('unsupported' in frame) {
      const errorResult = xdr.TransactionResult.fromXdrObject({ feeCharged: 0n, result: { code: TX.NOT_SUPPORTED }, ext: { v: 0 } } as xdr.TransactionResultWire);
      return { status: 'ERROR', hash: frame.hashHex, ...base, errorResult };
    }
    if (this.pending.some((p) => p.frame.hashHex === frame.hashHex)) return { status: 'DUPLICATE', hash: frame.hashHex, ...base };
    const sources = [frame.inner.source, feeSourceOf(frame)].map(hex);
    if (this.pending.some(({ frame: f }) => sources.includes(hex(f.inner.source)) || sources.includes(hex(feeSourceOf(f))))) {
      return { status: 'TRY_AGAIN_LATER', hash: frame.hashHex, ...base };
    }
    const ctx = this.nextContext();
    const { result, diagnostics } = checkValid(ctx, new LedgerTxn(this.state, ctx.seq), frame);
    if (!result.success) {
      const errorResult = xdr.TransactionResult.fromXdrObject(result.toWire());
      this.log(rejectedLine(frame.hashHex, result.toWire()));
      return { status: 'ERROR', hash: frame.hashHex, ...base, errorResult, diagnosticEvents: diagnostics.map((d) => xdr.DiagnosticEvent.fromXdrObject(d)) };
    }
    this.pending.push({ frame, version: this.stateVersion, closeTime: ctx.closeTime });
    if (this.mode.kind === 'per-transaction') this.closeSeries([ctx.closeTime]);
    return { status: 'PENDING', hash: frame.hashHex, ...base };
  }

  // ---- closing ----

  closeLedgers(n: number): LedgerRecord {
    this.assertOpen();
    if (!Number.isInteger(n) || n < 1) throw new Error(`closeLedgers needs a positive integer, got ${n}`);
    const start = this.head.header.scpValue.closeTime;
    this.closeSeries(Array.from({ length: n }, (_, i) => start + this.spl * BigInt(i + 1)));
    return this.latestLedger();
  }

  advanceTime(seconds: bigint, ledgers: number): LedgerRecord {
    this.assertOpen();
    if (!Number.isInteger(ledgers) || ledgers < 1) throw new Error(`advanceTime needs at least one ledger, got ${ledgers}`);
    if (seconds < BigInt(ledgers)) throw new Error(`advanceTime needs at least one second per ledger: ${seconds} s for ${ledgers} ledgers`);
    const start = this.head.header.scpValue.closeTime;
    const n = BigInt(ledgers);
    this.closeSeries(Array.from({ length: ledgers }, (_, i) => start + (seconds * BigInt(i + 1)) / n));
    return this.latestLedger();
  }

  /**
   * Closes one ledger per close time, the pending transactions in the first. Ledgers are written in
   * database transactions of up to `CLOSE_BATCH` ledgers: each ledger is atomic, and a long time
   * jump does not hold one huge transaction.
   */
  private closeSeries(closeTimes: bigint[]): void {
    const withTxs: ClosedLedger[] = [];
    for (let start = 0; start < closeTimes.length; start += CLOSE_BATCH) {
      this.atomically(() => {
        for (const [i, closeTime] of closeTimes.slice(start, start + CLOSE_BATCH).entries()) {
          const closed = this.closeOne(closeTime, start + i === 0 ? this.takeValidPending(closeTime) : []);
          if (closed.txs.length > 0) withTxs.push(closed);
        }
      });
    }
    this.announce(withTxs);
  }

  /** Runs `write` in one database transaction; if it fails, the in-memory view goes back to the database's. */
  private atomically<T>(write: () => T): T {
    try {
      return this.db.transaction(write)();
    } catch (e) {
      this.state.clearCache();
      this.stateVersion++;
      this.loadHead();
      throw e;
    }
  }

  /** The pending transactions still valid for the ledger about to close (`trimInvalid`). */
  private takeValidPending(closeTime: bigint): TxFrame[] {
    const pending = this.pending;
    this.pending = [];
    const ctx = this.contextFor(this.head.header.ledgerSeq + 1, closeTime);
    return pending
      .filter(({ frame, version, closeTime: validatedFor }) => {
        if (version === this.stateVersion && validatedFor === closeTime) return true;
        const { result } = checkValid(ctx, new LedgerTxn(this.state, ctx.seq), frame);
        if (!result.success) this.log(`${rejectedLine(frame.hashHex, result.toWire())} (dropped from the ledger)`);
        return result.success;
      })
      .map((p) => p.frame);
  }

  private closeOne(closeTime: bigint, frames: TxFrame[]): ClosedLedger {
    const { header, hash } = this.head;
    const ctx = this.contextFor(header.ledgerSeq + 1, closeTime);
    const closed = closeLedger({ prev: header, prevHash: hash, ledger: ctx, frames, state: this.state }, this.head.sorobanStateSize);
    this.write(closed);
    this.head = { header: closed.header, hash: closed.hash, sorobanStateSize: closed.sorobanStateSize };
    return closed;
  }

  /** Writes a closed ledger: state, ledger, transactions and events (inside the caller's transaction). */
  private write(closed: ClosedLedger): void {
    this.stateVersion++;
    this.state.apply(closed.deltas);
    recordLedger(this.history, closed);
    if (closed.sorobanStateSize !== this.head.sorobanStateSize) writeSetting(this.db, 'soroban_state_size', closed.sorobanStateSize.toString());
    const oldestToKeep = closed.header.ledgerSeq - this.retention + 1;
    if (oldestToKeep > 1) this.history.pruneBefore(oldestToKeep);
  }

  /** Logs the transactions of newly closed ledgers, then tells ledger listeners about the latest. */
  private announce(withTxs: readonly ClosedLedger[]): void {
    if (this.logListeners.size > 0) {
      for (const closed of withTxs) {
        for (const t of closed.txs) {
          this.log(appliedLine(t.applied.frame.hashHex, closed.header.ledgerSeq, t.applied.result.success, t.result));
          for (const line of diagnosticLines(t.applied.diagnostics)) this.log(line);
        }
      }
    }
    if (this.ledgerListeners.size > 0) {
      const record = this.latestLedger();
      for (const l of this.ledgerListeners) l(record);
    }
  }

  // ---- history ----

  transaction(hash: string): TransactionRecord | undefined {
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) return undefined;
    const row = this.history.transaction(Buffer.from(hash, 'hex'));
    return row && transactionRecord(row, BigInt(this.history.ledger(row.ledger)?.close_time ?? 0));
  }

  transactions(fromLedger: number, afterCursor: string | undefined, limit: number): TransactionRecord[] {
    let ledger = fromLedger;
    let order = 0;
    if (afterCursor !== undefined) {
      if (!/^\d+$/.test(afterCursor)) throw new Error(`invalid transaction cursor "${afterCursor}"`);
      const id = BigInt(afterCursor);
      ledger = Number(id >> 32n);
      order = Number((id >> 12n) & BigInt(TOID_TX_MASK));
    }
    const closeTimes = new Map<number, bigint>();
    return this.history.transactionsAfter(ledger, order, limit).map((row) => {
      let t = closeTimes.get(row.ledger);
      if (t === undefined) closeTimes.set(row.ledger, (t = BigInt(this.history.ledger(row.ledger)?.close_time ?? 0)));
      return transactionRecord(row, t);
    });
  }

  events(startLedger: number, endLedger: number, afterId: string | undefined, limit: number, match: (e: EventRecord) => boolean): EventRecord[] {
    const after = afterId ?? eventId(startLedger, 0, 0, 0).replace(/-\d+$/, '-');
    const before = eventId(endLedger, 0, 0, 0);
    const out: EventRecord[] = [];
    if (limit <= 0) return out;
    for (const row of this.history.eventsBetween(after, before)) {
      const record = eventRecord(row);
      if (!match(record)) continue;
      out.push(record);
      if (out.length >= limit) break;
    }
    return out;
  }

  ledgerEntries(keys: xdr.LedgerKey[]): EntryRecord[] {
    const latest = this.head.header.ledgerSeq;
    const out: EntryRecord[] = [];
    for (const key of keys) {
      const wire = key.toXdrObject();
      if (wire.type === TTL) continue;
      const keyBytes = key.toXdr();
      const entry = this.state.get(keyId(keyBytes), keyBytes);
      if (!entry) continue;
      let liveUntilLedgerSeq: number | undefined;
      if (isSorobanKey(wire)) {
        const liveUntil = this.liveUntil(keyBytes) ?? 0;
        if (liveUntil < latest && !isPersistentKey(wire)) continue; // expired temporary: gone
        // Archived persistent entries are reported as stellar-rpc does: live until ledger 0.
        liveUntilLedgerSeq = liveUntil < latest ? 0 : liveUntil;
      }
      out.push({ key, entry: xdr.LedgerEntry.fromXdrObject(entry), lastModifiedLedgerSeq: entry.lastModifiedLedgerSeq, liveUntilLedgerSeq });
    }
    return out;
  }

  feeStats(): FeeStats {
    const latest = this.head.header.ledgerSeq;
    const soroban: number[] = [];
    const classic: number[] = [];
    const from = latest - Math.max(CLASSIC_FEE_WINDOW, SOROBAN_FEE_WINDOW) + 1;
    for (const r of this.history.feeRows(from)) {
      if (r.soroban && r.ledger > latest - SOROBAN_FEE_WINDOW) soroban.push(r.inclusion_fee_charged);
      else if (!r.soroban && r.ledger > latest - CLASSIC_FEE_WINDOW) classic.push(r.inclusion_fee_charged);
    }
    const oldest = this.history.oldest()!.sequence;
    return {
      sorobanInclusionFee: soroban,
      inclusionFee: classic,
      latestLedger: latest,
      ledgerCount: { soroban: Math.min(SOROBAN_FEE_WINDOW, latest - oldest + 1), classic: Math.min(CLASSIC_FEE_WINDOW, latest - oldest + 1) },
    };
  }

  // ---- developer controls ----

  snapshotState(): string {
    this.assertOpen();
    return createSnapshot(this.db, this.head.header.ledgerSeq);
  }

  revertState(id: string): void {
    this.assertOpen();
    const ledger = revertToSnapshot(this.db, this.history, id);
    this.state.clearCache();
    this.stateVersion++;
    this.pending = [];
    this.loadHead();
    if (this.head.header.ledgerSeq !== ledger) throw new Error(`revert left ledger ${this.head.header.ledgerSeq}, expected ${ledger}`);
  }

  setLedgerEntry(entry: xdr.LedgerEntry, liveUntilLedgerSeq?: number): void {
    this.assertOpen();
    const wire = entry.toXdrObject();
    const key = keyOfEntry(wire);
    if (key.type === TTL) throw new Error('set the TTL of an entry with liveUntilLedgerSeq, not a TTL entry');
    const keyBytes = encodeKey(key);
    const seq = this.head.header.ledgerSeq;
    const deltas = [{ keyBytes, entry: { ...wire, lastModifiedLedgerSeq: seq } }];
    if (isSorobanKey(key)) {
      const liveUntil = liveUntilLedgerSeq ?? this.liveUntil(keyBytes) ?? seq + (isPersistentKey(key) ? this.config.minPersistentTtl : this.config.minTemporaryTtl) - 1;
      deltas.push({ keyBytes: encodeKey(ttlKeyOf(keyBytes)), entry: ttlEntry(keyBytes, liveUntil, seq) });
    } else if (liveUntilLedgerSeq !== undefined) {
      throw new Error('only contract data and code entries have a TTL');
    }
    this.atomically(() => this.state.apply(deltas));
    this.stateVersion++;
  }

  fund(address: string, stroops: bigint): string {
    this.assertOpen();
    if (!StrKey.isValidEd25519PublicKey(address)) throw new Error(`fund needs an account address (G...), got "${address}"`);
    if (stroops <= 0n) throw new Error(`fund needs a positive amount, got ${stroops}`);
    const root = Keypair.master(this.passphrase);
    const rootEntry = this.state.get(...idAndBytes(encodeKey({ type: ACCOUNT, account: { accountId: { type: 0, ed25519: root.rawPublicKey() } } })));
    if (!rootEntry || rootEntry.data.type !== ACCOUNT) throw new Error('the root account is gone');
    const target = StrKey.decodeEd25519PublicKey(address);
    const exists = this.state.get(...idAndBytes(encodeKey({ type: ACCOUNT, account: { accountId: { type: 0, ed25519: target } } }))) !== undefined;
    const envelope = buildFundTransaction(this.passphrase, root, rootEntry.data.account.seqNum + 1n, address, stroops, exists);
    const frame = parseFrame(this.networkId, envelope) as TxFrame;
    const { result } = checkValid(this.nextContext(), new LedgerTxn(this.state, this.head.header.ledgerSeq + 1), frame);
    if (!result.success) throw new Error(`funding ${address} failed validation: ${rejectedLine(frame.hashHex, result.toWire())}`);
    // The funding transaction closes its own ledger whatever the close mode, as friendbot answers with an applied transaction.
    const closed = this.atomically(() => this.closeOne(this.head.header.scpValue.closeTime + this.spl, [frame]));
    this.announce([closed]);
    const applied = closed.txs[0];
    if (!applied.applied.result.success) throw new Error(`funding ${address} failed: ${rejectedLine(frame.hashHex, applied.result)}`);
    return frame.hashHex;
  }

  onLog(listener: (line: string) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  onLedger(listener: (ledger: LedgerRecord) => void): () => void {
    this.ledgerListeners.add(listener);
    return () => this.ledgerListeners.delete(listener);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the network is closed');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.db.close();
  }
}

const idAndBytes = (keyBytes: Uint8Array): [string, Uint8Array] => [keyId(keyBytes), keyBytes];

export const openNetwork = (options: NetworkOptions = {}): Network => new LocalNetwork(options);

