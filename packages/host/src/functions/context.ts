/**
 * env.json module `context`: logging, comparison, events, ledger info, failing with a contract
 * error and the current contract's address (`soroban-env-host/src/host.rs`, "context" region).
 */
import { CostType } from '../budget/cost-type.ts';
import { compareVals } from '../host/compare.ts';
import { diagnosticEvent, emitEvent } from '../host/diagnostics.ts';
import type { Host } from '../host/host.ts';
import { maxLiveUntilLedger } from '../host/ledger-info.ts';
import { readBytes, readVals } from '../host/linear-memory.ts';
import { U64, numberVal } from '../host/numbers.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import { symbolSmallBody } from '../val/symbol.ts';
import { Tag, isObjectTag } from '../val/tag.ts';
import { VOID, fromBody, fromU32, tagOf, toError, toU32, type Val } from '../val/val.ts';
import type { HostFnTable } from './types.ts';

const LOG_SYMBOL = fromBody(Tag.SymbolSmall, symbolSmallBody(new TextEncoder().encode('log')));

/** Rust's `String::from_utf8_lossy`: invalid sequences become U+FFFD; a BOM is kept. */
const utf8Lossy = (bytes: Uint8Array): Uint8Array =>
  new TextEncoder().encode(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));

/**
 * Debug logging never fails the contract: the reference runs it in debug mode only, where every
 * error (bad memory range, bad handle) is swallowed and nothing is recorded.
 */
const log_from_linear_memory = (host: Host, msgPos: Val, msgLen: Val, valsPos: Val, valsLen: Val): Val => {
  try {
    diagnosticEvent(host, host.currentFrame().contractId, () => {
      const msg = utf8Lossy(readBytes(host, toU32(msgPos), toU32(msgLen)));
      const vals = readVals(host, toU32(valsPos), toU32(valsLen)).map((v) => host.toAbsolute(v));
      const text = host.add({ tag: Tag.StringObject, bytes: msg });
      return { topics: [LOG_SYMBOL], data: vals.length === 0 ? text : host.add({ tag: Tag.VecObject, items: [text, ...vals] }) };
    });
  } catch (e) {
    if (!(e instanceof HostError)) throw e;
  }
  return VOID;
};

/** Raw i64 -1 / 0 / 1. At least one side must be an object; the other may be a small value. */
const obj_cmp = (host: Host, a: Val, b: Val): Val => {
  if (!isObjectTag(tagOf(a)) && !isObjectTag(tagOf(b)))
    throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, 'two non-object args to obj_cmp');
  return BigInt(compareVals(host, a, b));
};

const contract_event = (host: Host, topics: Val, data: Val): Val => {
  emitEvent(host, 'contract', host.currentFrame().contractId, host.get(topics, Tag.VecObject).items, data);
  return VOID;
};

const get_ledger_version = (host: Host): Val => fromU32(host.ledger.protocolVersion);

const get_ledger_sequence = (host: Host): Val => fromU32(host.ledger.sequenceNumber);

const get_ledger_timestamp = (host: Host): Val => numberVal(host, U64, host.ledger.timestamp);

/** Only contract errors may be raised this way; the contract fails with exactly that error. */
const fail_with_error = (_host: Host, error: Val): Val => {
  const e = toError(error);
  if (e.type === ErrorType.Contract)
    throw new HostError(ErrorType.Contract, e.code, 'failing with contract error', [e.code]);
  throw hostError(
    ErrorType.Context,
    ErrorCode.UnexpectedType,
    'contract attempted to fail with non-ContractError error code',
    error,
  );
};

const get_ledger_network_id = (host: Host): Val => {
  host.budget.charge(CostType.MemCpy, host.ledger.networkId.length);
  return host.add({ tag: Tag.BytesObject, bytes: host.ledger.networkId.slice() });
};

const get_current_contract_address = (host: Host): Val => {
  const id = host.currentFrame().contractId;
  if (!id) throw hostError(ErrorType.Context, ErrorCode.InternalError, 'Current context has no contract ID');
  return host.add({ tag: Tag.AddressObject, address: { kind: 'contract', id: id.slice() } });
};

const get_max_live_until_ledger = (host: Host): Val => {
  const max = maxLiveUntilLedger(host.ledger);
  if (max > 0xffffffff)
    throw hostError(ErrorType.Context, ErrorCode.InternalError, 'max live-until ledger overflows u32');
  return fromU32(max);
};

export const contextFunctions: HostFnTable = {
  log_from_linear_memory,
  obj_cmp,
  contract_event,
  get_ledger_version,
  get_ledger_sequence,
  get_ledger_timestamp,
  fail_with_error,
  get_ledger_network_id,
  get_current_contract_address,
  get_max_live_until_ledger,
};
