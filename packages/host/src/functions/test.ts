/** env.json module `test`. */
import type { HostFnTable } from './types.ts';

export const testFunctions: HostFnTable = {};
