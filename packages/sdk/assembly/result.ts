// Result<T, E>: what a contract function returns when it can fail with one of its errors (the spec
// type `Result<T, E>`, E a @contracterror enum). Ok is the value's Val; Err is the Error Val, which
// the host turns into a failed call with that contract error, exactly like a Rust contract
// returning `Err(e)`. A client method declared to return a Result gets the callee's error in it.
import { contractErrorVal, failWithErrorVal } from "./context";
import { Tag, VOID, Val, tagOf } from "./val";

export class Result<T, E> extends Val {
  constructor(raw: u64) {
    super(raw);
  }

  static ok<T, E>(value: T): Result<T, E> {
    return new Result<T, E>(toVal<T>(value));
  }

  /** Ok for a `Result<void, E>`. */
  static okVoid<E>(): Result<void, E> {
    return new Result<void, E>(VOID);
  }

  static err<T, E>(error: E): Result<T, E> {
    return new Result<T, E>(contractErrorVal(<u32>error));
  }

  /** An Error Val is an Err; any other value must convert to T (traps otherwise). */
  __fromVal(v: u64): Result<T, E> {
    if (tagOf(v) != Tag.Error) {
      if (isVoid<T>()) {
        if (v != VOID) unreachable();
      } else fromVal<T>(v);
    }
    return new Result<T, E>(v);
  }

  isOk(): bool {
    return tagOf(this.raw) != Tag.Error;
  }

  isErr(): bool {
    return tagOf(this.raw) == Tag.Error;
  }

  /** The value; an Err fails the invocation with its error (as `?` would propagate it). */
  unwrap(): T {
    if (this.isErr()) failWithErrorVal(this.raw);
    if (isVoid<T>()) return;
    return fromVal<T>(this.raw);
  }

  unwrapOr(fallback: T): T {
    return this.isErr() ? fallback : fromVal<T>(this.raw);
  }

  /** Whether the Err is a contract error (an E), rather than a host error a call came back with. */
  isContractError(): bool {
    return this.isErr() && ((this.raw >> 8) & 0xffffff) == 0;
  }

  /** The Err's error code: for a contract error, the E case. Traps on Ok. */
  get error(): E {
    if (!this.isErr()) unreachable();
    return <E>(<u32>(this.raw >> 32));
  }
}
