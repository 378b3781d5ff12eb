/** getLedgers and getLedgerEntries. */
import { xdr } from '@stellar/stellar-sdk';
import type { LedgerRecord } from '@sorobox/network';
import { ledgerRange, type RpcContext } from '../context.ts';
import { invalidParams, invalidRequest, type Methods } from '../jsonrpc.ts';
import { optionalArray, optionalUint, paginationOf, xdrFormatOf, type XdrFormat } from '../params.ts';
import { decodeXdr, xdrField } from '../xdr-format.ts';

export const GET_LEDGERS_DEFAULT_LIMIT = 50;
export const GET_LEDGERS_MAX_LIMIT = 200;
export const GET_LEDGER_ENTRIES_MAX_KEYS = 200;
const LEDGER_ENTRY_TYPE_TTL = 9;

const ledgerInfo = (format: XdrFormat, l: LedgerRecord) => ({
  hash: l.hash,
  sequence: l.sequence,
  ledgerCloseTime: String(l.closeTime),
  ...xdrField(format, 'headerXdr', 'headerJson', l.headerXdr),
  ...xdrField(format, 'metadataXdr', 'metadataJson', l.metaXdr),
});

export const ledgerMethods = (ctx: RpcContext): Methods => ({
  getLedgers: (params) => {
    const format = xdrFormatOf(params);
    const range = ledgerRange(ctx);
    const startLedger = optionalUint(params, 'startLedger');
    const { cursor, limit = GET_LEDGERS_DEFAULT_LIMIT } = paginationOf(
      params,
      GET_LEDGERS_MAX_LIMIT,
      invalidRequest,
    );
    const outOfRange = (seq: number) => seq < range.oldestLedger || seq > range.latestLedger;
    let start: number;
    if (cursor !== undefined) {
      if (startLedger !== undefined)
        throw invalidRequest(`startLedger (${startLedger}) and cursor (${cursor}) cannot both be set`);
      if (!/^\d+$/.test(cursor)) throw invalidParams(`invalid cursor ${JSON.stringify(cursor)}`);
      start = Number(cursor) + 1;
      if (outOfRange(start))
        throw invalidParams(
          `cursor ('${cursor}') must be between the oldest ledger: ${range.oldestLedger} and the latest ledger: ${range.latestLedger} for this rpc instance`,
        );
    } else {
      start = startLedger ?? 0;
      if (outOfRange(start))
        throw invalidRequest(
          `start ledger (${start}) must be between the oldest ledger: ${range.oldestLedger} and the latest ledger: ${range.latestLedger} for this rpc instance`,
        );
    }
    const ledgers = ctx.network.ledgers(start, undefined, limit);
    const last = ledgers.at(-1);
    return {
      ledgers: ledgers.map((l) => ledgerInfo(format, l)),
      latestLedger: range.latestLedger,
      latestLedgerCloseTime: Number(range.latestLedgerCloseTime),
      oldestLedger: range.oldestLedger,
      oldestLedgerCloseTime: Number(range.oldestLedgerCloseTime),
      cursor: last ? String(last.sequence) : (cursor ?? String(start - 1)),
    };
  },

  getLedgerEntries: (params) => {
    const format = xdrFormatOf(params);
    const raw = optionalArray(params, 'keys') ?? [];
    if (raw.length > GET_LEDGER_ENTRIES_MAX_KEYS)
      throw invalidParams(
        `key count (${raw.length}) exceeds maximum supported (${GET_LEDGER_ENTRIES_MAX_KEYS})`,
      );
    const keys = raw.map((k, i) => {
      if (typeof k !== 'string')
        throw invalidParams(`cannot unmarshal key value ${JSON.stringify(k)} at index ${i}`);
      const key = decodeXdr((b) => xdr.LedgerKey.fromXdr(b, 'base64'), k, `key value ${k} at index ${i}`);
      if (key.toXdrObject().type === LEDGER_ENTRY_TYPE_TTL)
        throw invalidParams('ledger ttl entries cannot be queried directly');
      return key;
    });
    const latestLedger = ctx.network.latestLedger().sequence;
    // In request order (the network may answer in any order); missing keys are left out.
    const order = new Map(keys.map((k, i) => [k.toXdr('base64'), i]));
    // Archived persistent entries come with liveUntilLedgerSeq 0, as stellar-rpc reports evicted ones.
    const found = ctx.network
      .ledgerEntries(keys)
      .map((e) => ({ e, at: order.get(e.key.toXdr('base64')) ?? Infinity }))
      .sort((a, b) => a.at - b.at);
    return {
      entries: found.map(({ e }) => {
        const { data, ext } = e.entry.toXdrObject();
        return {
          ...xdrField(format, 'key', 'keyJson', e.key),
          ...xdrField(format, 'xdr', 'dataJson', xdr.LedgerEntryData.fromXdrObject(data)),
          lastModifiedLedgerSeq: e.lastModifiedLedgerSeq,
          ...(e.liveUntilLedgerSeq !== undefined ? { liveUntilLedgerSeq: e.liveUntilLedgerSeq } : {}),
          ...xdrField(format, 'extXdr', 'extJson', xdr.LedgerEntryExt.fromXdrObject(ext)),
        };
      }),
      latestLedger,
    };
  },
});
