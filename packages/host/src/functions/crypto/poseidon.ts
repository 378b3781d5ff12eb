import type { HostFnTable } from '../types.ts';

export const poseidonFunctions: HostFnTable = {};
