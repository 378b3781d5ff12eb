/**
 * env.json module `crypto`: BN254 (alt_bn128) G1 arithmetic, pairing check and Fr arithmetic
 * (`soroban-env-host/src/crypto/bn254.rs`, CAP-0074 and CAP-0080).
 *
 * Encoding (Ethereum's): G1 is be(X) ‖ be(Y), 64 bytes; G2 is be(X.c1) ‖ be(X.c0) ‖ be(Y.c1) ‖
 * be(Y.c0), 128 bytes. The two top bits of the first byte must be clear and all-zero bytes are the
 * point at infinity. Coordinates must be below the field modulus. Every malformed input is
 * `Error(Crypto, InvalidInput)`; scalars are U256Vals reduced modulo r.
 */
import { bn254 } from '@noble/curves/bn254.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { CostType } from '../../budget/cost-type.ts';
import type { Host } from '../../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../../val/error.ts';
import { Tag } from '../../val/tag.ts';
import { fromBool, tagOf, type Val } from '../../val/val.ts';
import type { HostFnTable } from '../types.ts';
import { scalarField } from './scalar-field.ts';

const FP_SIZE = 32;
const G1_SIZE = 64;
const G2_SIZE = 128;

const G1 = bn254.G1.Point;
const G2 = bn254.G2.Point;
const { Fp, Fp2, Fp12, Fr } = bn254.fields;

type G1Point = InstanceType<typeof G1>;
type G2Point = InstanceType<typeof G2>;
type Fp2Value = ReturnType<typeof Fp2.fromBigTuple>;

const invalid = (message: string) => hostError(ErrorType.Crypto, ErrorCode.InvalidInput, message);

/** A vector element as bytes; like `BytesObject::try_from_val`, anything else is a conversion error. */
const itemBytes = (host: Host, item: Val): Uint8Array => {
  if (tagOf(item) !== Tag.BytesObject) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'expected a BytesObject');
  return host.get(item, Tag.BytesObject).bytes;
};

/**
 * `bn254_validate_flags_and_check_infinity`: the exact length, both flag bits clear; returns
 * whether the encoding is the point at infinity (all zero bytes).
 */
const checkFlags = (bytes: Uint8Array, size: number, what: string): boolean => {
  if (bytes.length !== size) throw invalid(`bn254 ${what}: invalid input length ${bytes.length}, expected ${size}`);
  if (bytes[0] & 0xc0) throw invalid(`bn254 ${what} deserialize: the two flag bits must be unset`);
  return bytes.every((b) => b === 0);
};

/** One big-endian base field element; values at or above p are rejected. */
const decodeFp = (bytes: Uint8Array): bigint => {
  const x = bytesToNumberBE(bytes);
  if (x >= Fp.ORDER) throw invalid('bn254: unable to deserialize Fp');
  return x;
};

/** `bn254_field_element_deserialize` for Fp (one unit of decoding) and Fp2 (c1 ‖ c0, two units). */
const decodeFpElement = (host: Host, bytes: Uint8Array): bigint => {
  host.budget.charge(CostType.MemCpy, FP_SIZE);
  host.budget.charge(CostType.Bn254DecodeFp);
  return decodeFp(bytes);
};
const decodeFp2Element = (host: Host, bytes: Uint8Array): Fp2Value => {
  host.budget.charge(CostType.MemCpy, 2 * FP_SIZE);
  host.budget.charge(CostType.Bn254DecodeFp, 0, 2);
  const c1 = decodeFp(bytes.subarray(0, FP_SIZE));
  const c0 = decodeFp(bytes.subarray(FP_SIZE));
  return Fp2.fromBigTuple([c0, c1]);
};

/** y² = x³ + 3 over Fp. */
const onG1Curve = (x: bigint, y: bigint): boolean => Fp.eql(Fp.sqr(y), Fp.add(Fp.mul(Fp.sqr(x), x), G1.CURVE().b));

/** y² = x³ + 3/(9 + u) over Fp2 (the D-type twist). */
const onG2Curve = (x: Fp2Value, y: Fp2Value): boolean => Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), G2.CURVE().b));

/** Decodes a G1 point's coordinates without the curve check (`None` for infinity). */
const decodeG1Coordinates = (host: Host, bytes: Uint8Array): { x: bigint; y: bigint } | undefined => {
  if (checkFlags(bytes, G1_SIZE, 'G1')) return undefined;
  const x = decodeFpElement(host, bytes.subarray(0, FP_SIZE));
  const y = decodeFpElement(host, bytes.subarray(FP_SIZE));
  return { x, y };
};

/** `bn254_g1_affine_deserialize`: G1 needs no subgroup check, every curve point is in it. */
const decodeG1 = (host: Host, bytes: Uint8Array): G1Point => {
  const xy = decodeG1Coordinates(host, bytes);
  if (!xy) return G1.ZERO;
  host.budget.charge(CostType.Bn254G1CheckPointOnCurve);
  if (!onG1Curve(xy.x, xy.y)) throw invalid('bn254 G1: point not on curve');
  return G1.fromAffine(xy);
};

/** `bn254_g2_affine_deserialize`: on the twist and in the order-r subgroup. */
const decodeG2 = (host: Host, bytes: Uint8Array): G2Point => {
  if (checkFlags(bytes, G2_SIZE, 'G2')) return G2.ZERO;
  const x = decodeFp2Element(host, bytes.subarray(0, 2 * FP_SIZE));
  const y = decodeFp2Element(host, bytes.subarray(2 * FP_SIZE));
  host.budget.charge(CostType.Bn254G2CheckPointOnCurve);
  if (!onG2Curve(x, y)) throw invalid('bn254 G2: point not on curve');
  const point = G2.fromAffine({ x, y });
  host.budget.charge(CostType.Bn254G2CheckPointInSubgroup);
  if (!point.isTorsionFree()) throw invalid('bn254 G2: point not in the correct subgroup');
  return point;
};

/** Projective to affine and big-endian X ‖ Y; infinity encodes as zeros. */
const encodeG1 = (host: Host, point: G1Point): Val => {
  host.budget.charge(CostType.Bn254G1ProjectiveToAffine);
  host.budget.charge(CostType.Bn254EncodeFp, 0, 2);
  const out = new Uint8Array(G1_SIZE);
  if (!point.is0()) {
    const { x, y } = point.toAffine();
    out.set(numberToBytesBE(x, FP_SIZE), 0);
    out.set(numberToBytesBE(y, FP_SIZE), FP_SIZE);
  }
  return host.add({ tag: Tag.BytesObject, bytes: out });
};

// ---- Fr ----

const fr = scalarField({
  field: Fr,
  cost: {
    fromU256: CostType.Bn254FrFromU256,
    toU256: CostType.Bn254FrToU256,
    addSub: CostType.Bn254FrAddSub,
    mul: CostType.Bn254FrMul,
    pow: CostType.Bn254FrPow,
    inv: CostType.Bn254FrInv,
  },
  zeroInverseCharged: true,
  zeroInverseMessage: 'bn254 fr_inv: field element has no inverse',
});
const frOf = fr.frOf;

// ---- group operations ----

/** Scalar multiplication by an element of [0, r), which noble's `multiplyUnsafe` accepts. */
const mul = (point: G1Point, k: bigint): G1Point => point.multiplyUnsafe(k);

const g1Add = (host: Host, p1: Val, p2: Val): Val => {
  const a = decodeG1(host, host.get(p1, Tag.BytesObject).bytes);
  const b = decodeG1(host, host.get(p2, Tag.BytesObject).bytes);
  host.budget.charge(CostType.Bn254G1Add);
  return encodeG1(host, a.add(b));
};

const g1Mul = (host: Host, p: Val, scalar: Val): Val => {
  const point = decodeG1(host, host.get(p, Tag.BytesObject).bytes);
  const k = frOf(host, scalar);
  host.budget.charge(CostType.Bn254G1Mul);
  return encodeG1(host, mul(point, k));
};

/** Like the BLS12-381 MSM: equal, non-zero lengths first, then points, then scalars. */
const g1Msm = (host: Host, vp: Val, vs: Val): Val => {
  const pointItems = host.get(vp, Tag.VecObject).items;
  const scalarItems = host.get(vs, Tag.VecObject).items;
  if (pointItems.length !== scalarItems.length || pointItems.length === 0)
    throw invalid(`msm: invalid input vector lengths (${pointItems.length}, ${scalarItems.length})`);
  host.budget.charge(CostType.MemAlloc, pointItems.length * G1_SIZE);
  const points = pointItems.map((item) => decodeG1(host, itemBytes(host, item)));
  host.budget.charge(CostType.MemAlloc, scalarItems.length * FP_SIZE);
  const scalars = scalarItems.map((s) => {
    if (tagOf(s) !== Tag.U256Small && tagOf(s) !== Tag.U256Object)
      throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'expected a U256Val scalar');
    return frOf(host, s);
  });
  host.budget.charge(CostType.Bn254G1Msm, points.length);
  const sum = points.reduce((acc, p, i) => acc.add(mul(p, scalars[i])), G1.ZERO);
  return encodeG1(host, sum);
};

/**
 * `bn254_multi_pairing_check`: both vectors decoded (G2 with its subgroup check), then equal,
 * non-zero lengths; pairs with an infinity contribute 1, as arkworks' Miller loop skips them.
 */
const multiPairingCheck = (host: Host, vp1: Val, vp2: Val): Val => {
  const g1Items = host.get(vp1, Tag.VecObject).items;
  host.budget.charge(CostType.MemAlloc, g1Items.length * G1_SIZE);
  const g1s = g1Items.map((item) => decodeG1(host, itemBytes(host, item)));
  const g2Items = host.get(vp2, Tag.VecObject).items;
  host.budget.charge(CostType.MemAlloc, g2Items.length * G2_SIZE);
  const g2s = g2Items.map((item) => decodeG2(host, itemBytes(host, item)));
  host.budget.charge(CostType.Bn254Pairing, g1s.length);
  if (g1s.length !== g2s.length || g1s.length === 0)
    throw invalid(`pairing: invalid input vector lengths (${g1s.length}, ${g2s.length})`);
  const pairs = g1s.map((g1, i) => ({ g1, g2: g2s[i] })).filter(({ g1, g2 }) => !g1.is0() && !g2.is0());
  const product = pairs.length === 0 ? Fp12.ONE : bn254.pairingBatch(pairs);
  host.budget.charge(CostType.MemCmp, 12 * FP_SIZE);
  return fromBool(Fp12.eql(product, Fp12.ONE));
};

/** Decoding rules as everywhere (length, flags, coordinates below p), then the curve equation. */
const g1IsOnCurve = (host: Host, p: Val): Val => {
  const xy = decodeG1Coordinates(host, host.get(p, Tag.BytesObject).bytes);
  if (!xy) return fromBool(true);
  host.budget.charge(CostType.Bn254G1CheckPointOnCurve);
  return fromBool(onG1Curve(xy.x, xy.y));
};

export const bn254Functions: HostFnTable = {
  bn254_g1_add: g1Add,
  bn254_g1_mul: g1Mul,
  bn254_multi_pairing_check: multiPairingCheck,
  bn254_g1_msm: g1Msm,
  bn254_fr_add: fr.add,
  bn254_fr_sub: fr.sub,
  bn254_fr_mul: fr.mul,
  bn254_fr_pow: fr.pow,
  bn254_fr_inv: fr.inv,
  bn254_g1_is_on_curve: g1IsOnCurve,
};
