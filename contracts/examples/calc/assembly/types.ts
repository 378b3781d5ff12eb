import { Address, I128, Str, Symbol, U256, Vec } from "@sorobox/sdk";

/** A point on the plane. */
@contracttype
export class Point {
  constructor(
    /** Horizontal coordinate. */
    public x: i64,
    /** Vertical coordinate. */
    public y: i64,
  ) {}
}

/** An account summary: every field a different kind of value. */
@contracttype
export class Account {
  owner!: Address;
  balance!: I128;
  tags!: Vec<Symbol>;
  memo: Str | null = null;
  frozen: bool = false;
}

/** Primary colors, stored as u32. */
@contracttype
export enum Color {
  Red = 1,
  Green = 2,
  Blue = 3,
}

/** A shape: a union whose cases are the classes extending it. */
@contracttype
export abstract class Shape {}

/** Nothing at all. */
export class Empty extends Shape {}

export class Circle extends Shape {
  constructor(public radius: u32) {
    super();
  }
}

export class Rect extends Shape {
  constructor(public width: u32, public height: u32) {
    super();
  }
}

/** Big numbers with a case name longer than a small symbol. */
export class BigSquare extends Shape {
  constructor(public side: U256) {
    super();
  }
}

/** Why a computation failed. */
@contracterror
export enum CalcError {
  /** Division by zero. */
  DivisionByZero = 1,
  /** The input was empty. */
  Empty = 2,
}

/** A tuple struct: a vector of its fields in order (spec fields "0" and "1"). */
@contracttype
export class Pair {
  constructor(
    public _0: Symbol,
    public _1: I128,
  ) {}
}
