/**
 * Every host function implementation, keyed by env.json name. Each module of env.json has its own
 * file; the coverage script and tests check this table against env.json.
 */
import type { HostFn, HostFnTable } from './types.ts';

const tables: HostFnTable[] = [];

export const ALL_HOST_FUNCTIONS: ReadonlyMap<string, HostFn> = new Map(tables.flatMap((t) => Object.entries(t)));
