import { Address, Bytes, Bytes32, I128, Map, Option, Result, Symbol, U256, Vec, crypto, panicWithError } from "@sorobox/sdk";
import { Account, BigSquare, CalcError, Circle, Color, Empty, Pair, Point, Rect, Shape } from "./types";

/** a + b, in i128 (fails on overflow). */
export function add_i128(a: I128, b: I128): I128 {
  return a + b;
}

/** a * b - c, in u256. */
export function mul_sub_u256(a: U256, b: U256, c: U256): U256 {
  return a * b - c;
}

/** a / b, failing with CalcError.DivisionByZero when b is zero. */
export function div(a: I128, b: I128): I128 {
  if (b == I128.fromI64(0)) panicWithError(CalcError.DivisionByZero);
  return a / b;
}

/** The sum of the values, in i128 (fails with CalcError.Empty on an empty vector). */
export function sum(values: Vec<i64>): I128 {
  if (values.isEmpty()) panicWithError(CalcError.Empty);
  let total = I128.fromI64(0);
  for (let i: u32 = 0; i < values.length; i++) total = total + I128.fromI64(values.get(i));
  return total;
}

/** How many times each symbol occurs. */
export function histogram(words: Vec<Symbol>): Map<Symbol, u32> {
  const counts = Map.new<Symbol, u32>();
  for (let i: u32 = 0; i < words.length; i++) {
    const w = words.get(i);
    counts.set(w, counts.getOr(w, 0) + 1);
  }
  return counts;
}

/** Moves a point. */
export function translate(p: Point, dx: i64, dy: i64): Point {
  return new Point(p.x + dx, p.y + dy);
}

/** Sums the points of a map. */
export function centroid_sum(points: Map<Symbol, Point>): Point {
  let x: i64 = 0;
  let y: i64 = 0;
  const values = points.values();
  for (let i: u32 = 0; i < values.length; i++) {
    x += values.get(i).x;
    y += values.get(i).y;
  }
  return new Point(x, y);
}

/** Credits an account, tagging it. */
export function credit(account: Account, amount: I128, tag: Symbol): Account {
  account.balance = account.balance + amount;
  account.tags.pushBack(tag);
  return account;
}

/** The account's owner, when it is not frozen. */
export function owner_if_active(account: Account): Address | null {
  return account.frozen ? null : account.owner;
}

/** The next color, wrapping around. */
export function next_color(c: Color): Color {
  return c == Color.Blue ? Color.Red : <Color>(c + 1);
}

/** The area of a shape (circles use pi ~ 3). */
export function area(s: Shape): U256 {
  if (s instanceof Circle) {
    const r = U256.fromU64((s as Circle).radius);
    return r * r * U256.fromU64(3);
  }
  if (s instanceof Rect) return U256.fromU64(<u64>(s as Rect).width * (s as Rect).height);
  if (s instanceof BigSquare) return (s as BigSquare).side.pow(2);
  return U256.fromU64(0);
}

/** Scales a shape by k. */
export function scale(s: Shape, k: u32): Shape {
  if (s instanceof Circle) return new Circle((s as Circle).radius * k);
  if (s instanceof Rect) return new Rect((s as Rect).width * k, (s as Rect).height * k);
  if (s instanceof BigSquare) return new BigSquare((s as BigSquare).side * U256.fromU64(k));
  return new Empty();
}

/** Doubles a number when there is one. */
export function double_opt(x: I128 | null): I128 | null {
  if (!x) return null;
  return x + x;
}

/** The sha256 of some bytes. */
export function hash(data: Bytes): Bytes32 {
  return crypto.sha256(data);
}

/** Reverses a vector of shapes. */
export function reverse(shapes: Vec<Shape>): Vec<Shape> {
  const out = Vec.new<Shape>();
  for (let i: u32 = 0; i < shapes.length; i++) out.pushFront(shapes.get(i));
  return out;
}

/** a / b as a Result: Err(DivisionByZero) when b is zero. */
export function checked_div(a: I128, b: I128): Result<I128, CalcError> {
  if (b == I128.fromI64(0)) return Result.err<I128, CalcError>(CalcError.DivisionByZero);
  return Result.ok<I128, CalcError>(a / b);
}

/** Ok when the vector is not empty, else Err(Empty). */
export function check_not_empty(values: Vec<u32>): Result<void, CalcError> {
  return values.isEmpty() ? Result.err<void, CalcError>(CalcError.Empty) : Result.okVoid<CalcError>();
}

/** Half of an even number, none for an odd one or none. */
export function half(x: Option<u32>): Option<u32> {
  if (x.isNone() || x.unwrap() % 2 != 0) return Option.none<u32>();
  return Option.some<u32>(x.unwrap() / 2);
}

/** Scales the amount of a (name, amount) pair. */
export function scale_pair(p: Pair, k: I128): Pair {
  return new Pair(p._0, p._1 * k);
}

/** Sums the amounts of the pairs whose optional limit allows them. */
export function sum_pairs(pairs: Vec<Pair>, limit: Option<I128>): I128 {
  let total = I128.fromI64(0);
  for (let i: u32 = 0; i < pairs.length; i++) {
    const amount = pairs.get(i)._1;
    if (limit.isNone() || amount <= limit.unwrap()) total = total + amount;
  }
  return total;
}
