/**
 * env.json module `crypto`: the BLS12-381 host functions (CAP-0059, plus the protocol 26 on-curve
 * checks), matching `soroban-env-host/src/crypto/bls12_381.rs` and its `host.rs` wrappers.
 *
 * Encodings are the reference's (zcash style, uncompressed): G1 is `be(X) || be(Y)` (96 bytes), G2
 * is `be(X_c1) || be(X_c0) || be(Y_c1) || be(Y_c0)` (192 bytes); the top three bits of the first
 * byte are flags, where compression and sort must be clear and infinity must come with all other
 * bits clear. Fp is 48 bytes big-endian, Fp2 is `be(c1) || be(c0)`; every coordinate must be below
 * the field modulus. Scalars (Fr) are U256 Vals reduced modulo r. Every failure is
 * `Error(Crypto, InvalidInput)`, except Vals of the wrong type inside vectors
 * (`Error(Value, UnexpectedType)`, from the reference's Val conversions).
 */
import { pippenger } from '@noble/curves/abstract/curve.js';
import type { IField } from '@noble/curves/abstract/modular.js';
import type { Fp2 } from '@noble/curves/abstract/tower.js';
import type { WeierstrassPoint, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { CostType } from '../../budget/cost-type.ts';
import type { Host } from '../../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../../val/error.ts';
import { Tag } from '../../val/tag.ts';
import { fromBool, tagOf, type Val } from '../../val/val.ts';
import type { HostFn, HostFnTable } from '../types.ts';
import { mapFp2ToG2, mapFpToG1, type Affine } from './bls12-381-map.ts';
import { scalarField } from './scalar-field.ts';

const { Fp, Fp2: Fp2Field, Fp12, Fr } = bls12_381.fields;

const FP_SIZE = 48;
const FR_SIZE = 32;
const FP12_SIZE = FP_SIZE * 12;
const FLAGS_MASK = 0b1110_0000;
const INFINITY_FLAG = 0b0100_0000;

const invalid = (message: string): Error => hostError(ErrorType.Crypto, ErrorCode.InvalidInput, message);

// ---- byte-level pieces ----

/** The bytes of a BytesObject Val; other Vals fail as the reference's `BytesObject` conversion. */
const bytesOf = (host: Host, v: Val): Uint8Array => {
  if (tagOf(v) !== Tag.BytesObject) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'expected a BytesObject');
  return host.get(v, Tag.BytesObject).bytes;
};

/** A big-endian Fp at `offset`, or undefined when it is not below the modulus. */
const readFp = (bytes: Uint8Array, offset: number): bigint | undefined => {
  let x = 0n;
  for (let i = offset; i < offset + FP_SIZE; i++) x = (x << 8n) | BigInt(bytes[i]);
  return x < Fp.ORDER ? x : undefined;
};

const writeFp = (x: bigint, out: Uint8Array, offset: number): void => {
  for (let i = offset + FP_SIZE - 1; i >= offset; i--, x >>= 8n) out[i] = Number(x & 0xffn);
};

// ---- the two groups ----

interface Group<T> {
  readonly name: 'G1' | 'G2';
  /** Bytes of an uncompressed point. */
  readonly size: number;
  readonly Point: WeierstrassPointCons<T>;
  readonly field: IField<T>;
  /** The curve's `b` in y² = x³ + b. */
  readonly b: T;
  /** A coordinate at `offset`, or undefined when a part is not below the modulus. */
  readonly readCoord: (bytes: Uint8Array, offset: number) => T | undefined;
  readonly writeCoord: (value: T, out: Uint8Array, offset: number) => void;
  readonly cost: {
    readonly onCurve: CostType;
    readonly subgroup: CostType;
    readonly toAffine: CostType;
    readonly add: CostType;
    readonly mul: CostType;
    readonly msm: CostType;
    readonly map: CostType;
    readonly hash: CostType;
  };
}

const G1: Group<bigint> = {
  name: 'G1',
  size: FP_SIZE * 2,
  Point: bls12_381.G1.Point,
  field: Fp,
  b: bls12_381.G1.Point.CURVE().b,
  readCoord: readFp,
  writeCoord: writeFp,
  cost: {
    onCurve: CostType.Bls12381G1CheckPointOnCurve,
    subgroup: CostType.Bls12381G1CheckPointInSubgroup,
    toAffine: CostType.Bls12381G1ProjectiveToAffine,
    add: CostType.Bls12381G1Add,
    mul: CostType.Bls12381G1Mul,
    msm: CostType.Bls12381G1Msm,
    map: CostType.Bls12381MapFpToG1,
    hash: CostType.Bls12381HashToG1,
  },
};

/** An Fp2 as `be(c1) || be(c0)` at `offset`. */
const readFp2 = (bytes: Uint8Array, offset: number): Fp2 | undefined => {
  const c1 = readFp(bytes, offset);
  const c0 = readFp(bytes, offset + FP_SIZE);
  return c0 === undefined || c1 === undefined ? undefined : Fp2Field.fromBigTuple([c0, c1]);
};

const writeFp2 = (value: Fp2, out: Uint8Array, offset: number): void => {
  writeFp(value.c1, out, offset);
  writeFp(value.c0, out, offset + FP_SIZE);
};

const G2: Group<Fp2> = {
  name: 'G2',
  size: FP_SIZE * 4,
  Point: bls12_381.G2.Point,
  field: Fp2Field,
  b: bls12_381.G2.Point.CURVE().b,
  readCoord: readFp2,
  writeCoord: writeFp2,
  cost: {
    onCurve: CostType.Bls12381G2CheckPointOnCurve,
    subgroup: CostType.Bls12381G2CheckPointInSubgroup,
    toAffine: CostType.Bls12381G2ProjectiveToAffine,
    add: CostType.Bls12381G2Add,
    mul: CostType.Bls12381G2Mul,
    msm: CostType.Bls12381G2Msm,
    map: CostType.Bls12381MapFp2ToG2,
    hash: CostType.Bls12381HashToG2,
  },
};

// ---- points in and out ----

/**
 * Length and flag checks, then the coordinates: null is the point at infinity. Nothing here says
 * the point is on the curve; note (0, 0) without the infinity flag is an ordinary (off-curve)
 * point, as in arkworks, not infinity.
 */
const decodeAffine = <T>(host: Host, g: Group<T>, bytes: Uint8Array): Affine<T> | null => {
  if (bytes.length !== g.size) throw invalid(`bls12-381 ${g.name}: invalid input length ${bytes.length} to deserialize`);
  const flags = bytes[0] & FLAGS_MASK;
  if (flags === INFINITY_FLAG) {
    if (bytes[0] !== INFINITY_FLAG || bytes.some((b, i) => i > 0 && b !== 0))
      throw invalid(`bls12-381 ${g.name} deserialize: infinity flag (bit 1) is set while remaining bits are not all zero`);
  } else if (flags !== 0) {
    throw invalid(`bls12-381 ${g.name} deserialize: compression flag (bit 0) or sort flag (bit 2) is set`);
  }
  host.budget.charge(CostType.Bls12381DecodeFp, 0, g.size / FP_SIZE);
  if (flags === INFINITY_FLAG) return null;
  const x = g.readCoord(bytes, 0);
  const y = g.readCoord(bytes, g.size / 2);
  if (x === undefined || y === undefined) throw invalid(`bls12-381: unable to deserialize ${g.name}`);
  return { x, y };
};

const isOnCurve = <T>(g: Group<T>, a: Affine<T> | null): boolean => {
  if (a === null) return true;
  const { field: F } = g;
  return F.eql(F.sqr(a.y), F.add(F.mul(F.sqr(a.x), a.x), g.b));
};

/** A point from a BytesObject, checked on the curve and, when asked, in the prime-order subgroup. */
const readPoint = <T>(host: Host, g: Group<T>, v: Val, subgroupCheck: boolean): WeierstrassPoint<T> => {
  const affine = decodeAffine(host, g, bytesOf(host, v));
  host.budget.charge(g.cost.onCurve);
  if (!isOnCurve(g, affine)) throw invalid(`bls12-381 ${g.name}: point not on curve`);
  const point = affine === null ? g.Point.ZERO : g.Point.fromAffine(affine);
  if (subgroupCheck) {
    host.budget.charge(g.cost.subgroup);
    if (!point.isTorsionFree()) throw invalid(`bls12-381 ${g.name}: point not in the correct subgroup`);
  }
  return point;
};

/** Serializes affine coordinates (null: infinity) into a new BytesObject. */
const writeAffine = <T>(host: Host, g: Group<T>, affine: Affine<T> | null): Val => {
  host.budget.charge(CostType.Bls12381EncodeFp, 0, g.size / FP_SIZE);
  const out = new Uint8Array(g.size);
  if (affine === null) out[0] = INFINITY_FLAG;
  else {
    g.writeCoord(affine.x, out, 0);
    g.writeCoord(affine.y, out, g.size / 2);
  }
  return host.add({ tag: Tag.BytesObject, bytes: out });
};

const affineOf = <T>(p: WeierstrassPoint<T>): Affine<T> | null => (p.is0() ? null : p.toAffine());

/** Results computed in projective form pay for the conversion to affine first. */
const writeProjective = <T>(host: Host, g: Group<T>, p: WeierstrassPoint<T>): Val => {
  host.budget.charge(g.cost.toAffine);
  return writeAffine(host, g, affineOf(p));
};

// ---- scalars ----

const fr = scalarField({
  field: Fr,
  cost: {
    fromU256: CostType.Bls12381FrFromU256,
    toU256: CostType.Bls12381FrToU256,
    addSub: CostType.Bls12381FrAddSub,
    mul: CostType.Bls12381FrMul,
    pow: CostType.Bls12381FrPow,
    inv: CostType.Bls12381FrInv,
  },
  zeroInverseCharged: false,
  zeroInverseMessage: 'scalar inversion input is zero',
});
const frOf = fr.frOf;

// ---- vectors ----

const vecItems = (host: Host, v: Val): readonly Val[] => host.get(v, Tag.VecObject).items;

/** Both vectors must be non-empty and of the same length; checked before any element is read. */
const checkLengths = (what: string, a: number, b: number): void => {
  if (a !== b || a === 0) throw invalid(`${what}: invalid input vector lengths (${a}, ${b})`);
};

const pointsOf = <T>(host: Host, g: Group<T>, v: Val): WeierstrassPoint<T>[] => {
  const items = vecItems(host, v);
  host.budget.charge(CostType.MemAlloc, items.length * g.size);
  return items.map((item) => readPoint(host, g, item, true));
};

const scalarsOf = (host: Host, v: Val): bigint[] => {
  const items = vecItems(host, v);
  host.budget.charge(CostType.MemAlloc, items.length * FR_SIZE);
  return items.map((item) => frOf(host, item));
};

// ---- host functions, per group ----

const checkInSubgroup =
  <T>(g: Group<T>): HostFn =>
  (host, point) => {
    const p = readPoint(host, g, point, false);
    host.budget.charge(g.cost.subgroup);
    return fromBool(p.isTorsionFree());
  };

/** Protocol 26: encoding errors still fail; only the curve equation becomes the answer. */
const checkOnCurve =
  <T>(g: Group<T>): HostFn =>
  (host, point) => {
    const affine = decodeAffine(host, g, bytesOf(host, point));
    host.budget.charge(g.cost.onCurve);
    return fromBool(isOnCurve(g, affine));
  };

/** Addition does not require the inputs to be in the subgroup. */
const add =
  <T>(g: Group<T>): HostFn =>
  (host, p1, p2) => {
    const a = readPoint(host, g, p1, false);
    const b = readPoint(host, g, p2, false);
    host.budget.charge(g.cost.add);
    return writeProjective(host, g, a.add(b));
  };

const mul =
  <T>(g: Group<T>): HostFn =>
  (host, point, scalar) => {
    const p = readPoint(host, g, point, true);
    const s = frOf(host, scalar);
    host.budget.charge(g.cost.mul);
    return writeProjective(host, g, p.multiplyUnsafe(s));
  };

const msm =
  <T>(g: Group<T>): HostFn =>
  (host, vp, vs) => {
    checkLengths(`${g.name} msm`, vecItems(host, vp).length, vecItems(host, vs).length);
    const points = pointsOf(host, g, vp);
    const scalars = scalarsOf(host, vs);
    host.budget.charge(g.cost.msm, points.length);
    return writeProjective(host, g, pippenger(g.Point, points, scalars));
  };

/** DST limits of the reference's `hash_to_curve` (RFC 9380 section 5.3.3 would hash longer ones). */
const hashToCurve =
  <T>(g: Group<T>, hash: (msg: Uint8Array, dst: Uint8Array) => WeierstrassPoint<T>): HostFn =>
  (host, msgVal, dstVal) => {
    const msg = bytesOf(host, msgVal);
    const dst = bytesOf(host, dstVal);
    host.budget.charge(g.cost.hash, msg.length);
    if (dst.length === 0 || dst.length > 255)
      throw invalid(`hash_to_curve: invalid input dst length ${dst.length}, must be > 0 and < 256`);
    return writeAffine(host, g, affineOf(hash(msg, dst)));
  };

/** An Fp or Fp2 argument: exact length, every part below the modulus. */
const fieldElementOf = <T>(host: Host, v: Val, size: number, name: string, read: (b: Uint8Array, o: number) => T | undefined): T => {
  const bytes = bytesOf(host, v);
  if (bytes.length !== size) throw invalid(`bls12-381 field element ${name}: invalid input length ${bytes.length} to deserialize`);
  host.budget.charge(CostType.MemCpy, size);
  host.budget.charge(CostType.Bls12381DecodeFp, 0, size / FP_SIZE);
  const value = read(bytes, 0);
  if (value === undefined) throw invalid(`bls12-381: unable to deserialize ${name}`);
  return value;
};

/**
 * `map_to_curve` without cofactor clearing, so the result may lie outside the subgroup. It is
 * written from the map's affine output as is, like the reference does.
 */
const mapFpToG1Fn: HostFn = (host, fp) => {
  const u = fieldElementOf(host, fp, FP_SIZE, 'Fp', readFp);
  host.budget.charge(G1.cost.map);
  return writeAffine(host, G1, mapFpToG1(u));
};

const mapFp2ToG2Fn: HostFn = (host, fp2) => {
  const u = fieldElementOf(host, fp2, FP_SIZE * 2, 'Fp2', readFp2);
  host.budget.charge(G2.cost.map);
  return writeAffine(host, G2, mapFp2ToG2(u));
};

/**
 * True when the product of the pairings is 1 in GT. arkworks' Miller loop skips pairs holding an
 * infinity point (their pairing is 1) where noble refuses them, so they are dropped here.
 */
const multiPairingCheck: HostFn = (host, vp1, vp2) => {
  checkLengths('multi-pairing-check', vecItems(host, vp1).length, vecItems(host, vp2).length);
  const g1s = pointsOf(host, G1, vp1);
  const g2s = pointsOf(host, G2, vp2);
  host.budget.charge(CostType.Bls12381Pairing, g1s.length);
  const pairs = g1s.map((g1, i) => ({ g1, g2: g2s[i] })).filter(({ g1, g2 }) => !g1.is0() && !g2.is0());
  const gt = bls12_381.pairingBatch(pairs);
  host.budget.charge(CostType.MemCmp, FP12_SIZE);
  return fromBool(Fp12.eql(gt, Fp12.ONE));
};

export const bls12381Functions: HostFnTable = {
  bls12_381_check_g1_is_in_subgroup: checkInSubgroup(G1),
  bls12_381_g1_add: add(G1),
  bls12_381_g1_mul: mul(G1),
  bls12_381_g1_msm: msm(G1),
  bls12_381_map_fp_to_g1: mapFpToG1Fn,
  bls12_381_hash_to_g1: hashToCurve(G1, (msg, DST) => bls12_381.G1.hashToCurve(msg, { DST })),
  bls12_381_check_g2_is_in_subgroup: checkInSubgroup(G2),
  bls12_381_g2_add: add(G2),
  bls12_381_g2_mul: mul(G2),
  bls12_381_g2_msm: msm(G2),
  bls12_381_map_fp2_to_g2: mapFp2ToG2Fn,
  bls12_381_hash_to_g2: hashToCurve(G2, (msg, DST) => bls12_381.G2.hashToCurve(msg, { DST })),
  bls12_381_multi_pairing_check: multiPairingCheck,
  bls12_381_fr_add: fr.add,
  bls12_381_fr_sub: fr.sub,
  bls12_381_fr_mul: fr.mul,
  bls12_381_fr_pow: fr.pow,
  bls12_381_fr_inv: fr.inv,
  bls12_381_g1_is_on_curve: checkOnCurve(G1),
  bls12_381_g2_is_on_curve: checkOnCurve(G2),
};
