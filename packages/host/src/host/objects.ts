/**
 * Host objects: the values a Val refers to by handle. Containers hold Vals with absolute handles;
 * only the host converts them to a frame's relative handles (`soroban-env-host/src/host_object.rs`).
 */
import { Tag } from '../val/tag.ts';
import type { Val } from '../val/val.ts';

export type NumericObjectTag =
  | Tag.U64Object
  | Tag.I64Object
  | Tag.TimepointObject
  | Tag.DurationObject
  | Tag.U128Object
  | Tag.I128Object
  | Tag.U256Object
  | Tag.I256Object;

export interface NumberObject {
  readonly tag: NumericObjectTag;
  readonly value: bigint;
}
export interface BytesLikeObject {
  readonly tag: Tag.BytesObject | Tag.StringObject | Tag.SymbolObject;
  readonly bytes: Uint8Array;
}
export interface VecObject {
  readonly tag: Tag.VecObject;
  readonly items: readonly Val[];
}
/** Keys kept sorted in the host's total order and unique; `values[i]` belongs to `keys[i]`. */
export interface MapObject {
  readonly tag: Tag.MapObject;
  readonly keys: readonly Val[];
  readonly values: readonly Val[];
}

export type ScAddressData =
  | { readonly kind: 'account'; readonly key: Uint8Array }
  | { readonly kind: 'contract'; readonly id: Uint8Array };

export interface AddressObject {
  readonly tag: Tag.AddressObject;
  readonly address: ScAddressData;
}
export interface MuxedAddressObject {
  readonly tag: Tag.MuxedAddressObject;
  readonly key: Uint8Array;
  readonly id: bigint;
}
/** CAP-85: an executable tag names an entry in its owner's persistent storage. */
export interface ExecutableTagObject {
  readonly tag: Tag.ExecutableTagObject;
  readonly name: Uint8Array;
}

export type HostObject =
  | NumberObject
  | BytesLikeObject
  | VecObject
  | MapObject
  | AddressObject
  | MuxedAddressObject
  | ExecutableTagObject;

/** The object type whose `tag` admits `T` (distributes over the union). */
export type ObjectOfTag<T extends Tag> = HostObject extends infer O
  ? O extends { readonly tag: infer U }
    ? T extends U
      ? O
      : never
    : never
  : never;

export const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** Lexicographic byte comparison, shorter first on a common prefix (Rust's `[u8]` order). */
export const compareBytes = (a: Uint8Array, b: Uint8Array): number => {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
};
