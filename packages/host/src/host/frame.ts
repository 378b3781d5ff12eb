/** A call frame: the unit that owns relative object handles, a Wasm instance and a PRNG. */
import type { Prng } from './prng.ts';

export interface VmInstance {
  readonly instance: WebAssembly.Instance;
  readonly memory: WebAssembly.Memory | undefined;
  readonly fuel: WebAssembly.Global;
  /** How many pages linear memory may reach, set from the memory budget at each refuel. */
  readonly memoryPages: WebAssembly.Global;
  readonly depth: WebAssembly.Global;
  /** The module's declared memory maximum, in pages. */
  readonly maxPages: number;
  /** The fuel value the host last wrote; what was burnt since is `fuelSet - fuel.value`. */
  fuelSet: bigint;
  /** Linear memory size already charged to the budget. */
  memoryCharged: number;
}

export interface Frame {
  /** The running contract's id, or undefined for a host-level (test) frame. */
  readonly contractId: Uint8Array | undefined;
  readonly fn: string;
  /** Relative handle index → absolute object index. Never shared between frames. */
  readonly relative: number[];
  vm: VmInstance | undefined;
  prng: Prng | undefined;
  /** Index of the first event this frame emitted, so a failure can mark its events. */
  readonly eventsStart: number;
}
