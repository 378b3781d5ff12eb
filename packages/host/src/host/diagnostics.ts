/** Recording events: contract events always, diagnostic ones only when diagnostics are on. */
import { CostType } from '../budget/cost-type.ts';
import { HostError } from '../val/error.ts';
import { symbolSmallBody } from '../val/symbol.ts';
import { Tag } from '../val/tag.ts';
import { fromBody, fromError, type Val } from '../val/val.ts';
import type { EventKind } from './events.ts';
import type { Host } from './host.ts';

export const recordEvent = (host: Host, kind: EventKind, contractId: Uint8Array | undefined, topics: readonly Val[], data: Val): void => {
  host.events.push({ kind, contractId, topics, data, failedCall: false });
};

/** Size the reference declares for one entry of its events buffer (an event and its status). */
const EVENT_ENTRY_BYTES = 48;

/**
 * Records a contract or system event, charged as one push to the reference's events buffer.
 * Topics and data are not limited here: the reference host has no per-event limits, only the
 * metered conversion at the end of the run and the network's total events size.
 */
export const emitEvent = (host: Host, kind: 'contract' | 'system', contractId: Uint8Array | undefined, topics: readonly Val[], data: Val): void => {
  host.budget.charge(CostType.MemAlloc, EVENT_ENTRY_BYTES);
  host.budget.charge(CostType.MemCpy, EVENT_ENTRY_BYTES);
  recordEvent(host, kind, contractId, topics, data);
};

/** Records a diagnostic event built by `build`, unmetered (shadow budget), when diagnostics are on. */
export const diagnosticEvent = (
  host: Host,
  contractId: Uint8Array | undefined,
  build: () => { topics: readonly Val[]; data: Val },
): void => {
  if (!host.diagnostics) return;
  host.budget.shadow(() => {
    const { topics, data } = build();
    recordEvent(host, 'diagnostic', contractId, topics, data);
  });
};

/** A failed frame's events stay (for diagnostics) but are marked as from a failed call. */
export const markFailedFrom = (host: Host, start: number): void => {
  for (let i = start; i < host.events.length; i++) host.events[i].failedCall = true;
};

const reported = new WeakSet<HostError>();

/**
 * The reference emits a diagnostic `error` event where an error arises: topics
 * `["error", Error]`, data the message. Reported once, however many frames it unwinds.
 */
export const reportError = (host: Host, err: HostError): void => {
  if (!host.diagnostics || reported.has(err)) return;
  reported.add(err);
  const frame = host.frames[host.frames.length - 1];
  diagnosticEvent(host, frame?.contractId, () => ({
    topics: [fromBody(Tag.SymbolSmall, symbolSmallBody(new TextEncoder().encode('error'))), fromError(err.error)],
    data: host.add({ tag: Tag.StringObject, bytes: new TextEncoder().encode(err.message) }),
  }));
};
