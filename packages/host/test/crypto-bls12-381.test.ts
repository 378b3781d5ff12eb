// env.json module `crypto`: the BLS12-381 host functions, all through real Wasm. Expected points
// are the curve generators, RFC 9380 test vectors (appendix J.9.1 / J.10.1) and multiples and sums
// computed independently with plain affine formulas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr, nativeToScVal } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, type InvokeResult } from '../src/index.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const P = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaabn;
const R = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;

const expectInvalid = (r: InvokeResult, what = ''): void => expectError(r, ErrorType.Crypto, ErrorCode.InvalidInput, what);

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));
const bytes = (b: Uint8Array): xdr.ScVal => xdr.ScVal.scvBytes(b as Buffer);
const pt = (s: string): xdr.ScVal => bytes(hex(s));
const vec = (items: xdr.ScVal[]): xdr.ScVal => xdr.ScVal.scvVec(items);
const u256 = (x: bigint): xdr.ScVal => nativeToScVal(x, { type: 'u256' });
const u64 = (x: bigint): xdr.ScVal => nativeToScVal(x, { type: 'u64' });
const bool = (b: boolean): xdr.ScVal => xdr.ScVal.scvBool(b);
const fe = (x: bigint): string => x.toString(16).padStart(96, '0');
const withByte = (s: string, i: number, f: (b: number) => number): Uint8Array => {
  const b = hex(s);
  b[i] = f(b[i]);
  return b;
};

// ---- G1 points: x || y ----
const G1 = '17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb' +
  '08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1';
const G1_NEG = G1.slice(0, 96) + fe(P - 0x08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1n);
const G1_2 = '0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e' +
  '166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28';
const G1_3 = '09ece308f9d1f0131765212deca99697b112d61f9be9a5f1f3780a51335b3ff981747a0b2ca2179b96d2c0c9024e5224' +
  '032b80d3a6f5b09f8a84623389c5f80ca69a0cddabc3097f9d9c27310fd43be6e745256c634af45ca3473b0590ae30d1';
const G1_INF = '40' + '00'.repeat(95);
/** RFC 9380 J.9.1, msg "": u[0] and Q0 = map_to_curve(u[0]), on the curve but outside the subgroup. */
const G1_U0 = '0ba14bd907ad64a016293ee7c2d276b8eae71f25a4b941eece7b0d89f17f75cb3ae5438a614fb61d6835ad59f29c564f';
const G1_Q0 = '11a3cce7e1d90975990066b2f2643b9540fa40d6137780df4e753a8054d07580db3b7f1f03396333d4a359d1fe3766fe' +
  '0eeaf6d794e479e270da10fdaf768db4c96b650a74518fc67b04b03927754bac66f3ac720404f339ecdcc028afa091b7';
const G1_PLUS_Q0 = '0e6562815054b4b4c3848e113c6e2addd1341807debcc898d27628770b6b37368082807d0e003e54ec72a38b74d8afa0' +
  '1992045c8a5b92a74392ee004963cb44b259d91332c8d8632c3debacdc48697f38921a6a7a0aee37ad093b26b3ac8f7b';
const G1_DST = 'QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_';
const G1_HASH_EMPTY = '052926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1' +
  '08ba738453bfed09cb546dbb0783dbb3a5f1f566ed67bb6be0e8c67e2e81a4cc68ee29813bb7994998f3eae0c9c6a265';
const G1_HASH_ABC = '03567bc5ef9c690c2ab2ecdf6a96ef1c139cc0b2f284dca0a9a7943388a49a3aee664ba5379a7655d3c68900be2f6903' +
  '0b9c15f3fe6e5cf4211f346271d7b01c8f3b28be689c8429c85b67af215533311f0b8dfaaa154fa6b88176c229f2885d';
/** The generator with y + 1: off the curve. */
const G1_OFF = G1.slice(0, 191) + '2';

// ---- G2 points: x_c1 || x_c0 || y_c1 || y_c0 ----
const G2 = '13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e' +
  '024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8' +
  '0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be' +
  '0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801';
const G2_2 = '0a4edef9c1ed7f729f520e47730a124fd70662a904ba1074728114d1031e1572c6c886f6b57ec72a6178288c47c33577' +
  '1638533957d540a9d2370f17cc7ed5863bc0b995b8825e0ee1ea1e1e4d00dbae81f14b0bf3611b78c952aacab827a053' +
  '0f6d4552fa65dd2638b361543f887136a43253d9c66c411697003f7a13c308f5422e1aa0a59c8967acdefd8b6e36ccf3' +
  '0468fb440d82b0630aeb8dca2b5256789a66da69bf91009cbfe6bd221e47aa8ae88dece9764bf3bd999d95d71e4c9899';
const G2_3 = '09380275bbc8e5dcea7dc4dd7e0550ff2ac480905396eda55062650f8d251c96eb480673937cc6d9d6a44aaa56ca66dc' +
  '122915c824a0857e2ee414a3dccb23ae691ae54329781315a0c75df1c04d6d7a50a030fc866f09d516020ef82324afae' +
  '08f239ba329b3967fe48d718a36cfe5f62a7e42e0bf1c1ed714150a166bfbd6bcf6b3b58b975b9edea56d53f23a0e849' +
  '0b21da7955969e61010c7a1abc1a6f0136961d1e3b20b1a7326ac738fef5c721479dfd948b52fdf2455e44813ecfd892';
const G2_INF = '40' + '00'.repeat(191);
/** RFC 9380 J.10.1, msg "": u[0] (as c1 || c0) and Q0 = map_to_curve(u[0]). */
const G2_U0 = '05a2acec64114845711a54199ea339abd125ba38253b70a92c876df10598bd1986b739cad67961eb94f7076511b3b39a' +
  '03dbc2cce174e91ba93cbb08f26b917f98194a2ea08d1cce75b2b9cc9f21689d80bd79b594a613d0a68eb807dfdc1cf8';
const G2_Q0 = '171c88b0b0efb5eb2b88913a9e74fe111a4f68867b59db252ce5868af4d1254bfab77ebde5d61cd1a86fb2fe4a5a1c1d' +
  '019ad3fc9c72425a998d7ab1ea0e646a1f6093444fc6965f1cad5a3195a7b1e099c050d57f45e3fa191cc6d75ed7458c' +
  '0eb22c7a543d3d376e9716a49b72e79a89c9bfe9feee8533ed931cbb5373dde1fbcd7411d8052e02693654f71e15410a' +
  '0ba10604e62bdd9eeeb4156652066167b72c8d743b050fb4c1016c31b505129374f76e03fa127d6a156213576910fef3';
const G2_PLUS_Q0 = '19015122b78e6cfe70bdf0640ab1e1cd84df42d0f722fed8af85323aa6165e13795a7a43ecbb5c4eecdb64ac4763bbd5' +
  '17c83a9ac20c10315117bb5b45e49ce7a3b0a921d9e4e78dc5a33e4c9f0ac6ea5aa329f955b9344b1c3e8bac246c75f0' +
  '0f2851e557b0756c85e1ffcaf3022bafd1b6efa603e24cb224a570cc9954036e031def91988e0681b74eb5dda3632785' +
  '091a30a63352675462d4736ba623e207ea85c3e37d7e34666f2458cf6ddd2109a4753d469490a410b7fdbdf9b098aef2';
const G2_DST = 'QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_';
const G2_HASH_EMPTY = '05cb8437535e20ecffaef7752baddf98034139c38452458baeefab379ba13dff5bf5dd71b72418717047f5b0f37da03d' +
  '0141ebfbdca40eb85b87142e130ab689c673cf60f1a3e98d69335266f30d9b8d4ac44c1038e9dcdd5393faf5c41fb78a' +
  '12424ac32561493f3fe3c260708a12b7c620e7be00099a974e259ddc7d1f6395c3c811cdd19f1e8dbf3e9ecfdcbab8d6' +
  '0503921d7f6a12805e72940b963c0cf3471c7b2a524950ca195d11062ee75ec076daf2d4bc358c4b190c0c98064fdd92';
const G2_OFF = G2.slice(0, 383) + '2';

const ascii = (s: string): xdr.ScVal => bytes(new TextEncoder().encode(s));

/** Every malformed encoding of a point of `size` bytes, built from the valid encoding `good`. */
const badEncodings = (good: string, size: number): [string, Uint8Array][] => [
  ['too short', hex(good).subarray(0, size - 1)],
  ['too long', Uint8Array.from([...hex(good), 0])],
  ['compression flag', withByte(good, 0, (b) => b | 0x80)],
  ['sort flag', withByte(good, 0, (b) => b | 0x20)],
  ['infinity flag with other bits set', withByte(good, 0, (b) => b | 0x40)],
  ['infinity flag with a stray low bit', withByte('40' + '00'.repeat(size - 1), size - 1, () => 1)],
  ['x not below p', hex(fe(P) + good.slice(96))],
  ['last coordinate not below p', hex(good.slice(0, 2 * size - 96) + fe(P + 1n))],
];

// ---- subgroup and curve checks ----

test('bls12_381_check_g1_is_in_subgroup: true for the generator and infinity, false off the subgroup', () => {
  const f = 'bls12_381_check_g1_is_in_subgroup';
  expectValue(callHostFn(f, [pt(G1)]), bool(true));
  expectValue(callHostFn(f, [pt(G1_INF)]), bool(true));
  expectValue(callHostFn(f, [pt(G1_Q0)]), bool(false));
  // (0, 2) is a 3-torsion point of E(Fp).
  expectValue(callHostFn(f, [pt(fe(0n) + fe(2n))]), bool(false));
});

test('bls12_381_check_g1_is_in_subgroup fails on bad encodings and off-curve points', () => {
  for (const [what, b] of badEncodings(G1, 96)) expectInvalid(callHostFn('bls12_381_check_g1_is_in_subgroup', [bytes(b)]), what);
  expectInvalid(callHostFn('bls12_381_check_g1_is_in_subgroup', [pt(G1_OFF)]));
  // (0, 0) without the infinity flag is an ordinary point, and not on the curve.
  expectInvalid(callHostFn('bls12_381_check_g1_is_in_subgroup', [pt('00'.repeat(96))]));
});

test('bls12_381_check_g2_is_in_subgroup: true for the generator and infinity, false off the subgroup', () => {
  const f = 'bls12_381_check_g2_is_in_subgroup';
  expectValue(callHostFn(f, [pt(G2)]), bool(true));
  expectValue(callHostFn(f, [pt(G2_INF)]), bool(true));
  expectValue(callHostFn(f, [pt(G2_Q0)]), bool(false));
});

test('bls12_381_check_g2_is_in_subgroup fails on bad encodings and off-curve points', () => {
  for (const [what, b] of badEncodings(G2, 192)) expectInvalid(callHostFn('bls12_381_check_g2_is_in_subgroup', [bytes(b)]), what);
  expectInvalid(callHostFn('bls12_381_check_g2_is_in_subgroup', [pt(G2_OFF)]));
  expectInvalid(callHostFn('bls12_381_check_g2_is_in_subgroup', [pt('00'.repeat(192))]));
});

test('bls12_381_g1_is_on_curve / g2_is_on_curve answer the curve equation only', () => {
  expectValue(callHostFn('bls12_381_g1_is_on_curve', [pt(G1)]), bool(true));
  expectValue(callHostFn('bls12_381_g1_is_on_curve', [pt(G1_Q0)]), bool(true));
  expectValue(callHostFn('bls12_381_g1_is_on_curve', [pt(G1_INF)]), bool(true));
  expectValue(callHostFn('bls12_381_g1_is_on_curve', [pt(G1_OFF)]), bool(false));
  expectValue(callHostFn('bls12_381_g1_is_on_curve', [pt('00'.repeat(96))]), bool(false));
  expectValue(callHostFn('bls12_381_g2_is_on_curve', [pt(G2)]), bool(true));
  expectValue(callHostFn('bls12_381_g2_is_on_curve', [pt(G2_Q0)]), bool(true));
  expectValue(callHostFn('bls12_381_g2_is_on_curve', [pt(G2_INF)]), bool(true));
  expectValue(callHostFn('bls12_381_g2_is_on_curve', [pt(G2_OFF)]), bool(false));
});

test('bls12_381_g1_is_on_curve / g2_is_on_curve still fail on bad encodings', () => {
  for (const [, b] of badEncodings(G1, 96)) expectInvalid(callHostFn('bls12_381_g1_is_on_curve', [bytes(b)]));
  for (const [, b] of badEncodings(G2, 192)) expectInvalid(callHostFn('bls12_381_g2_is_on_curve', [bytes(b)]));
});

// ---- addition ----

test('bls12_381_g1_add adds, with infinity as identity, and accepts points outside the subgroup', () => {
  expectValue(callHostFn('bls12_381_g1_add', [pt(G1), pt(G1)]), pt(G1_2));
  expectValue(callHostFn('bls12_381_g1_add', [pt(G1_2), pt(G1)]), pt(G1_3));
  expectValue(callHostFn('bls12_381_g1_add', [pt(G1), pt(G1_INF)]), pt(G1));
  expectValue(callHostFn('bls12_381_g1_add', [pt(G1), pt(G1_NEG)]), pt(G1_INF));
  expectValue(callHostFn('bls12_381_g1_add', [pt(G1), pt(G1_Q0)]), pt(G1_PLUS_Q0));
});

test('bls12_381_g1_add fails on a bad or off-curve operand, either side', () => {
  for (const [, b] of badEncodings(G1, 96)) {
    expectInvalid(callHostFn('bls12_381_g1_add', [bytes(b), pt(G1)]));
    expectInvalid(callHostFn('bls12_381_g1_add', [pt(G1), bytes(b)]));
  }
  expectInvalid(callHostFn('bls12_381_g1_add', [pt(G1_OFF), pt(G1)]));
});

test('bls12_381_g2_add adds, with infinity as identity, and accepts points outside the subgroup', () => {
  expectValue(callHostFn('bls12_381_g2_add', [pt(G2), pt(G2)]), pt(G2_2));
  expectValue(callHostFn('bls12_381_g2_add', [pt(G2_2), pt(G2)]), pt(G2_3));
  expectValue(callHostFn('bls12_381_g2_add', [pt(G2_INF), pt(G2)]), pt(G2));
  expectValue(callHostFn('bls12_381_g2_add', [pt(G2), pt(G2_Q0)]), pt(G2_PLUS_Q0));
});

test('bls12_381_g2_add fails on a bad or off-curve operand', () => {
  for (const [, b] of badEncodings(G2, 192)) expectInvalid(callHostFn('bls12_381_g2_add', [pt(G2), bytes(b)]));
  expectInvalid(callHostFn('bls12_381_g2_add', [pt(G2), pt(G2_OFF)]));
});

// ---- scalar multiplication ----

test('bls12_381_g1_mul multiplies by the scalar reduced modulo r', () => {
  expectValue(callHostFn('bls12_381_g1_mul', [pt(G1), u256(2n)]), pt(G1_2));
  expectValue(callHostFn('bls12_381_g1_mul', [pt(G1), u256(R + 3n)]), pt(G1_3));
  expectValue(callHostFn('bls12_381_g1_mul', [pt(G1), u256(R)]), pt(G1_INF));
  expectValue(callHostFn('bls12_381_g1_mul', [pt(G1), u256(0n)]), pt(G1_INF));
  expectValue(callHostFn('bls12_381_g1_mul', [pt(G1), u256(R - 1n)]), pt(G1_NEG));
  expectValue(callHostFn('bls12_381_g1_mul', [pt(G1_INF), u256(5n)]), pt(G1_INF));
});

test('bls12_381_g1_mul requires the point in the subgroup', () => {
  expectInvalid(callHostFn('bls12_381_g1_mul', [pt(G1_Q0), u256(1n)]));
  expectInvalid(callHostFn('bls12_381_g1_mul', [pt(G1_OFF), u256(1n)]));
  expectInvalid(callHostFn('bls12_381_g1_mul', [bytes(withByte(G1, 0, (b) => b | 0x80)), u256(1n)]));
});

test('bls12_381_g2_mul multiplies by the scalar reduced modulo r', () => {
  expectValue(callHostFn('bls12_381_g2_mul', [pt(G2), u256(2n)]), pt(G2_2));
  expectValue(callHostFn('bls12_381_g2_mul', [pt(G2), u256(2n * R + 3n)]), pt(G2_3));
  expectValue(callHostFn('bls12_381_g2_mul', [pt(G2), u256(R)]), pt(G2_INF));
});

test('bls12_381_g2_mul requires the point in the subgroup', () => {
  expectInvalid(callHostFn('bls12_381_g2_mul', [pt(G2_Q0), u256(1n)]));
  expectInvalid(callHostFn('bls12_381_g2_mul', [pt(G2_OFF), u256(1n)]));
});

// ---- multi-scalar multiplication ----

test('bls12_381_g1_msm is the sum of the products', () => {
  expectValue(callHostFn('bls12_381_g1_msm', [vec([pt(G1), pt(G1_2)]), vec([u256(1n), u256(1n)])]), pt(G1_3));
  expectValue(callHostFn('bls12_381_g1_msm', [vec([pt(G1), pt(G1)]), vec([u256(R + 1n), u256(2n)])]), pt(G1_3));
  expectValue(callHostFn('bls12_381_g1_msm', [vec([pt(G1), pt(G1_NEG)]), vec([u256(7n), u256(7n)])]), pt(G1_INF));
  expectValue(callHostFn('bls12_381_g1_msm', [vec([pt(G1_INF)]), vec([u256(7n)])]), pt(G1_INF));
});

test('bls12_381_g1_msm fails on empty or mismatched vectors and on bad elements', () => {
  expectInvalid(callHostFn('bls12_381_g1_msm', [vec([]), vec([])]));
  expectInvalid(callHostFn('bls12_381_g1_msm', [vec([pt(G1)]), vec([u256(1n), u256(2n)])]));
  expectInvalid(callHostFn('bls12_381_g1_msm', [vec([pt(G1), pt(G1_Q0)]), vec([u256(1n), u256(2n)])]));
  // Elements of the wrong type fail the reference's Val conversion.
  expectError(callHostFn('bls12_381_g1_msm', [vec([u256(1n)]), vec([u256(1n)])]), ErrorType.Value, ErrorCode.UnexpectedType);
  expectError(callHostFn('bls12_381_g1_msm', [vec([pt(G1)]), vec([u64(1n)])]), ErrorType.Value, ErrorCode.UnexpectedType);
  // All points are read before any scalar.
  expectInvalid(callHostFn('bls12_381_g1_msm', [vec([pt(G1_OFF)]), vec([u64(1n)])]));
});

test('bls12_381_g2_msm is the sum of the products', () => {
  expectValue(callHostFn('bls12_381_g2_msm', [vec([pt(G2), pt(G2_2)]), vec([u256(1n), u256(1n)])]), pt(G2_3));
  expectValue(callHostFn('bls12_381_g2_msm', [vec([pt(G2), pt(G2_INF)]), vec([u256(3n), u256(9n)])]), pt(G2_3));
});

test('bls12_381_g2_msm fails on empty or mismatched vectors and on points outside the subgroup', () => {
  expectInvalid(callHostFn('bls12_381_g2_msm', [vec([]), vec([])]));
  expectInvalid(callHostFn('bls12_381_g2_msm', [vec([pt(G2), pt(G2)]), vec([u256(1n)])]));
  expectInvalid(callHostFn('bls12_381_g2_msm', [vec([pt(G2_Q0)]), vec([u256(1n)])]));
});

// ---- map to curve and hash to curve (RFC 9380) ----

test('bls12_381_map_fp_to_g1 is RFC 9380 map_to_curve, without cofactor clearing', () => {
  expectValue(callHostFn('bls12_381_map_fp_to_g1', [pt(G1_U0)]), pt(G1_Q0));
});

test('bls12_381_map_fp_to_g1 fails on a wrong length or a value not below p', () => {
  expectInvalid(callHostFn('bls12_381_map_fp_to_g1', [bytes(hex(G1_U0).subarray(1))]));
  expectInvalid(callHostFn('bls12_381_map_fp_to_g1', [bytes(Uint8Array.from([...hex(G1_U0), 0]))]));
  expectInvalid(callHostFn('bls12_381_map_fp_to_g1', [pt(fe(P))]));
});

test('bls12_381_map_fp2_to_g2 is RFC 9380 map_to_curve on the twist, input c1 || c0', () => {
  expectValue(callHostFn('bls12_381_map_fp2_to_g2', [pt(G2_U0)]), pt(G2_Q0));
});

test('bls12_381_map_fp2_to_g2 fails on a wrong length or a part not below p', () => {
  expectInvalid(callHostFn('bls12_381_map_fp2_to_g2', [pt(G1_U0)]));
  expectInvalid(callHostFn('bls12_381_map_fp2_to_g2', [pt(G2_U0.slice(0, 96) + fe(P))]));
  expectInvalid(callHostFn('bls12_381_map_fp2_to_g2', [pt(fe(P + 5n) + G2_U0.slice(96))]));
});

test('bls12_381_hash_to_g1 matches the RFC 9380 vectors', () => {
  expectValue(callHostFn('bls12_381_hash_to_g1', [ascii(''), ascii(G1_DST)]), pt(G1_HASH_EMPTY));
  expectValue(callHostFn('bls12_381_hash_to_g1', [ascii('abc'), ascii(G1_DST)]), pt(G1_HASH_ABC));
});

test('bls12_381_hash_to_g1 / g2 need a DST of 1 to 255 bytes', () => {
  for (const f of ['bls12_381_hash_to_g1', 'bls12_381_hash_to_g2']) {
    expectInvalid(callHostFn(f, [ascii('msg'), ascii('')]));
    expectInvalid(callHostFn(f, [ascii('msg'), bytes(new Uint8Array(256))]));
    const o = callHostFn(f, [ascii('msg'), bytes(new Uint8Array(255).fill(7))]).outcome;
    assert.ok(o.ok && o.value.type === 'scvBytes', 'a 255-byte DST is accepted');
  }
});

test('bls12_381_hash_to_g2 matches the RFC 9380 vector', () => {
  expectValue(callHostFn('bls12_381_hash_to_g2', [ascii(''), ascii(G2_DST)]), pt(G2_HASH_EMPTY));
});

// ---- pairing ----

test('bls12_381_multi_pairing_check: e(P, Q) * e(-P, Q) = 1, bilinearity, infinity pairs', () => {
  const f = 'bls12_381_multi_pairing_check';
  expectValue(callHostFn(f, [vec([pt(G1), pt(G1_NEG)]), vec([pt(G2), pt(G2)])]), bool(true));
  expectValue(callHostFn(f, [vec([pt(G1)]), vec([pt(G2)])]), bool(false));
  // e(2P, Q) * e(-P, 2Q) = 1
  expectValue(callHostFn(f, [vec([pt(G1_2), pt(G1_NEG)]), vec([pt(G2), pt(G2_2)])]), bool(true));
  expectValue(callHostFn(f, [vec([pt(G1_3), pt(G1_NEG)]), vec([pt(G2), pt(G2_2)])]), bool(false));
  // A pair holding infinity contributes 1.
  expectValue(callHostFn(f, [vec([pt(G1_INF)]), vec([pt(G2)])]), bool(true));
  expectValue(callHostFn(f, [vec([pt(G1), pt(G1_NEG), pt(G1)]), vec([pt(G2), pt(G2), pt(G2_INF)])]), bool(true));
});

test('bls12_381_multi_pairing_check fails on empty or mismatched vectors and invalid points', () => {
  const f = 'bls12_381_multi_pairing_check';
  expectInvalid(callHostFn(f, [vec([]), vec([])]));
  expectInvalid(callHostFn(f, [vec([pt(G1)]), vec([pt(G2), pt(G2)])]));
  expectInvalid(callHostFn(f, [vec([pt(G1_Q0)]), vec([pt(G2)])]));
  expectInvalid(callHostFn(f, [vec([pt(G1)]), vec([pt(G2_Q0)])]));
  expectInvalid(callHostFn(f, [vec([pt(G1)]), vec([pt(G2_OFF)])]));
});

// ---- Fr arithmetic ----

test('bls12_381_fr_add / fr_sub / fr_mul work modulo r on reduced inputs', () => {
  expectValue(callHostFn('bls12_381_fr_add', [u256(R - 1n), u256(2n)]), u256(1n));
  expectValue(callHostFn('bls12_381_fr_add', [u256(R), u256(5n)]), u256(5n));
  expectValue(callHostFn('bls12_381_fr_sub', [u256(1n), u256(2n)]), u256(R - 1n));
  expectValue(callHostFn('bls12_381_fr_sub', [u256((1n << 256n) - 1n), u256(0n)]), u256(((1n << 256n) - 1n) % R));
  expectValue(callHostFn('bls12_381_fr_mul', [u256(R - 1n), u256(R - 1n)]), u256(1n));
  expectValue(callHostFn('bls12_381_fr_mul', [u256(1n << 128n), u256(1n << 128n)]), u256((1n << 256n) % R));
});

test('bls12_381_fr_add / fr_sub / fr_mul take U256 Vals only (the dispatcher refuses others)', () => {
  for (const f of ['bls12_381_fr_add', 'bls12_381_fr_sub', 'bls12_381_fr_mul'])
    expectError(callHostFn(f, [u64(1n), u256(1n)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('bls12_381_fr_pow raises to a u64 exponent', () => {
  expectValue(callHostFn('bls12_381_fr_pow', [u256(2n), u64(10n)]), u256(1024n));
  expectValue(callHostFn('bls12_381_fr_pow', [u256(0n), u64(0n)]), u256(1n));
  expectValue(callHostFn('bls12_381_fr_pow', [u256(R + 3n), u64(2n)]), u256(9n));
  // The largest u64 exponent, against an independent square-and-multiply.
  expectValue(callHostFn('bls12_381_fr_pow', [u256(2n), u64((1n << 64n) - 1n)]), u256(modPow(2n, (1n << 64n) - 1n, R)));
});

test('bls12_381_fr_pow takes a U64 exponent (the dispatcher refuses others)', () => {
  expectError(callHostFn('bls12_381_fr_pow', [u256(2n), u256(2n)]), ErrorType.Value, ErrorCode.InvalidInput);
});

test('bls12_381_fr_inv inverts modulo r and fails on zero', () => {
  expectValue(callHostFn('bls12_381_fr_inv', [u256(2n)]), u256((R + 1n) / 2n));
  expectValue(callHostFn('bls12_381_fr_inv', [u256(R - 1n)]), u256(R - 1n));
  expectInvalid(callHostFn('bls12_381_fr_inv', [u256(0n)]));
  expectInvalid(callHostFn('bls12_381_fr_inv', [u256(R)]));
});

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  for (let b = base % m, e = exp; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) result = (result * b) % m;
  return result;
}
