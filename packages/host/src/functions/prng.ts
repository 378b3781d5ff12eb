/** env.json module `prng`. */
import type { HostFnTable } from './types.ts';

export const prngFunctions: HostFnTable = {};
