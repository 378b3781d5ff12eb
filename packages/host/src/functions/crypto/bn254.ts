import type { HostFnTable } from '../types.ts';

export const bn254Functions: HostFnTable = {};
