/**
 * The frame a Stellar Asset contract call runs in: like a Wasm frame it counts towards the depth
 * limit, owns the events it emits (marked failed if it fails) and is announced by the `fn_call` /
 * `fn_return` diagnostic events; there is no VM, the functions are the host's own.
 */
import { diagnosticEvent, markFailedFrom, reportError } from '../host/diagnostics.ts';
import type { Frame } from '../host/frame.ts';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, type Val } from '../val/val.ts';
import { MAX_FRAME_DEPTH } from '../vm/invoke.ts';
import { symbolVal } from '../xdr/scval.ts';
import { callStellarAsset } from './dispatch.ts';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export const invokeStellarAsset = (host: Host, contractId: Uint8Array, fn: string, args: readonly Val[]): Val => {
  if (host.frames.length >= MAX_FRAME_DEPTH)
    throw hostError(ErrorType.Context, ErrorCode.ExceededLimit, `call depth limit of ${MAX_FRAME_DEPTH} frames reached`);
  diagnosticEvent(host, host.frames.at(-1)?.contractId, () => ({
    topics: [symbolVal(host, utf8('fn_call')), host.add({ tag: Tag.BytesObject, bytes: contractId }), symbolVal(host, utf8(fn))],
    data: args.length === 0 ? VOID : args.length === 1 ? args[0] : host.add({ tag: Tag.VecObject, items: [...args] }),
  }));
  const frame: Frame = { contractId, fn, relative: [], vm: undefined, prng: undefined, eventsStart: host.events.length };
  host.frames.push(frame);
  try {
    const value = callStellarAsset(host, fn, args);
    diagnosticEvent(host, contractId, () => ({ topics: [symbolVal(host, utf8('fn_return')), symbolVal(host, utf8(fn))], data: value }));
    return value;
  } catch (e) {
    if (e instanceof HostError) reportError(host, e);
    markFailedFrom(host, frame.eventsStart);
    throw e;
  } finally {
    host.frames.pop();
  }
};
