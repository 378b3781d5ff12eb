/**
 * Matching one authorized invocation tree against the real call tree (`InvocationTracker` in
 * `auth.rs`). The tracker keeps one match state per auth call-stack frame: unmatched, the root
 * match, or the index of the sub-invocation matched in that frame. A `require_auth` extends the
 * match below the deepest matched node (or matches the root), and every node matches once.
 */
import type { Host } from '../host/host.ts';
import { ErrorCode, ErrorType, hostError } from '../val/error.ts';
import {
  cloneInvocation,
  exhaustedFlags,
  newInvocation,
  restoreExhausted,
  sameFunction,
  type AuthorizedFunction,
  type AuthorizedInvocation,
} from './invocation.ts';

/** A frame that matched nothing; `ROOT` matched the root; `n >= 0` matched sub-invocation `n`. */
const UNMATCHED = -2;
const ROOT = -1;

const internal = (message: string) => hostError(ErrorType.Auth, ErrorCode.InternalError, message);

export class InvocationTracker {
  /** The frame index where the root matched, once it has. */
  private rootFrame: number | undefined;
  /** The root matched and its frame has since been popped: the tree is done. */
  private fullyProcessed = false;

  constructor(
    readonly root: AuthorizedInvocation,
    private readonly matches: number[] = [],
  ) {}

  /** A tracker recording a tree whose root is the current frame (recording mode). */
  static recording(fn: AuthorizedFunction, stackDepth: number): InvocationTracker {
    if (stackDepth === 0) throw internal('unexpected empty stack in recording auth');
    const t = new InvocationTracker(newInvocation(fn, [], true), [
      ...Array<number>(stackDepth - 1).fill(UNMATCHED),
      ROOT,
    ]);
    t.rootFrame = stackDepth - 1;
    return t;
  }

  clone(): InvocationTracker {
    const t = new InvocationTracker(cloneInvocation(this.root), [...this.matches]);
    t.rootFrame = this.rootFrame;
    t.fullyProcessed = this.fullyProcessed;
    return t;
  }

  pushFrame(): void {
    this.matches.push(UNMATCHED);
  }

  popFrame(): void {
    this.matches.pop();
    if (this.rootFrame !== undefined && this.rootFrame >= this.matches.length) this.fullyProcessed = true;
  }

  /** No frames tracked: an invoker tracker whose one sub-call has returned. */
  isEmpty(): boolean {
    return this.matches.length === 0;
  }

  /** The root has matched and its frame is still running. */
  isActive(): boolean {
    return this.root.exhausted && !this.fullyProcessed;
  }

  currentFrameMatched(): boolean {
    const last = this.matches.at(-1);
    return last !== undefined && last !== UNMATCHED;
  }

  hasMatchesInStack(): boolean {
    return this.matches.some((m) => m !== UNMATCHED);
  }

  /** The deepest matched node, following the match stack from the root match; none before it. */
  private lastMatched(): AuthorizedInvocation | undefined {
    const start = this.matches.findIndex((m) => m !== UNMATCHED);
    if (start < 0) return undefined;
    if (this.matches[start] !== ROOT) throw internal('sub-invocation matched before the root');
    let node = this.root;
    for (let i = start + 1; i < this.matches.length; i++) {
      const m = this.matches[i];
      if (m === UNMATCHED) continue;
      if (m === ROOT) throw internal('second root match in the match stack');
      const sub = node.subs[m];
      if (!sub) throw internal('bad sub-invocation index');
      node = sub;
    }
    return node;
  }

  private setCurrent(state: number): void {
    if (this.matches.length === 0) throw internal('invalid match_stack');
    this.matches[this.matches.length - 1] = state;
  }

  /**
   * Matches `fn` in the current frame: against the unexhausted children of the deepest matched node,
   * or, before any match, against the root when `allowRoot`. True when it matched just now.
   */
  maybeExtendMatch(host: Host, fn: AuthorizedFunction, allowRoot: boolean): boolean {
    if (this.currentFrameMatched()) return false;
    const current = this.lastMatched();
    if (current) {
      const index = current.subs.findIndex((s) => !s.exhausted && sameFunction(host, s.fn, fn));
      if (index < 0) return false;
      current.subs[index].exhausted = true;
      this.setCurrent(index);
      return true;
    }
    if (this.root.exhausted || !allowRoot || !sameFunction(host, this.root.fn, fn)) return false;
    this.root.exhausted = true;
    this.rootFrame = this.matches.length - 1;
    this.setCurrent(ROOT);
    return true;
  }

  /** Recording mode: adds `fn` as a new child of the deepest matched node. */
  record(fn: AuthorizedFunction): void {
    if (this.currentFrameMatched())
      throw hostError(ErrorType.Auth, ErrorCode.ExistingValue, 'frame is already authorized');
    const current = this.lastMatched();
    if (!current) throw internal('unexpected missing authorized invocation');
    current.subs.push(newInvocation(fn, [], true));
    this.setCurrent(current.subs.length - 1);
  }

  snapshot(): boolean[] {
    return exhaustedFlags(this.root);
  }

  /** Only exhausted flags roll back; a root no longer exhausted makes the tracker fresh again. */
  rollback(flags: readonly boolean[]): void {
    restoreExhausted(this.root, flags);
    if (!this.root.exhausted) {
      this.rootFrame = undefined;
      this.fullyProcessed = false;
    }
  }
}
