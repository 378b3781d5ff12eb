/**
 * Storage for one run (`soroban-env-host/src/storage.rs`): ledger entries read through the footprint
 * from the snapshot, cached for the run, written in place, and rolled back to a mark when a call
 * frame fails. At the end it reports what changed: the run's ledger changes.
 *
 * Expiry, as the reference host sees it: an expired temporary entry is gone (reads as absent); an
 * archived persistent entry (data, instance or code) cannot be touched at all, which the reference
 * reports as `Error(Storage, InternalError)` (on the network such a transaction never reaches the
 * host). In recording mode an archived persistent entry is restored instead: live again for the
 * minimum persistent TTL and read-write in the recorded footprint (CAP-66 automatic restoration).
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import type { AccessType, Footprint } from './footprint.ts';
import {
  checkSupportedKey,
  durabilityOf,
  encodeEntry,
  encodeKey,
  keyIdOfBytes,
  PERSISTENT,
  TEMPORARY,
  type LedgerEntryWire,
  type LedgerKeyWire,
} from './keys.ts';
import { checkEntryXdr } from './protocol-xdr.ts';
import type { LedgerSnapshot, SnapshotEntry } from './snapshot.ts';
import { minLiveUntilLedger } from './ttl.ts';

/** An entry as the run sees it; `entry` undefined means absent (never existed, deleted, expired). */
export interface Slot {
  readonly entry: LedgerEntryWire | undefined;
  readonly liveUntil: number | undefined;
}

const ABSENT: Slot = { entry: undefined, liveUntil: undefined };

interface Loaded {
  readonly key: LedgerKeyWire;
  readonly initial: Slot;
  readonly restored: boolean;
}

/** One ledger entry the run changed (created, updated, deleted or given a longer TTL). */
export interface LedgerChange {
  readonly key: xdr.LedgerKey;
  /** From the footprint: a read-only entry can only have its live-until extended. */
  readonly readOnly: boolean;
  /** The entry after the run; undefined when the run deleted it. */
  readonly entry: xdr.LedgerEntry | undefined;
  /** Live-until after the run; never below the previous one. */
  readonly liveUntilLedger: number | undefined;
  /** The entry before the run, when it existed and was live. */
  readonly previous: SnapshotEntry | undefined;
  /** Archived before the run and restored by it (recording mode). */
  readonly restored: boolean;
}

export class Storage {
  private readonly loaded = new Map<string, Loaded>();
  private readonly current = new Map<string, Slot>();
  /** Writes since the start, each with the slot it replaced, so a failed frame can undo its own. */
  private readonly journal: { id: string; previous: Slot }[] = [];

  constructor(
    readonly snapshot: LedgerSnapshot,
    readonly footprint: Footprint,
  ) {}

  /** Resolves a key to its id, checking it is a Soroban key and charging for the lookup. */
  private idOf(host: Host, key: LedgerKeyWire): string {
    checkSupportedKey(key);
    const bytes = encodeKey(key);
    host.budget.charge(CostType.MemCmp, bytes.length);
    return keyIdOfBytes(bytes);
  }

  private load(host: Host, id: string, key: LedgerKeyWire): Slot {
    const cached = this.current.get(id);
    if (cached) return cached;
    const found = this.snapshot.get(xdr.LedgerKey.fromXdrObject(key));
    let initial: Slot = found ? { entry: found.entry.toXdrObject(), liveUntil: found.liveUntilLedger } : ABSENT;
    if (initial.entry) checkEntryXdr(host, initial.entry);
    let slot = initial;
    let restored = false;
    const seq = host.ledger.sequenceNumber;
    if (initial.entry && initial.liveUntil !== undefined && initial.liveUntil < seq) {
      const durability = durabilityOf(key);
      if (durability === TEMPORARY) {
        initial = slot = ABSENT; // an expired temporary entry no longer exists
      } else if (this.footprint.mode === 'recording') {
        restored = true;
        slot = { entry: initial.entry, liveUntil: minLiveUntilLedger(host, PERSISTENT) };
        this.footprint.upgradeToReadWrite(id, key);
      } else {
        throw hostError(ErrorType.Storage, ErrorCode.InternalError, 'accessed a ledger entry that has been archived');
      }
    }
    this.loaded.set(id, { key, initial, restored });
    this.current.set(id, slot);
    return slot;
  }

  private access(host: Host, key: LedgerKeyWire, type: AccessType): { id: string; slot: Slot } {
    const id = this.idOf(host, key);
    this.footprint.access(id, key, type);
    return { id, slot: this.load(host, id, key) };
  }

  /** The entry under `key` (absent slot if none): a read. */
  read(host: Host, key: LedgerKeyWire): Slot {
    return this.access(host, key, 'read-only').slot;
  }

  /** Like `read`, but a missing entry is `Error(Storage, MissingValue)`. */
  get(host: Host, key: LedgerKeyWire): { entry: LedgerEntryWire; liveUntil: number | undefined } {
    const slot = this.read(host, key);
    if (!slot.entry) throw hostError(ErrorType.Storage, ErrorCode.MissingValue, 'trying to get a non-existing ledger entry');
    return { entry: slot.entry, liveUntil: slot.liveUntil };
  }

  has(host: Host, key: LedgerKeyWire): boolean {
    return this.read(host, key).entry !== undefined;
  }

  /** Writes (or, with an undefined entry, deletes) an entry: needs read-write access. */
  write(host: Host, key: LedgerKeyWire, entry: LedgerEntryWire | undefined, liveUntil: number | undefined): void {
    const { id } = this.access(host, key, 'read-write');
    this.replace(id, entry ? { entry, liveUntil } : ABSENT);
  }

  /**
   * Sets a new live-until for an existing entry. A TTL extension is a read as far as the footprint
   * is concerned: the reference changes only the TTL, which read-only entries may have changed.
   */
  setLiveUntil(host: Host, key: LedgerKeyWire, liveUntil: number): void {
    const { id, slot } = this.access(host, key, 'read-only');
    if (!slot.entry) throw hostError(ErrorType.Storage, ErrorCode.MissingValue, 'trying to extend a non-existing ledger entry');
    this.replace(id, { entry: slot.entry, liveUntil });
  }

  private replace(id: string, slot: Slot): void {
    this.journal.push({ id, previous: this.current.get(id)! });
    this.current.set(id, slot);
  }

  /** A point to roll back to. */
  mark(): number {
    return this.journal.length;
  }

  /** Undoes every write since `mark`, newest first. Footprint accesses stay recorded. */
  rollback(mark: number): void {
    while (this.journal.length > mark) {
      const { id, previous } = this.journal.pop()!;
      this.current.set(id, previous);
    }
  }

  /** Entries the run changed, in the order they were first accessed. */
  changes(): LedgerChange[] {
    const out: LedgerChange[] = [];
    for (const [id, { key, initial, restored }] of this.loaded) {
      const now = this.current.get(id)!;
      const readOnly = this.footprint.accessOf(id) !== 'read-write';
      const oldLive = initial.liveUntil ?? 0;
      const liveUntil = now.liveUntil === undefined ? undefined : restored ? now.liveUntil : Math.max(now.liveUntil, oldLive);
      const entryChanged = !readOnly && (restored || entriesDiffer(initial, now));
      const ttlChanged = now.entry !== undefined && liveUntil !== initial.liveUntil;
      if (!entryChanged && !ttlChanged) continue;
      out.push({
        key: xdr.LedgerKey.fromXdrObject(key),
        readOnly,
        entry: now.entry && xdr.LedgerEntry.fromXdrObject(now.entry),
        liveUntilLedger: now.entry ? liveUntil : undefined,
        previous:
          initial.entry && !restored ? { entry: xdr.LedgerEntry.fromXdrObject(initial.entry), liveUntilLedger: initial.liveUntil } : undefined,
        restored,
      });
    }
    return out;
  }

  /**
   * Every footprint key with its entry before and after the run: the reference's storage map at the
   * end of a run. A key the run never touched is as the snapshot has it.
   */
  finalStates(): { key: LedgerKeyWire; readOnly: boolean; before: SnapshotEntry | undefined; after: LedgerEntryWire | undefined }[] {
    return this.footprint.entries().map(({ id, key, type }) => {
      const before = this.snapshot.get(xdr.LedgerKey.fromXdrObject(key));
      return { key, readOnly: type === 'read-only', before, after: (this.current.get(id) ?? { entry: before?.entry.toXdrObject() }).entry };
    });
  }

  /** Keys restored from the archive in recording mode. */
  restoredKeys(): xdr.LedgerKey[] {
    return [...this.loaded.values()].filter((l) => l.restored).map((l) => xdr.LedgerKey.fromXdrObject(l.key));
  }
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const entriesDiffer = (a: Slot, b: Slot): boolean =>
  a.entry === undefined || b.entry === undefined ? a.entry !== b.entry : !sameBytes(encodeEntry(a.entry), encodeEntry(b.entry));
