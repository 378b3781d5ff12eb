/**
 * Host ledger figures: storage puts and gets per second through a contract (a loop inside one
 * invocation, and one committed invocation per put), contract creations per second
 * (`CreateContractV2` and a factory's `create_contract`), and the cost of resolving a CAP-85
 * external reference on every call against a direct Wasm executable (time and metered CPU).
 */
import { xdr } from '@stellar/stellar-sdk';
import { invokeLedgerContract, MemorySnapshot } from '../packages/host/src/index.ts';
import { LEDGER } from '../packages/host/test/support/ledger.ts';
import {
  apply,
  applyCommit,
  bytesVal,
  contractIdOfVal,
  create,
  createFn,
  invokeCommit,
  lifecycleContract,
  saltOf,
  str,
  upload,
} from '../packages/host/test/support/lifecycle.ts';
import { contract, importOf } from '../packages/host/test/support/wat.ts';
import { measure, median } from './support.ts';

const UNLIMITED = { budget: { cpuInstructions: 2 ** 52, memoryBytes: 2 ** 40 } };

/** `fill(n)`: n persistent puts of U32Val(i) → U32Val(i); `sum(n)`: n gets of the same keys. */
const loops = contract(`(module
  ${['put_contract_data', 'get_contract_data'].map(importOf).join('\n  ')}
  (func $u32 (param i64) (result i64) (i64.or (i64.shl (local.get 0) (i64.const 32)) (i64.const 4)))
  (func (export "fill") (param $n i64) (result i64) (local $i i64)
    (local.set $n (i64.shr_u (local.get $n) (i64.const 32)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $put_contract_data (call $u32 (local.get $i)) (call $u32 (local.get $i)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (i64.const 2))
  (func (export "sum") (param $n i64) (result i64) (local $i i64)
    (local.set $n (i64.shr_u (local.get $n) (i64.const 32)))
    (block $done (loop $next
      (br_if $done (i64.ge_u (local.get $i) (local.get $n)))
      (drop (call $get_contract_data (call $u32 (local.get $i)) (i64.const 1)))
      (local.set $i (i64.add (local.get $i) (i64.const 1)))
      (br $next)))
    (i64.const 2))
  (func (export "put") (param $k i64) (param $v i64) (result i64) (call $put_contract_data (local.get $k) (local.get $v) (i64.const 1))))`);

const snap = new MemorySnapshot();
const store = create(snap, upload(snap, loops), saltOf(1));
const N = 500;
const run = (fn: string, args: xdr.ScVal[]) => {
  const r = invokeLedgerContract(
    { contract: store, fn, args, snapshot: snap },
    { ledger: LEDGER, ...UNLIMITED },
  );
  if (!r.outcome.ok) throw new Error(`${fn} failed: ${r.outcome.message}`);
  return r;
};
snap.apply(run('fill', [xdr.ScVal.scvU32(N)]).changes);
const fill = measure(40, () => run('fill', [xdr.ScVal.scvU32(N)]));
const sum = measure(40, () => run('sum', [xdr.ScVal.scvU32(N)]));
const cpu = (fn: string) => run(fn, [xdr.ScVal.scvU32(N)]).budget.cpuInstructions / N;
console.log(
  `storage through a contract, ${N} per invocation: put ${Math.round(N * fill.perSecond).toLocaleString()} /s, get ${Math.round(N * sum.perSecond).toLocaleString()} /s ` +
    `(metered ${Math.round(cpu('fill')).toLocaleString()} / ${Math.round(cpu('sum')).toLocaleString()} cpu insns each)`,
);
let k = 0;
const single = measure(2_000, () => {
  invokeCommit(snap, store, 'put', [xdr.ScVal.scvU32(k++ % 1000), xdr.ScVal.scvU32(k)]);
});
console.log(
  `one put per committed invocation: ${single.perSecond.toLocaleString()} /s (${single.microsEach} µs each)`,
);

const creations = new MemorySnapshot();
const v1 = upload(creations, lifecycleContract(1));
let salt = 0;
const nextSalt = () => {
  const s = saltOf(0);
  new DataView(s.buffer).setUint32(0, ++salt);
  return s;
};
const viaOp = measure(2_000, () => {
  applyCommit(creations, createFn(v1, nextSalt(), []));
});
const factory = create(creations, v1, saltOf(255));
const self = invokeCommit(creations, factory, 'self');
const viaFactory = measure(2_000, () => {
  invokeCommit(creations, factory, 'create', [self, bytesVal(v1), bytesVal(nextSalt())]);
});
const createCpu = apply(creations, createFn(v1, nextSalt(), [])).budget.cpuInstructions;
console.log(
  `contract creations: CreateContractV2 ${viaOp.perSecond.toLocaleString()} /s (${viaOp.microsEach} µs, ${createCpu.toLocaleString()} cpu insns), ` +
    `factory create_contract ${viaFactory.perSecond.toLocaleString()} /s (${viaFactory.microsEach} µs)`,
);

const refs = new MemorySnapshot();
const owner = create(refs, upload(refs, lifecycleContract(1)), saltOf(1));
const token = upload(refs, lifecycleContract(2));
const direct = create(refs, token, saltOf(2));
const ownerAddress = invokeCommit(refs, owner, 'self');
invokeCommit(refs, owner, 'set_tag', [str('token'), bytesVal(token), xdr.ScVal.scvU32(1)]);
const follower = contractIdOfVal(
  invokeCommit(refs, owner, 'create_ref', [
    ownerAddress,
    ownerAddress,
    str('token'),
    bytesVal(saltOf(3)),
    xdr.ScVal.scvVec([]),
  ]),
);
const call = (id: Uint8Array) =>
  invokeLedgerContract({ contract: id, fn: 'version', snapshot: refs }, { ledger: LEDGER });
const rounds = (id: Uint8Array) => Array.from({ length: 7 }, () => measure(5_000, () => call(id)).microsEach);
const directUs = median(rounds(direct));
const refUs = median(rounds(follower));
const [directCpu, refCpu] = [direct, follower].map((id) => call(id).budget.cpuInstructions);
console.log(
  `external-ref resolution per call: ${refUs} µs vs ${directUs} µs direct Wasm, ratio ${(refUs / directUs).toFixed(2)}×; ` +
    `metered ${refCpu.toLocaleString()} vs ${directCpu.toLocaleString()} cpu insns (+${(refCpu - directCpu).toLocaleString()})`,
);
