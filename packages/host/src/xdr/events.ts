/** Host events in their XDR form (`DiagnosticEvent`, as stellar-core reports them). */
import { xdr } from '@stellar/stellar-sdk';
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
      body: { v: 0, v0: { topics: e.topics.map((t) => valToScValWire(host, t)), data: valToScValWire(host, e.data) } },
    },
  });
