// Cross-contract calls: `invoke` fails when the callee fails; `tryInvoke` returns the callee's
// error instead.
import { call, try_call } from "./env";
import { Address } from "./address";
import { Symbol } from "./symbol";
import { Vec } from "./vec";
import { Tag, Val, tagOf } from "./val";

/** Calls `fn` on `contract` with `args` and converts the result to `R`. */
export function invokeContract<R>(contract: Address, fn: Symbol, args: Vec<Val>): R {
  const r = call(contract.raw, fn.raw, args.raw);
  if (isVoid<R>()) return;
  return fromVal<R>(r);
}

/** The outcome of `tryInvokeContract`: the result Val, or the callee's error. */
export class CallResult {
  constructor(public readonly raw: u64) {}

  isError(): bool {
    return tagOf(this.raw) == Tag.Error;
  }

  /** The error's code (for a contract error, the callee's error enum value). */
  get errorCode(): u32 {
    return <u32>(this.raw >> 32);
  }

  /** The error's ScErrorType (0 = Contract). */
  get errorType(): u32 {
    return <u32>((this.raw >> 8) & 0xffffff);
  }

  value<R>(): R {
    if (this.isError()) unreachable();
    return fromVal<R>(this.raw);
  }
}

export function tryInvokeContract(contract: Address, fn: Symbol, args: Vec<Val>): CallResult {
  return new CallResult(try_call(contract.raw, fn.raw, args.raw));
}
