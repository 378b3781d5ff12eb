/**
 * The XDR work around a host function is charged as the reference charges it (`e2e_invoke.rs`):
 * decoding the operation, the footprint and its entries (Wasm code included) and encoding the
 * result and the ledger changes; and a simulation (recording) charges at least what the
 * transaction it prepares (enforcing) will.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CostType } from '../src/budget/cost-type.ts';
import type { HostFunctionResult } from '../src/ledger/api.ts';
import { FIXTURE, MemorySnapshot, PERSISTENT, deploy, sym, u32 } from './support/ledger.ts';
import { invoke } from './support/auth.ts';
import { customSection } from './support/wat.ts';

const usage = (r: HostFunctionResult, type: CostType) => r.budget.byType.find((t) => t.type === type) ?? { count: 0, cpu: 0 };

/** The p26 `ValDeser` model: 331 + 4369 per 128 bytes. */
const valDeserCpu = (bytes: number) => 331 + Math.floor((4369 * bytes) / 128);

describe('XDR metering around a host function', () => {
  it('an enforcing call decodes the operation, the footprint and each entry with its TTL, and encodes the result and each key and entry', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    const r = invoke(snap, c, 'echo', [u32(7)], { footprint: { readOnly: [c.instanceKey, c.codeKey], readWrite: [] } });
    assert.ok(r.outcome.ok);
    // host function, source account, resources, instance + TTL, code + TTL
    assert.equal(usage(r, CostType.ValDeser).count, 7);
    // result, two keys, two old entries (read-only: no new ones)
    assert.equal(usage(r, CostType.ValSer).count, 5);
  });

  it('decoding the code entry is charged by its size: 4 KiB more Wasm costs 4 KiB of ValDeser', () => {
    const snap = new MemorySnapshot();
    const small = deploy(snap, 1);
    const padded = new Uint8Array([...FIXTURE, ...customSection('padding', new Uint8Array(4096))]);
    const large = deploy(snap, 2, { wasm: padded });
    const cpu = (c: typeof small) =>
      usage(invoke(snap, c, 'echo', [u32(7)], { footprint: { readOnly: [c.instanceKey, c.codeKey], readWrite: [] } }), CostType.ValDeser).cpu;
    const extra = padded.length - FIXTURE.length;
    const entryBytes = (c: typeof small) => snap.get(c.codeKey)!.entry.toXDR().length;
    assert.ok(Math.abs(entryBytes(large) - entryBytes(small) - extra) <= 3, 'the code entry grew by the padding (XDR pads to 4 bytes)');
    const expected = valDeserCpu(entryBytes(large)) - valDeserCpu(entryBytes(small));
    assert.ok(Math.abs(cpu(large) - cpu(small) - expected) <= 1, `${cpu(large) - cpu(small)} vs ${expected}`);
    assert.ok(expected > 139_000);
  });

  it('a simulation charges at least what the transaction it prepares does, written entries included', () => {
    const snap = new MemorySnapshot();
    const c = deploy(snap, 1);
    const args = [sym('k'), u32(1), PERSISTENT];
    const simulated = invoke(snap, c, 'put', args, { authMode: 'record' });
    assert.ok(simulated.outcome.ok);
    const applied = invoke(snap, c, 'put', args, { footprint: simulated.footprint });
    assert.ok(applied.outcome.ok);
    assert.ok(simulated.budget.cpuInstructions >= applied.budget.cpuInstructions);
    // Unlike a read, the new entry's key is hashed (for its TTL entry) and the entry encoded.
    const read = invoke(snap, c, 'echo', [u32(7)], { footprint: { readOnly: [c.instanceKey, c.codeKey], readWrite: [] } });
    assert.equal(usage(applied, CostType.ComputeSha256Hash).count, usage(read, CostType.ComputeSha256Hash).count + 1);
    assert.equal(usage(applied, CostType.ValSer).count, usage(read, CostType.ValSer).count + 2, 'its key and its new value');
  });
});
