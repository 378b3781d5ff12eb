/** env.json module `map`. */
import type { HostFnTable } from './types.ts';

export const mapFunctions: HostFnTable = {};
