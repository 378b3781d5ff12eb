import { Str, Symbol, Vec, log, symbol, toVal } from "@sorobox/sdk";

/**
 * Says hello.
 * @param to who to greet
 */
export function hello(to: Symbol): Vec<Symbol> {
  log("hello called", [toVal(to)]);
  return Vec.from<Symbol>([symbol("Hello"), to]);
}

/** Greets by name, in a string. */
export function greet(name: Str): Str {
  return Str.from("Hello, " + name.toString() + "!");
}

/** The length of a symbol, which may be longer than 9 chars. */
export function symbol_len(s: Symbol): u32 {
  return s.length;
}

/** A long symbol, built at run time. */
export function long_symbol(): Symbol {
  return symbol("a_rather_long_symbol");
}
