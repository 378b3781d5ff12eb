/** Events a host run produces: contract and system events, and diagnostics when enabled. */
import type { Val } from '../val/val.ts';

export type EventKind = 'contract' | 'system' | 'diagnostic';

export interface HostEvent {
  readonly kind: EventKind;
  /** The emitting contract, when there is one. */
  readonly contractId: Uint8Array | undefined;
  readonly topics: readonly Val[];
  readonly data: Val;
  /** Set when the frame that emitted the event later failed: its effects were rolled back. */
  failedCall: boolean;
}
