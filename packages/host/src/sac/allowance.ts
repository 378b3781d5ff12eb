/**
 * Allowances (`stellar_asset_contract/allowance.rs`): a temporary `Allowance({from, spender})` entry
 * `{amount, live_until_ledger}`. An allowance past its ledger reads as 0; approving a positive
 * amount extends the entry to live until that ledger (never past the network's maximum), and a
 * zero approval of a missing allowance writes nothing.
 */
import type { Host } from '../host/host.ts';
import { getContractData, putContractData } from '../ledger/data.ts';
import { TEMPORARY } from '../ledger/keys.ts';
import { maxLiveUntil } from '../ledger/ttl.ts';
import type { Val } from '../val/val.ts';
import { SacError, sacError } from './errors.ts';
import { allowanceKey, allowanceOf, allowanceVal, extendData, findData } from './storage-types.ts';

export const readAllowance = (host: Host, from: Val, spender: Val): bigint => {
  const v = findData(host, allowanceKey(host, from, spender), TEMPORARY);
  if (v === undefined) return 0n;
  const a = allowanceOf(host, v);
  return a.liveUntilLedger < host.ledger.sequenceNumber ? 0n : a.amount;
};

export const writeAllowance = (host: Host, from: Val, spender: Val, amount: bigint, liveUntil: number): void => {
  const seq = host.ledger.sequenceNumber;
  const max = maxLiveUntil(host);
  if (liveUntil > max) throw sacError(SacError.Allowance, 'live_until is greater than max', liveUntil, max);
  // A past ledger is fine for clearing an allowance, not for granting one.
  if (amount > 0n && liveUntil < seq) throw sacError(SacError.Allowance, 'live_until must be >= ledger sequence', liveUntil, seq);
  const key = allowanceKey(host, from, spender);
  const existing = findData(host, key, TEMPORARY);
  if (existing === undefined && amount <= 0n) return;
  const previousLiveUntil = existing === undefined ? 0 : allowanceOf(host, existing).liveUntilLedger;
  putContractData(host, key, allowanceVal(host, { amount, liveUntilLedger: liveUntil }), TEMPORARY);
  if (amount > 0n && previousLiveUntil < liveUntil) {
    const liveFor = Math.max(liveUntil - seq, 0);
    extendData(host, key, TEMPORARY, liveFor, liveFor);
  }
};

/** `spend_allowance`: the allowance must cover `amount`; what remains keeps its ledger. */
export const spendAllowance = (host: Host, from: Val, spender: Val, amount: bigint): void => {
  const allowance = readAllowance(host, from, spender);
  if (allowance < amount) throw sacError(SacError.Allowance, 'not enough allowance to spend', allowance, amount);
  if (amount <= 0n) return;
  const current = allowanceOf(host, getContractData(host, allowanceKey(host, from, spender), TEMPORARY));
  writeAllowance(host, from, spender, allowance - amount, current.liveUntilLedger);
};
