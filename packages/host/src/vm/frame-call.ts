/**
 * The frame of one contract call, whatever runs in it (a Wasm instance, or the host's own Stellar
 * Asset contract functions): the depth limit, the `fn_call` / `fn_return` diagnostic events, the
 * frame on the stack while it runs, and on failure the `error` diagnostic and its events marked
 * as from a failed call.
 */
import { diagnosticEvent, markFailedFrom, reportError } from '../host/diagnostics.ts';
import type { Frame } from '../host/frame.ts';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, type Val } from '../val/val.ts';
import { symbolVal } from '../xdr/scval.ts';

export const MAX_FRAME_DEPTH = 100;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Data of a diagnostic event: Void for no values, the value for one, else a Vec. */
const eventData = (host: Host, vals: readonly Val[]): Val =>
  vals.length === 0 ? VOID : vals.length === 1 ? vals[0] : host.add({ tag: Tag.VecObject, items: [...vals] });

/** Anything thrown that is not a `HostError` is a host bug: `Error(Context, InternalError)`. */
export const internalError = (e: unknown): HostError =>
  e instanceof HostError
    ? e
    : hostError(ErrorType.Context, ErrorCode.InternalError, `internal error: ${(e as Error)?.message ?? e}`);

export interface FrameCallOptions {
  /** Checks made once the depth is known to be within the limit, before the `fn_call` event. */
  readonly before?: () => void;
  /** How a non-`HostError` thrown in the frame becomes one (default: an internal error). */
  readonly toHostError?: (e: unknown, frame: Frame) => HostError;
}

/**
 * Runs `body` in a new frame for `contractId.fn(args)` (absolute handles) and returns its value.
 * A contract id of undefined (a host-level call) is shown as 32 zero bytes in `fn_call`.
 */
export const callInFrame = (
  host: Host,
  contractId: Uint8Array | undefined,
  fn: string,
  args: readonly Val[],
  body: (frame: Frame) => Val,
  options: FrameCallOptions = {},
): Val => {
  if (host.frames.length >= MAX_FRAME_DEPTH)
    throw hostError(ErrorType.Context, ErrorCode.ExceededLimit, `call depth limit of ${MAX_FRAME_DEPTH} frames reached`);
  options.before?.();
  diagnosticEvent(host, host.frames.at(-1)?.contractId, () => ({
    topics: [
      symbolVal(host, utf8('fn_call')),
      host.add({ tag: Tag.BytesObject, bytes: contractId ?? new Uint8Array(32) }),
      symbolVal(host, utf8(fn)),
    ],
    data: eventData(host, args),
  }));
  const frame: Frame = { contractId, fn, relative: [], vm: undefined, prng: undefined, eventsStart: host.events.length };
  host.frames.push(frame);
  try {
    const value = body(frame);
    diagnosticEvent(host, contractId, () => ({
      topics: [symbolVal(host, utf8('fn_return')), symbolVal(host, utf8(fn))],
      data: value,
    }));
    return value;
  } catch (e) {
    const err = e instanceof HostError ? e : (options.toHostError ?? internalError)(e, frame);
    reportError(host, err);
    markFailedFrom(host, frame.eventsStart);
    throw err;
  } finally {
    host.frames.pop();
  }
};
