import type { Host } from '../host/host.ts';
import type { Val } from '../val/val.ts';

/**
 * A host function: receives the host and its arguments already checked against env.json's types
 * (objects as absolute handles; `u64`/`i64` as plain bigints) and returns a Val with an absolute
 * handle, or a raw bigint for `u64`/`i64` returns. Failure is a thrown `HostError`.
 */
export type HostFn = (host: Host, ...args: Val[]) => Val;

/** Implementations of one env.json module, keyed by function name. */
export type HostFnTable = Readonly<Record<string, HostFn>>;
