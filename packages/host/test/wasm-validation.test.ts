import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr } from '@stellar/stellar-sdk';
import { invokeContract } from '../src/index.ts';
import { ErrorCode, ErrorType } from '../src/val/error.ts';
import { contract, importOf } from './support/wat.ts';
import { expectError } from './support/outcome.ts';

const run = (wasm: Uint8Array, fn = 'f', args: xdr.ScVal[] = [], options = {}) => invokeContract({ code: wasm, fn, args }, options);

const healthy = contract(`(module (func (export "f") (result i64) (i64.const 2)))`);

test('a valid module runs', () => {
  const r = run(healthy);
  assert.ok(r.outcome.ok && r.outcome.value.equals(xdr.ScVal.scvVoid()));
});

const rejected: [string, string, Record<string, boolean>][] = [
  ['float arithmetic', `(module (func (export "f") (result i64) (drop (f64.add (f64.const 1) (f64.const 2))) (i64.const 2)))`, {}],
  ['float parameter type', `(module (func (export "f") (param f32) (result i64) (i64.const 2)))`, {}],
  ['float local', `(module (func (export "f") (result i64) (local f64) (i64.const 2)))`, {}],
  ['float global', `(module (global f32 (f32.const 0)) (func (export "f") (result i64) (i64.const 2)))`, {}],
  ['SIMD', `(module (func (export "f") (result i64) (drop (v128.const i64x2 0 0)) (i64.const 2)))`, { simd: true }],
  ['multi-value results', `(module (func (export "f") (result i64 i64) (i64.const 2) (i64.const 2)))`, { multi_value: true }],
  ['multi-value block', `(module (func (export "f") (result i64) (block (result i64 i64) (i64.const 2) (i64.const 2)) (drop)))`, { multi_value: true }],
  ['reference types', `(module (table 1 externref) (func (export "f") (result i64) (i64.const 2)))`, { reference_types: true }],
  ['ref.null instruction', `(module (func (export "f") (result i64) (drop (ref.null func)) (i64.const 2)))`, { reference_types: true }],
  ['tail calls', `(module (func $g (result i64) (i64.const 2)) (func (export "f") (result i64) (return_call $g)))`, { tail_call: true }],
  ['threads (shared memory)', `(module (memory 1 1 shared) (func (export "f") (result i64) (i64.const 2)))`, { threads: true }],
  ['atomics', `(module (memory 1 1 shared) (func (export "f") (result i64) (drop (i32.atomic.load (i32.const 0))) (i64.const 2)))`, { threads: true }],
  ['extended-const', `(module (global i64 (i64.add (i64.const 1) (i64.const 2))) (func (export "f") (result i64) (i64.const 2)))`, { extended_const: true }],
  ['saturating float-to-int', `(module (func (export "f") (result i64) (i64.trunc_sat_f64_s (f64.const 1))))`, {}],
];

for (const [name, wat, features] of rejected) {
  test(`rejects ${name} with Error(WasmVm, InvalidInput)`, () => {
    expectError(run(contract(wat, {}, features)), ErrorType.WasmVm, ErrorCode.InvalidInput);
  });
}

test('accepts bulk-memory, mutable-global and sign-ext', () => {
  const wasm = contract(`(module
    (memory 1) (global $g (mut i64) (i64.const 0))
    (func (export "f") (result i64)
      (memory.fill (i32.const 0) (i32.const 7) (i32.const 16))
      (memory.copy (i32.const 32) (i32.const 0) (i32.const 16))
      (global.set $g (i64.extend8_s (i64.const 0x80)))
      (i64.const 2)))`);
  assert.ok(run(wasm).outcome.ok);
});

test('33 arguments are refused with Error(WasmVm, InvalidInput); 32 are fine', () => {
  const params = (n: number) => Array(n).fill('i64').join(' ');
  expectError(run(contract(`(module (func (export "f") (param ${params(33)}) (result i64) (i64.const 2)))`)), ErrorType.WasmVm, ErrorCode.InvalidInput);
  const args = Array.from({ length: 32 }, () => xdr.ScVal.scvVoid());
  assert.ok(run(contract(`(module (func (export "f") (param ${params(32)}) (result i64) (i64.const 2)))`), 'f', args).outcome.ok);
});

test('missing env meta is Error(WasmVm, InvalidInput)', () => {
  expectError(run(contract(`(module (func (export "f") (result i64) (i64.const 2)))`, null)), ErrorType.WasmVm, ErrorCode.InvalidInput);
});

test('env meta newer than the ledger protocol is Error(WasmVm, InvalidInput)', () => {
  expectError(run(contract(`(module (func (export "f") (result i64) (i64.const 2)))`, { protocol: 29 })), ErrorType.WasmVm, ErrorCode.InvalidInput);
});

test('pre-release rules: old protocol must be 0, current must match the host', () => {
  const body = `(module (func (export "f") (result i64) (i64.const 2)))`;
  expectError(run(contract(body, { protocol: 22, preRelease: 3 })), ErrorType.WasmVm, ErrorCode.InvalidInput);
  expectError(run(contract(body, { protocol: 28, preRelease: 1 })), ErrorType.WasmVm, ErrorCode.InvalidInput);
  assert.ok(run(contract(body, { protocol: 22 })).outcome.ok);
});

test('an unknown import is Error(WasmVm, InvalidAction)', () => {
  const wasm = contract(`(module (import "x" "zz" (func $nope (result i64))) (func (export "f") (result i64) (call $nope)))`);
  expectError(run(wasm), ErrorType.WasmVm, ErrorCode.InvalidAction);
});

test('an import with the wrong signature is Error(WasmVm, InvalidAction)', () => {
  const wasm = contract(`(module (import "x" "3" (func $seq (param i64) (result i64))) (func (export "f") (result i64) (call $seq (i64.const 0))))`);
  expectError(run(wasm), ErrorType.WasmVm, ErrorCode.InvalidAction);
});

test('an import newer than the contract protocol is Error(WasmVm, InvalidAction)', () => {
  // string_to_bytes exists from protocol 23.
  const src = `(module ${importOf('string_to_bytes')} (func (export "f") (result i64) (i64.const 2)))`;
  expectError(run(contract(src, { protocol: 22 })), ErrorType.WasmVm, ErrorCode.InvalidAction);
  assert.ok(run(contract(src, { protocol: 23 })).outcome.ok);
});

test('an import newer than the ledger protocol is Error(WasmVm, InvalidAction)', () => {
  const src = `(module ${importOf('string_to_bytes')} (func (export "f") (result i64) (i64.const 2)))`;
  expectError(run(contract(src, { protocol: 22 }), 'f', [], { ledger: { protocolVersion: 22 } }), ErrorType.WasmVm, ErrorCode.InvalidAction);
});

test('non-function imports and start functions are Error(WasmVm, InvalidAction)', () => {
  expectError(run(contract(`(module (import "x" "m" (memory 1)) (func (export "f") (result i64) (i64.const 2)))`)), ErrorType.WasmVm, ErrorCode.InvalidAction);
  expectError(run(contract(`(module (func $s) (start $s) (func (export "f") (result i64) (i64.const 2)))`)), ErrorType.WasmVm, ErrorCode.InvalidAction);
});

test('calling a missing function is Error(WasmVm, MissingValue); wrong arity is Error(WasmVm, UnexpectedSize)', () => {
  expectError(run(healthy, 'g'), ErrorType.WasmVm, ErrorCode.MissingValue);
  expectError(run(healthy, 'f', [xdr.ScVal.scvVoid()]), ErrorType.WasmVm, ErrorCode.UnexpectedSize);
});

test('__-prefixed functions cannot be invoked from outside: Error(Context, InvalidAction)', () => {
  const wasm = contract(`(module (func (export "__check_auth") (result i64) (i64.const 2)))`);
  expectError(run(wasm, '__check_auth'), ErrorType.Context, ErrorCode.InvalidAction);
});

test('malformed module bytes are Error(WasmVm, InvalidInput)', () => {
  expectError(run(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1])), ErrorType.WasmVm, ErrorCode.InvalidInput);
  expectError(run(new Uint8Array([1, 2, 3])), ErrorType.WasmVm, ErrorCode.InvalidInput);
});

test('traps: unreachable is Error(WasmVm, InvalidAction); OOB memory IndexBounds; div by zero ArithDomain', () => {
  expectError(run(contract(`(module (func (export "f") (result i64) unreachable))`)), ErrorType.WasmVm, ErrorCode.InvalidAction);
  expectError(run(contract(`(module (memory 1) (func (export "f") (result i64) (i64.load (i32.const 70000))))`)), ErrorType.WasmVm, ErrorCode.IndexBounds);
  expectError(run(contract(`(module (func (export "f") (result i64) (i64.div_u (i64.const 1) (i64.const 0))))`)), ErrorType.WasmVm, ErrorCode.ArithDomain);
});

test('a returned malformed Val is Error(Value, UnexpectedType)', () => {
  expectError(run(contract(`(module (func (export "f") (result i64) (i64.const 15)))`)), ErrorType.Value, ErrorCode.UnexpectedType);
});

test('an infinite loop ends with Error(Budget, ExceededLimit) within the cpu limit', () => {
  const r = run(contract(`(module (func (export "f") (result i64) (loop $l (br $l)) (i64.const 2)))`));
  expectError(r, ErrorType.Budget, ErrorCode.ExceededLimit);
  assert.ok(r.budget.cpuInstructions <= r.budget.limits.cpuInstructions + 1000);
});

test('a smaller cpu limit stops the loop sooner', () => {
  const r = run(contract(`(module (func (export "f") (result i64) (loop $l (br $l)) (i64.const 2)))`), 'f', [], { budget: { cpuInstructions: 1_000_000 } });
  expectError(r, ErrorType.Budget, ErrorCode.ExceededLimit);
  assert.ok(r.budget.cpuInstructions <= 1_000_000 + 1000);
});

test('unbounded recursion ends with Error(Budget, ExceededLimit) at the 1024-frame limit', () => {
  expectError(run(contract(`(module (func $f (export "f") (result i64) (call $f)))`)), ErrorType.Budget, ErrorCode.ExceededLimit);
});

test('recursion within the limit works (1000 frames)', () => {
  const wasm = contract(`(module
    (func $down (param i64) (result i64)
      (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 2)) (else (call $down (i64.sub (local.get 0) (i64.const 1))))))
    (func (export "f") (result i64) (call $down (i64.const 1000))))`);
  assert.ok(run(wasm).outcome.ok);
});

test('a memory.grow bomb traps with Error(Budget, ExceededLimit) and charges memory', () => {
  const wasm = contract(`(module (memory 1)
    (func (export "f") (result i64)
      (loop $l (br_if $l (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
      (i64.const 2)))`);
  const r = run(wasm);
  expectError(r, ErrorType.Budget, ErrorCode.ExceededLimit);
  assert.ok(r.budget.memoryBytes <= r.budget.limits.memoryBytes);
});

test('memory.grow within budget returns the old size; past the declared max it traps', () => {
  const ok = contract(`(module (memory 1 4) (func (export "f") (result i64)
    (i64.or (i64.shl (i64.extend_i32_u (memory.grow (i32.const 2))) (i64.const 32)) (i64.const 4))))`);
  const r = run(ok);
  assert.ok(r.outcome.ok && r.outcome.value.equals(xdr.ScVal.scvU32(1)));
  const over = contract(`(module (memory 1 2) (func (export "f") (result i64) (drop (memory.grow (i32.const 2))) (i64.const 2)))`);
  expectError(run(over), ErrorType.Budget, ErrorCode.ExceededLimit);
});

test('initial memory beyond the memory budget is Error(Budget, ExceededLimit)', () => {
  expectError(run(contract(`(module (memory 700) (func (export "f") (result i64) (i64.const 2)))`)), ErrorType.Budget, ErrorCode.ExceededLimit);
});

test('a data segment larger than memory fails instantiation without crashing', () => {
  const data = 'x'.repeat(70_000);
  const r = run(contract(`(module (memory 1) (data (i32.const 0) "${data}") (func (export "f") (result i64) (i64.const 2)))`));
  assert.equal(r.outcome.ok, false);
  assert.equal(!r.outcome.ok && r.outcome.error.type, ErrorType.WasmVm);
});

test('the process stays healthy after every hostile module', () => {
  assert.ok(run(healthy).outcome.ok);
});
