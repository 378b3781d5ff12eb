/**
 * The interface of the local network, as the RPC server and the CLI use it. Everything a Stellar RPC
 * method or a developer control (`sorobox_*`) needs, and nothing about how it is stored.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { LedgerInfo, LedgerSnapshot, NetworkConfig } from '@sorobox/host';

export type CloseMode = { kind: 'per-transaction' } | { kind: 'interval'; ms: number } | { kind: 'manual' };

export interface NetworkOptions {
  /** Default 'Standalone Network ; February 2017'. */
  passphrase?: string;
  /** Default '.sorobox' (the SQLite WAL database `sorobox.sqlite` inside); ignored when ephemeral. */
  dataDir?: string;
  /** In-memory SQLite: nothing is written to disk. */
  ephemeral?: boolean;
  /** Default HOST_PROTOCOL_VERSION. Only used at genesis: an existing database keeps its own. */
  protocolVersion?: number;
  /** Soroban network config used for validation and fees; default 'testnet'. */
  limits?: 'testnet' | 'mainnet' | 'unlimited';
  /** Default per-transaction. */
  closeMode?: CloseMode;
  /** History window (ledgers, transactions, events) in ledgers; default 120960. */
  retentionLedgers?: number;
  /** Close time of the genesis ledger in seconds; a fixed constant by default, never the wall clock. */
  genesisCloseTime?: bigint;
  /**
   * Record the host's diagnostic events (contract logs, call traces, errors) in transaction meta,
   * as stellar-core's `ENABLE_SOROBAN_DIAGNOSTIC_EVENTS`; default true. Off is faster.
   */
  diagnosticEvents?: boolean;
}

export interface LedgerRecord {
  sequence: number;
  /** Hex. */
  hash: string;
  /** Seconds since the Unix epoch. */
  closeTime: bigint;
  protocolVersion: number;
  headerXdr: xdr.LedgerHeaderHistoryEntry;
  metaXdr: xdr.LedgerCloseMeta;
}

export type SubmitStatus = 'PENDING' | 'DUPLICATE' | 'TRY_AGAIN_LATER' | 'ERROR';

export interface SubmitResult {
  status: SubmitStatus;
  /** Hex hash of the transaction (of the fee-bump envelope for a fee bump). */
  hash: string;
  latestLedger: number;
  latestLedgerCloseTime: bigint;
  /** With status ERROR: the validation failure, as stellar-core reports it. */
  errorResult?: xdr.TransactionResult;
  diagnosticEvents?: xdr.DiagnosticEvent[];
}

export interface TransactionRecord {
  /** Hex. */
  hash: string;
  status: 'SUCCESS' | 'FAILED';
  ledger: number;
  /** Close time of its ledger, seconds. */
  createdAt: bigint;
  /** 1-based position in its ledger's apply order. */
  applicationOrder: number;
  feeBump: boolean;
  envelope: xdr.TransactionEnvelope;
  result: xdr.TransactionResult;
  meta: xdr.TransactionMeta;
  diagnosticEvents: xdr.DiagnosticEvent[];
}

export interface EventRecord {
  /** stellar-rpc's format: `<TOID of ledger, tx, op as 19 digits>-<event index as 10 digits>`. */
  id: string;
  ledger: number;
  ledgerClosedAt: bigint;
  /** 1-based application order of the transaction in its ledger (as in the TOID). */
  transactionIndex: number;
  operationIndex: number;
  eventIndex: number;
  /** Hex. */
  txHash: string;
  inSuccessfulContractCall: boolean;
  /** Its `type` (contract, system, diagnostic) is the event type getEvents reports. */
  event: xdr.ContractEvent;
}

export interface EntryRecord {
  key: xdr.LedgerKey;
  entry: xdr.LedgerEntry;
  lastModifiedLedgerSeq: number;
  /** For contract data and code entries. */
  liveUntilLedgerSeq?: number;
}

export interface FeeStats {
  /** Inclusion fees charged (fee charged minus the resource fee charged) of the Soroban transactions of the last 50 ledgers. */
  sorobanInclusionFee: number[];
  /** Fees charged per operation of the classic transactions of the last 10 ledgers. */
  inclusionFee: number[];
  latestLedger: number;
  /** Ledgers the two windows cover (stellar-rpc's `ledgerCount`). */
  ledgerCount: { soroban: number; classic: number };
}

export interface Network {
  readonly passphrase: string;
  /** sha256 of the passphrase. */
  readonly networkId: Uint8Array;
  readonly protocolVersion: number;
  /** Which Soroban settings `config` holds: chosen at genesis, kept by the database unless reopened with another. */
  readonly limits: NonNullable<NetworkOptions['limits']>;
  /** Soroban limits and fee rates in force. */
  readonly config: NetworkConfig;
  latestLedger(): LedgerRecord;
  /** The oldest ledger still retained. */
  oldestLedger(): LedgerRecord;
  /** What the next ledger's transactions see (for simulation). */
  ledgerInfo(): LedgerInfo;
  /** A read view of the current state (for simulation). */
  snapshot(): LedgerSnapshot;
  /**
   * Validates and queues; in per-transaction mode closes a ledger with it before returning. The
   * envelope's XDR may be given instead of the object (faster: it is not encoded again); malformed
   * XDR throws.
   */
  submit(envelope: xdr.TransactionEnvelope | Uint8Array): SubmitResult;
  transaction(hash: string): TransactionRecord | undefined;
  /** Transactions from `fromLedger` on, in apply order; the cursor is a record's TOID as a decimal string. */
  transactions(fromLedger: number, afterCursor: string | undefined, limit: number): TransactionRecord[];
  /** Ledgers from `fromLedger` on; the cursor is a ledger sequence as a decimal string. */
  ledgers(fromLedger: number, afterCursor: string | undefined, limit: number): LedgerRecord[];
  /**
   * The entries among the keys, as stellar-rpc reports them: absent entries, expired temporary
   * entries and TTL keys are left out; archived persistent entries have `liveUntilLedgerSeq` 0.
   */
  ledgerEntries(keys: xdr.LedgerKey[]): EntryRecord[];
  /** Events of ledgers [startLedger, endLedger) after the cursor id, in order, that `match` accepts. */
  events(startLedger: number, endLedger: number, afterId: string | undefined, limit: number, match: (e: EventRecord) => boolean): EventRecord[];
  feeStats(): FeeStats;

  // Developer controls (sorobox_* methods).
  /** Closes n (possibly empty) ledgers now, with the pending transactions in the first; `ledgerTargetCloseTimeMs` apart. */
  closeLedgers(n: number): LedgerRecord;
  /** Closes `ledgers` ledgers spread over `seconds`: close time and sequence move together. */
  advanceTime(seconds: bigint, ledgers: number): LedgerRecord;
  /** Returns an id for revertState. */
  snapshotState(): string;
  /** Back to the state and history of the snapshot; later snapshots are dropped. */
  revertState(id: string): void;
  setLedgerEntry(entry: xdr.LedgerEntry, liveUntilLedgerSeq?: number): void;
  /**
   * Pays stroops from the root account to the account, creating it if needed, in a transaction
   * applied in a ledger of its own closed at once (whatever the close mode); returns its hash.
   */
  fund(address: string, stroops: bigint): string;
  /** Console lines: transactions applied or failed (decoded result codes), contract logs. Returns the unsubscribe. */
  onLog(listener: (line: string) => void): () => void;
  /** Called after ledgers close (once per batch of ledgers closed together, with the latest). Returns the unsubscribe. */
  onLedger(listener: (ledger: LedgerRecord) => void): () => void;
  close(): void;
}

export type OpenNetwork = (options?: NetworkOptions) => Network;
