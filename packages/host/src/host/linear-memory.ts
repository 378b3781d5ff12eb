/**
 * Access to the current Wasm frame's linear memory for the `*_linear_memory` host functions
 * (`soroban-env-host/src/host/mem_helper.rs`): bounds-checked, charged as memory copies.
 */
import { CostType } from '../budget/cost-type.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import type { Val } from '../val/val.ts';
import type { Host } from './host.ts';

const memoryOf = (host: Host): Uint8Array => {
  const vm = host.currentFrame().vm;
  if (!vm) throw hostError(ErrorType.WasmVm, ErrorCode.InternalError, 'linear memory accessed outside a Wasm frame');
  if (!vm.memory) throw hostError(ErrorType.WasmVm, ErrorCode.MissingValue, 'no linear memory named `memory`');
  return new Uint8Array(vm.memory.buffer);
};

/** `pos + len` as u32 arithmetic: overflow is `Error(Value, ArithDomain)`. */
export const checkedEnd = (pos: number, len: number): number => {
  const end = pos + len;
  if (end > 0xffffffff) throw hostError(ErrorType.Value, ErrorCode.ArithDomain, 'arithmetic overflow');
  return end;
};

const checkRange = (mem: Uint8Array, pos: number, len: number): void => {
  if (checkedEnd(pos, len) > mem.length)
    throw hostError(ErrorType.WasmVm, ErrorCode.IndexBounds, 'out-of-bounds access to WASM linear memory');
};

/** A copy of `len` bytes at `pos`. */
export const readBytes = (host: Host, pos: number, len: number): Uint8Array => {
  const mem = memoryOf(host);
  checkRange(mem, pos, len);
  host.budget.charge(CostType.MemCpy, len);
  return mem.slice(pos, pos + len);
};

export const writeBytes = (host: Host, pos: number, data: Uint8Array): void => {
  const mem = memoryOf(host);
  checkRange(mem, pos, data.length);
  host.budget.charge(CostType.MemCpy, data.length);
  mem.set(data, pos);
};

/** `count` raw Vals (u64 little-endian) at `pos`, as the contract wrote them (relative handles). */
export const readVals = (host: Host, pos: number, count: number): Val[] => {
  const bytes = readBytes(host, pos, count * 8);
  const view = new DataView(bytes.buffer);
  return Array.from({ length: count }, (_, i) => view.getBigUint64(i * 8, true));
};

export const writeVals = (host: Host, pos: number, vals: readonly Val[]): void => {
  const bytes = new Uint8Array(vals.length * 8);
  const view = new DataView(bytes.buffer);
  vals.forEach((v, i) => view.setBigUint64(i * 8, v, true));
  writeBytes(host, pos, bytes);
};

/** `count` (ptr: u32 LE, len: u32 LE) slices at `pos`, each read from memory. */
export const readSlices = (host: Host, pos: number, count: number): Uint8Array[] => {
  const table = readBytes(host, pos, count * 8);
  const view = new DataView(table.buffer);
  return Array.from({ length: count }, (_, i) => readBytes(host, view.getUint32(i * 8, true), view.getUint32(i * 8 + 4, true)));
};
