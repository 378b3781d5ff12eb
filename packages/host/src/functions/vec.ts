/** env.json module `vec`. */
import type { HostFnTable } from './types.ts';

export const vecFunctions: HostFnTable = {};
