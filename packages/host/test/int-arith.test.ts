// env.json module `int`: u256/i256 arithmetic, trapping and (protocol 26) Void-on-overflow
// variants, through real Wasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr, nativeToScVal } from '@stellar/stellar-sdk';
import { CostType, ErrorCode, ErrorType, Tag, invokeContract, type InvokeResult } from '../src/index.ts';
import { contract, hostFnProxy, importOf } from './support/wat.ts';
import { callHostFn, expectError, expectValue } from './support/outcome.ts';

const U256_MAX = (1n << 256n) - 1n;
const I256_MAX = (1n << 255n) - 1n;
const I256_MIN = -(1n << 255n);

const u256 = (x: bigint) => nativeToScVal(x, { type: 'u256' });
const i256 = (x: bigint) => nativeToScVal(x, { type: 'i256' });
const u32 = (n: number) => xdr.ScVal.scvU32(n);

type Num = (x: bigint) => xdr.ScVal;
/** [lhs, rhs, result]; a `null` result is where the reference's `checked_*` gives `None`. */
type Case = readonly [bigint, bigint, bigint | null];

interface Spec {
  readonly cost: CostType;
  readonly cases: readonly Case[];
}

/** Every trapping function with its cost and cases; the right operand of pow/shl/shr is a U32Val. */
const SPECS: Record<string, Spec> = {
  u256_add: {
    cost: CostType.Int256AddSub,
    cases: [[1n << 255n, (1n << 255n) - 1n, U256_MAX], [2n, 3n, 5n], [U256_MAX, 1n, null], [1n << 255n, 1n << 255n, null]],
  },
  u256_sub: { cost: CostType.Int256AddSub, cases: [[10n, 3n, 7n], [U256_MAX, U256_MAX, 0n], [3n, 10n, null], [0n, 1n, null]] },
  u256_mul: {
    cost: CostType.Int256Mul,
    cases: [[1n << 128n, 1n << 127n, 1n << 255n], [U256_MAX, 1n, U256_MAX], [0n, U256_MAX, 0n], [1n << 128n, 1n << 128n, null], [U256_MAX, 2n, null]],
  },
  u256_div: { cost: CostType.Int256Div, cases: [[100n, 7n, 14n], [U256_MAX, 1n << 255n, 1n], [5n, 0n, null], [0n, 0n, null]] },
  u256_rem_euclid: { cost: CostType.Int256Div, cases: [[100n, 7n, 2n], [U256_MAX, 1n << 128n, (1n << 128n) - 1n], [5n, 0n, null]] },
  u256_pow: {
    cost: CostType.Int256Pow,
    cases: [[3n, 100n, 3n ** 100n], [2n, 255n, 1n << 255n], [0n, 0n, 1n], [1n, 0xffffffffn, 1n], [0n, 0xffffffffn, 0n], [2n, 256n, null], [U256_MAX, 2n, null], [3n, 0xffffffffn, null]],
  },
  u256_shl: {
    cost: CostType.Int256Shift,
    cases: [[1n, 255n, 1n << 255n], [U256_MAX, 4n, U256_MAX - 15n], [7n, 0n, 7n], [1n, 256n, null], [0n, 0xffffffffn, null]],
  },
  u256_shr: { cost: CostType.Int256Shift, cases: [[1n << 255n, 255n, 1n], [U256_MAX, 252n, 15n], [1n, 256n, null]] },
  i256_add: {
    cost: CostType.Int256AddSub,
    cases: [[I256_MAX, I256_MIN, -1n], [-5n, -10n, -15n], [I256_MAX, 1n, null], [I256_MIN, -1n, null]],
  },
  i256_sub: { cost: CostType.Int256AddSub, cases: [[-5n, 10n, -15n], [-1n, I256_MAX, I256_MIN], [I256_MIN, 1n, null], [0n, I256_MIN, null]] },
  i256_mul: {
    cost: CostType.Int256Mul,
    cases: [[-(1n << 127n), 1n << 128n, I256_MIN], [-3n, -4n, 12n], [1n << 127n, 1n << 128n, null], [I256_MIN, -1n, null]],
  },
  i256_div: {
    cost: CostType.Int256Div,
    cases: [[-7n, 2n, -3n], [7n, -2n, -3n], [I256_MIN, 1n, I256_MIN], [I256_MIN + 1n, -1n, I256_MAX], [I256_MIN, -1n, null], [1n, 0n, null]],
  },
  i256_rem_euclid: {
    cost: CostType.Int256Div,
    cases: [[-7n, 2n, 1n], [-7n, -2n, 1n], [7n, -2n, 1n], [-1n, I256_MIN, I256_MAX], [I256_MIN, 3n, 1n], [I256_MIN, -1n, null], [5n, 0n, null]],
  },
  i256_pow: {
    cost: CostType.Int256Pow,
    cases: [[-2n, 255n, I256_MIN], [-3n, 3n, -27n], [-1n, 0xffffffffn, -1n], [5n, 0n, 1n], [2n, 255n, null], [-2n, 256n, null], [I256_MIN, 2n, null]],
  },
  i256_shl: {
    cost: CostType.Int256Shift,
    cases: [[-1n, 255n, I256_MIN], [1n, 255n, I256_MIN], [3n, 254n, I256_MIN + (1n << 254n)], [1n, 256n, null]],
  },
  i256_shr: {
    cost: CostType.Int256Shift,
    cases: [[I256_MIN, 255n, -1n], [-7n, 1n, -4n], [I256_MAX, 254n, 1n], [-1n, 256n, null], [-1n, 300n, null]],
  },
};

const numOf = (name: string): Num => (name.startsWith('u') ? u256 : i256);
const rhsOf = (name: string): ((x: bigint) => xdr.ScVal) =>
  /_(pow|shl|shr)$/.test(name) ? (x) => u32(Number(x)) : numOf(name);
const show = (name: string, [a, b]: Case) => `${name}(${a}, ${b})`;

for (const [name, { cost, cases }] of Object.entries(SPECS)) {
  test(`${name}: exact results, Error(Object, ArithDomain) where Rust's checked op gives None`, () => {
    for (const c of cases) {
      const r = callHostFn(name, [numOf(name)(c[0]), rhsOf(name)(c[1])]);
      if (c[2] === null) expectError(r, ErrorType.Object, ErrorCode.ArithDomain, show(name, c));
      else expectValue(r, numOf(name)(c[2]), show(name, c));
      assert.equal(r.budget.byType.find((u) => u.type === cost)?.count, 1, `${show(name, c)} charges its cost once`);
    }
  });
}

for (const op of ['add', 'sub', 'mul', 'pow']) {
  for (const k of ['u256', 'i256']) {
    const name = `${k}_checked_${op}`;
    const { cost, cases } = SPECS[`${k}_${op}`];
    test(`${name}: the same results, Void where ${k}_${op} fails`, () => {
      for (const c of cases) {
        const r = callHostFn(name, [numOf(name)(c[0]), rhsOf(name)(c[1])]);
        expectValue(r, c[2] === null ? xdr.ScVal.scvVoid() : numOf(name)(c[2]), show(name, c));
        assert.equal(r.budget.byType.find((u) => u.type === cost)?.count, 1, `${show(name, c)} charges its cost once`);
      }
    });
  }
}

test('arithmetic rejects operands of another type: Error(Value, InvalidInput)', () => {
  for (const name of [...Object.keys(SPECS), 'u256_checked_add', 'i256_checked_pow']) {
    const other = name.startsWith('u') ? i256 : u256;
    expectError(callHostFn(name, [other(1n), rhsOf(name)(1n)]), ErrorType.Value, ErrorCode.InvalidInput, `${name} lhs`);
  }
  expectError(callHostFn('u256_pow', [u256(2n), u256(2n)]), ErrorType.Value, ErrorCode.InvalidInput, 'u256_pow rhs');
  expectError(callHostFn('i256_shl', [i256(2n), xdr.ScVal.scvI32(2)]), ErrorType.Value, ErrorCode.InvalidInput, 'i256_shl rhs');
});

test('the checked variants do not link before protocol 26: Error(WasmVm, InvalidAction)', () => {
  for (const name of ['u256_checked_add', 'u256_checked_sub', 'u256_checked_mul', 'u256_checked_pow', 'i256_checked_add', 'i256_checked_sub', 'i256_checked_mul', 'i256_checked_pow']) {
    const code = hostFnProxy(name, { meta: { protocol: 25 } });
    const r = invokeContract({ code, fn: 'call', args: [numOf(name)(1n), rhsOf(name)(1n)] });
    expectError(r, ErrorType.WasmVm, ErrorCode.InvalidAction, name);
  }
});

/** The tag of `name`'s result, from a contract that returns it as a U32Val. */
const resultTag = (name: string, args: xdr.ScVal[]): InvokeResult =>
  invokeContract({
    code: contract(`(module ${importOf(name)}
      (func (export "call") (param i64 i64) (result i64)
        (i64.or (i64.shl (i64.and (call $${name} (local.get 0) (local.get 1)) (i64.const 0xff)) (i64.const 32)) (i64.const 4))))`),
    fn: 'call',
    args,
  });

test('results come back in the small form when they fit, as objects otherwise', () => {
  expectValue(resultTag('u256_sub', [u256(1n << 200n), u256((1n << 200n) - 3n)]), u32(Tag.U256Small), 'u256 3');
  expectValue(resultTag('u256_add', [u256((1n << 56n) - 1n), u256(1n)]), u32(Tag.U256Object), 'u256 2^56');
  expectValue(resultTag('i256_mul', [i256(-(1n << 54n)), i256(2n)]), u32(Tag.I256Small), 'i256 -2^55');
  expectValue(resultTag('i256_sub', [i256(-(1n << 55n)), i256(1n)]), u32(Tag.I256Object), 'i256 -2^55-1');
  expectValue(resultTag('u256_checked_add', [u256(2n), u256(3n)]), u32(Tag.U256Small), 'checked u256 5');
  expectValue(resultTag('i256_checked_pow', [i256(2n), u32(100)]), u32(Tag.I256Object), 'checked i256 2^100');
  expectValue(resultTag('u256_checked_mul', [u256(U256_MAX), u256(2n)]), u32(Tag.Void), 'checked overflow');
});
