/** Recording events: contract events always, diagnostic ones only when diagnostics are on. */
import type { Val } from '../val/val.ts';
import type { EventKind } from './events.ts';
import type { Host } from './host.ts';

export const recordEvent = (host: Host, kind: EventKind, contractId: Uint8Array | undefined, topics: readonly Val[], data: Val): void => {
  host.events.push({ kind, contractId, topics, data, failedCall: false });
};

export const diagnosticEvent = (host: Host, contractId: Uint8Array | undefined, topics: readonly Val[], data: Val): void => {
  if (host.diagnostics) recordEvent(host, 'diagnostic', contractId, topics, data);
};

/** A failed frame's events stay (for diagnostics) but are marked as from a failed call. */
export const markFailedFrom = (host: Host, start: number): void => {
  for (let i = start; i < host.events.length; i++) host.events[i].failedCall = true;
};
