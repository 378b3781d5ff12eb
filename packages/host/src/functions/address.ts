/** env.json module `address`. */
import type { HostFnTable } from './types.ts';

export const addressFunctions: HostFnTable = {};
