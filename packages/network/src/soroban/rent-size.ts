/**
 * The size an entry pays rent on (`entry_size_for_rent`): its XDR size, except for contract code,
 * which pays for the memory its parsed module occupies (`wasm_module_memory_cost`), priced with the
 * network's memory cost model from the cost inputs recorded at upload.
 */
import { Budget, CostType, type NetworkConfig } from '@sorobox/host';
import { CONTRACT_CODE, type EntryWire } from '../ledger/keys.ts';

const U32_MAX = 0xffff_ffff;

export const entrySizeForRent = (entry: EntryWire, xdrSize: number, config: NetworkConfig): number => {
  if (entry.data.type !== CONTRACT_CODE) return xdrSize;
  const code = entry.data.contractCode;
  const budget = new Budget(config, { cpuInstructions: Number.MAX_SAFE_INTEGER, memoryBytes: Number.MAX_SAFE_INTEGER });
  if (code.ext.v === 0) {
    budget.charge(CostType.VmInstantiation, code.code.length);
  } else {
    const c = code.ext.v1.costInputs;
    const inputs: [CostType, number][] = [
      [CostType.ParseWasmInstructions, c.nInstructions],
      [CostType.ParseWasmFunctions, c.nFunctions],
      [CostType.ParseWasmGlobals, c.nGlobals],
      [CostType.ParseWasmTableEntries, c.nTableEntries],
      [CostType.ParseWasmTypes, c.nTypes],
      [CostType.ParseWasmDataSegments, c.nDataSegments],
      [CostType.ParseWasmElemSegments, c.nElemSegments],
      [CostType.ParseWasmImports, c.nImports],
      [CostType.ParseWasmExports, c.nExports],
      [CostType.ParseWasmDataSegmentBytes, c.nDataSegmentBytes],
    ];
    for (const [type, n] of inputs) budget.charge(type, n);
  }
  return Math.min(budget.report().memoryBytes, U32_MAX);
};
