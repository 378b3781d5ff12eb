/**
 * The Soroban checks of `commonValidPreSeqNum` (`checkSorobanResources` and the resource fee):
 * declared resources against the network's limits, footprint keys, `archivedSorobanEntries`, and a
 * resource fee that covers what the declared resources cost. Each failure is a diagnostic event.
 */
import { INT64_MAX } from '../ledger/accounts.ts';
import { isAssetValid } from '../ledger/assets.ts';
import { CONTRACT_CODE, CONTRACT_DATA, TRUSTLINE, PERSISTENT, encodeKey, keyId, type KeyWire } from '../ledger/keys.ts';
import { diskReadEntries, resourceFeeOf } from '../soroban/fees.ts';
import type { DiagnosticEventWire, LedgerContext } from './context.ts';
import { ScErrorCode, ScErrorType, diagnosticError, u64Val } from './events.ts';
import type { TxFrame } from './frame.ts';


const u64s = (...ns: (number | bigint)[]) => ns.map(u64Val);

/** `checkSorobanResources`: the declared resources against the network limits. */
const sorobanResourcesError = (ledger: LedgerContext, frame: TxFrame): DiagnosticEventWire | undefined => {
  const { config } = ledger;
  const soroban = frame.inner.soroban!;
  const r = soroban.resources;
  const { readOnly, readWrite } = r.footprint;
  const limit = (type: number, message: string, used: number, max: number) =>
    used > max ? diagnosticError(type, ScErrorCode.ExceededLimit, message, u64s(used, max)) : undefined;
  const isRestore = frame.inner.operations[0].body.type === 26;
  const early =
    limit(ScErrorType.Budget, 'transaction instructions resources exceed network config limit', r.instructions, config.txMaxInstructions) ??
    limit(ScErrorType.Storage, 'transaction byte-read resources exceed network config limit', r.diskReadBytes, config.txMaxDiskReadBytes) ??
    limit(ScErrorType.Storage, 'transaction byte-write resources exceed network config limit', r.writeBytes, config.txMaxWriteBytes) ??
    limit(
      ScErrorType.Storage,
      'the number of entries in transaction footprint exceeds the network config limit',
      readOnly.length + readWrite.length,
      config.txMaxFootprintEntries,
    ) ??
    limit(
      ScErrorType.Storage,
      'transaction entry-disk-read resources exceed network config limit',
      diskReadEntries(soroban, isRestore),
      config.txMaxDiskReadEntries,
    ) ??
    limit(ScErrorType.Storage, 'transaction entry-write resources exceed network config limit', readWrite.length, config.txMaxWriteLedgerEntries);
  if (early) return early;
  for (const key of [...readOnly, ...readWrite] as KeyWire[]) {
    if (key.type === TRUSTLINE) {
      const asset = key.trustLine.asset;
      const issuer = asset.type === 1 ? asset.alphaNum4.issuer.ed25519 : asset.type === 2 ? asset.alphaNum12.issuer.ed25519 : undefined;
      if (asset.type === 0 || asset.type === 3 || !isAssetValid(asset) || (issuer && Buffer.compare(issuer, key.trustLine.accountId.ed25519) === 0)) {
        return diagnosticError(ScErrorType.Storage, ScErrorCode.InvalidInput, 'transaction footprint contains invalid trustline asset');
      }
    } else if (key.type !== 0 && key.type !== CONTRACT_DATA && key.type !== CONTRACT_CODE) {
      return diagnosticError(ScErrorType.Storage, ScErrorCode.UnexpectedType, 'transaction footprint contains unsupported ledger key type', u64s(key.type));
    }
    const size = encodeKey(key).length;
    if (size > config.contractDataKeySizeBytes) {
      return diagnosticError(ScErrorType.Storage, ScErrorCode.ExceededLimit, 'transaction footprint key exceeds network config limit', u64s(size, config.contractDataKeySizeBytes));
    }
  }
  const size = frame.envelopeBytes.length;
  if (size > config.txMaxSizeBytes) {
    return diagnosticError(ScErrorType.Budget, ScErrorCode.ExceededLimit, 'total transaction size exceeds network config limit', u64s(size, config.txMaxSizeBytes));
  }
  if (soroban.ext.v === 1) {
    let last = -1;
    for (const index of soroban.ext.resourceExt.archivedSorobanEntries) {
      if (index <= last) return diagnosticError(ScErrorType.Storage, ScErrorCode.InvalidInput, 'archivedSorobanEntries must be sorted in ascending order');
      last = index;
      if (index >= readWrite.length) {
        return diagnosticError(ScErrorType.Storage, ScErrorCode.InvalidInput, 'archivedSorobanEntries index is out of bounds', u64s(index, readWrite.length));
      }
      const key = readWrite[index];
      const persistent = key.type === CONTRACT_CODE || (key.type === CONTRACT_DATA && key.contractData.durability === PERSISTENT);
      if (!persistent) {
        return diagnosticError(ScErrorType.Storage, ScErrorCode.InvalidInput, 'archivedSorobanEntries index points to a non-persistent entry', u64s(index, key.type));
      }
    }
  }
  return undefined;
};

/** The Soroban checks of `commonValidPreSeqNum`; returns the failure diagnostic, if any. */
export const sorobanError = (ledger: LedgerContext, frame: TxFrame): DiagnosticEventWire | undefined => {
  const resources = sorobanResourcesError(ledger, frame);
  if (resources) return resources;
  const soroban = frame.inner.soroban!;
  const innerFee = BigInt(frame.inner.tx.fee);
  if (soroban.resourceFee > innerFee) {
    return diagnosticError(ScErrorType.Storage, ScErrorCode.ExceededLimit, 'transaction `sorobanData.resourceFee` is higher than the full transaction fee', u64s(soroban.resourceFee, innerFee));
  }
  const fee = resourceFeeOf(frame, ledger.config, 0);
  if (fee.refundableFee > INT64_MAX - fee.nonRefundableFee) {
    return diagnosticError(ScErrorType.Storage, ScErrorCode.InvalidInput, 'transaction resource fees cannot be added', u64s(fee.refundableFee, fee.nonRefundableFee));
  }
  const required = fee.refundableFee + fee.nonRefundableFee;
  if (soroban.resourceFee < required) {
    return diagnosticError(
      ScErrorType.Storage,
      ScErrorCode.ExceededLimit,
      'transaction `sorobanData.resourceFee` is lower than the actual Soroban resource fee',
      u64s(soroban.resourceFee, required),
    );
  }
  const seen = new Set<string>();
  for (const key of [...soroban.resources.footprint.readOnly, ...soroban.resources.footprint.readWrite] as KeyWire[]) {
    const id = keyId(encodeKey(key));
    if (seen.has(id)) {
      return diagnosticError(
        ScErrorType.Storage,
        ScErrorCode.InvalidInput,
        'Found duplicate key in the Soroban footprint; every key across read-only and read-write footprints has to be unique.',
      );
    }
    seen.add(id);
  }
  return undefined;
};
