/**
 * getEvents filters as stellar-rpc validates and matches them (`protocols/rpc/get_events.go`):
 * filters OR together, the fields of one filter AND together; a topic filter is 1–4 segments, each a
 * base64 ScVal or `*` (exactly one topic), optionally followed by a trailing `**` (zero or more).
 */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import type { EventRecord } from '@sorobox/network';
import { invalidParams } from '../jsonrpc.ts';

export const MAX_FILTERS = 5;
export const MAX_CONTRACT_IDS = 5;
export const MAX_TOPICS = 5;
export const MAX_TOPIC_SEGMENTS = 4;

const EVENT_TYPE_NAMES = ['system', 'contract', 'diagnostic'] as const;
export type EventTypeName = (typeof EVENT_TYPE_NAMES)[number];

export const eventTypeName = (event: xdr.ContractEvent): EventTypeName =>
  EVENT_TYPE_NAMES[event.toXdrObject().type];

/** A segment: an exact topic (as base64 XDR, compared byte for byte), or `*`. */
type Segment = { readonly exact: string } | { readonly any: true };
interface TopicFilter {
  readonly segments: readonly Segment[];
  /** Ends with `**`: the event may have more topics than the segments. */
  readonly openEnded: boolean;
}
export interface EventFilter {
  readonly types: ReadonlySet<string>;
  readonly contractIds: ReadonlySet<string>;
  readonly topics: readonly TopicFilter[];
}

const fail = (filter: number, message: string) => invalidParams(`filter ${filter} invalid: ${message}`);

const parseTopic = (raw: unknown, filter: number, topic: number): TopicFilter => {
  const bad = (message: string) => fail(filter, `topic ${topic} invalid: ${message}`);
  if (!Array.isArray(raw)) throw bad('a topic filter must be an array of segments');
  if (raw.length < 1) throw bad('topic must have at least 1 segment');
  const openEnded = raw.at(-1) === '**';
  const fixed = openEnded ? raw.slice(0, -1) : raw;
  const starStar = fixed.indexOf('**');
  if (starStar >= 0)
    throw bad(`segment ${starStar + 1} invalid: wildcard '**' is only allowed as the last segment`);
  if (fixed.length > MAX_TOPIC_SEGMENTS)
    throw bad(`topic cannot have more than ${MAX_TOPIC_SEGMENTS} segments`);
  const segments = fixed.map((s, i): Segment => {
    if (typeof s !== 'string') throw bad(`segment ${i + 1} invalid: must be a string`);
    if (s === '*') return { any: true };
    try {
      return { exact: xdr.ScVal.fromXdr(s, 'base64').toXdr('base64') };
    } catch {
      throw bad(`segment ${i + 1} invalid: not a base64 ScVal`);
    }
  });
  return { segments, openEnded };
};

const parseFilter = (raw: unknown, n: number): EventFilter => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw fail(n, 'a filter must be an object');
  const f = raw as Record<string, unknown>;
  const types = new Set<string>();
  if (f.type !== undefined && f.type !== null && f.type !== '') {
    if (typeof f.type !== 'string') throw fail(n, 'filter type invalid: must be a string');
    for (const t of f.type.split(',')) {
      if (t !== 'system' && t !== 'contract')
        throw fail(n, "filter type invalid: if set, type must be either 'system' or 'contract'");
      types.add(t);
    }
  }
  const ids = f.contractIds ?? [];
  if (!Array.isArray(ids)) throw fail(n, 'contractIds must be an array');
  if (ids.length > MAX_CONTRACT_IDS) throw fail(n, `maximum ${MAX_CONTRACT_IDS} contract IDs per filter`);
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || !StrKey.isValidContract(id)) throw fail(n, `contract ID ${i + 1} invalid`);
  });
  const topics = f.topics ?? [];
  if (!Array.isArray(topics)) throw fail(n, 'topics must be an array');
  if (topics.length > MAX_TOPICS) throw fail(n, `maximum ${MAX_TOPICS} topics per filter`);
  return {
    types,
    contractIds: new Set(ids as string[]),
    topics: topics.map((t, i) => parseTopic(t, n, i + 1)),
  };
};

export const parseFilters = (raw: readonly unknown[] | undefined): EventFilter[] => {
  const filters = raw ?? [];
  if (filters.length > MAX_FILTERS) throw invalidParams(`maximum ${MAX_FILTERS} filters per request`);
  return filters.map((f, i) => parseFilter(f, i + 1));
};

const topicMatches = (filter: TopicFilter, topics: readonly string[]): boolean => {
  if (filter.openEnded ? topics.length < filter.segments.length : topics.length !== filter.segments.length)
    return false;
  return filter.segments.every((s, i) => 'any' in s || s.exact === topics[i]);
};

/** Whether the event passes (any filter; no filters passes everything). Diagnostic events never do. */
export const matchEvent = (filters: readonly EventFilter[], record: EventRecord): boolean => {
  const event = record.event;
  const type = eventTypeName(event);
  if (type === 'diagnostic') return false;
  if (filters.length === 0) return true;
  const wire = event.toXdrObject();
  const contractId = wire.contractId ? StrKey.encodeContract(Buffer.from(wire.contractId)) : undefined;
  let topics: string[] | undefined;
  const topicsOf = () =>
    (topics ??= wire.body.v0.topics.map((t) => xdr.ScVal.fromXdrObject(t).toXdr('base64')));
  return filters.some(
    (f) =>
      (f.types.size === 0 || f.types.has(type)) &&
      (f.contractIds.size === 0 || (contractId !== undefined && f.contractIds.has(contractId))) &&
      (f.topics.length === 0 || f.topics.some((t) => topicMatches(t, topicsOf()))),
  );
};
