/** Host events in their XDR form (`DiagnosticEvent`, as stellar-core reports them). */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { EventKind, HostEvent } from '../host/events.ts';
import type { Host } from '../host/host.ts';
import { valToScValWire } from './scval.ts';

const EVENT_TYPE: Record<EventKind, number> = { system: 0, contract: 1, diagnostic: 2 };

export const eventToXdr = (host: Host, e: HostEvent): xdr.DiagnosticEvent =>
  xdr.DiagnosticEvent.fromXdrObject({
    inSuccessfulContractCall: !e.failedCall,
    event: {
      ext: { v: 0 },
      contractId: e.contractId ?? null,
      type: EVENT_TYPE[e.kind],
      body: {
        v: 0,
        v0: { topics: e.topics.map((t) => valToScValWire(host, t)), data: valToScValWire(host, e.data) },
      },
    },
  });

export interface ExternalizedEvents {
  readonly events: xdr.DiagnosticEvent[];
  /** Total XDR size of the emitted `ContractEvent`s (what the network limits and charges for). */
  readonly emittedBytes: number;
}

/**
 * All events in XDR, in order, as the reference finishes a successful run: contract and system
 * events are converted on the budget (`externalize`), and those of calls that did not fail are
 * serialised on it too (`encode_contract_events`) — they are what the ledger gets. Diagnostic
 * events cost nothing (shadow budget). A budget overrun here fails the run.
 */
export const externalizeEvents = (host: Host): ExternalizedEvents => {
  let emittedBytes = 0;
  const events = host.events.map((e) => {
    if (e.kind === 'diagnostic') return host.budget.shadow(() => eventToXdr(host, e));
    const x = eventToXdr(host, e);
    if (!e.failedCall) {
      const size = x.event.toXdr().length;
      host.budget.charge(CostType.ValSer, size);
      emittedBytes += size;
    }
    return x;
  });
  return { events, emittedBytes };
};

/** Every event converted on the shadow budget: for a run that failed, where nothing is emitted. */
export const eventsForFailedRun = (host: Host): xdr.DiagnosticEvent[] =>
  host.budget.shadow(() => host.events.map((e) => eventToXdr(host, e)));
