/**
 * The transaction footprint (`soroban-env-host/src/storage.rs`, `Footprint`): the keys a run may read
 * and write. Enforcing mode checks every access against the declared keys; recording mode (used to
 * simulate a transaction) declares each key as it is accessed, upgrading read-only to read-write.
 */
import { xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { keyId, type LedgerKeyWire } from './keys.ts';

export type AccessType = 'read-only' | 'read-write';
export type FootprintMode = 'enforcing' | 'recording';

interface Access {
  readonly key: LedgerKeyWire;
  type: AccessType;
}

export class Footprint {
  private readonly accesses = new Map<string, Access>();

  private constructor(readonly mode: FootprintMode) {}

  /** A footprint declared up front, as a transaction's `SorobanResources.footprint`. */
  static enforcing(readOnly: readonly xdr.LedgerKey[], readWrite: readonly xdr.LedgerKey[]): Footprint {
    const fp = new Footprint('enforcing');
    for (const k of readWrite) fp.declare(k.toXdrObject(), 'read-write');
    for (const k of readOnly) {
      const key = k.toXdrObject();
      if (!fp.accesses.has(keyId(key))) fp.declare(key, 'read-only');
    }
    return fp;
  }

  /** An empty footprint that records the keys a run touches. */
  static recording(): Footprint {
    return new Footprint('recording');
  }

  private declare(key: LedgerKeyWire, type: AccessType): void {
    this.accesses.set(keyId(key), { key, type });
  }

  /**
   * Enforcing: a key outside the footprint, or a write to a read-only key, is
   * `Error(Storage, ExceededLimit)` (an exceeded resource, as the reference puts it). Recording:
   * notes the access.
   */
  access(id: string, key: LedgerKeyWire, type: AccessType): void {
    const existing = this.accesses.get(id);
    if (this.mode === 'recording') {
      if (!existing) this.accesses.set(id, { key, type });
      else if (type === 'read-write') existing.type = 'read-write';
      return;
    }
    if (!existing) throw hostError(ErrorType.Storage, ErrorCode.ExceededLimit, 'trying to access a ledger entry outside of the footprint');
    if (type === 'read-write' && existing.type === 'read-only')
      throw hostError(ErrorType.Storage, ErrorCode.ExceededLimit, 'trying to write a ledger entry that the footprint declares read-only');
  }

  /** Marks a key read-write whatever the mode: recording-mode automatic restoration needs it. */
  upgradeToReadWrite(id: string, key: LedgerKeyWire): void {
    const existing = this.accesses.get(id);
    if (existing) existing.type = 'read-write';
    else this.declare(key, 'read-write');
  }

  accessOf(id: string): AccessType | undefined {
    return this.accesses.get(id)?.type;
  }

  keys(type: AccessType): xdr.LedgerKey[] {
    return [...this.accesses.values()].filter((a) => a.type === type).map((a) => xdr.LedgerKey.fromXdrObject(a.key));
  }

  /** Every declared key with its id, in declaration order. */
  entries(): { id: string; key: LedgerKeyWire; type: AccessType }[] {
    return [...this.accesses].map(([id, a]) => ({ id, key: a.key, type: a.type }));
  }
}
