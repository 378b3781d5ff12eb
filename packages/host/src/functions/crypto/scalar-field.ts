/**
 * The scalar field of a pairing curve as host functions see it (`MeteredScalar` in the reference):
 * U256 Vals in, reduced modulo the group order, and the `*_fr_add`, `_sub`, `_mul`, `_pow` and
 * `_inv` functions, each charged with its curve's cost types.
 */
import type { IField } from '@noble/curves/abstract/modular.js';
import type { CostType } from '../../budget/cost-type.ts';
import type { Host } from '../../host/host.ts';
import { U256, U64, numberOf, numberVal } from '../../host/numbers.ts';
import { ErrorCode, ErrorType, hostError } from '../../val/error.ts';
import type { Val } from '../../val/val.ts';
import type { HostFn } from '../types.ts';

export interface ScalarFieldSpec {
  readonly field: IField<bigint>;
  readonly cost: {
    readonly fromU256: CostType;
    readonly toU256: CostType;
    readonly addSub: CostType;
    readonly mul: CostType;
    readonly pow: CostType;
    readonly inv: CostType;
  };
  /** BLS12-381 refuses to invert zero before charging the inversion, BN254 after. */
  readonly zeroInverseCharged: boolean;
  readonly zeroInverseMessage: string;
}

export const scalarField = ({ field, cost, zeroInverseCharged, zeroInverseMessage }: ScalarFieldSpec) => {
  /** Any U256 value, reduced modulo the order. */
  const frOf = (host: Host, v: Val): bigint => {
    host.budget.charge(cost.fromU256);
    return field.create(numberOf(host, U256, v));
  };
  const frVal = (host: Host, x: bigint): Val => {
    host.budget.charge(cost.toU256);
    return numberVal(host, U256, x);
  };
  const binary =
    (charge: CostType, op: (a: bigint, b: bigint) => bigint): HostFn =>
    (host, lhs, rhs) => {
      const a = frOf(host, lhs);
      const b = frOf(host, rhs);
      host.budget.charge(charge);
      return frVal(host, op(a, b));
    };
  /** The exponent is a plain u64, charged by its bit length (`64 - leading_zeros`). */
  const pow: HostFn = (host, lhs, rhs) => {
    const a = frOf(host, lhs);
    const e = numberOf(host, U64, rhs);
    host.budget.charge(cost.pow, e === 0n ? 0 : e.toString(2).length);
    return frVal(host, field.pow(a, e));
  };
  const inv: HostFn = (host, lhs) => {
    const a = frOf(host, lhs);
    if (zeroInverseCharged) host.budget.charge(cost.inv);
    if (a === 0n) throw hostError(ErrorType.Crypto, ErrorCode.InvalidInput, zeroInverseMessage);
    if (!zeroInverseCharged) host.budget.charge(cost.inv);
    return frVal(host, field.inv(a));
  };
  return {
    frOf,
    add: binary(cost.addSub, (a, b) => field.add(a, b)),
    sub: binary(cost.addSub, (a, b) => field.sub(a, b)),
    mul: binary(cost.mul, (a, b) => field.mul(a, b)),
    pow,
    inv,
  };
};
