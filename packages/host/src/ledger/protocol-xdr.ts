/**
 * XDR a ledger's protocol can represent. CAP-85 added two union arms, `SCV_EXECUTABLE_TAG` and
 * `CONTRACT_EXECUTABLE_EXTERNAL_REF`, that exist from protocol 28. On an earlier ledger
 * stellar-core refuses a transaction using them (`isTransactionXDRValidForProtocol`, `txMALFORMED`:
 * the host never runs), and the reference host of that protocol cannot decode them at all: an XDR
 * decoding failure, `Error(Value, InvalidInput)`. Here both are that error, and nothing changes.
 */
import type { xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { EXTERNAL_REF_EXECUTABLE, SCV_EXECUTABLE_TAG } from './executable.ts';
import type { LedgerEntryWire, LedgerKeyWire, ScValWire } from './keys.ts';

/** The first protocol with CAP-85's XDR. */
export const EXECUTABLE_REF_PROTOCOL = 28;

const isExternalRef = (e: xdr.ContractExecutableWire): boolean => e.type === EXTERNAL_REF_EXECUTABLE;

const scValUsesRefs = (w: ScValWire): boolean => {
  switch (w.type) {
    case SCV_EXECUTABLE_TAG:
      return true;
    case 16:
      return (w.vec ?? []).some(scValUsesRefs);
    case 17:
      return (w.map ?? []).some((e) => scValUsesRefs(e.key) || scValUsesRefs(e.val));
    case 19:
      return isExternalRef(w.instance.executable) || (w.instance.storage ?? []).some((e) => scValUsesRefs(e.key) || scValUsesRefs(e.val));
    default:
      return false;
  }
};

const hostFunctionUsesRefs = (fn: xdr.HostFunctionWire): boolean => {
  switch (fn.type) {
    case 0:
      return fn.invokeContract.args.some(scValUsesRefs);
    case 1:
      return isExternalRef(fn.createContract.executable);
    case 2:
      return false;
    case 3:
      return isExternalRef(fn.createContractV2.executable) || fn.createContractV2.constructorArgs.some(scValUsesRefs);
  }
};

const invocationUsesRefs = (inv: xdr.SorobanAuthorizedInvocationWire): boolean => {
  const f = inv.function;
  const own =
    f.type === 0
      ? f.contractFn.args.some(scValUsesRefs)
      : f.type === 1
        ? isExternalRef(f.createContractHostFn.executable)
        : isExternalRef(f.createContractV2HostFn.executable) || f.createContractV2HostFn.constructorArgs.some(scValUsesRefs);
  return own || inv.subInvocations.some(invocationUsesRefs);
};

const delegatesUseRefs = (ds: readonly xdr.SorobanDelegateSignatureWire[]): boolean =>
  ds.some((d) => scValUsesRefs(d.signature) || delegatesUseRefs(d.nestedDelegates));

const credentialsUseRefs = (c: xdr.SorobanCredentialsWire): boolean => {
  switch (c.type) {
    case 0:
      return false;
    case 1:
      return scValUsesRefs(c.address.signature);
    case 2:
      return scValUsesRefs(c.addressV2.signature);
    case 3:
      return (
        scValUsesRefs(c.addressWithDelegates.addressCredentials.signature) ||
        delegatesUseRefs(c.addressWithDelegates.delegates)
      );
  }
};

const keyUsesRefs = (k: LedgerKeyWire): boolean => k.type === 6 && scValUsesRefs(k.contractData.key);

const refused = (what: string, protocol: number) =>
  hostError(
    ErrorType.Value,
    ErrorCode.InvalidInput,
    `${what} uses executable references (CAP-85), which protocol ${protocol} cannot represent`,
  );

export interface TransactionXdr {
  readonly hostFunction: xdr.HostFunctionWire;
  readonly auth: readonly xdr.SorobanAuthorizationEntryWire[];
  readonly footprint: readonly LedgerKeyWire[];
}

/** The operation's host function, authorization entries and footprint must be valid XDR at the ledger's protocol. */
export const checkTransactionXdr = (host: Host, tx: TransactionXdr): void => {
  if (host.protocol >= EXECUTABLE_REF_PROTOCOL) return;
  if (hostFunctionUsesRefs(tx.hostFunction)) throw refused('the host function', host.protocol);
  if (tx.auth.some((e) => credentialsUseRefs(e.credentials) || invocationUsesRefs(e.rootInvocation)))
    throw refused('an authorization entry', host.protocol);
  if (tx.footprint.some(keyUsesRefs)) throw refused('a footprint key', host.protocol);
};

/** A ledger entry read on this ledger must be one its protocol can decode. */
export const checkEntryXdr = (host: Host, entry: LedgerEntryWire): void => {
  if (host.protocol >= EXECUTABLE_REF_PROTOCOL || entry.data.type !== 6) return;
  const { key, val } = entry.data.contractData;
  if (scValUsesRefs(key) || scValUsesRefs(val)) throw refused('a contract data entry', host.protocol);
};
