/**
 * Shared helpers for host tests: call one host function through a proxy contract, and check what
 * an invocation returned. The checks take either a whole `InvokeResult` or just its `outcome`.
 */
import assert from 'node:assert/strict';
import type { xdr } from '@stellar/stellar-sdk';
import { invokeContract, type CostType, type ErrorType, type InvokeOutcome, type InvokeResult } from '../../src/index.ts';
import type { HostOptions } from '../../src/host/host.ts';
import { hostFnProxy } from './wat.ts';

/** JSON with bigints as decimal strings and byte arrays as hex, for messages and comparisons. */
export const toJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint' ? `${x}` : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x,
  );

/** An ScVal as readable JSON (its XDR object through `toJson`). */
export const show = (v: xdr.ScVal): string => toJson(v.toXdrObject());

export interface CallHostFnOptions {
  /** Constants for the function's raw (non-Val) parameters, in order. */
  readonly raw?: readonly bigint[];
  /** Bytes placed at linear memory offset 0. */
  readonly data?: Uint8Array;
  /** Options for the host running the call. */
  readonly host?: HostOptions;
}

const proxies = new Map<string, Uint8Array>();
const proxyFor = (name: string, raw: readonly bigint[] = [], data?: Uint8Array): Uint8Array => {
  const key = `${name}|${raw.join(',')}|${data ? Buffer.from(data).toString('hex') : ''}`;
  let code = proxies.get(key);
  if (!code) proxies.set(key, (code = hostFnProxy(name, { raw, data })));
  return code;
};

/** Invokes host function `name` with `args` through its `hostFnProxy` contract (compiled once per name, raw and data). */
export const callHostFn = (name: string, args: readonly xdr.ScVal[] = [], options: CallHostFnOptions = {}): InvokeResult =>
  invokeContract({ code: proxyFor(name, options.raw, options.data), fn: 'call', args }, options.host);

const outcomeOf = (r: InvokeResult | InvokeOutcome): InvokeOutcome => ('outcome' in r ? r.outcome : r);
const prefix = (what: string): string => (what ? `${what}: ` : '');

/** Asserts the call succeeded with a value XDR-equal to `expected`. */
export const expectValue = (r: InvokeResult | InvokeOutcome, expected: xdr.ScVal, what = ''): void => {
  const o = outcomeOf(r);
  assert.ok(o.ok, `${prefix(what)}expected ${show(expected)}, failed: ${o.ok ? '' : o.message}`);
  assert.ok(o.value.equals(expected), `${prefix(what)}got ${show(o.value)}, expected ${show(expected)}`);
};

/** Asserts the call failed with error `(type, code)`. */
export const expectError = (r: InvokeResult | InvokeOutcome, type: ErrorType, code: number, what = ''): void => {
  const o = outcomeOf(r);
  assert.ok(!o.ok, `${prefix(what)}expected a failure, got ${o.ok ? show(o.value) : ''}`);
  assert.deepEqual(o.error, { type, code }, `${prefix(what)}${o.message}`);
};

/** Whether the run charged cost type `type` at least once. */
export const charged = (r: InvokeResult, type: CostType): boolean => r.budget.byType.some((u) => u.type === type && u.count > 0);
