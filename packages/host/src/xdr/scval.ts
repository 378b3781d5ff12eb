/**
 * Val ⇄ XDR `ScVal` (`@stellar/stellar-sdk` 17 types), the way the reference host converts at its
 * edges (`soroban-env-host/src/host/conversion.rs`): small forms whenever a value fits, map keys
 * strictly ascending, symbols validated, a depth limit of 100.
 */
import { xdr } from '@stellar/stellar-sdk';
import { compareVals } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import { DURATION, I128, I256, I64, TIMEPOINT, U128, U256, U64, kindOfTag, numberOf, numberVal } from '../host/numbers.ts';
import type { ScAddressData } from '../host/objects.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { SYMBOL_SMALL_MAX_LEN, symbolSmallBody, symbolSmallBytes, validateSymbol } from '../val/symbol.ts';
import { Tag } from '../val/tag.ts';
import {
  FALSE,
  TRUE,
  VOID,
  bodyOf,
  fromBody,
  fromError,
  fromI32,
  fromU32,
  majorOf,
  tagOf,
  toError,
  type Val,
} from '../val/val.ts';

type ScValWire = xdr.ScValWire;
type ScAddressWire = xdr.ScAddressWire;

export const MAX_DEPTH = 100;

const M64 = (1n << 64n) - 1n;

const depthExceeded = () => hostError(ErrorType.Context, ErrorCode.ExceededLimit, `value nesting deeper than ${MAX_DEPTH}`);

/** Makes a symbol Val from bytes: small when up to 9 chars, else an object. */
export const symbolVal = (host: Host, bytes: Uint8Array): Val => {
  validateSymbol(bytes);
  return bytes.length <= SYMBOL_SMALL_MAX_LEN
    ? fromBody(Tag.SymbolSmall, symbolSmallBody(bytes))
    : host.add({ tag: Tag.SymbolObject, bytes: bytes.slice() });
};

export const symbolBytesOf = (host: Host, v: Val): Uint8Array =>
  tagOf(v) === Tag.SymbolSmall ? symbolSmallBytes(bodyOf(v)) : host.get(v, Tag.SymbolObject).bytes;

export const addressFromWire = (a: ScAddressWire): ScAddressData => {
  if (a.type === 0) return { kind: 'account', key: new Uint8Array(a.accountId.ed25519) };
  if (a.type === 1) return { kind: 'contract', id: new Uint8Array(a.contractId) };
  throw hostError(ErrorType.Object, ErrorCode.UnexpectedType, 'encountered unsupported ScAddress type');
};

export const addressToWire = (a: ScAddressData): ScAddressWire =>
  a.kind === 'account'
    ? ({ type: 0, accountId: { type: 0, ed25519: a.key } } as ScAddressWire)
    : ({ type: 1, contractId: a.id } as ScAddressWire);

const wireToVal = (host: Host, w: ScValWire, depth: number): Val => {
  if (depth > MAX_DEPTH) throw depthExceeded();
  switch (w.type) {
    case 0:
      return w.b ? TRUE : FALSE;
    case 1:
      return VOID;
    case 2:
      return fromError(w.error.type === 0 ? { type: 0, code: w.error.contractCode } : { type: w.error.type, code: Number(w.error.code) });
    case 3:
      return fromU32(w.u32);
    case 4:
      return fromI32(w.i32);
    case 5:
      return numberVal(host, U64, BigInt.asUintN(64, w.u64));
    case 6:
      return numberVal(host, I64, BigInt.asIntN(64, w.i64));
    case 7:
      return numberVal(host, TIMEPOINT, BigInt.asUintN(64, w.timepoint));
    case 8:
      return numberVal(host, DURATION, BigInt.asUintN(64, w.duration));
    case 9:
      return numberVal(host, U128, (BigInt.asUintN(64, w.u128.hi) << 64n) | BigInt.asUintN(64, w.u128.lo));
    case 10:
      return numberVal(host, I128, (BigInt.asIntN(64, w.i128.hi) << 64n) | BigInt.asUintN(64, w.i128.lo));
    case 11: {
      const p = w.u256;
      return numberVal(host, U256, join256(BigInt.asUintN(64, p.hiHi), p.hiLo, p.loHi, p.loLo));
    }
    case 12: {
      const p = w.i256;
      return numberVal(host, I256, join256(BigInt.asIntN(64, p.hiHi), p.hiLo, p.loHi, p.loLo));
    }
    case 13:
      return host.add({ tag: Tag.BytesObject, bytes: new Uint8Array(w.bytes as Uint8Array) });
    case 14:
      return host.add({ tag: Tag.StringObject, bytes: new Uint8Array(w.str.bytes) });
    case 15:
      return symbolVal(host, new Uint8Array(w.sym.bytes));
    case 16: {
      if (!w.vec) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'ScVal::Vec body missing');
      return host.add({ tag: Tag.VecObject, items: w.vec.map((x) => wireToVal(host, x, depth + 1)) });
    }
    case 17: {
      if (!w.map) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'ScVal::Map body missing');
      const keys = w.map.map((e) => wireToVal(host, e.key, depth + 1));
      const values = w.map.map((e) => wireToVal(host, e.val, depth + 1));
      for (let i = 1; i < keys.length; i++)
        if (compareVals(host, keys[i - 1], keys[i]) >= 0)
          throw hostError(ErrorType.Object, ErrorCode.InvalidInput, 'map keys are not strictly ascending');
      return host.add({ tag: Tag.MapObject, keys, values });
    }
    case 18: {
      const a = w.address;
      if (a.type === 2)
        return host.add({ tag: Tag.MuxedAddressObject, key: new Uint8Array(a.muxedAccount.ed25519), id: BigInt.asUintN(64, a.muxedAccount.id) });
      return host.add({ tag: Tag.AddressObject, address: addressFromWire(a) });
    }
    case 22:
      return host.add({ tag: Tag.ExecutableTagObject, name: new Uint8Array(w.executableTag.bytes) });
    default:
      throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `ScVal type ${w.type} cannot be represented as a Val`);
  }
};

const join256 = (hiHi: bigint, hiLo: bigint, loHi: bigint, loLo: bigint): bigint =>
  (hiHi << 192n) | (BigInt.asUintN(64, hiLo) << 128n) | (BigInt.asUintN(64, loHi) << 64n) | BigInt.asUintN(64, loLo);

const valToWire = (host: Host, v: Val, depth: number): ScValWire => {
  if (depth > MAX_DEPTH) throw depthExceeded();
  const tag = tagOf(v);
  switch (tag) {
    case Tag.False:
    case Tag.True:
      return { type: 0, b: tag === Tag.True };
    case Tag.Void:
      return { type: 1 };
    case Tag.Error: {
      const e = toError(v);
      return { type: 2, error: (e.type === 0 ? { type: 0, contractCode: e.code } : { type: e.type, code: e.code }) as never };
    }
    case Tag.U32Val:
      return { type: 3, u32: majorOf(v) };
    case Tag.I32Val:
      return { type: 4, i32: majorOf(v) | 0 };
    case Tag.BytesObject:
      return { type: 13, bytes: host.get(v, Tag.BytesObject).bytes } as ScValWire;
    case Tag.StringObject:
      return { type: 14, str: new xdr.XdrString(host.get(v, Tag.StringObject).bytes) } as ScValWire;
    case Tag.SymbolSmall:
    case Tag.SymbolObject:
      return { type: 15, sym: new xdr.XdrString(symbolBytesOf(host, v)) } as ScValWire;
    case Tag.VecObject:
      return { type: 16, vec: host.get(v, Tag.VecObject).items.map((x) => valToWire(host, x, depth + 1)) };
    case Tag.MapObject: {
      const m = host.get(v, Tag.MapObject);
      return {
        type: 17,
        map: m.keys.map((k, i) => ({ key: valToWire(host, k, depth + 1), val: valToWire(host, m.values[i], depth + 1) })),
      };
    }
    case Tag.AddressObject:
      return { type: 18, address: addressToWire(host.get(v, Tag.AddressObject).address) };
    case Tag.MuxedAddressObject: {
      const m = host.get(v, Tag.MuxedAddressObject);
      return { type: 18, address: { type: 2, muxedAccount: { id: m.id, ed25519: m.key } } as ScAddressWire };
    }
    case Tag.ExecutableTagObject:
      return { type: 22, executableTag: new xdr.XdrString(host.get(v, Tag.ExecutableTagObject).name) } as ScValWire;
  }
  const k = kindOfTag(tag);
  if (!k) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `value with tag ${tag} has no ScVal form`);
  const x = numberOf(host, k, v);
  switch (k) {
    case U64:
      return { type: 5, u64: x };
    case I64:
      return { type: 6, i64: x };
    case TIMEPOINT:
      return { type: 7, timepoint: x };
    case DURATION:
      return { type: 8, duration: x };
    case U128:
      return { type: 9, u128: { hi: x >> 64n, lo: x & M64 } };
    case I128:
      return { type: 10, i128: { hi: x >> 64n, lo: x & M64 } };
    case U256:
      return { type: 11, u256: split256(x) };
    default:
      return { type: 12, i256: { ...split256(x), hiHi: x >> 192n } };
  }
};

const split256 = (x: bigint) => ({
  hiHi: (x >> 192n) & M64,
  hiLo: (x >> 128n) & M64,
  loHi: (x >> 64n) & M64,
  loLo: x & M64,
});

/** Converts an `ScVal` into a Val with absolute handles. */
export const scValToVal = (host: Host, scv: xdr.ScVal): Val => wireToVal(host, scv.toXdrObject(), 0);

/** Converts a Val (absolute handles) to the plain `ScVal` wire form. */
export const valToScValWire = (host: Host, v: Val): ScValWire => valToWire(host, v, 0);

/** Converts a Val (absolute handles) to its `ScVal`. */
export const valToScVal = (host: Host, v: Val): xdr.ScVal => xdr.ScVal.fromXdrObject(valToWire(host, v, 0));
