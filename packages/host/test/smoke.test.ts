import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr, nativeToScVal } from '@stellar/stellar-sdk';
import { invokeContract } from '../src/index.ts';
import { contract } from './support/wat.ts';

test('a contract adds two u32 values', () => {
  const wasm = contract(`(module
    (func (export "add") (param i64 i64) (result i64)
      (i64.or
        (i64.shl (i64.add (i64.shr_u (local.get 0) (i64.const 32)) (i64.shr_u (local.get 1) (i64.const 32))) (i64.const 32))
        (i64.const 4))))`);
  const r = invokeContract({ code: wasm, fn: 'add', args: [nativeToScVal(3, { type: 'u32' }), nativeToScVal(4, { type: 'u32' })] });
  assert.equal(r.outcome.ok, true);
  assert.ok(r.outcome.ok && r.outcome.value.equals(xdr.ScVal.scvU32(7)));
  assert.ok(r.budget.cpuInstructions > 0);
});
