// Option<T>: the spec type `Option<T>` for any T, including the numbers and bools that
// AssemblyScript cannot make nullable (`u32 | null`). None is Void, Some(x) is x's Val, as in the
// Rust SDK. (For a class, `T | null` is the same spec type.)
import { VOID, Val } from "./val";

export class Option<T> extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  static some<T>(value: T): Option<T> {
    return new Option<T>(toVal<T>(value));
  }

  static none<T>(): Option<T> {
    return new Option<T>(VOID);
  }

  /** Checks the value converts to T (traps otherwise), as the Rust SDK's conversion does. */
  __fromVal(v: u64): Option<T> {
    if (v != VOID) fromVal<T>(v);
    return new Option<T>(v);
  }

  isSome(): bool {
    return this.raw != VOID;
  }

  isNone(): bool {
    return this.raw == VOID;
  }

  /** The value (traps when None). */
  unwrap(): T {
    if (this.raw == VOID) unreachable();
    return fromVal<T>(this.raw);
  }

  unwrapOr(fallback: T): T {
    return this.raw == VOID ? fallback : fromVal<T>(this.raw);
  }
}
