// env.json module `crypto`: BN254 G1 add/mul/MSM, multi-pairing check, Fr arithmetic and the G1
// curve check, through real Wasm. Known answers are the EIP-196/197 (go-ethereum) vectors; the
// encoding is Ethereum's: big-endian, G2 coordinates as c1 ‖ c0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nativeToScVal, xdr } from '@stellar/stellar-sdk';
import { bn254 } from '@noble/curves/bn254.js';
import { bytesToHex, hexToBytes } from '@noble/curves/utils.js';
import { CostType, ErrorCode, ErrorType, type InvokeResult } from '../src/index.ts';
import { callHostFn, charged, expectError, expectValue } from './support/outcome.ts';

const P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n;
const R = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n;

const bytes = (hex: string) => xdr.ScVal.scvBytes(hexToBytes(hex));
const u256 = (x: bigint) => nativeToScVal(x, { type: 'u256' });
const u64 = (x: bigint) => nativeToScVal(x, { type: 'u64' });
const vec = (items: xdr.ScVal[]) => xdr.ScVal.scvVec(items);
const hex32 = (x: bigint) => x.toString(16).padStart(64, '0');

const G1 = bn254.G1.Point;
const G2 = bn254.G2.Point;
type G1Point = InstanceType<typeof G1>;
type G2Point = InstanceType<typeof G2>;
const ZERO64 = '00'.repeat(64);
const ZERO128 = '00'.repeat(128);

const g1Hex = (p: G1Point): string => {
  if (p.is0()) return ZERO64;
  const { x, y } = p.toAffine();
  return hex32(x) + hex32(y);
};
const g2Hex = (p: G2Point): string => {
  if (p.is0()) return ZERO128;
  const { x, y } = p.toAffine();
  return hex32(x.c1) + hex32(x.c0) + hex32(y.c1) + hex32(y.c0);
};

// The generators in Ethereum's encoding (EIP-197 gives G2 exactly like this).
const G1_HEX = hex32(1n) + hex32(2n);
const G2_HEX =
  '198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2' +
  '1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed' +
  '090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b' +
  '12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa';
const NEG_G1_HEX = hex32(1n) + hex32(P - 2n);

const resultBytes = ({ outcome: o }: InvokeResult, what: string): string => {
  assert.ok(o.ok, `${what}: ${o.ok ? '' : o.message}`);
  assert.equal(o.value.type, 'scvBytes', what);
  return bytesToHex((o.value.toXdrObject() as { bytes: Uint8Array }).bytes);
};
const expectBytes = (r: InvokeResult, hex: string, what: string) => assert.equal(resultBytes(r, what), hex, what);
const expectBool = (r: InvokeResult, b: boolean, what: string) => expectValue(r, xdr.ScVal.scvBool(b), what);
const expectInvalid = (r: InvokeResult, what: string) => expectError(r, ErrorType.Crypto, ErrorCode.InvalidInput, what);

/** Malformed G1 encodings that every G1 input rejects with `Error(Crypto, InvalidInput)`. */
const BAD_G1: readonly (readonly [string, string])[] = [
  ['63 bytes', G1_HEX.slice(2)],
  ['65 bytes', `${G1_HEX}00`],
  ['0x80 flag', `80${G1_HEX.slice(2)}`],
  ['0x40 flag', `40${G1_HEX.slice(2)}`],
  ['x = p', hex32(P) + hex32(2n)],
  ['y = p + 2', hex32(1n) + hex32(P + 2n)],
  ['(1, 3) off the curve', hex32(1n) + hex32(3n)],
];

// go-ethereum's bn256Add "chfast1" and bn256ScalarMul "chfast1" vectors.
const ADD_A = '18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266';
const ADD_B = '07c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7';
const ADD_SUM = '2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915';
const MUL_P = '2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb721611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb204';
const MUL_K = 0x11138ce750fa15c2n;
const MUL_OUT = '070a8d6a982153cae4be29d434e8faef8a47b274a053f5a4ee2a6c9c13c31e5c031b8ce914eba3a9ffb989f9cdd5b0f01943074bf4f0f315690ec3cec6981afc';
// 2·G1, from EIP-196's doubling of the generator.
const TWO_G1 = '030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4';

test('bn254_g1_add: Ethereum vectors, infinity and inverses', () => {
  const r = callHostFn('bn254_g1_add', [bytes(ADD_A), bytes(ADD_B)]);
  expectBytes(r, ADD_SUM, 'chfast1');
  assert.ok(charged(r, CostType.Bn254G1Add) && charged(r, CostType.Bn254DecodeFp) && charged(r, CostType.Bn254EncodeFp));
  expectBytes(callHostFn('bn254_g1_add', [bytes(G1_HEX), bytes(G1_HEX)]), TWO_G1, 'G + G');
  expectBytes(callHostFn('bn254_g1_add', [bytes(ADD_A), bytes(ZERO64)]), ADD_A, 'P + infinity');
  expectBytes(callHostFn('bn254_g1_add', [bytes(ZERO64), bytes(ZERO64)]), ZERO64, 'infinity + infinity');
  expectBytes(callHostFn('bn254_g1_add', [bytes(G1_HEX), bytes(NEG_G1_HEX)]), ZERO64, 'G + (-G)');
});

test('bn254_g1_add: malformed points', () => {
  for (const [what, hex] of BAD_G1) {
    expectInvalid(callHostFn('bn254_g1_add', [bytes(hex), bytes(G1_HEX)]), `first point: ${what}`);
    expectInvalid(callHostFn('bn254_g1_add', [bytes(G1_HEX), bytes(hex)]), `second point: ${what}`);
  }
});

test('bn254_g1_mul: Ethereum vector; scalars are reduced modulo r', () => {
  const r = callHostFn('bn254_g1_mul', [bytes(MUL_P), u256(MUL_K)]);
  expectBytes(r, MUL_OUT, 'chfast1');
  assert.ok(charged(r, CostType.Bn254G1Mul) && charged(r, CostType.Bn254FrFromU256));
  expectBytes(callHostFn('bn254_g1_mul', [bytes(MUL_P), u256(MUL_K + R)]), MUL_OUT, 'k + r');
  expectBytes(callHostFn('bn254_g1_mul', [bytes(G1_HEX), u256(2n)]), TWO_G1, '2·G');
  expectBytes(callHostFn('bn254_g1_mul', [bytes(G1_HEX), u256(R + 2n)]), TWO_G1, '(r + 2)·G');
  expectBytes(callHostFn('bn254_g1_mul', [bytes(G1_HEX), u256(0n)]), ZERO64, '0·G');
  expectBytes(callHostFn('bn254_g1_mul', [bytes(G1_HEX), u256(R)]), ZERO64, 'r·G');
  expectBytes(callHostFn('bn254_g1_mul', [bytes(ZERO64), u256(12345n)]), ZERO64, 'k·infinity');
  const max = (1n << 256n) - 1n;
  expectBytes(callHostFn('bn254_g1_mul', [bytes(G1_HEX), u256(max)]), g1Hex(G1.BASE.multiply(max % R)), '(2^256 - 1)·G');
});

test('bn254_g1_mul: malformed points', () => {
  for (const [what, hex] of BAD_G1) expectInvalid(callHostFn('bn254_g1_mul', [bytes(hex), u256(3n)]), what);
});

test('bn254_g1_msm: the inner product of points and scalars', () => {
  const points = [G1_HEX, TWO_G1, MUL_P, ZERO64];
  const scalars = [3n, 5n, R + 7n, 9n];
  const mulP = G1.fromAffine({ x: BigInt(`0x${MUL_P.slice(0, 64)}`), y: BigInt(`0x${MUL_P.slice(64)}`) });
  const expected = G1.BASE.multiply(13n).add(mulP.multiply(7n));
  const r = callHostFn('bn254_g1_msm', [vec(points.map(bytes)), vec(scalars.map(u256))]);
  expectBytes(r, g1Hex(expected), 'msm');
  assert.ok(charged(r, CostType.Bn254G1Msm));
  expectBytes(callHostFn('bn254_g1_msm', [vec([bytes(MUL_P)]), vec([u256(MUL_K)])]), MUL_OUT, 'single term = g1_mul');
  expectBytes(callHostFn('bn254_g1_msm', [vec([bytes(G1_HEX), bytes(NEG_G1_HEX)]), vec([u256(4n), u256(4n)])]), ZERO64, 'cancelling terms');
});

test('bn254_g1_msm: vector lengths, points and scalar types', () => {
  expectInvalid(callHostFn('bn254_g1_msm', [vec([]), vec([])]), 'empty vectors');
  expectInvalid(callHostFn('bn254_g1_msm', [vec([bytes(G1_HEX)]), vec([u256(1n), u256(2n)])]), 'length mismatch');
  // Lengths are checked before any point is decoded.
  expectInvalid(callHostFn('bn254_g1_msm', [vec([bytes('00')]), vec([])]), 'length mismatch with a bad point');
  for (const [what, hex] of BAD_G1)
    expectInvalid(callHostFn('bn254_g1_msm', [vec([bytes(G1_HEX), bytes(hex)]), vec([u256(1n), u256(2n)])]), what);
  expectError(
    callHostFn('bn254_g1_msm', [vec([bytes(G1_HEX)]), vec([xdr.ScVal.scvU32(1)])]),
    ErrorType.Value,
    ErrorCode.UnexpectedType,
    'a U32 scalar',
  );
  expectError(callHostFn('bn254_g1_msm', [vec([xdr.ScVal.scvU32(1)]), vec([u256(1n)])]), ErrorType.Value, ErrorCode.UnexpectedType, 'a U32 point');
});

const G2_2 = G2.BASE.double();
const pairing = (g1s: string[], g2s: string[]) => callHostFn('bn254_multi_pairing_check', [vec(g1s.map(bytes)), vec(g2s.map(bytes))]);

/** A point on the twist outside the order-r subgroup: the first x = k (k = 1, 2, …) with a y. */
const g2OutsideSubgroup = (): string => {
  const { Fp2 } = bn254.fields;
  const b = G2.CURVE().b;
  for (let k = 1n; ; k++) {
    const x = Fp2.fromBigTuple([k, 0n]);
    const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), b);
    let y;
    try {
      y = Fp2.sqrt(rhs);
    } catch {
      continue;
    }
    const p = G2.fromAffine({ x, y });
    if (!p.isTorsionFree()) return g2Hex(p);
  }
};

test('bn254_multi_pairing_check: bilinearity with the EIP-197 generator encoding', () => {
  const r = pairing([G1_HEX, NEG_G1_HEX], [G2_HEX, G2_HEX]);
  expectBool(r, true, 'e(G, H)·e(-G, H)');
  assert.ok(charged(r, CostType.Bn254Pairing) && charged(r, CostType.Bn254G2CheckPointInSubgroup));
  expectBool(pairing([G1_HEX], [G2_HEX]), false, 'e(G, H) alone');
  expectBool(pairing([G1_HEX, G1_HEX], [G2_HEX, G2_HEX]), false, 'e(G, H)^2');
  // e(2G, H)·e(-G, 2H) = 1
  expectBool(pairing([TWO_G1, NEG_G1_HEX], [G2_HEX, g2Hex(G2_2)]), true, 'e(2G, H)·e(-G, 2H)');
  // e(aG, bH)·e(-abG, H) = 1
  const a = 0x1234567890abcdefn;
  const b = 0xfedcba0987654321n;
  const aG = g1Hex(G1.BASE.multiply(a));
  const bH = g2Hex(G2.BASE.multiply(b));
  const abNeg = g1Hex(G1.BASE.multiply((a * b) % R).negate());
  expectBool(pairing([aG, abNeg], [bH, G2_HEX]), true, 'e(aG, bH)·e(-abG, H)');
  expectBool(pairing([aG, abNeg, G1_HEX], [bH, G2_HEX, G2_HEX]), false, 'one extra pair');
});

test('bn254_multi_pairing_check: pairs with the point at infinity count as 1', () => {
  expectBool(pairing([ZERO64], [G2_HEX]), true, 'e(0, H)');
  expectBool(pairing([G1_HEX], [ZERO128]), true, 'e(G, 0)');
  expectBool(pairing([G1_HEX, NEG_G1_HEX, ZERO64], [G2_HEX, G2_HEX, g2Hex(G2_2)]), true, 'with an infinity pair');
  expectBool(pairing([G1_HEX, ZERO64], [G2_HEX, G2_HEX]), false, 'e(G, H)·e(0, H)');
});

test('bn254_multi_pairing_check: lengths and malformed points', () => {
  expectInvalid(pairing([], []), 'empty vectors');
  expectInvalid(pairing([G1_HEX, G1_HEX], [G2_HEX]), 'length mismatch');
  for (const [what, hex] of BAD_G1) expectInvalid(pairing([G1_HEX, hex], [G2_HEX, G2_HEX]), `G1 ${what}`);
  const bad = g2OutsideSubgroup();
  const badG2: readonly (readonly [string, string])[] = [
    ['127 bytes', G2_HEX.slice(2)],
    ['0x80 flag', `80${G2_HEX.slice(2)}`],
    ['0x40 flag', `40${G2_HEX.slice(2)}`],
    ['x.c1 = p', hex32(P) + G2_HEX.slice(64)],
    ['off the curve', G2_HEX.slice(0, -2) + '00'],
    ['outside the subgroup', bad],
    // c0 ‖ c1 (arkworks' order) instead of c1 ‖ c0 puts the generator off the curve.
    ['swapped components', G2_HEX.slice(64, 128) + G2_HEX.slice(0, 64) + G2_HEX.slice(192) + G2_HEX.slice(128, 192)],
  ];
  for (const [what, hex] of badG2) expectInvalid(pairing([G1_HEX], [hex]), `G2 ${what}`);
});

const fr = (name: string, ...args: xdr.ScVal[]) => callHostFn(name, args);

test('bn254_fr_add / sub / mul: arithmetic modulo r on reduced inputs', () => {
  const r = fr('bn254_fr_add', u256(R - 1n), u256(2n));
  expectValue(r, u256(1n), '(r - 1) + 2');
  assert.ok(charged(r, CostType.Bn254FrAddSub) && charged(r, CostType.Bn254FrToU256));
  expectValue(fr('bn254_fr_add', u256(R), u256(5n)), u256(5n), 'r + 5 (inputs reduced)');
  expectValue(fr('bn254_fr_add', u256((1n << 256n) - 1n), u256(0n)), u256(((1n << 256n) - 1n) % R), '(2^256 - 1) + 0');
  expectValue(fr('bn254_fr_sub', u256(1n), u256(2n)), u256(R - 1n), '1 - 2');
  expectValue(fr('bn254_fr_sub', u256(7n), u256(R + 7n)), u256(0n), '7 - (r + 7)');
  expectValue(fr('bn254_fr_mul', u256(R - 1n), u256(R - 1n)), u256(1n), '(-1)·(-1)');
  const a = 0x2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb7n;
  const b = 0x21611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb204n;
  const m = fr('bn254_fr_mul', u256(a), u256(b));
  expectValue(m, u256((a * b) % R), 'a·b');
  assert.ok(charged(m, CostType.Bn254FrMul));
});

test('bn254_fr_pow: u64 exponents', () => {
  const r = fr('bn254_fr_pow', u256(3n), u64(5n));
  expectValue(r, u256(243n), '3^5');
  assert.ok(charged(r, CostType.Bn254FrPow));
  expectValue(fr('bn254_fr_pow', u256(0n), u64(0n)), u256(1n), '0^0');
  expectValue(fr('bn254_fr_pow', u256(R + 2n), u64(10n)), u256(1024n), '(r + 2)^10');
  const max = (1n << 64n) - 1n;
  let expected = 1n;
  for (let e = max, base = 7n; e > 0n; e >>= 1n, base = (base * base) % R) if (e & 1n) expected = (expected * base) % R;
  expectValue(fr('bn254_fr_pow', u256(7n), u64(max)), u256(expected), '7^(2^64 - 1)');
  expectError(fr('bn254_fr_pow', u256(2n), u256(3n)), ErrorType.Value, ErrorCode.InvalidInput, 'a U256 exponent (dispatcher)');
});

test('bn254_fr_inv: inverses and zero', () => {
  const r = fr('bn254_fr_inv', u256(2n));
  expectValue(r, u256((R + 1n) / 2n), '1/2');
  assert.ok(charged(r, CostType.Bn254FrInv));
  expectValue(fr('bn254_fr_inv', u256(R - 1n)), u256(R - 1n), '1/(-1)');
  expectInvalid(fr('bn254_fr_inv', u256(0n)), '1/0');
  expectInvalid(fr('bn254_fr_inv', u256(R)), '1/r (reduces to 0)');
});

test('bn254_g1_is_on_curve: curve membership, after the encoding checks', () => {
  const r = callHostFn('bn254_g1_is_on_curve', [bytes(G1_HEX)]);
  expectBool(r, true, 'generator');
  assert.ok(charged(r, CostType.Bn254G1CheckPointOnCurve));
  expectBool(callHostFn('bn254_g1_is_on_curve', [bytes(ADD_SUM)]), true, 'chfast1 sum');
  expectBool(callHostFn('bn254_g1_is_on_curve', [bytes(ZERO64)]), true, 'infinity');
  expectBool(callHostFn('bn254_g1_is_on_curve', [bytes(hex32(1n) + hex32(3n))]), false, '(1, 3)');
  expectBool(callHostFn('bn254_g1_is_on_curve', [bytes(hex32(0n) + hex32(1n))]), false, '(0, 1)');
  expectInvalid(callHostFn('bn254_g1_is_on_curve', [bytes(G1_HEX.slice(2))]), '63 bytes');
  expectInvalid(callHostFn('bn254_g1_is_on_curve', [bytes(`80${G1_HEX.slice(2)}`)]), '0x80 flag');
  expectInvalid(callHostFn('bn254_g1_is_on_curve', [bytes(hex32(P + 1n) + hex32(2n))]), 'x = p + 1');
});
