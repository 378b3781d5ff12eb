/**
 * env.json module `crypto`: the Poseidon and Poseidon2 permutations over the scalar field of BN254 or
 * BLS12-381, with every parameter supplied by the caller (`soroban-env-host/src/crypto/poseidon/`,
 * `crypto/mod.rs` and `host/conversion.rs`, CAP-0075).
 *
 * Field elements are U256Vals reduced modulo the field order; the result is a Vec of U256Vals.
 * Malformed parameters are `Error(Crypto, InvalidInput)`, except an empty state or round-constant
 * row read by a partial round, which is `Error(Object, IndexBounds)` as in the reference.
 */
import { CostType } from '../../budget/cost-type.ts';
import type { Host } from '../../host/host.ts';
import { U256, numberOf, numberVal } from '../../host/numbers.ts';
import { ErrorCode, ErrorType, hostError } from '../../val/error.ts';
import { Tag } from '../../val/tag.ts';
import { tagOf, toU32, type Val } from '../../val/val.ts';
import { symbolBytesOf } from '../../xdr/scval.ts';
import type { HostFnTable } from '../types.ts';

interface Field {
  readonly order: bigint;
  readonly fromU256: CostType;
  readonly toU256: CostType;
  readonly addSub: CostType;
  readonly mul: CostType;
  readonly pow: CostType;
}

const FIELDS: Readonly<Record<string, Field>> = {
  BN254: {
    order: 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n,
    fromU256: CostType.Bn254FrFromU256,
    toU256: CostType.Bn254FrToU256,
    addSub: CostType.Bn254FrAddSub,
    mul: CostType.Bn254FrMul,
    pow: CostType.Bn254FrPow,
  },
  BLS12_381: {
    order: 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n,
    fromU256: CostType.Bls12381FrFromU256,
    toU256: CostType.Bls12381FrToU256,
    addSub: CostType.Bls12381FrAddSub,
    mul: CostType.Bls12381FrMul,
    pow: CostType.Bls12381FrPow,
  },
};

/** Both supported fields need the degree-5 S-box (`SUPPORTED_SBOX_DEGREES`). */
const SUPPORTED_SBOX_DEGREES: readonly number[] = [5];

/** In-memory sizes of an element and of a row (a Rust `Vec` header), for allocation charges. */
const SCALAR_SIZE = 32;
const ROW_SIZE = 24;

const invalid = (message: string) => hostError(ErrorType.Crypto, ErrorCode.InvalidInput, message);
const outOfBounds = (message: string) => hostError(ErrorType.Object, ErrorCode.IndexBounds, message);

/** Metered field arithmetic (`MeteredScalar`): one charge per operation, like arkworks' calls. */
class Fr {
  constructor(
    private readonly host: Host,
    readonly field: Field,
  ) {}

  add(a: bigint, b: bigint): bigint {
    this.host.budget.charge(this.field.addSub);
    const r = a + b;
    return r >= this.field.order ? r - this.field.order : r;
  }

  double(a: bigint): bigint {
    return this.add(a, a);
  }

  mul(a: bigint, b: bigint): bigint {
    this.host.budget.charge(this.field.mul);
    return (a * b) % this.field.order;
  }

  /** `a^d`, charged by the exponent's bit length. */
  pow(a: bigint, d: number): bigint {
    this.host.budget.charge(this.field.pow, d.toString(2).length);
    let result = 1n;
    for (let i = 0; i < d; i++) result = (result * a) % this.field.order;
    return result;
  }

  newVector(len: number): void {
    this.host.budget.charge(CostType.MemAlloc, len * SCALAR_SIZE);
  }

  /** `metered_scalar_vec_from_vecobj`: every element a U256Val, reduced modulo the order. */
  vectorOf(v: Val): bigint[] {
    const items = this.host.get(v, Tag.VecObject).items;
    this.newVector(items.length);
    return items.map((item) => {
      if (tagOf(item) !== Tag.U256Small && tagOf(item) !== Tag.U256Object) throw invalid('element must be U256Val');
      this.host.budget.charge(this.field.fromU256);
      return numberOf(this.host, U256, item) % this.field.order;
    });
  }

  /** `metered_scalar_vec_of_vec_from_vecobj`: rows must be vectors; their lengths are checked later. */
  matrixOf(v: Val): bigint[][] {
    const rows = this.host.get(v, Tag.VecObject).items;
    this.host.budget.charge(CostType.MemAlloc, rows.length * ROW_SIZE);
    return rows.map((row) => {
      if (tagOf(row) !== Tag.VecObject) throw invalid('poseidon_permutation: row must be a vector');
      return this.vectorOf(row);
    });
  }

  /** `metered_scalar_vec_to_vecobj`. */
  toVec(state: readonly bigint[]): Val {
    const items = state.map((x) => {
      this.host.budget.charge(this.field.toU256);
      return numberVal(this.host, U256, x);
    });
    this.host.budget.charge(CostType.MemCpy, items.length * 8);
    return this.host.add({ tag: Tag.VecObject, items });
  }
}

interface Rounds {
  readonly t: number;
  readonly d: number;
  readonly fullHalf: number;
  readonly partial: number;
}

const roundsOf = (t: Val, d: Val, roundsF: Val, roundsP: Val): Rounds => ({
  t: toU32(t),
  d: toU32(d),
  fullHalf: Math.floor(toU32(roundsF) / 2),
  partial: toU32(roundsP),
});

/** The checks shared by `PoseidonParams::new` and `Poseidon2Params::new`, after the matrix one. */
const checkRounds = (roundsF: number, roundsP: number, roundConstants: readonly unknown[]): void => {
  if (roundsF % 2 !== 0) throw invalid('`rounds_f` must be even');
  if (roundConstants.length !== roundsF + roundsP)
    throw invalid('round constants length does not match No. of rounds (rounds_f + rounds_p)');
};

const checkDegree = (d: number): void => {
  if (!SUPPORTED_SBOX_DEGREES.includes(d)) throw invalid(`unsupported s-box degree ${d}`);
};

/** `utils::add_rc`: the row must have the state's length. */
const addRoundConstants = (fr: Fr, state: readonly bigint[], rc: readonly bigint[]): bigint[] => {
  if (state.length !== rc.length) throw invalid('length mismatch between input array and round constants');
  fr.newVector(state.length);
  return state.map((x, i) => fr.add(x, rc[i]));
};

const sbox = (fr: Fr, state: readonly bigint[], d: number): bigint[] => {
  fr.newVector(state.length);
  return state.map((x) => fr.pow(x, d));
};

// ---- Poseidon ----

/** `Poseidon::matmul`: out[i] = Σ mds[i][j]·state[j]; every row must have the state's length. */
const mdsMul = (fr: Fr, state: readonly bigint[], mds: readonly (readonly bigint[])[]): bigint[] => {
  const t = state.length;
  if (mds.length !== t) throw invalid('poseidon::matmul: matrix dimension does not match the input length');
  fr.newVector(t);
  return mds.map((row) => {
    if (row.length !== t) throw invalid('poseidon::matmul: matrix row length does not match input length');
    return row.reduce((acc, m, j) => fr.add(acc, fr.mul(m, state[j])), 0n);
  });
};

const poseidon = (fr: Fr, input: bigint[], r: Rounds, mds: bigint[][], rc: bigint[][]): bigint[] => {
  if (input.length !== r.t) throw invalid('poseidon::permutation input length does not match `t`');
  fr.newVector(input.length);
  let state = [...input];
  const full = (round: number) => {
    state = mdsMul(fr, sbox(fr, addRoundConstants(fr, state, rc[round]), r.d), mds);
  };
  for (let round = 0; round < r.fullHalf; round++) full(round);
  for (let round = r.fullHalf; round < r.fullHalf + r.partial; round++) {
    state = addRoundConstants(fr, state, rc[round]);
    if (state.length === 0) throw outOfBounds('poseidon: empty state');
    state[0] = fr.pow(state[0], r.d);
    state = mdsMul(fr, state, mds);
  }
  for (let round = r.fullHalf + r.partial; round < rc.length; round++) full(round);
  return state;
};

const poseidonPermutation = (fr: Fr, args: readonly Val[]): Val => {
  const [input, , t, d, roundsF, roundsP, mds, roundConstants] = args;
  const state = fr.vectorOf(input);
  const matrix = fr.matrixOf(mds);
  const rc = fr.matrixOf(roundConstants);
  const rounds = roundsOf(t, d, roundsF, roundsP);
  checkDegree(rounds.d);
  if (matrix.length !== rounds.t) throw invalid('mds matrix length does not match `t`');
  checkRounds(toU32(roundsF), rounds.partial, rc);
  return fr.toVec(poseidon(fr, state, rounds, matrix, rc));
};

// ---- Poseidon2 ----

/** Poseidon2 paper §5.1: the 4×4 MDS matrix applied to each 4-element chunk. */
const mulM4 = (fr: Fr, s: bigint[]): void => {
  if (s.length % 4 !== 0) throw invalid('Poseidon2: matmul_m4 state size must be divisible by 4');
  for (let i = 0; i < s.length; i += 4) {
    const t0 = fr.add(s[i], s[i + 1]);
    const t1 = fr.add(s[i + 2], s[i + 3]);
    const t2 = fr.add(fr.double(s[i + 1]), t1);
    const t3 = fr.add(fr.double(s[i + 3]), t0);
    const t4 = fr.add(fr.double(fr.double(t1)), t3);
    const t5 = fr.add(fr.double(fr.double(t0)), t2);
    s[i] = fr.add(t3, t5);
    s[i + 1] = t5;
    s[i + 2] = fr.add(t2, t4);
    s[i + 3] = t4;
  }
};

const sumOf = (fr: Fr, s: readonly bigint[]): bigint => s.slice(1).reduce((acc, x) => fr.add(acc, x), s[0]);

/** The external (full-round) linear layer: circ(2,1), circ(2,1,1), M4, or M4 then column sums. */
const mulExternal = (fr: Fr, s: bigint[]): void => {
  const t = s.length;
  if (t === 2 || t === 3) {
    const sum = sumOf(fr, s);
    for (let i = 0; i < t; i++) s[i] = fr.add(s[i], sum);
  } else if (t === 4) {
    mulM4(fr, s);
  } else if (t % 4 === 0 && t >= 8 && t <= 24) {
    mulM4(fr, s);
    fr.newVector(4);
    const stored = [0, 1, 2, 3].map((l) => {
      let acc = s[l];
      for (let j = 1; j < t / 4; j++) acc = fr.add(acc, s[4 * j + l]);
      return acc;
    });
    for (let i = 0; i < t; i++) s[i] = fr.add(s[i], stored[i % 4]);
  } else {
    throw invalid(`Poseidon2: matmul_external unsupported state size ${t}`);
  }
};

/** The internal (partial-round) layer: fixed [2,1;1,3] and [2,1,1;1,2,1;1,1,3], else 1 + diag. */
const mulInternal = (fr: Fr, s: bigint[], diagM1: readonly bigint[]): void => {
  const t = s.length;
  if (t !== diagM1.length) throw invalid('Poseidon2: matmul_internal length mismatch');
  if (t === 2 || t === 3) {
    const sum = sumOf(fr, s);
    for (let i = 0; i < t - 1; i++) s[i] = fr.add(s[i], sum);
    s[t - 1] = fr.add(fr.double(s[t - 1]), sum);
  } else if (t % 4 === 0 && t >= 4 && t <= 24) {
    const sum = sumOf(fr, s);
    for (let i = 0; i < t; i++) s[i] = fr.add(fr.mul(s[i], diagM1[i]), sum);
  } else {
    throw invalid('Poseidon2: matmul_internal unsupported state size');
  }
};

const poseidon2 = (fr: Fr, input: bigint[], r: Rounds, diagM1: bigint[], rc: bigint[][]): bigint[] => {
  if (input.length !== r.t) throw invalid('Poseidon2: permutation input length does not match `t`');
  fr.newVector(input.length);
  let state = [...input];
  mulExternal(fr, state);
  const full = (round: number) => {
    state = sbox(fr, addRoundConstants(fr, state, rc[round]), r.d);
    mulExternal(fr, state);
  };
  for (let round = 0; round < r.fullHalf; round++) full(round);
  for (let round = r.fullHalf; round < r.fullHalf + r.partial; round++) {
    // Only the first constant of a partial round is used; the rest of the row is never read.
    if (rc[round].length === 0) throw outOfBounds('Poseidon2: round constant vector is empty');
    state[0] = fr.pow(fr.add(state[0], rc[round][0]), r.d);
    mulInternal(fr, state, diagM1);
  }
  for (let round = r.fullHalf + r.partial; round < rc.length; round++) full(round);
  return state;
};

const poseidon2Permutation = (fr: Fr, args: readonly Val[]): Val => {
  const [input, , t, d, roundsF, roundsP, diag, roundConstants] = args;
  const state = fr.vectorOf(input);
  const diagM1 = fr.vectorOf(diag);
  const rc = fr.matrixOf(roundConstants);
  const rounds = roundsOf(t, d, roundsF, roundsP);
  checkDegree(rounds.d);
  if (diagM1.length !== rounds.t) throw invalid('Poseidon2: mat_internal_diag_m_1 length does not match `t`');
  checkRounds(toU32(roundsF), rounds.partial, rc);
  return fr.toVec(poseidon2(fr, state, rounds, diagM1, rc));
};

// ---- host functions ----

/** The field named by the `field` symbol; any other name is `Error(Crypto, InvalidInput)`. */
const fieldOf = (host: Host, v: Val): Fr => {
  const name = new TextDecoder().decode(symbolBytesOf(host, v));
  const field = Object.hasOwn(FIELDS, name) ? FIELDS[name] : undefined;
  if (!field) throw invalid(`unsupported field ${name}`);
  return new Fr(host, field);
};

export const poseidonFunctions: HostFnTable = {
  poseidon_permutation: (host, ...args) => poseidonPermutation(fieldOf(host, args[1]), args),
  poseidon2_permutation: (host, ...args) => poseidon2Permutation(fieldOf(host, args[1]), args),
};
