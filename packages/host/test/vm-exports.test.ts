/**
 * Calling an export that is not a Val function, checked in the order the reference's wasmi call
 * checks it: the export's kind, then the parameter count and types, then the result count; a
 * function returning an i32 runs and then fails converting its result.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { invokeContract } from '../src/api.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { contract, importOf } from './support/wat.ts';

const CODE = contract(`(module
  ${importOf('fail_with_error')}
  (memory (export "memory") 1)
  (func (export "raw") (param i32) (result i32) (local.get 0))
  (func (export "nothing"))
  ;; fails with its argument unless it is Void
  (func (export "narrow") (param i64) (result i32)
    (if (i64.ne (local.get 0) (i64.const 2)) (then (drop (call $fail_with_error (local.get 0)))))
    (i32.const 0))
  (func (export "two") (param i64 i64) (result i64) (local.get 0))
)`);

const errorOf = (fn: string, args: xdr.ScVal[] = []) => {
  const r = invokeContract({ code: CODE, fn, args });
  return r.outcome.ok ? undefined : r.outcome.error;
};
const wasmVm = (code: ErrorCode) => ({ type: ErrorType.WasmVm, code });
const u32 = (n: number) => xdr.ScVal.scvU32(n);

test('a missing export is Error(WasmVm, MissingValue); a memory export Error(WasmVm, UnexpectedType)', () => {
  assert.deepEqual(errorOf('absent'), wasmVm(ErrorCode.MissingValue));
  assert.deepEqual(errorOf('memory'), wasmVm(ErrorCode.UnexpectedType));
});

test('the parameter count comes first (UnexpectedSize), then the parameter types (UnexpectedType)', () => {
  assert.deepEqual(errorOf('raw'), wasmVm(ErrorCode.UnexpectedSize));
  assert.deepEqual(errorOf('raw', [u32(7)]), wasmVm(ErrorCode.UnexpectedType));
  assert.deepEqual(errorOf('two', [u32(7)]), wasmVm(ErrorCode.UnexpectedSize));
});

test('a function returning nothing is Error(WasmVm, UnexpectedSize)', () => {
  assert.deepEqual(errorOf('nothing'), wasmVm(ErrorCode.UnexpectedSize));
});

test('a function returning an i32 runs, then fails with Error(Value, UnexpectedType)', () => {
  // It runs: its own failure wins when it fails before returning.
  const contractError = xdr.ScVal.scvError(xdr.ScError.sceContract(3));
  assert.deepEqual(errorOf('narrow', [contractError]), { type: ErrorType.Contract, code: 3 });
  assert.deepEqual(errorOf('narrow', [xdr.ScVal.scvVoid()]), { type: ErrorType.Value, code: ErrorCode.UnexpectedType });
});

test('more than 32 arguments are Error(WasmVm, InvalidInput), before the signature is looked at', () => {
  assert.deepEqual(errorOf('two', Array.from({ length: 33 }, () => u32(1))), wasmVm(ErrorCode.InvalidInput));
});
