import type { HostFnTable } from '../types.ts';

export const hashSigFunctions: HostFnTable = {};
