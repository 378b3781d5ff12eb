/**
 * Host VM figures: invocations per second of a trivial function with a cached module, metered vs
 * unmetered pure-Wasm compute (recursive fibonacci) as a ratio, and the cost of instantiating a
 * cached module for each frame.
 */
import { performance } from 'node:perf_hooks';
import { xdr } from '@stellar/stellar-sdk';
import { Host, invokeContract, loadCode } from '../packages/host/src/index.ts';
import { contract, watToWasm } from '../packages/host/test/support/wat.ts';
import { measure, median } from './support.ts';

const trivial = loadCode(contract(`(module (func (export "f") (result i64) (i64.const 2)))`));
const inv = measure(50_000, () => {
  const r = invokeContract({ code: trivial, fn: 'f' });
  if (!r.outcome.ok) throw new Error('trivial call failed');
});
console.log(`trivial invocation, cached module: ${inv.perSecond.toLocaleString()} /s (${inv.microsEach} µs each; goal ≥ 50,000 /s)`);

const fibWat = `(module
  (func $fib (param i64) (result i64)
    (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
      (then (local.get 0))
      (else (i64.add (call $fib (i64.sub (local.get 0) (i64.const 1))) (call $fib (i64.sub (local.get 0) (i64.const 2)))))))
  (func (export "fib") (param i64) (result i64)
    ;; argument and result are U32Vals
    (i64.or (i64.shl (call $fib (i64.shr_u (local.get 0) (i64.const 32))) (i64.const 32)) (i64.const 4))))`;
const N = 27;
const plain = new WebAssembly.Instance(new WebAssembly.Module(watToWasm(fibWat) as Uint8Array<ArrayBuffer>)).exports.fib as (x: bigint) => bigint;
const arg = (BigInt(N) << 32n) | 4n;
const unmeteredRuns: number[] = [];
const meteredRuns: number[] = [];
const fibCode = loadCode(contract(fibWat));
let cpu = 0;
for (let i = 0; i < 7; i++) {
  let t = performance.now();
  plain(arg);
  unmeteredRuns.push(performance.now() - t);
  t = performance.now();
  const r = invokeContract({ code: fibCode, fn: 'fib', args: [xdr.ScVal.scvU32(N)] }, { budget: { cpuInstructions: 2 ** 52 } });
  meteredRuns.push(performance.now() - t);
  if (!r.outcome.ok) throw new Error(`fib failed: ${r.outcome.message}`);
  cpu = r.budget.cpuInstructions;
}
const um = median(unmeteredRuns);
const m = median(meteredRuns);
console.log(`fib(${N}) unmetered: ${um.toFixed(1)} ms, metered: ${m.toFixed(1)} ms, ratio ${(m / um).toFixed(2)}× (goal ≤ 2×); ${cpu.toLocaleString()} cpu insns charged`);

const host = new Host();
const imports = {};
const bare = new WebAssembly.Module(watToWasm(`(module (memory 1) (func (export "f") (result i64) (i64.const 2)))`) as Uint8Array<ArrayBuffer>);
const inst = measure(20_000, () => {
  new WebAssembly.Instance(bare, imports);
});
console.log(`instantiating a cached 1-page module (bare V8): ${inst.microsEach} µs`);
const frame = measure(20_000, () => {
  invokeContract({ code: trivial, fn: 'f' });
});
console.log(`full frame (new host, instance, metering, result): ${frame.microsEach} µs`);
void host;
