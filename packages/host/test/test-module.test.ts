// env.json module `test`, through real Wasm: `dummy0` (the host-call round trip the reference
// measures) and `protocol_gated_dummy`, which exists only at protocol 19.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { xdr } from '@stellar/stellar-sdk';
import { CostType, ErrorCode, ErrorType, invokeContract, type InvokeResult } from '../src/index.ts';
import type { HostOptions } from '../src/host/host.ts';
import { contract, hostFnProxy, importOf } from './support/wat.ts';
import { expectError, expectValue } from './support/outcome.ts';

const run = (code: Uint8Array, args: xdr.ScVal[] = [], options: HostOptions = {}): InvokeResult =>
  invokeContract({ code, fn: 'call', args }, options);

const expectVoid = (r: InvokeResult): void => expectValue(r, xdr.ScVal.scvVoid());

/** Calls dummy0 as many times as the U32 argument says. */
const dummyLoop = contract(`(module
  ${importOf('dummy0')}
  (func (export "call") (param $n i64) (result i64)
    (local $i i32)
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (i32.wrap_i64 (i64.shr_u (local.get $n) (i64.const 32)))))
        (drop (call $dummy0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (i64.const 2)))`);

test('dummy0 returns Void, and each call is one charged host dispatch', () => {
  expectVoid(run(hostFnProxy('dummy0')));
  const r = run(dummyLoop, [xdr.ScVal.scvU32(10)]);
  expectVoid(r);
  assert.equal(r.budget.byType.find((u) => u.type === CostType.DispatchHostFunction)?.count, 10);
});

test('dummy0 calls beyond the cpu budget are Error(Budget, ExceededLimit)', () => {
  expectError(
    run(dummyLoop, [xdr.ScVal.scvU32(100_000)], { budget: { cpuInstructions: 3_000_000 } }),
    ErrorType.Budget,
    ErrorCode.ExceededLimit,
  );
});

test('protocol_gated_dummy returns Void on a protocol 19 ledger, for a protocol 19 contract', () => {
  expectVoid(
    run(hostFnProxy('protocol_gated_dummy', { meta: { protocol: 19 } }), [], {
      ledger: { protocolVersion: 19 },
    }),
  );
});

test('protocol_gated_dummy cannot be imported past protocol 19: Error(WasmVm, InvalidAction)', () => {
  expectError(run(hostFnProxy('protocol_gated_dummy')), ErrorType.WasmVm, ErrorCode.InvalidAction);
  expectError(
    run(hostFnProxy('protocol_gated_dummy', { meta: { protocol: 19 } })),
    ErrorType.WasmVm,
    ErrorCode.InvalidAction,
  );
  expectError(
    run(hostFnProxy('protocol_gated_dummy', { meta: { protocol: 20 } }), [], {
      ledger: { protocolVersion: 20 },
    }),
    ErrorType.WasmVm,
    ErrorCode.InvalidAction,
  );
});
