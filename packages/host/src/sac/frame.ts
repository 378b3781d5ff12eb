/**
 * The frame a Stellar Asset contract call runs in: like a Wasm frame it counts towards the depth
 * limit, owns the events it emits (marked failed if it fails) and is announced by the `fn_call` /
 * `fn_return` diagnostic events; there is no VM, the functions are the host's own.
 */
import type { Host } from '../host/host.ts';
import type { Val } from '../val/val.ts';
import { callInFrame } from '../vm/frame-call.ts';
import { callStellarAsset } from './dispatch.ts';

export const invokeStellarAsset = (host: Host, contractId: Uint8Array, fn: string, args: readonly Val[]): Val =>
  callInFrame(host, contractId, fn, args, () => callStellarAsset(host, fn, args));
