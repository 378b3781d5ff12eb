/**
 * Developer controls beyond the Stellar RPC API, namespaced `sorobox_*` (documented in the package
 * README): time travel, closing ledgers, snapshot/revert, writing ledger entries and balances.
 */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import type { LedgerRecord } from '@sorobox/network';
import type { RpcContext } from '../context.ts';
import { invalidParams, type Methods, type Params } from '../jsonrpc.ts';
import { optionalUint, requiredString } from '../params.ts';
import { decodeXdr } from '../xdr-format.ts';

/** What friendbot gives: 10,000 XLM. */
export const DEFAULT_FUND_STROOPS = 100_000_000_000n;
const MAX_I64 = 0x7fff_ffff_ffff_ffffn;
/** Ledgers closed per `sorobox_closeLedgers` call at most (each is a database write). */
export const MAX_CLOSE_LEDGERS = 5_000_000;

/** A non-negative i64 given as a JSON integer or a decimal string (amounts exceed 2^53). */
const amount = (params: Params, name: string, fallback?: bigint): bigint => {
  const v = params[name];
  if (v === undefined || v === null) {
    if (fallback === undefined) throw invalidParams(`${name} is required`);
    return fallback;
  }
  const ok =
    (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^\d{1,19}$/.test(v));
  const n = ok ? BigInt(v as number | string) : -1n;
  if (n < 0n || n > MAX_I64)
    throw invalidParams(
      `${name} must be a non-negative 64-bit integer (number or decimal string), got ${JSON.stringify(v)}`,
    );
  return n;
};

const accountAddress = (params: Params): string => {
  const address = requiredString(params, 'address');
  if (!StrKey.isValidEd25519PublicKey(address))
    throw invalidParams(`address must be an account (G...) address, got ${JSON.stringify(address)}`);
  return address;
};

/** The network refuses a developer control it cannot carry out (a bad id, an impossible time step): the caller's params were at fault. */
const refusedAsInvalid = <T>(what: string, run: () => T): T => {
  try {
    return run();
  } catch (e) {
    throw invalidParams(`${what}: ${(e as Error).message}`);
  }
};

const ledgerSummary = (l: LedgerRecord) => ({
  sequence: l.sequence,
  closeTime: String(l.closeTime),
  hash: l.hash,
});

const accountKey = (address: string): xdr.LedgerKey =>
  xdr.LedgerKey.fromXdrObject({
    type: 0,
    account: { accountId: { type: 0, ed25519: StrKey.decodeEd25519PublicKey(address) } },
  });

export const devMethods = (ctx: RpcContext): Methods => ({
  sorobox_closeLedgers: (params) => {
    const count = optionalUint(params, 'count', MAX_CLOSE_LEDGERS) ?? 1;
    return {
      latestLedger: ledgerSummary(
        refusedAsInvalid('cannot close ledgers', () => ctx.network.closeLedgers(count)),
      ),
    };
  },

  sorobox_advanceTime: (params) => {
    const seconds = amount(params, 'seconds');
    // By default one ledger per target close time (5 s), so TTLs (in ledgers) and time locks (in seconds) expire together.
    const closeSeconds = BigInt(Math.max(1, Math.round(ctx.network.config.ledgerTargetCloseTimeMs / 1000)));
    const byTime = (seconds + closeSeconds - 1n) / closeSeconds;
    const ledgers = optionalUint(params, 'ledgers', MAX_CLOSE_LEDGERS) ?? Number(byTime < 1n ? 1n : byTime);
    if (ledgers > MAX_CLOSE_LEDGERS) throw invalidParams(`ledgers must not exceed ${MAX_CLOSE_LEDGERS}`);
    return {
      latestLedger: ledgerSummary(
        refusedAsInvalid('cannot advance time', () => ctx.network.advanceTime(seconds, ledgers)),
      ),
    };
  },

  sorobox_snapshot: () => ({ id: ctx.network.snapshotState() }),

  sorobox_revert: (params) => {
    const id = requiredString(params, 'id');
    refusedAsInvalid(`cannot revert to snapshot ${JSON.stringify(id)}`, () => ctx.network.revertState(id));
    return { latestLedger: ledgerSummary(ctx.network.latestLedger()) };
  },

  sorobox_setLedgerEntry: (params) => {
    const entry = decodeXdr(
      (b) => xdr.LedgerEntry.fromXdr(b, 'base64'),
      requiredString(params, 'entry'),
      'entry (a base64 LedgerEntry)',
    );
    const liveUntil = optionalUint(params, 'liveUntilLedgerSeq');
    refusedAsInvalid('cannot set the ledger entry', () => ctx.network.setLedgerEntry(entry, liveUntil));
    return { latestLedger: ctx.network.latestLedger().sequence };
  },

  sorobox_setBalance: (params) => {
    const address = accountAddress(params);
    const balance = amount(params, 'balance');
    const [existing] = ctx.network.ledgerEntries([accountKey(address)]);
    if (!existing) {
      ctx.network.fund(address, balance);
    } else {
      const wire = existing.entry.toXdrObject();
      if (wire.data.type !== 0) throw new Error('an account key returned a non-account entry');
      wire.data.account.balance = balance;
      ctx.network.setLedgerEntry(xdr.LedgerEntry.fromXdrObject(wire));
    }
    return { address, balance: String(balance), latestLedger: ctx.network.latestLedger().sequence };
  },

  sorobox_fund: (params) => {
    const address = accountAddress(params);
    const stroops = amount(params, 'amount', DEFAULT_FUND_STROOPS);
    refusedAsInvalid(`cannot fund ${address}`, () => ctx.network.fund(address, stroops));
    return { address, amount: String(stroops), latestLedger: ctx.network.latestLedger().sequence };
  },
});
