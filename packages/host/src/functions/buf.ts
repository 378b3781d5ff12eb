/** env.json module `buf`. */
import type { HostFnTable } from './types.ts';

export const bufFunctions: HostFnTable = {};
