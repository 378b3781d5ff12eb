/**
 * env.json module `test`: no-op functions the reference uses to measure the host-call round trip
 * (`dummy0`) and to test protocol gating (`protocol_gated_dummy`, only at protocol 19; loading a
 * contract that imports it on a later protocol already fails).
 */
import { VOID, type Val } from '../val/val.ts';
import type { HostFnTable } from './types.ts';

const dummy0 = (): Val => VOID;

const protocol_gated_dummy = (): Val => VOID;

export const testFunctions: HostFnTable = { dummy0, protocol_gated_dummy };
