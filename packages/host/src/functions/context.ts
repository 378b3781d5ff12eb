/** env.json module `context`. */
import type { HostFnTable } from './types.ts';

export const contextFunctions: HostFnTable = {};
