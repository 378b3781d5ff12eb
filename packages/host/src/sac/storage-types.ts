/**
 * What the SAC keeps in contract storage (`stellar_asset_contract/storage_types.rs`), encoded as
 * the built-in contract types are: keys `Balance(Address)` and `Allowance({from, spender})`,
 * values `{amount, authorized, clawback}` and `{amount, live_until_ledger}`; the TTLs it extends
 * its instance and balances to; and reads and TTL extensions of its own entries.
 */
import type { Host } from '../host/host.ts';
import { I128, numberOf, numberVal } from '../host/numbers.ts';
import { contractDataOf, currentContractId, dataKey, storageOf, wireToVal } from '../ledger/data.ts';
import { instanceKey, type Durability } from '../ledger/keys.ts';
import { extendTtl } from '../ledger/ttl.ts';
import { enumVal, structVal, unpackStruct } from '../auth/contract-types.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { FALSE, TRUE, fromBool, fromU32, tagOf, toU32, type Val } from '../val/val.ts';

const DAY_IN_LEDGERS = 17280;
export const INSTANCE_EXTEND_AMOUNT = 7 * DAY_IN_LEDGERS;
export const INSTANCE_TTL_THRESHOLD = INSTANCE_EXTEND_AMOUNT - DAY_IN_LEDGERS;
export const BALANCE_EXTEND_AMOUNT = 30 * DAY_IN_LEDGERS;
export const BALANCE_TTL_THRESHOLD = BALANCE_EXTEND_AMOUNT - DAY_IN_LEDGERS;

const unexpected = (what: string) => hostError(ErrorType.Value, ErrorCode.UnexpectedType, `expected ${what}`);

export const i128Val = (host: Host, x: bigint): Val => numberVal(host, I128, x);
export const i128Of = (host: Host, v: Val): bigint => numberOf(host, I128, v);

export const boolOf = (v: Val): boolean => {
  if (v !== TRUE && v !== FALSE) throw unexpected('a Bool');
  return v === TRUE;
};

export const u32Of = (v: Val): number => {
  if (tagOf(v) !== Tag.U32Val) throw unexpected('a U32');
  return toU32(v);
};

export const addressOf = (v: Val): Val => {
  if (tagOf(v) !== Tag.AddressObject) throw unexpected('an Address');
  return v;
};

export const balanceKey = (host: Host, address: Val): Val => enumVal(host, 'Balance', address);

export const allowanceKey = (host: Host, from: Val, spender: Val): Val =>
  enumVal(host, 'Allowance', structVal(host, [['from', from], ['spender', spender]]));

export interface BalanceValue {
  readonly amount: bigint;
  readonly authorized: boolean;
  readonly clawback: boolean;
}

export const balanceVal = (host: Host, b: BalanceValue): Val =>
  structVal(host, [
    ['amount', i128Val(host, b.amount)],
    ['authorized', fromBool(b.authorized)],
    ['clawback', fromBool(b.clawback)],
  ]);

export const balanceOf = (host: Host, v: Val): BalanceValue => {
  const [amount, authorized, clawback] = unpackStruct(host, v, ['amount', 'authorized', 'clawback']);
  return { amount: i128Of(host, amount), authorized: boolOf(authorized), clawback: boolOf(clawback) };
};

export interface AllowanceValue {
  readonly amount: bigint;
  readonly liveUntilLedger: number;
}

export const allowanceVal = (host: Host, a: AllowanceValue): Val =>
  structVal(host, [
    ['amount', i128Val(host, a.amount)],
    ['live_until_ledger', fromU32(a.liveUntilLedger)],
  ]);

export const allowanceOf = (host: Host, v: Val): AllowanceValue => {
  const [amount, liveUntil] = unpackStruct(host, v, ['amount', 'live_until_ledger']);
  return { amount: i128Of(host, amount), liveUntilLedger: u32Of(liveUntil) };
};

/** `try_get_contract_data`: the current contract's value under `key`, if there is one. */
export const findData = (host: Host, key: Val, durability: Durability): Val | undefined => {
  const { entry } = storageOf(host).read(host, dataKey(host, key, durability));
  return entry && wireToVal(host, contractDataOf(entry).val);
};

/** `extend_contract_data_ttl` of the current contract's entry `key`. */
export const extendData = (host: Host, key: Val, durability: Durability, threshold: number, extendTo: number): void =>
  extendTtl(host, storageOf(host), dataKey(host, key, durability), threshold, extendTo);

/**
 * `extend_current_contract_instance_and_code_ttl` for the SAC, which every state-touching function
 * calls first: the asset contract has no code entry, so only its instance is extended.
 */
export const extendInstance = (host: Host): void =>
  extendTtl(host, storageOf(host), instanceKey(currentContractId(host)), INSTANCE_TTL_THRESHOLD, INSTANCE_EXTEND_AMOUNT);
