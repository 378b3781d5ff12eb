/**
 * SetOptions (`SetOptionsOpFrame`): flags, inflation destination, home domain, master weight,
 * thresholds and signers (kept sorted by key; weight 0 removes a signer). Changing thresholds,
 * the master weight or signers needs the high threshold, anything else the medium one.
 */
import { xdr } from '@stellar/stellar-sdk';
import { THRESHOLD_HIGH, THRESHOLD_LOW, THRESHOLD_MASTER, THRESHOLD_MEDIUM, loadAccount, putAccount, sponsorsOf, withSigners } from '../ledger/accounts.ts';
import { addSubentry, removeSignerAt } from '../ledger/subentries.ts';
import { OP_TOO_MANY_SUBENTRIES, type OperationHandler, type OpResult } from './types.ts';

const SUCCESS = 0;
const LOW_RESERVE = -1;
const TOO_MANY_SIGNERS = -2;
const BAD_FLAGS = -3;
const INVALID_INFLATION = -4;
const CANT_CHANGE = -5;
const UNKNOWN_FLAG = -6;
const THRESHOLD_OUT_OF_RANGE = -7;
const BAD_SIGNER = -8;
const INVALID_HOME_DOMAIN = -9;
const AUTH_REVOCABLE_REQUIRED = -10;

const AUTH_REVOCABLE_FLAG = 2;
const AUTH_IMMUTABLE_FLAG = 4;
const AUTH_CLAWBACK_ENABLED_FLAG = 8;
/** AUTH_REQUIRED | AUTH_REVOCABLE | AUTH_IMMUTABLE | AUTH_CLAWBACK_ENABLED. */
const ALL_ACCOUNT_FLAGS = 0xf;
const MAX_SIGNERS = 20;

const result = (code: number): OpResult => ({ code: 0, tr: { type: 5, setOptionsResult: { code } } }) as OpResult;

const keyBytes = (k: xdr.SignerKeyWire): Uint8Array => xdr.SignerKey.schema.encode(k);
const sameKey = (a: xdr.SignerKeyWire, b: xdr.SignerKeyWire): boolean => Buffer.compare(keyBytes(a), keyBytes(b)) === 0;

/** The order stellar-core keeps signers in: by key type, then key bytes (then payload). */
const compareKeys = (a: xdr.SignerKeyWire, b: xdr.SignerKeyWire): number => {
  if (a.type !== b.type) return a.type - b.type;
  const parts = (k: xdr.SignerKeyWire): Uint8Array[] => {
    switch (k.type) {
      case 0:
        return [k.ed25519];
      case 1:
        return [k.preAuthTx];
      case 2:
        return [k.hashX];
      case 3:
        return [k.ed25519SignedPayload.ed25519, k.ed25519SignedPayload.payload];
    }
  };
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < pa.length; i++) {
    const c = Buffer.compare(pa[i], pb[i]);
    if (c !== 0) return c;
  }
  return 0;
};

const isPrintable = (s: Uint8Array): boolean => s.every((c) => c >= 0x20 && c <= 0x7e);

export const setOptions: OperationHandler = {
  threshold(body) {
    if (body.type !== 5) throw new Error('not a SetOptions');
    const o = body.setOptionsOp;
    return o.masterWeight !== null || o.lowThreshold !== null || o.medThreshold !== null || o.highThreshold !== null || o.signer !== null
      ? 'high'
      : 'medium';
  },
  initial: () => result(SUCCESS),
  checkValid(ctx, body) {
    if (body.type !== 5) throw new Error('not a SetOptions');
    const o = body.setOptionsOp;
    if ((o.setFlags ?? 0) & ~ALL_ACCOUNT_FLAGS || (o.clearFlags ?? 0) & ~ALL_ACCOUNT_FLAGS) return result(UNKNOWN_FLAG);
    if (o.setFlags !== null && o.clearFlags !== null && (o.setFlags & o.clearFlags) !== 0) return result(BAD_FLAGS);
    for (const t of [o.masterWeight, o.lowThreshold, o.medThreshold, o.highThreshold]) if (t !== null && t > 255) return result(THRESHOLD_OUT_OF_RANGE);
    if (o.signer) {
      const k = o.signer.key;
      if (k.type === 0 && Buffer.compare(k.ed25519, ctx.source) === 0) return result(BAD_SIGNER);
      if (o.signer.weight > 255) return result(BAD_SIGNER);
      if (k.type === 3 && k.ed25519SignedPayload.payload.length === 0) return result(BAD_SIGNER);
    }
    if (o.homeDomain && !isPrintable(o.homeDomain.bytes)) return result(INVALID_HOME_DOMAIN);
    return undefined;
  },
  apply(ctx, body) {
    if (body.type !== 5) throw new Error('not a SetOptions');
    const o = body.setOptionsOp;
    let a = loadAccount(ctx.ltx, ctx.source)!;
    if (o.inflationDest) {
      if (Buffer.compare(o.inflationDest.ed25519, ctx.source) !== 0 && !loadAccount(ctx.ltx, o.inflationDest.ed25519)) return result(INVALID_INFLATION);
      a = { ...a, inflationDest: o.inflationDest };
    }
    const immutable = (a.flags & AUTH_IMMUTABLE_FLAG) !== 0;
    if (o.clearFlags !== null) {
      if (o.clearFlags & ALL_ACCOUNT_FLAGS && immutable) return result(CANT_CHANGE);
      a = { ...a, flags: a.flags & ~o.clearFlags };
    }
    if (o.setFlags !== null) {
      if (o.setFlags & ALL_ACCOUNT_FLAGS && immutable) return result(CANT_CHANGE);
      a = { ...a, flags: a.flags | o.setFlags };
    }
    if (a.flags & AUTH_CLAWBACK_ENABLED_FLAG && !(a.flags & AUTH_REVOCABLE_FLAG)) return result(AUTH_REVOCABLE_REQUIRED);
    if (o.homeDomain) a = { ...a, homeDomain: o.homeDomain };
    const thresholds = Uint8Array.from(a.thresholds);
    const updates: [number | null, number][] = [
      [o.masterWeight, THRESHOLD_MASTER],
      [o.lowThreshold, THRESHOLD_LOW],
      [o.medThreshold, THRESHOLD_MEDIUM],
      [o.highThreshold, THRESHOLD_HIGH],
    ];
    for (const [value, at] of updates) if (value !== null) thresholds[at] = value & 0xff;
    a = { ...a, thresholds };
    if (o.signer) {
      const signers = [...a.signers];
      const sponsors = sponsorsOf(a);
      const at = signers.findIndex((s) => sameKey(s.key, o.signer!.key));
      if (o.signer.weight > 0) {
        if (at >= 0) {
          signers[at] = { ...signers[at], weight: o.signer.weight };
          a = withSigners(a, signers, sponsors);
        } else {
          if (signers.length === MAX_SIGNERS) return result(TOO_MANY_SIGNERS);
          const grown = addSubentry(ctx.ledger, a);
          if (grown === 'low-reserve') return result(LOW_RESERVE);
          if (grown === 'too-many-subentries') return OP_TOO_MANY_SUBENTRIES;
          let insertAt = signers.findIndex((s) => compareKeys(o.signer!.key, s.key) < 0);
          if (insertAt < 0) insertAt = signers.length;
          signers.splice(insertAt, 0, o.signer);
          sponsors.splice(insertAt, 0, null);
          a = withSigners(grown, signers, sponsors);
        }
      } else if (at >= 0) {
        a = removeSignerAt(a, at);
      }
    }
    putAccount(ctx.ltx, a);
    return result(SUCCESS);
  },
};
