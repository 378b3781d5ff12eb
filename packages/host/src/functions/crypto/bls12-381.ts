import type { HostFnTable } from '../types.ts';

export const bls12381Functions: HostFnTable = {};
