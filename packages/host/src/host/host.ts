/**
 * The host: object table, frames, budget, events and ledger info for one run (one transaction).
 * Host functions are plain functions over it (see `functions/`); this class only holds the state
 * they share and the conversions every one of them needs.
 */
import { Budget, type BudgetLimits } from '../budget/budget.ts';
import { CostType } from '../budget/cost-type.ts';
import { TESTNET_P26_CONFIG, type NetworkConfig } from '../config/network-config.ts';
import { ErrorCode, ErrorType, HostError, hostError } from '../val/error.ts';
import { Tag, isObjectTag } from '../val/tag.ts';
import { fromObjectHandle, objectHandle, tagOf, type Val } from '../val/val.ts';
import type { HostEvent } from './events.ts';
import type { Frame } from './frame.ts';
import { defaultLedgerInfo, type LedgerInfo } from './ledger-info.ts';
import type { HostObject, ObjectOfTag } from './objects.ts';
import { Prng } from './prng.ts';
import type { Storage } from '../ledger/storage.ts';

export interface HostOptions {
  readonly config?: NetworkConfig;
  readonly ledger?: Partial<LedgerInfo>;
  /** Record diagnostic events (function calls, returns, errors, logs). */
  readonly diagnostics?: boolean;
  readonly budget?: Partial<BudgetLimits>;
  /** Seed of the base PRNG; the network derives it from the transaction. */
  readonly prngSeed?: Uint8Array;
  /** Ledger entries the run may read and write; without it, every storage access fails. */
  readonly storage?: Storage;
}

const OBJECT_OVERHEAD = 16;

export class Host {
  readonly config: NetworkConfig;
  readonly ledger: LedgerInfo;
  readonly budget: Budget;
  readonly diagnostics: boolean;
  readonly frames: Frame[] = [];
  readonly events: HostEvent[] = [];
  readonly storage: Storage | undefined;
  /** The run's seed; frame PRNGs and the recording-auth nonce PRNG derive from it. */
  readonly prngSeed: Uint8Array;
  /**
   * A budget too small for the host's own set-up: the entry points fail the run with it (as an
   * outcome, like any other host error) before anything runs.
   */
  readonly setupError: HostError | undefined;
  private base: Prng | undefined;
  private readonly objects: HostObject[] = [];

  constructor(options: HostOptions = {}) {
    this.config = options.config ?? TESTNET_P26_CONFIG;
    this.ledger = defaultLedgerInfo(options.ledger);
    this.budget = new Budget(this.config, options.budget);
    this.diagnostics = options.diagnostics ?? false;
    this.storage = options.storage;
    // Seeding is charged now, as the reference does for every run, but computed only when a
    // contract first draws randomness: most runs never do.
    this.prngSeed = options.prngSeed ?? new Uint8Array(32);
    try {
      this.budget.charge(CostType.ComputeSha256Hash, 64, 2);
    } catch (e) {
      if (!(e instanceof HostError)) throw e;
      this.setupError = e;
    }
  }

  get basePrng(): Prng {
    return (this.base ??= Prng.base(this.prngSeed));
  }

  get protocol(): number {
    return this.ledger.protocolVersion;
  }

  currentFrame(): Frame {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) throw hostError(ErrorType.Context, ErrorCode.InternalError, 'no frame is running');
    return frame;
  }

  // ---- objects (absolute handles) ----

  /** Stores an object and returns its Val with an absolute handle. */
  add(obj: HostObject): Val {
    this.budget.charge(CostType.MemAlloc, OBJECT_OVERHEAD + objectPayloadSize(obj));
    const index = this.objects.length;
    this.objects.push(obj);
    return fromObjectHandle(obj.tag, index * 2 + 1);
  }

  /** The object behind an absolute-handle Val, checked to carry `tag`. */
  get<T extends Tag>(v: Val, tag: T): ObjectOfTag<T> {
    const obj = this.object(v);
    if (obj.tag !== tag)
      throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `expected object tag ${tag}, got ${obj.tag}`);
    return obj as ObjectOfTag<T>;
  }

  object(v: Val): HostObject {
    const tag = tagOf(v);
    if (!isObjectTag(tag)) throw hostError(ErrorType.Value, ErrorCode.UnexpectedType, `value with tag ${tag} is not an object`);
    const handle = objectHandle(v);
    const obj = (handle & 1) === 1 ? this.objects[handle >>> 1] : undefined;
    if (!obj || obj.tag !== tag) throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `unknown object reference ${handle}`);
    this.budget.charge(CostType.VisitObject);
    return obj;
  }

  // ---- frame-relative handles ----

  /** Converts a Val coming from the current Wasm frame to absolute form. */
  toAbsolute(v: Val): Val {
    const tag = tagOf(v);
    if (!isObjectTag(tag)) return v;
    const handle = objectHandle(v);
    // Every forged reference from a frame is (Value, InvalidInput) in current hosts (protocol 23+).
    if ((handle & 1) === 1)
      throw hostError(ErrorType.Value, ErrorCode.InvalidInput, 'relative_to_absolute given an absolute reference');
    const index = this.currentFrame().relative[handle >>> 1];
    if (index === undefined) throw hostError(ErrorType.Value, ErrorCode.InvalidInput, `unknown relative object reference ${handle}`);
    if (this.objects[index].tag !== tag)
      throw hostError(ErrorType.Value, ErrorCode.InvalidInput, 'relative and absolute object types differ');
    return fromObjectHandle(tag, index * 2 + 1);
  }

  /** Converts an absolute Val to a handle the current frame can use. */
  toRelative(v: Val): Val {
    const tag = tagOf(v);
    if (!isObjectTag(tag)) return v;
    const relative = this.currentFrame().relative;
    relative.push(objectHandle(v) >>> 1);
    return fromObjectHandle(tag, (relative.length - 1) * 2);
  }
}

const objectPayloadSize = (obj: HostObject): number => {
  switch (obj.tag) {
    case Tag.BytesObject:
    case Tag.StringObject:
    case Tag.SymbolObject:
      return obj.bytes.length;
    case Tag.VecObject:
      return obj.items.length * 8;
    case Tag.MapObject:
      return obj.keys.length * 16;
    case Tag.ExecutableTagObject:
      return obj.name.length;
    default:
      return 32;
  }
};
