/**
 * The host's total order over Vals (`obj_cmp`, map key order): values of different types order by
 * their `SCValType`; the small and object forms of one type compare by value; containers compare
 * element by element, then by length (`soroban-env-common/src/compare.rs`, `host/comparison.rs`).
 */
import { Tag } from '../val/tag.ts';
import { bodyOf, majorOf, minorOf, tagOf, type Val } from '../val/val.ts';
import { symbolSmallBytes } from '../val/symbol.ts';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from './host.ts';
import { kindOfTag, numberOf } from './numbers.ts';
import { compareBytes, type BytesLikeObject, type ScAddressData } from './objects.ts';

/** `SCValType` of each Val tag. */
const SCVAL_TYPE: Partial<Record<number, number>> = {
  [Tag.False]: 0,
  [Tag.True]: 0,
  [Tag.Void]: 1,
  [Tag.Error]: 2,
  [Tag.U32Val]: 3,
  [Tag.I32Val]: 4,
  [Tag.U64Small]: 5,
  [Tag.U64Object]: 5,
  [Tag.I64Small]: 6,
  [Tag.I64Object]: 6,
  [Tag.TimepointSmall]: 7,
  [Tag.TimepointObject]: 7,
  [Tag.DurationSmall]: 8,
  [Tag.DurationObject]: 8,
  [Tag.U128Small]: 9,
  [Tag.U128Object]: 9,
  [Tag.I128Small]: 10,
  [Tag.I128Object]: 10,
  [Tag.U256Small]: 11,
  [Tag.U256Object]: 11,
  [Tag.I256Small]: 12,
  [Tag.I256Object]: 12,
  [Tag.BytesObject]: 13,
  [Tag.StringObject]: 14,
  [Tag.SymbolSmall]: 15,
  [Tag.SymbolObject]: 15,
  [Tag.VecObject]: 16,
  [Tag.MapObject]: 17,
  [Tag.AddressObject]: 18,
  [Tag.MuxedAddressObject]: 18,
  [Tag.ExecutableTagObject]: 22,
};

export const scValTypeOfTag = (tag: number): number | undefined => SCVAL_TYPE[tag];

const sign = (x: number | bigint): number => (x < 0 ? -1 : x > 0 ? 1 : 0);

const bytesOf = (host: Host, v: Val): Uint8Array => (host.object(v) as BytesLikeObject).bytes;

const symbolBytes = (host: Host, v: Val): Uint8Array =>
  tagOf(v) === Tag.SymbolSmall ? symbolSmallBytes(bodyOf(v)) : host.get(v, Tag.SymbolObject).bytes;

/**
 * Address order follows the `ScAddress` XDR union: accounts, contracts, then muxed accounts;
 * muxed accounts compare by id, then key (`MuxedEd25519Account` field order).
 */
const addressKey = (host: Host, v: Val): [number, bigint, Uint8Array] => {
  if (tagOf(v) === Tag.MuxedAddressObject) {
    const m = host.get(v, Tag.MuxedAddressObject);
    return [2, m.id, m.key];
  }
  const a: ScAddressData = host.get(v, Tag.AddressObject).address;
  return a.kind === 'account' ? [0, 0n, a.key] : [1, 0n, a.id];
};

export const compareVals = (host: Host, a: Val, b: Val): number => {
  if (a === b) return 0;
  const ta = tagOf(a);
  const tb = tagOf(b);
  const sa = SCVAL_TYPE[ta] ?? ta + 256;
  const sb = SCVAL_TYPE[tb] ?? tb + 256;
  if (sa !== sb) return sign(sa - sb);
  switch (sa) {
    case 0: // bool
      return sign(ta - tb);
    case 1: // void
      return 0;
    case 2: // error: by type, then code
      return sign(minorOf(a) - minorOf(b)) || sign(majorOf(a) - majorOf(b));
    case 3:
      return sign(majorOf(a) - majorOf(b));
    case 4:
      return sign((majorOf(a) | 0) - (majorOf(b) | 0));
    case 13:
    case 14:
      return compareBytes(bytesOf(host, a), bytesOf(host, b));
    case 15:
      return compareBytes(symbolBytes(host, a), symbolBytes(host, b));
    case 16: {
      const x = host.get(a, Tag.VecObject).items;
      const y = host.get(b, Tag.VecObject).items;
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareVals(host, x[i], y[i]);
        if (c !== 0) return c;
      }
      return sign(x.length - y.length);
    }
    case 17: {
      const x = host.get(a, Tag.MapObject);
      const y = host.get(b, Tag.MapObject);
      const n = Math.min(x.keys.length, y.keys.length);
      for (let i = 0; i < n; i++) {
        const c = compareVals(host, x.keys[i], y.keys[i]) || compareVals(host, x.values[i], y.values[i]);
        if (c !== 0) return c;
      }
      return sign(x.keys.length - y.keys.length);
    }
    case 18: {
      const [ka, ia, ba] = addressKey(host, a);
      const [kb, ib, bb] = addressKey(host, b);
      return sign(ka - kb) || sign(ia - ib) || compareBytes(ba, bb);
    }
    case 22:
      return compareBytes(host.get(a, Tag.ExecutableTagObject).name, host.get(b, Tag.ExecutableTagObject).name);
    default: {
      const k = kindOfTag(ta);
      if (!k) return sign(ta - tb);
      host.budget.charge(CostType.MemCmp, k.bits / 8);
      return sign(numberOf(host, k, a) - numberOf(host, k, b));
    }
  }
};

/** Binary search of `k` in keys sorted by `compareVals`: its index, or where it would be inserted. */
export const findKey = (host: Host, keys: readonly Val[], k: Val): { found: boolean; index: number } => {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareVals(host, keys[mid], k);
    if (c === 0) return { found: true, index: mid };
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return { found: false, index: lo };
};
