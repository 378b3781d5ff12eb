/**
 * Creating and removing an account's subentries (trustlines, signers) without sponsorship, as
 * `createEntryWithPossibleSponsorship` / `removeEntryWithPossibleSponsorship` do for an unsponsored
 * account: a new subentry needs one more base reserve of available balance.
 */
import { ACCOUNT_SUBENTRY_LIMIT, availableBalance, sponsorsOf, withSigners, type AccountWire, type ReserveContext } from './accounts.ts';

export type SubentryFailure = 'low-reserve' | 'too-many-subentries';

/** The account with one more subentry, or why it cannot have one. */
export const addSubentry = (ctx: ReserveContext, account: AccountWire): AccountWire | SubentryFailure => {
  if (account.numSubEntries >= ACCOUNT_SUBENTRY_LIMIT) return 'too-many-subentries';
  if (availableBalance(ctx, account) < BigInt(ctx.baseReserve)) return 'low-reserve';
  return { ...account, numSubEntries: account.numSubEntries + 1 };
};

export const removeSubentry = (account: AccountWire): AccountWire => ({ ...account, numSubEntries: account.numSubEntries - 1 });

/** The account without its signer at `index` (and that signer's subentry). */
export const removeSignerAt = (account: AccountWire, index: number): AccountWire => {
  const signers = account.signers.filter((_, i) => i !== index);
  const sponsors = sponsorsOf(account).filter((_, i) => i !== index);
  return withSigners(removeSubentry(account), signers, sponsors);
};
