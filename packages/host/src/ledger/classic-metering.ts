/**
 * What the reference charges around the classic entries Soroban touches (`Host::to_account_key`,
 * `to_trustline_key`, `load_account`, the SAC's `metered_clone`s and `modify_ledger_entry_data`),
 * with the sizes it declares for them (`declared_size.rs`): building a key allocates an
 * `Rc<LedgerKey>`; reading an entry's body to change it (or to keep it) copies it, an account's
 * signers and home domain with it; a changed or new entry is a new `Rc<LedgerEntry>`.
 */
import type { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import type { Host } from '../host/host.ts';

const LEDGER_KEY_BYTES = 120;
const LEDGER_ENTRY_BYTES = 256;
const ACCOUNT_ENTRY_BYTES = 216;
const TRUSTLINE_ENTRY_BYTES = 128;
const SIGNER_BYTES = 72;

const heapCopy = (host: Host, bytes: number): void => {
  host.budget.charge(CostType.MemAlloc, bytes);
  host.budget.charge(CostType.MemCpy, bytes);
};

/** An account or trustline key, as the host builds one to look the entry up. */
export const chargeClassicKey = (host: Host): void => host.budget.charge(CostType.MemAlloc, LEDGER_KEY_BYTES);

/** A copy of an `AccountEntry`: the struct, its signers and its home domain. */
export const chargeAccountCopy = (host: Host, account: xdr.AccountEntryWire): void => {
  host.budget.charge(CostType.MemCpy, ACCOUNT_ENTRY_BYTES);
  heapCopy(host, account.signers.length * SIGNER_BYTES);
  heapCopy(host, account.homeDomain.bytes.length);
};

/** A copy of a `TrustLineEntry` (no heap parts). */
export const chargeTrustlineCopy = (host: Host): void => host.budget.charge(CostType.MemCpy, TRUSTLINE_ENTRY_BYTES);

/** A changed or new classic entry. */
export const chargeEntryRebuild = (host: Host): void => host.budget.charge(CostType.MemAlloc, LEDGER_ENTRY_BYTES);
