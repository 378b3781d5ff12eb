/**
 * Nested ledger-state transactions (stellar-core's `LedgerTxn`): a layer of changes over a parent
 * (another layer or the store), committed into the parent or dropped. A layer reports its changes
 * as `LedgerEntryChanges` the way core's meta does: STATE then UPDATED/REMOVED for existing
 * entries, CREATED for new ones. Entries are treated as immutable values: a change is a new object.
 */
import type { xdr } from '@stellar/stellar-sdk';
import { encodeKey, keyId, keyOfEntry, type EntryWire, type KeyWire } from './keys.ts';

export interface EntrySource {
  /** The entry under the key, or undefined when there is none. */
  get(id: string, keyBytes: Uint8Array): EntryWire | undefined;
}

export interface Delta {
  readonly keyBytes: Uint8Array;
  /** Undefined: erased. */
  readonly entry: EntryWire | undefined;
  /** The entry's XDR, when already computed. */
  readonly entryBytes?: Uint8Array;
}

export type ChangeWire = xdr.LedgerEntryChangeWire;

export const CREATED = 0;
export const UPDATED = 1;
export const REMOVED = 2;
export const STATE = 3;
export const RESTORED = 4;

export class LedgerTxn implements EntrySource {
  private readonly delta = new Map<string, Delta>();

  constructor(
    private readonly parent: EntrySource,
    readonly ledgerSeq: number,
  ) {}

  get(id: string, keyBytes: Uint8Array): EntryWire | undefined {
    const d = this.delta.get(id);
    return d ? d.entry : this.parent.get(id, keyBytes);
  }

  load(key: KeyWire): EntryWire | undefined {
    const bytes = encodeKey(key);
    return this.get(keyId(bytes), bytes);
  }

  /** Creates or replaces the entry; it is stamped as modified in this ledger. */
  put(entry: EntryWire): EntryWire {
    const stamped = { ...entry, lastModifiedLedgerSeq: this.ledgerSeq };
    const keyBytes = encodeKey(keyOfEntry(stamped));
    this.delta.set(keyId(keyBytes), { keyBytes, entry: stamped });
    return stamped;
  }

  erase(key: KeyWire): void {
    const keyBytes = encodeKey(key);
    this.delta.set(keyId(keyBytes), { keyBytes, entry: undefined });
  }

  child(): LedgerTxn {
    return new LedgerTxn(this, this.ledgerSeq);
  }

  /** Moves this layer's changes into its parent layer. */
  commit(): void {
    if (!(this.parent instanceof LedgerTxn)) throw new Error('only a nested ledger transaction can be committed into its parent');
    for (const [id, d] of this.delta) this.parent.delta.set(id, d);
    this.delta.clear();
  }

  /** The net changes of this layer relative to its parent, in first-touched order. */
  deltas(): IterableIterator<[string, Delta]> {
    return this.delta.entries();
  }

  get size(): number {
    return this.delta.size;
  }

  /** This layer's changes as meta (`LedgerTxn::getChanges`). */
  changes(): ChangeWire[] {
    const out: ChangeWire[] = [];
    for (const [id, { keyBytes, entry }] of this.delta) {
      const before = this.parent.get(id, keyBytes);
      if (before) {
        out.push({ type: STATE, state: before });
        if (entry) out.push({ type: UPDATED, updated: entry });
        else out.push({ type: REMOVED, removed: keyOfEntry(before) });
      } else if (entry) {
        out.push({ type: CREATED, created: entry });
      }
    }
    return out;
  }
}
