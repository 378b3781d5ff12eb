/**
 * Every host function implementation, keyed by env.json name. Each module of env.json has its own
 * file; the coverage script and tests check this table against env.json.
 */
import { addressFunctions } from './address.ts';
import { bufFunctions } from './buf.ts';
import { callFunctions } from './call.ts';
import { contextFunctions } from './context.ts';
import { cryptoFunctions } from './crypto/index.ts';
import { intFunctions } from './int.ts';
import { ledgerFunctions } from './ledger.ts';
import { mapFunctions } from './map.ts';
import { prngFunctions } from './prng.ts';
import { testFunctions } from './test.ts';
import type { HostFn, HostFnTable } from './types.ts';
import { vecFunctions } from './vec.ts';

const tables: HostFnTable[] = [
  contextFunctions,
  intFunctions,
  mapFunctions,
  vecFunctions,
  bufFunctions,
  cryptoFunctions,
  addressFunctions,
  prngFunctions,
  testFunctions,
  ledgerFunctions,
  callFunctions,
];

export const ALL_HOST_FUNCTIONS: ReadonlyMap<string, HostFn> = new Map(tables.flatMap((t) => Object.entries(t)));
