/**
 * Total order ids (stellar/go `toid`): ledger sequence in the high 32 bits, then 20 bits of
 * transaction order and 12 bits of operation order. stellar-rpc's transaction cursors are TOIDs and
 * its event ids a zero-padded TOID plus an event index.
 */
const TX_BITS = 20n;
const OP_BITS = 12n;
const TX_MASK = (1n << TX_BITS) - 1n;
const OP_MASK = (1n << OP_BITS) - 1n;

export const toid = (ledger: number, tx: number, op: number): bigint =>
  (BigInt(ledger) << (TX_BITS + OP_BITS)) | ((BigInt(tx) & TX_MASK) << OP_BITS) | (BigInt(op) & OP_MASK);

/** A TOID in decimal (as cursors carry it); undefined when it is not one. */
export const parseToid = (s: string): { ledger: number; tx: number; op: number } | undefined => {
  if (!/^\d{1,19}$/.test(s)) return undefined;
  const id = BigInt(s);
  if (id > 0x7fff_ffff_ffff_ffffn) return undefined;
  return {
    ledger: Number(id >> (TX_BITS + OP_BITS)),
    tx: Number((id >> OP_BITS) & TX_MASK),
    op: Number(id & OP_MASK),
  };
};

export interface EventCursor {
  readonly ledger: number;
  readonly tx: number;
  readonly op: number;
  readonly event: number;
}

/** `%019d-%010d`: the TOID, then the event index. */
export const formatEventId = (c: EventCursor): string =>
  `${toid(c.ledger, c.tx, c.op).toString().padStart(19, '0')}-${String(c.event).padStart(10, '0')}`;

export const parseEventId = (s: string): EventCursor | undefined => {
  const m = /^(\d+)-(\d+)$/.exec(s);
  if (!m) return undefined;
  const id = parseToid(m[1].replace(/^0+(?=\d)/, ''));
  const event = Number(m[2]);
  if (!id || !Number.isSafeInteger(event) || event > 0xffff_ffff) return undefined;
  return { ...id, event };
};

/** The largest cursor (stellar-rpc's MaxCursor) in a given ledger: the end of that ledger's events. */
export const endOfLedger = (ledger: number): EventCursor => ({
  ledger,
  tx: Number(TX_MASK),
  op: Number(OP_MASK),
  event: 0xffff_ffff,
});
