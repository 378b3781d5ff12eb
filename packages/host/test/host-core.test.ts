import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scValToNative, xdr } from '@stellar/stellar-sdk';
import { CostType, ErrorCode, ErrorType, invokeContract } from '../src/index.ts';
import { contract, importOf } from './support/wat.ts';
import { expectError } from './support/outcome.ts';

// vec_new then vec_len on a handle: the first object a frame gets has relative handle 0.
const handleProbe = (handle: bigint) =>
  contract(`(module ${importOf('vec_new')} ${importOf('vec_len')}
    (func (export "f") (result i64) (drop (call $vec_new)) (call $vec_len (i64.const ${handle}))))`);
const vecObject = (handle: number) => (BigInt(handle) << 32n) | 75n; // VecObject tag 75

test('a frame uses the relative handles the host gave it', () => {
  const r = invokeContract({ code: handleProbe(vecObject(0)), fn: 'f' });
  assert.ok(r.outcome.ok && r.outcome.value.equals(xdr.ScVal.scvU32(0)));
});

test('a handle the frame was never given is Error(Value, InvalidInput)', () => {
  expectError(invokeContract({ code: handleProbe(vecObject(2)), fn: 'f' }), ErrorType.Value, ErrorCode.InvalidInput);
});

test('an absolute handle forged by Wasm is Error(Value, InvalidInput)', () => {
  expectError(invokeContract({ code: handleProbe(vecObject(1)), fn: 'f' }), ErrorType.Value, ErrorCode.InvalidInput);
});

test('a handle used with another object type is Error(Value, InvalidInput)', () => {
  const bytesTagged = (0n << 32n) | 72n; // relative handle 0 claimed to be a BytesObject
  const r = invokeContract({
    code: contract(`(module ${importOf('vec_new')} ${importOf('bytes_len')}
      (func (export "f") (result i64) (drop (call $vec_new)) (call $bytes_len (i64.const ${bytesTagged}))))`),
    fn: 'f',
  });
  expectError(r, ErrorType.Value, ErrorCode.InvalidInput);
});

test('an argument of the wrong type is Error(Value, InvalidInput)', () => {
  const r = invokeContract({
    code: contract(`(module ${importOf('vec_len')} (func (export "f") (result i64) (call $vec_len (i64.const 4))))`),
    fn: 'f',
  });
  expectError(r, ErrorType.Value, ErrorCode.InvalidInput);
});

test('the budget report charges Wasm instructions, dispatch and object work per cost type', () => {
  const r = invokeContract({
    code: contract(`(module ${importOf('vec_new')} (func (export "f") (result i64) (call $vec_new)))`),
    fn: 'f',
  });
  assert.ok(r.outcome.ok);
  const types = new Map(r.budget.byType.map((u) => [u.type, u]));
  for (const t of [CostType.WasmInsnExec, CostType.DispatchHostFunction, CostType.InvokeVmFunction, CostType.MemAlloc])
    assert.ok((types.get(t)?.count ?? 0) > 0, `cost type ${t} charged`);
  assert.equal(types.get(CostType.DispatchHostFunction)?.count, 1);
  const sum = r.budget.byType.reduce((a, u) => a + u.cpu, 0);
  assert.equal(sum, r.budget.cpuInstructions);
});

test('the same call always costs the same (metered, not timed)', () => {
  const code = contract(`(module (func (export "f") (result i64) (local i64)
    (loop $l (local.set 0 (i64.add (local.get 0) (i64.const 1))) (br_if $l (i64.lt_u (local.get 0) (i64.const 1000))))
    (i64.const 2)))`);
  const a = invokeContract({ code, fn: 'f' });
  const b = invokeContract({ code, fn: 'f' });
  assert.ok(a.outcome.ok);
  assert.equal(a.budget.cpuInstructions, b.budget.cpuInstructions);
  // 1000 iterations of a loop body: the loop header (1) + 9 base ops + br_if = 11 fuel each, 4 cpu per fuel.
  assert.ok(a.budget.cpuInstructions > 1000 * 11 * 4);
});

test('diagnostics: fn_call and fn_return events when enabled, none when disabled', () => {
  const code = contract(`(module (func (export "f") (param i64) (result i64) (local.get 0)))`);
  const on = invokeContract({ code, fn: 'f', args: [xdr.ScVal.scvU32(7)] }, { diagnostics: true });
  assert.equal(on.events.length, 2);
  const [call, ret] = on.events.map((e) => e.event.body.v0);
  assert.deepEqual(call.topics.map((t) => (t.type === 'scvBytes' ? 'bytes' : scValToNative(t))), ['fn_call', 'bytes', 'f']);
  assert.ok(call.data.equals(xdr.ScVal.scvU32(7)));
  assert.deepEqual(ret.topics.map((t) => scValToNative(t)), ['fn_return', 'f']);
  assert.ok(ret.data.equals(xdr.ScVal.scvU32(7)));
  assert.ok(on.events.every((e) => e.event.type.name === 'diagnostic' && e.inSuccessfulContractCall));
  const off = invokeContract({ code, fn: 'f', args: [xdr.ScVal.scvU32(7)] });
  assert.equal(off.events.length, 0);
});

test('diagnostics: a failure records an error event with the error and a message, marked as failed', () => {
  const r = invokeContract({ code: contract(`(module (func (export "f") (result i64) unreachable))`), fn: 'f' }, { diagnostics: true });
  const error = r.events.find((e) => scValToNative(e.event.body.v0.topics[0]) === 'error');
  assert.ok(error, 'an error event');
  const errVal = error.event.body.v0.topics[1];
  assert.equal(errVal.type, 'scvError');
  assert.match(String(scValToNative(error.event.body.v0.data)), /trap/);
  assert.ok(r.events.every((e) => !e.inSuccessfulContractCall));
});

test('diagnostics are free: the same call costs the same with them on and off', () => {
  const code = contract(`(module ${importOf('log_from_linear_memory')} (memory (export "memory") 1) (data (i32.const 0) "hello")
    (func (export "f") (result i64)
      (drop (call $log_from_linear_memory (i64.const 4) (i64.const ${(5n << 32n) | 4n}) (i64.const 4) (i64.const 4)))
      unreachable))`);
  const off = invokeContract({ code, fn: 'f' });
  const on = invokeContract({ code, fn: 'f' }, { diagnostics: true });
  assert.ok(on.events.some((e) => scValToNative(e.event.body.v0.topics[0]) === 'log'));
  assert.equal(on.budget.cpuInstructions, off.budget.cpuInstructions);
  assert.equal(on.budget.memoryBytes, off.budget.memoryBytes);
});
