/**
 * The authorization manager of one run (`AuthorizationManager` in `auth.rs`). It keeps its own call
 * stack of contract calls (and contract creations), moving in step with the host's frames, and
 * answers `require_auth` in this order: the direct invoker contract; trees registered with
 * `authorize_as_curr_contract`; then the transaction's authorization entries (enforcing) or a
 * record of what is needed (recording, for simulation). A failed frame rolls its matches back.
 */
import type { xdr } from '@stellar/stellar-sdk';
import { compareVals } from '../host/compare.ts';
import type { Host } from '../host/host.ts';
import type { ScAddressData } from '../host/objects.ts';
import { Prng } from '../host/prng.ts';
import type { AuthMode } from '../ledger/api.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import { Tag } from '../val/tag.ts';
import type { Val } from '../val/val.ts';
import { AccountTracker, type TrackerSnapshot } from './account-tracker.ts';
import type { AuthorizedFunction, CreateContractArgsWire } from './invocation.ts';
import { InvokerTracker } from './invoker.ts';
import { nonceOnLedger } from './nonce.ts';

type AuthFrame =
  | {
      readonly kind: 'contract';
      readonly contract: Val;
      readonly fn: Uint8Array;
      readonly args: readonly Val[];
      readonly depth: number;
    }
  | { readonly kind: 'create'; readonly args: CreateContractArgsWire };

/** What a failed frame restores: exhausted flags (enforcing) or whole trackers (recording). */
export interface AuthSnapshot {
  readonly accounts: readonly (TrackerSnapshot | undefined)[] | readonly AccountTracker[];
  readonly invokers: readonly boolean[][];
  readonly byAddress: ReadonlyMap<Val, number> | undefined;
}

export class AuthManager {
  private readonly stack: AuthFrame[] = [];
  private invokers: InvokerTracker[] = [];
  /** Recording: the tracker each Address object started, so one object keeps to one tree. */
  private byAddress = new Map<Val, number>();
  private noncePrng: Prng | undefined;

  private constructor(
    readonly mode: AuthMode,
    private accounts: AccountTracker[],
    private readonly source: Uint8Array | undefined,
  ) {}

  static enforcing(
    host: Host,
    entries: readonly xdr.SorobanAuthorizationEntryWire[],
    source: Uint8Array | undefined,
  ): AuthManager {
    return new AuthManager(
      'enforce',
      entries.map((e) => AccountTracker.fromEntry(host, e, source)),
      source,
    );
  }

  static recording(mode: Exclude<AuthMode, 'enforce'>, source: Uint8Array | undefined): AuthManager {
    return new AuthManager(mode, [], source);
  }

  get recordingMode(): boolean {
    return this.mode !== 'enforce';
  }

  // ---- require_auth ----

  /** `require_auth` (args undefined: the current call's own) and `require_auth_for_args`. */
  requireAuth(host: Host, address: Val, args: readonly Val[] | undefined): void {
    const top = this.stack.at(-1);
    if (!top)
      throw hostError(
        ErrorType.Auth,
        ErrorCode.InternalError,
        'unexpected require_auth outside of valid frame',
      );
    if (top.kind === 'contract' && top.depth !== host.frames.length)
      throw hostError(
        ErrorType.Context,
        ErrorCode.InternalError,
        'require_auth is only supported in a contract call',
      );
    const fn: AuthorizedFunction =
      top.kind === 'contract'
        ? { kind: 'contract', contract: top.contract, fn: top.fn, args: args ?? top.args }
        : { kind: 'create', args: top.args };
    this.requireAuthFor(host, address, fn);
  }

  private requireAuthFor(host: Host, address: Val, fn: AuthorizedFunction): void {
    if (this.invokerAuthorized(host, address, fn)) return;
    if (this.recordingMode) this.record(host, address, fn);
    else this.enforce(host, address, fn);
  }

  /** The direct invoker authorized any call it makes; others only what they registered. */
  private invokerAuthorized(host: Host, address: Val, fn: AuthorizedFunction): boolean {
    if (this.stack.length < 2) return false;
    const invoker = this.stack[this.stack.length - 2];
    if (invoker.kind === 'contract' && compareVals(host, invoker.contract, address) === 0) return true;
    return this.invokers.some(
      (t) => compareVals(host, t.contract, address) === 0 && t.invocation.maybeExtendMatch(host, fn, true),
    );
  }

  private enforce(host: Host, address: Val, fn: AuthorizedFunction): void {
    const same = (t: AccountTracker) => !t.busy && compareVals(host, t.address, address) === 0;
    // An address already matching in this call tree must go on matching in that tree: disjoint
    // entries cannot be stitched together to authorize one tree.
    const hasActive = this.accounts.some(
      (t) => same(t) && t.invocation.isActive() && !t.invocation.currentFrameMatched(),
    );
    for (const t of this.accounts) {
      if (!same(t)) continue;
      t.busy = true;
      try {
        if (t.maybeAuthorize(host, fn, !hasActive)) return;
      } finally {
        t.busy = false;
      }
    }
    throw hostError(
      ErrorType.Auth,
      ErrorCode.InvalidAction,
      'Unauthorized function call for address',
      address,
    );
  }

  private record(host: Host, address: Val, fn: AuthorizedFunction): void {
    const index = this.byAddress.get(address);
    if (index !== undefined) {
      const t = this.accounts[index];
      if (!t) throw hostError(ErrorType.Auth, ErrorCode.InternalError, 'bad index for existing tracker');
      // Trees start at their first authorized call: once it has returned, a new tree begins.
      if (t.invocation.hasMatchesInStack()) return t.invocation.record(fn);
      this.byAddress.delete(address);
    }
    for (const t of this.accounts)
      if (
        compareVals(host, t.address, address) === 0 &&
        t.invocation.hasMatchesInStack() &&
        !t.invocation.currentFrameMatched()
      )
        return t.invocation.record(fn);
    if (this.mode === 'record' && this.stack.length !== 1)
      throw hostError(
        ErrorType.Auth,
        ErrorCode.InvalidAction,
        '[recording authorization only] encountered authorization not tied to the root contract invocation for an address. ' +
          'Use `require_auth()` in the top invocation or enable non-root authorization.',
        address,
      );
    this.accounts.push(
      AccountTracker.recording(host, address, fn, this.stack.length, this.source, (a) =>
        this.nextNonce(host, a),
      ),
    );
    this.byAddress.set(address, this.accounts.length - 1);
  }

  /**
   * A recording nonce: `gen_range(0..=i64::MAX)` on its own PRNG, the first sub-PRNG of the base
   * seed (as the reference derives it), so contracts see the same randomness whether or not auth
   * is recorded. rand's widening-multiply sampling over a 2^63 range keeps even draws, halved.
   * The reference seeds simulation randomly; ours is seeded deterministically, so a nonce the
   * address already has on the ledger is skipped rather than failing the simulation.
   */
  private nextNonce(host: Host, address: ScAddressData): bigint {
    this.noncePrng ??= Prng.fromSeed(host.prngSeed).sub();
    for (;;) {
      const v = this.noncePrng.nextU64();
      if ((v & 1n) === 0n && !nonceOnLedger(host, address, v >> 1n)) return v >> 1n;
    }
  }

  /** `authorize_as_curr_contract`: trees the running contract authorizes for its next sub-call. */
  authorizeAsCurrentContract(host: Host, entries: readonly Val[]): void {
    const id = host.currentFrame().contractId;
    if (!id)
      throw hostError(ErrorType.Context, ErrorCode.InternalError, 'Current context has no contract ID');
    const invoker = host.add({ tag: Tag.AddressObject, address: { kind: 'contract', id } });
    for (const e of entries) this.invokers.push(InvokerTracker.fromEntry(host, invoker, e));
  }

  // ---- frames ----

  private pushTrackerFrames(): void {
    for (const t of this.accounts) if (!t.busy) t.invocation.pushFrame();
    for (const t of this.invokers) t.invocation.pushFrame();
  }

  /** A contract call is starting; returns what to roll back to if it fails. */
  pushContractFrame(host: Host, contractId: Uint8Array, fn: string, args: readonly Val[]): AuthSnapshot {
    const contract = host.add({ tag: Tag.AddressObject, address: { kind: 'contract', id: contractId } });
    this.stack.push({
      kind: 'contract',
      contract,
      fn: new TextEncoder().encode(fn),
      args,
      depth: host.frames.length + 1,
    });
    this.pushTrackerFrames();
    return this.snapshot();
  }

  /** A contract creation that its deployer must authorize; its constructor runs inside it. */
  pushCreateFrame(args: CreateContractArgsWire): void {
    this.stack.push({ kind: 'create', args });
    this.pushTrackerFrames();
  }

  /**
   * Pops the top frame (after `rollback` when it failed). Once the outermost one is gone the run is
   * over, and recording mode accounts for the authentication enforcing would do (the reference
   * does it when its context stack empties).
   */
  popFrame(host: Host): void {
    if (!this.stack.pop()) return;
    for (const t of this.accounts) if (!t.busy) t.invocation.popFrame();
    for (const t of this.invokers) t.invocation.popFrame();
    // An invoker tree lives for one sub-call of the contract that registered it.
    while (this.invokers.at(-1)?.invocation.isEmpty()) this.invokers.pop();
    if (this.stack.length === 0 && this.recordingMode)
      for (const t of this.accounts) t.emulateAuthentication(host);
  }

  private snapshot(): AuthSnapshot {
    const invokers = this.invokers.map((t) => t.invocation.snapshot());
    if (this.recordingMode)
      return { accounts: this.accounts.map((t) => t.clone()), invokers, byAddress: new Map(this.byAddress) };
    return {
      accounts: this.accounts.map((t) => (t.busy ? undefined : t.snapshot())),
      invokers,
      byAddress: undefined,
    };
  }

  /** Undoes what the failing top frame matched and recorded since `s` was taken at its push. */
  rollback(s: AuthSnapshot): void {
    if (this.recordingMode) {
      this.accounts = (s.accounts as readonly AccountTracker[]).map((t) => t.clone());
      this.byAddress = new Map(s.byAddress);
    } else {
      if (s.accounts.length !== this.accounts.length)
        throw hostError(ErrorType.Auth, ErrorCode.InternalError, 'unexpected bad auth snapshot');
      (s.accounts as readonly (TrackerSnapshot | undefined)[]).forEach(
        (snap, i) => snap && this.accounts[i].rollback(snap),
      );
    }
    // Invoker trees registered inside the failed frame are past their scope and are popped next.
    s.invokers.forEach((flags, i) => this.invokers[i].invocation.rollback(flags));
  }

  // ---- results ----

  /** Recording: the entries the run needs, in the order their trees started (unsigned). */
  recordedEntries(host: Host): xdr.SorobanAuthorizationEntryWire[] {
    return this.recordingMode
      ? host.budget.shadow(() => this.accounts.map((t) => t.recordedEntry(host)))
      : [];
  }
}
