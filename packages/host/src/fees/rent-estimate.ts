/**
 * A rent estimator for people planning storage: what keeping one entry alive for a number of
 * ledgers costs, computed with the network's own rent formula (`computeRentFee`).
 */
import { computeRentFee, RENT_FEE_DEFAULT_PROTOCOL, type RentFeeConfiguration } from './rent-fee.ts';

export const STROOPS_PER_XLM = 10_000_000n;

export interface RentEstimateRequest {
  /** The entry's in-memory size in bytes (not rounded to KiB: the network bills exact bytes). */
  readonly entrySizeBytes: number;
  readonly durability: 'persistent' | 'temporary';
  /** How many ledgers of lifetime to buy. */
  readonly ledgers: number;
  /** Contract code gets the code-entry discount. */
  readonly isCode?: boolean;
}

/**
 * Stroops to extend a live entry of this size by `ledgers` ledgers (creating an entry live for
 * `ledgers` ledgers costs the same). Includes the TTL entry write every extension pays
 * (`feePerWriteEntry` + 48 bytes at `feePerWrite1Kb`); 0 ledgers cost nothing.
 */
export const estimateRent = (
  request: RentEstimateRequest,
  config: RentFeeConfiguration,
  protocolVersion: number = RENT_FEE_DEFAULT_PROTOCOL,
): bigint => {
  if (!Number.isInteger(request.ledgers) || request.ledgers < 0 || request.ledgers > 0xffff_fffe) {
    throw new RangeError(`ledgers must be an integer in [0, 2^32 - 2], got ${request.ledgers}`);
  }
  // An entry live through ledger 1, observed at ledger 1, extended by `ledgers`: the rent is for
  // exactly `ledgers` ledgers at the unchanged size, with no size top-up.
  const change = {
    isPersistent: request.durability === 'persistent',
    isCodeEntry: request.isCode ?? false,
    oldSizeBytes: request.entrySizeBytes,
    newSizeBytes: request.entrySizeBytes,
    oldLiveUntilLedger: 1,
    newLiveUntilLedger: 1 + request.ledgers,
  };
  return computeRentFee([change], config, 1, protocolVersion);
};

/**
 * Stroops as an XLM decimal string with `fractionDigits` (0-7) digits, rounded half away from
 * zero: `formatXlm(518_400n, 3)` is "0.052".
 */
export const formatXlm = (stroops: bigint, fractionDigits = 7): string => {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0 || fractionDigits > 7) {
    throw new RangeError(`fractionDigits must be an integer in [0, 7], got ${fractionDigits}`);
  }
  const negative = stroops < 0n;
  const magnitude = negative ? -stroops : stroops;
  const unit = 10n ** BigInt(7 - fractionDigits);
  const scaled = (magnitude + unit / 2n) / unit;
  const whole = scaled / 10n ** BigInt(fractionDigits);
  const fraction = (scaled % 10n ** BigInt(fractionDigits)).toString().padStart(fractionDigits, '0');
  const text = fractionDigits === 0 ? `${whole}` : `${whole}.${fraction}`;
  return negative && scaled !== 0n ? `-${text}` : text;
};
