/** getEvents: contract and system events of a ledger range or after a cursor, filtered and paged. */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import type { EventRecord } from '@sorobox/network';
import { ledgerRange, type RpcContext } from '../context.ts';
import { invalidParams, invalidRequest, type Methods } from '../jsonrpc.ts';
import {
  optionalArray,
  optionalObject,
  optionalString,
  optionalUint,
  xdrFormatOf,
  type XdrFormat,
} from '../params.ts';
import { endOfLedger, formatEventId, parseEventId } from '../toid.ts';
import { rfc3339 } from '../xdr-format.ts';
import { eventTypeName, matchEvent, parseFilters } from './event-filter.ts';

export const GET_EVENTS_DEFAULT_LIMIT = 100;
export const GET_EVENTS_MAX_LIMIT = 10_000;
/** At most this many ledgers are searched per request (stellar-rpc's LedgerScanLimit). */
export const LEDGER_SCAN_LIMIT = 10_000;

const eventInfo = (format: XdrFormat, r: EventRecord) => {
  const wire = r.event.toXdrObject();
  const { topics, data } = wire.body.v0;
  const topicVals = topics.map((t) => xdr.ScVal.fromXdrObject(t));
  const value = xdr.ScVal.fromXdrObject(data);
  return {
    type: eventTypeName(r.event),
    ledger: r.ledger,
    ledgerClosedAt: rfc3339(r.ledgerClosedAt),
    contractId: wire.contractId ? StrKey.encodeContract(Buffer.from(wire.contractId)) : '',
    id: r.id,
    operationIndex: r.operationIndex,
    transactionIndex: r.transactionIndex,
    txHash: r.txHash,
    inSuccessfulContractCall: r.inSuccessfulContractCall,
    ...(format === 'json'
      ? { topicJson: topicVals.map((t) => t.toJson()), valueJson: value.toJson() }
      : { topic: topicVals.map((t) => t.toXdr('base64')), value: value.toXdr('base64') }),
  };
};

export const eventMethods = (ctx: RpcContext): Methods => ({
  getEvents: (params) => {
    const format = xdrFormatOf(params);
    const startLedger = optionalUint(params, 'startLedger');
    const endLedger = optionalUint(params, 'endLedger');
    const pagination = optionalObject(params, 'pagination');
    const cursor = pagination ? optionalString(pagination, 'cursor') : undefined;
    const requestedLimit = pagination ? optionalUint(pagination, 'limit') : undefined;
    if (cursor !== undefined) {
      if (startLedger !== undefined || endLedger !== undefined)
        throw invalidParams('ledger ranges and cursor cannot both be set');
    } else if (startLedger === undefined) throw invalidParams('startLedger must be positive');
    if (requestedLimit !== undefined && requestedLimit > GET_EVENTS_MAX_LIMIT)
      throw invalidParams(`limit must not exceed ${GET_EVENTS_MAX_LIMIT}`);
    const filters = parseFilters(optionalArray(params, 'filters'));
    const limit = requestedLimit ?? GET_EVENTS_DEFAULT_LIMIT;

    let after: string | undefined;
    let start: number;
    if (cursor !== undefined) {
      const parsed = parseEventId(cursor);
      if (!parsed) throw invalidParams(`invalid event id ${cursor}`);
      after = cursor;
      start = parsed.ledger;
    } else start = startLedger ?? 0;

    const range = ledgerRange(ctx);
    let end = Math.min(start + LEDGER_SCAN_LIMIT, range.latestLedger + 1);
    if (endLedger !== undefined) end = Math.min(endLedger, end);
    if (start < range.oldestLedger || start > range.latestLedger)
      throw invalidRequest(
        `startLedger must be within the ledger range: ${range.oldestLedger} - ${range.latestLedger}`,
      );

    const found =
      end > start ? ctx.network.events(start, end, after, limit, (e) => matchEvent(filters, e)) : [];
    const events = found.map((e) => eventInfo(format, e));
    return {
      events,
      // A full page resumes after its last event; otherwise the whole window [start, end) was searched.
      cursor: events.length === limit ? events[events.length - 1].id : formatEventId(endOfLedger(end - 1)),
      latestLedger: range.latestLedger,
      oldestLedger: range.oldestLedger,
      latestLedgerCloseTime: String(range.latestLedgerCloseTime),
      oldestLedgerCloseTime: String(range.oldestLedgerCloseTime),
    };
  },
});
