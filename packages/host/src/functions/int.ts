/** env.json module `int`. */
import type { HostFnTable } from './types.ts';

export const intFunctions: HostFnTable = {};
