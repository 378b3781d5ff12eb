/**
 * One authorizing address and the tree it authorized (`AccountAuthorizationTracker` in `auth.rs`):
 * built from a `SorobanAuthorizationEntry` (enforcing) or from the first `require_auth` of an
 * address (recording). Authentication and the nonce are checked lazily, on the first match.
 */
import { xdr } from '@stellar/stellar-sdk';
import { CostType } from '../budget/cost-type.ts';
import { compareVals } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import { bytesEqual, type ScAddressData } from '../host/objects.ts';
import { storageOf } from '../ledger/data.ts';
import { resolveWasmHash } from '../ledger/executable.ts';
import { contractCodeKey, instanceKey } from '../ledger/keys.ts';
import { maxLiveUntil } from '../ledger/ttl.ts';
import { ErrorCode, ErrorType, HostError, hostError, isRecoverable } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import { VOID, type Val } from '../val/val.ts';
import { addressFromWire, addressToWire, scValToVal } from '../xdr/scval.ts';
import { accountKey, authenticateAccount } from './account.ts';
import { authContexts, authenticateContract, type DelegateSignature } from './contract-account.ts';
import { invocationFromXdr, invocationToXdr, type AuthorizedFunction } from './invocation.ts';
import { InvocationTracker } from './matching.ts';
import { consumeNonce } from './nonce.ts';
import { signaturePayload } from './payload.ts';

/** The credential kinds; the protocol-27 ones sign the address-bound payload. */
export type CredentialKind = 'source' | 'address' | 'address-v2' | 'with-delegates';

/** Credentials of protocol 27 (CAP-71). */
const ADDRESS_BOUND_PROTOCOL = 27;

interface Nonce {
  readonly value: bigint;
  readonly liveUntil: number;
}

export interface TrackerSnapshot {
  readonly flags: boolean[];
  readonly verified: boolean;
}

const addressVal = (host: Host, address: ScAddressData): Val => host.add({ tag: Tag.AddressObject, address });

/** Delegate lists must be strictly ascending by address at every level (CAP-71-01). */
const delegatesFromXdr = (
  host: Host,
  wires: readonly xdr.SorobanDelegateSignatureWire[],
): DelegateSignature[] => {
  const out = wires.map((w) => ({
    address: addressVal(host, addressFromWire(w.address)),
    signature: scValToVal(host, xdr.ScVal.fromXdrObject(w.signature)),
    nested: delegatesFromXdr(host, w.nestedDelegates),
  }));
  for (let i = 1; i < out.length; i++)
    if (compareVals(host, out[i - 1].address, out[i].address) >= 0)
      throw hostError(
        ErrorType.Auth,
        ErrorCode.InvalidInput,
        'delegated signers must be sorted by address without duplicates',
      );
  return out;
};

export class AccountTracker {
  /** Authenticated and nonce consumed (rolled back with a failed frame, like the nonce write). */
  verified: boolean;
  /** Being authorized right now: skipped by frame bookkeeping and cannot authorize itself. */
  busy = false;

  constructor(
    readonly address: Val,
    readonly invocation: InvocationTracker,
    readonly credential: CredentialKind,
    readonly signature: Val,
    readonly nonce: Nonce | undefined,
    readonly delegates: readonly DelegateSignature[],
    verified = false,
  ) {
    this.verified = verified;
  }

  static fromEntry(
    host: Host,
    entry: xdr.SorobanAuthorizationEntryWire,
    source: Uint8Array | undefined,
  ): AccountTracker {
    const invocation = new InvocationTracker(invocationFromXdr(host, entry.rootInvocation));
    const c = entry.credentials;
    if (c.type === 0) {
      if (!source)
        throw hostError(
          ErrorType.Auth,
          ErrorCode.InternalError,
          'source account is missing when setting auth entries',
        );
      return new AccountTracker(
        addressVal(host, { kind: 'account', key: source }),
        invocation,
        'source',
        VOID,
        undefined,
        [],
      );
    }
    if (c.type !== 1 && host.protocol < ADDRESS_BOUND_PROTOCOL)
      throw hostError(
        ErrorType.Auth,
        ErrorCode.InvalidInput,
        `credential type ${c.type} needs protocol ${ADDRESS_BOUND_PROTOCOL}`,
      );
    const creds =
      c.type === 1 ? c.address : c.type === 2 ? c.addressV2 : c.addressWithDelegates.addressCredentials;
    const delegates = c.type === 3 ? delegatesFromXdr(host, c.addressWithDelegates.delegates) : [];
    return new AccountTracker(
      addressVal(host, addressFromWire(creds.address)),
      invocation,
      c.type === 1 ? 'address' : c.type === 2 ? 'address-v2' : 'with-delegates',
      scValToVal(host, xdr.ScVal.fromXdrObject(creds.signature)),
      { value: creds.nonce, liveUntil: creds.signatureExpirationLedger },
      delegates,
    );
  }

  /**
   * Recording mode: a tracker rooted at the current frame. The transaction source account needs no
   * nonce; any other address gets a fresh one, consumed right away with the longest possible life
   * so that the simulated footprint and rent cover any expiration the client picks.
   */
  static recording(
    host: Host,
    address: Val,
    fn: AuthorizedFunction,
    stackDepth: number,
    source: Uint8Array | undefined,
    nextNonce: (address: ScAddressData) => bigint,
  ): AccountTracker {
    const data = host.get(address, Tag.AddressObject).address;
    const isSource = source !== undefined && data.kind === 'account' && bytesEqual(data.key, source);
    let nonce: Nonce | undefined;
    if (!isSource) {
      const value = nextNonce(data);
      consumeNonce(host, data, value, maxLiveUntil(host));
      nonce = { value, liveUntil: 0 };
    }
    return new AccountTracker(
      address,
      InvocationTracker.recording(fn, stackDepth),
      isSource ? 'source' : 'address',
      VOID,
      nonce,
      [],
      true,
    );
  }

  clone(): AccountTracker {
    return new AccountTracker(
      this.address,
      this.invocation.clone(),
      this.credential,
      this.signature,
      this.nonce,
      this.delegates,
      this.verified,
    );
  }

  private addressData(host: Host): ScAddressData {
    return host.get(this.address, Tag.AddressObject).address;
  }

  /**
   * Matches `fn` and, on the first match, authenticates and consumes the nonce. False when this tree
   * has no place for the call; an error when it has one but the credentials fail.
   */
  maybeAuthorize(host: Host, fn: AuthorizedFunction, allowRoot: boolean): boolean {
    if (!this.invocation.maybeExtendMatch(host, fn, allowRoot)) return false;
    if (this.verified) return true;
    try {
      this.authenticate(host);
    } catch (e) {
      // Recoverable failures become auth errors, so they cannot pass for the caller's own errors.
      if (e instanceof HostError && isRecoverable(e))
        throw hostError(
          ErrorType.Auth,
          ErrorCode.InvalidAction,
          `failed account authentication with error ${e.message}`,
        );
      throw e;
    }
    this.verifyAndConsumeNonce(host);
    this.verified = true;
    return true;
  }

  private payload(host: Host): Uint8Array {
    if (!this.nonce) throw hostError(ErrorType.Auth, ErrorCode.InternalError, 'unexpected missing nonce');
    const bound = this.credential === 'address-v2' || this.credential === 'with-delegates';
    return signaturePayload(host, {
      nonce: this.nonce.value,
      signatureExpirationLedger: this.nonce.liveUntil,
      invocation: invocationToXdr(host, this.invocation.root),
      address: bound ? addressToWire(this.addressData(host)) : undefined,
    });
  }

  private authenticate(host: Host): void {
    if (this.credential === 'source') return;
    const payload = this.payload(host);
    const a = this.addressData(host);
    if (a.kind === 'account') authenticateAccount(host, a.key, payload, this.signature);
    else
      authenticateContract(
        host,
        a.id,
        payload,
        this.signature,
        authContexts(host, this.invocation.root),
        this.delegates,
        true,
      );
  }

  private verifyAndConsumeNonce(host: Host): void {
    if (this.credential === 'source') return;
    if (!this.nonce)
      throw hostError(ErrorType.Auth, ErrorCode.InternalError, 'unexpected nonce verification state');
    const { value, liveUntil } = this.nonce;
    const seq = host.ledger.sequenceNumber;
    if (seq > liveUntil)
      throw hostError(
        ErrorType.Auth,
        ErrorCode.InvalidInput,
        `signature has expired (ledger ${seq}, expiration ${liveUntil})`,
      );
    const max = maxLiveUntil(host);
    if (liveUntil > max)
      throw hostError(
        ErrorType.Auth,
        ErrorCode.InvalidInput,
        `signature expiration is too late (maximum ${max}, got ${liveUntil})`,
      );
    consumeNonce(host, this.addressData(host), value, liveUntil);
  }

  /**
   * Recording mode: what authenticating would read and cost, so the simulated footprint and budget
   * cover it: the account entry and one signature check, or the account contract's instance and code.
   */
  emulateAuthentication(host: Host): void {
    if (this.credential === 'source') return;
    const storage = storageOf(host);
    const a = this.addressData(host);
    if (a.kind === 'account') {
      this.payload(host);
      host.budget.charge(CostType.ComputeEd25519PubKey);
      host.budget.charge(CostType.VerifyEd25519Sig, 32);
      storage.read(host, accountKey(a.key));
      return;
    }
    const instance = storage.read(host, instanceKey(a.id)).entry;
    if (instance?.data.type !== 6 || instance.data.contractData.val.type !== 19) return;
    const executable = instance.data.contractData.val.instance.executable;
    const hash = resolveWasmHash(host, storage, executable); // through the owner's tag for a CAP-85 reference
    if (hash) storage.read(host, contractCodeKey(hash));
  }

  snapshot(): TrackerSnapshot {
    return { flags: this.invocation.snapshot(), verified: this.verified };
  }

  rollback(s: TrackerSnapshot): void {
    this.invocation.rollback(s.flags);
    this.verified = s.verified;
  }

  /** The entry a client signs (recording): `Address` credentials with the nonce, no signature yet. */
  recordedEntry(host: Host): xdr.SorobanAuthorizationEntryWire {
    const rootInvocation = invocationToXdr(host, this.invocation.root);
    if (this.credential === 'source' || !this.nonce) return { credentials: { type: 0 }, rootInvocation };
    const address = addressToWire(this.addressData(host));
    return {
      credentials: {
        type: 1,
        address: { address, nonce: this.nonce.value, signatureExpirationLedger: 0, signature: { type: 1 } },
      },
      rootInvocation,
    };
  }
}
