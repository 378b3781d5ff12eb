/**
 * The SAC's contract events (`stellar_asset_contract/event.rs`; CAP-46-06, CAP-67). Every event's
 * last topic is the SEP-11 asset string. From protocol 23 (CAP-67) mint, clawback and
 * set_authorized drop the admin from their topics, a transfer from the issuer is a `mint` and one
 * to the issuer a `burn`, and a muxed destination's id joins the data as
 * `{amount, to_muxed_id}`. Before, the admin leads those topics and transfers are transfers.
 */
import { structVal, vecVal } from '../auth/contract-types.ts';
import { emitEvent } from '../host/diagnostics.ts';
import type { Host } from '../host/host.ts';
import { compareVals } from '../host/compare.ts';
import { U64, numberVal } from '../host/numbers.ts';
import { currentContractId } from '../ledger/data.ts';
import { fromBool, fromU32, type Val } from '../val/val.ts';
import { symbolVal } from '../xdr/scval.ts';
import { isIssuer, readAsset } from './asset-info.ts';
import { readName } from './metadata.ts';
import { i128Val } from './storage-types.ts';

export const UNIFIED_EVENTS_PROTOCOL = 23;

const unified = (host: Host): boolean => host.protocol >= UNIFIED_EVENTS_PROTOCOL;

const emit = (host: Host, name: string, addresses: readonly Val[], data: Val): void => {
  const topics = [symbolVal(host, new TextEncoder().encode(name)), ...addresses, readName(host)];
  emitEvent(host, 'contract', currentContractId(host), topics, data);
};

/** The amount, or `{amount, to_muxed_id}` when the destination was a muxed address. */
const amountData = (host: Host, amount: bigint, toMuxedId: bigint | undefined): Val =>
  toMuxedId === undefined
    ? i128Val(host, amount)
    : structVal(host, [
        ['amount', i128Val(host, amount)],
        ['to_muxed_id', numberVal(host, U64, toMuxedId)],
      ]);

export const approveEvent = (host: Host, from: Val, spender: Val, amount: bigint, liveUntil: number): void =>
  emit(host, 'approve', [from, spender], vecVal(host, [i128Val(host, amount), fromU32(liveUntil)]));

/** `transfer_maybe_with_issuer`. */
export const transferEvent = (host: Host, from: Val, to: Val, toMuxedId: bigint | undefined, amount: bigint): void => {
  if (unified(host) && compareVals(host, from, to) !== 0) {
    const asset = readAsset(host);
    if (isIssuer(host, asset, from)) return emit(host, 'mint', [to], amountData(host, amount, toMuxedId));
    if (isIssuer(host, asset, to)) return emit(host, 'burn', [from], i128Val(host, amount));
  }
  emit(host, 'transfer', [from, to], amountData(host, amount, toMuxedId));
};

export const mintEvent = (host: Host, admin: Val, to: Val, amount: bigint): void =>
  emit(host, 'mint', unified(host) ? [to] : [admin, to], i128Val(host, amount));

export const burnEvent = (host: Host, from: Val, amount: bigint): void => emit(host, 'burn', [from], i128Val(host, amount));

export const clawbackEvent = (host: Host, admin: Val, from: Val, amount: bigint): void =>
  emit(host, 'clawback', unified(host) ? [from] : [admin, from], i128Val(host, amount));

export const setAuthorizedEvent = (host: Host, admin: Val, address: Val, authorize: boolean): void =>
  emit(host, 'set_authorized', unified(host) ? [address] : [admin, address], fromBool(authorize));

export const setAdminEvent = (host: Host, admin: Val, newAdmin: Val): void => emit(host, 'set_admin', [admin], newAdmin);
