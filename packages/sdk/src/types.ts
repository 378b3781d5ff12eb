/**
 * The contract model the build derives from AssemblyScript sources: the types a contract's
 * interface can use (each maps to one `ScSpecTypeDef`), the declared contract types and the
 * exported contract functions.
 */

/** A 6-bit-per-char small symbol fits at most 9 chars. */
export const SMALL_SYMBOL_MAX = 9;

export type BuiltinName =
  | 'Val'
  | 'Symbol'
  | 'String'
  | 'Bytes'
  | 'Address'
  | 'MuxedAddress'
  | 'I128'
  | 'U128'
  | 'I256'
  | 'U256'
  | 'Timepoint'
  | 'Duration';

/** A type as written in the source (`text`) and what it means for the spec and conversions. */
export type ContractType = { readonly text: string } & (
  | { readonly kind: 'void' }
  | { readonly kind: 'prim'; readonly name: 'bool' | 'u32' | 'i32' | 'u64' | 'i64' }
  | { readonly kind: 'builtin'; readonly name: BuiltinName }
  | { readonly kind: 'bytesN'; readonly n: number }
  | { readonly kind: 'vec'; readonly element: ContractType }
  | { readonly kind: 'map'; readonly key: ContractType; readonly value: ContractType }
  | { readonly kind: 'option'; readonly inner: ContractType }
  /** A function result only: the ok type (void allowed) and a `@contracterror` enum. */
  | { readonly kind: 'result'; readonly ok: ContractType; readonly error: string }
  | { readonly kind: 'udt'; readonly name: string; readonly udt: 'struct' | 'union' | 'enum' }
);

export interface Field {
  readonly name: string;
  readonly doc: string;
  readonly type: ContractType;
}

export interface StructDef {
  readonly kind: 'struct';
  readonly name: string;
  readonly doc: string;
  /**
   * In declaration order; the spec and the Val map use them sorted by name. A tuple struct's
   * fields are `_0`, `_1`...: the spec names them "0", "1"... and its Val is a vector, in order.
   */
  readonly fields: readonly Field[];
  readonly tuple: boolean;
}

export interface UnionCase {
  readonly name: string;
  readonly doc: string;
  /** The payload, in order (empty for a unit case). */
  readonly fields: readonly Field[];
}

export interface UnionDef {
  readonly kind: 'union';
  readonly name: string;
  readonly doc: string;
  readonly cases: readonly UnionCase[];
}

export interface EnumCase {
  readonly name: string;
  readonly doc: string;
  readonly value: number;
}

export interface EnumDef {
  /** `enum` is an integer contract type (a U32 Val); `error` a contract error enum. */
  readonly kind: 'enum' | 'error';
  readonly name: string;
  readonly doc: string;
  readonly cases: readonly EnumCase[];
}

export type TypeDef = StructDef | UnionDef | EnumDef;

export interface EventParam extends Field {
  /** A topic (after the prefix topics) rather than part of the data map. */
  readonly topic: boolean;
}

/** How an event's data fields become its data value (the Rust SDK's `data_format`). */
export type EventDataFormat = 'map' | 'vec' | 'single-value';

/** A `@contractevent` class: topics are the prefix symbols then the `@topic` fields. */
export interface EventDef {
  readonly kind: 'event';
  readonly name: string;
  readonly doc: string;
  readonly prefixTopics: readonly string[];
  readonly params: readonly EventParam[];
  readonly dataFormat: EventDataFormat;
  /** Map data omits fields whose value is Void (a None option), as the Rust SDK 28 does. */
  readonly sparse: boolean;
}

export interface FunctionDef {
  readonly name: string;
  readonly doc: string;
  readonly params: readonly Field[];
  readonly returns: ContractType;
}

/** A `@contractclient` class: a typed client for another contract's functions (not in the spec). */
export interface ClientDef {
  readonly name: string;
  readonly methods: readonly FunctionDef[];
}

export interface ContractModel {
  readonly functions: readonly FunctionDef[];
  readonly types: readonly TypeDef[];
  readonly events: readonly EventDef[];
  readonly clients: readonly ClientDef[];
}
