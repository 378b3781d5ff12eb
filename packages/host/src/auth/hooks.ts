/**
 * Where authorization meets the rest of the host: the manager of each run (one per `Host`), set up
 * by the ledger entry point, told about every contract call and creation, and asked for the
 * recorded entries at the end. A host nobody set up enforces with no entries, as the reference's
 * default manager does.
 */
import { StrKey, xdr } from '@stellar/stellar-sdk';
import type { Host } from '../host/host.ts';
import type { AuthMode } from '../ledger/api.ts';
import { Tag } from '../val/tag.ts';
import type { Val } from '../val/val.ts';
import { addressFromWire } from '../xdr/scval.ts';
import type { CreateContractArgsWire } from './invocation.ts';
import { AuthManager, type AuthSnapshot } from './manager.ts';

const managers = new WeakMap<Host, AuthManager>();

export const authManagerOf = (host: Host): AuthManager => {
  let m = managers.get(host);
  if (!m) managers.set(host, (m = AuthManager.enforcing(host, [], undefined)));
  return m;
};

export interface AuthSetup {
  readonly mode: AuthMode;
  /** The operation's entries (enforcing mode). */
  readonly entries: readonly xdr.SorobanAuthorizationEntry[];
  /** `G...`: its `SourceAccount` credentials need no signature. */
  readonly sourceAccount: string | undefined;
}

/** Sets up the run's manager; bad entries fail the run before any contract runs. */
export const beginAuth = (host: Host, setup: AuthSetup): void => {
  const source =
    setup.sourceAccount === undefined
      ? undefined
      : new Uint8Array(StrKey.decodeEd25519PublicKey(setup.sourceAccount));
  const manager =
    setup.mode === 'enforce'
      ? AuthManager.enforcing(
          host,
          setup.entries.map((e) => e.toXdrObject()),
          source,
        )
      : AuthManager.recording(setup.mode, source);
  managers.set(host, manager);
};

/** A contract call frame is starting (`contract-call.ts`); keep the result for a failure. */
export const pushAuthFrame = (
  host: Host,
  contractId: Uint8Array,
  fn: string,
  args: readonly Val[],
): AuthSnapshot => authManagerOf(host).pushContractFrame(host, contractId, fn, args);

/** The call frame failed: undo what it matched and recorded. Call before `popAuthFrame`. */
export const rollbackAuthFrame = (host: Host, snapshot: AuthSnapshot): void =>
  authManagerOf(host).rollback(snapshot);

/** The call frame is over. */
export const popAuthFrame = (host: Host): void => authManagerOf(host).popFrame(host);

/**
 * Runs `create` (writing the instance and running the constructor) as a contract creation that
 * `deployer` must authorize first (`create_contract_internal`): the deployer's
 * `CreateContractV2HostFn` node, whose sub-invocations the constructor's own authorizations match.
 */
export const withCreateContractAuth = <T>(
  host: Host,
  deployer: xdr.ScAddressWire,
  args: CreateContractArgsWire,
  create: () => T,
): T => {
  const m = authManagerOf(host);
  m.pushCreateFrame(args);
  try {
    m.requireAuth(host, host.add({ tag: Tag.AddressObject, address: addressFromWire(deployer) }), []);
    return create();
  } finally {
    m.popFrame(host);
  }
};

/** The entries a recording run needs, unsigned, in order; empty when enforcing. */
export const recordedAuth = (host: Host): xdr.SorobanAuthorizationEntry[] =>
  authManagerOf(host)
    .recordedEntries(host)
    .map((e) => xdr.SorobanAuthorizationEntry.fromXdrObject(e));
