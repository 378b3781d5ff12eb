/** The operations this network applies, by operation type; others are `opNOT_SUPPORTED`. */
import { changeTrust } from './change-trust.ts';
import { createAccount } from './create-account.ts';
import { extendFootprintTtl } from './extend-footprint-ttl.ts';
import { invokeHostFunction } from './invoke-host-function.ts';
import { payment } from './payment.ts';
import { restoreFootprint } from './restore-footprint.ts';
import { setOptions } from './set-options.ts';
import type { OpBody, OperationHandler } from './types.ts';

const HANDLERS = new Map<number, OperationHandler>([
  [0, createAccount],
  [1, payment],
  [5, setOptions],
  [6, changeTrust],
  [24, invokeHostFunction],
  [25, extendFootprintTtl],
  [26, restoreFootprint],
]);

/** The handler of an operation, or undefined when it is not supported here. */
export const handlerOf = (body: OpBody): OperationHandler | undefined => {
  const h = HANDLERS.get(body.type);
  return h && (h.supported?.(body) ?? true) ? h : undefined;
};
