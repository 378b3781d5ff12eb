/**
 * Moving work between the Wasm fuel counter and the budget. The host writes the fuel a frame may
 * burn before running Wasm and reads back what was burnt whenever control returns to it, so the
 * budget is exact at every host function call.
 */
import { CostType } from '../budget/cost-type.ts';
import type { VmInstance } from '../host/frame.ts';
import type { Host } from '../host/host.ts';

/** Charges the instructions burnt since the last refuel, and any linear memory growth. */
export const burnFuel = (host: Host, vm: VmInstance): void => {
  const used = vm.fuelSet - (vm.fuel.value as bigint);
  vm.fuelSet -= used;
  if (used > 0n) host.budget.charge(CostType.WasmInsnExec, 0, Number(used));
  const size = vm.memory ? vm.memory.buffer.byteLength : 0;
  if (size > vm.memoryCharged) {
    const grown = size - vm.memoryCharged;
    vm.memoryCharged = size;
    host.budget.charge(CostType.MemAlloc, grown);
  }
};

/** Gives the frame all the instructions the CPU budget has left. */
export const refuel = (host: Host, vm: VmInstance): void => {
  const fuel = BigInt(Math.floor(host.budget.cpuRemaining() / host.budget.cpuCost(CostType.WasmInsnExec)));
  vm.fuel.value = fuel;
  vm.fuelSet = fuel;
  // wasmi's limiter refuses growth past the memory budget or the declared maximum.
  const pages = Math.floor(vm.memoryCharged / 65536) + Math.floor(host.budget.memRemaining() / 65536);
  vm.memoryPages.value = BigInt(Math.min(pages, vm.maxPages));
};
