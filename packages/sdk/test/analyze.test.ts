import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { xdr } from '@stellar/stellar-sdk';
import { Host, scValToVal } from '@sorobox/host';
import { ContractBuildError, analyze, loadUserFiles, smallSymbolVal } from '../src/analyze.ts';
import { generateSources } from '../src/codegen.ts';
import { specEntries } from '../src/spec.ts';

/** Analyzes a contract whose entry is `entry`, with more files by relative name. */
const analyzeText = (entry: string, files: Record<string, string> = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-analyze-'));
  writeFileSync(join(dir, 'index.ts'), entry);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return analyze(loadUserFiles(join(dir, 'index.ts')));
};

const rejects = (entry: string, message: RegExp, files: Record<string, string> = {}): void =>
  assert.throws(
    () => analyzeText(entry, files),
    (e: unknown) => e instanceof ContractBuildError && message.test(e.message),
  );

test('small symbols encode exactly as the host encodes them', () => {
  const host = new Host();
  for (const s of ['', 'a', 'Hello', '_', 'Z9_z', 'abcdefghi', 'transfer'])
    assert.equal(smallSymbolVal(s), scValToVal(host, xdr.ScVal.scvSymbol(s)), s);
  assert.throws(() => smallSymbolVal('abcdefghij'));
  assert.throws(() => smallSymbolVal('a-b'));
});

test('functions, params, docs and every built-in type map to spec types', () => {
  const a = analyzeText(`
import { Address, Bytes, Bytes32, Duration, I128, I256, Map, MuxedAddress, Str, Symbol, Timepoint, U128, U256, Val, Vec } from "@sorobox/sdk";
type Amount = I128;
/**
 * Does everything.
 * @param a - the first
 */
export function all(a: bool, b: u32, c: i32, d: u64, e: i64, f: I128, g: U128, h: I256, i: U256, j: Bytes, k: Bytes32,
  l: Str, m: string, n: Symbol, o: Address, p: MuxedAddress, q: Timepoint, r: Duration, s: Val, t: Vec<u32>,
  u: Map<Symbol, Vec<Address>>, v: Address | null, w: Amount): void {}
export function out(): Map<Symbol, I128 | null> { return Map.new<Symbol, I128 | null>(); }
function internal(): u32 { return 1; }
`);
  assert.deepEqual(
    a.model.functions.map((f) => f.name),
    ['all', 'out'],
  );
  const [all, out] = specEntries(a.model).map(
    (e) => (e as xdr.ScSpecEntry & { functionV0: xdr.ScSpecFunctionV0 }).functionV0,
  );
  assert.equal(String(all.doc), 'Does everything.');
  assert.equal(String(all.inputs[0].doc), 'the first');
  assert.deepEqual(
    all.inputs.map((i) => i.type.type),
    [
      'scSpecTypeBool',
      'scSpecTypeU32',
      'scSpecTypeI32',
      'scSpecTypeU64',
      'scSpecTypeI64',
      'scSpecTypeI128',
      'scSpecTypeU128',
      'scSpecTypeI256',
      'scSpecTypeU256',
      'scSpecTypeBytes',
      'scSpecTypeBytesN',
      'scSpecTypeString',
      'scSpecTypeString',
      'scSpecTypeSymbol',
      'scSpecTypeAddress',
      'scSpecTypeMuxedAddress',
      'scSpecTypeTimepoint',
      'scSpecTypeDuration',
      'scSpecTypeVal',
      'scSpecTypeVec',
      'scSpecTypeMap',
      'scSpecTypeOption',
      'scSpecTypeI128',
    ],
  );
  assert.equal(all.outputs.length, 0);
  const expected = xdr.ScSpecTypeDef.scSpecTypeMap(
    new xdr.ScSpecTypeMap({
      keyType: xdr.ScSpecTypeDef.scSpecTypeSymbol(),
      valueType: xdr.ScSpecTypeDef.scSpecTypeOption(
        new xdr.ScSpecTypeOption({ valueType: xdr.ScSpecTypeDef.scSpecTypeI128() }),
      ),
    }),
  );
  assert.deepEqual(Buffer.from(out.outputs[0].toXDR()), Buffer.from(expected.toXDR()));
});

test('contract types: struct fields sorted by name, union cases, enums and error enums', () => {
  const a = analyzeText(
    `import { Point, Shape, Color, Err } from "./types";\nexport function f(p: Point, s: Shape, c: Color): void {}`,
    {
      'types.ts': `
/** A point. */
@contracttype export class Point { constructor(public y: i64, /** x! */ public x: i64) {} z: u32 = 0; }
@contracttype export abstract class Shape {}
export class None extends Shape {}
/** Round. */
export class Circle extends Shape { constructor(public r: u32, public label: Symbol) { super(); } }
@contracttype export enum Color { Red = 1, Green, Blue = 7 }
/** Errors. */
@contracterror export enum Err { Bad = 1, Worse = 20 }
`,
    },
  );
  const entries = specEntries(a.model);
  const struct = entries[0] as xdr.ScSpecEntry & { udtStructV0: xdr.ScSpecUdtStructV0 };
  assert.equal(String(struct.udtStructV0.doc), 'A point.');
  assert.deepEqual(
    struct.udtStructV0.fields.map((f) => String(f.name)),
    ['x', 'y', 'z'],
  );
  assert.equal(String(struct.udtStructV0.fields[0].doc), 'x!');
  const union = entries[1] as xdr.ScSpecEntry & { udtUnionV0: xdr.ScSpecUdtUnionV0 };
  assert.deepEqual(
    union.udtUnionV0.cases.map((c) => c.type),
    ['scSpecUdtUnionCaseVoidV0', 'scSpecUdtUnionCaseTupleV0'],
  );
  const tuple = union.udtUnionV0.cases[1] as xdr.ScSpecUdtUnionCaseV0 & {
    tupleCase: xdr.ScSpecUdtUnionCaseTupleV0;
  };
  assert.deepEqual(
    Object.values(tuple)
      .filter((v) => v && typeof v === 'object')
      .flatMap((c) => (c as xdr.ScSpecUdtUnionCaseTupleV0).type.map((t) => t.type)),
    ['scSpecTypeU32', 'scSpecTypeSymbol'],
  );
  const en = entries[2] as xdr.ScSpecEntry & { udtEnumV0: xdr.ScSpecUdtEnumV0 };
  assert.deepEqual(
    en.udtEnumV0.cases.map((c) => [String(c.name), c.value]),
    [
      ['Red', 1],
      ['Green', 2],
      ['Blue', 7],
    ],
  );
  const err = entries[3] as xdr.ScSpecEntry & { udtErrorEnumV0: xdr.ScSpecUdtErrorEnumV0 };
  assert.deepEqual(
    err.udtErrorEnumV0.cases.map((c) => [String(c.name), c.value]),
    [
      ['Bad', 1],
      ['Worse', 20],
    ],
  );
  assert.equal(entries[4].type, 'scSpecEntryFunctionV0');
});

test('types the spec cannot express fail with a located, explained message', () => {
  rejects('export function f(x: f64): void {}', /index\.ts:1:.*parameter x of f: .*'f64'.*floating-point/);
  rejects('export function f(x: number): void {}', /'number'.*floating-point/);
  rejects('export function f(x: u8): void {}', /'u8'.*no 8-bit integers/);
  rejects('export function f(x: Array<u32>): void {}', /use Vec<T>/);
  rejects(
    'export function f(): Foo { return new Foo(); }',
    /result of f.*'Foo'.*declare it with @contracttype/,
  );
  rejects('export function f(x): void {}', /parameter x of f needs a type annotation/);
  rejects('export function f(x: u32 | null): void {}', /class types only/);
  rejects('export function f(x: Vec<u32, u32>): void {}', /Vec takes 1 type argument/);
  rejects('@contracttype enum C { A = 1 }\nexport function f(x: Vec<C>): void {}', /enum inside a Vec/);
  rejects('@contracterror enum E { A = 1 }\nexport function f(x: E): void {}', /@contracterror enum/);
  rejects('export function f<T>(x: T): void {}', /cannot be generic/);
  rejects('export function bad_name_that_is_far_too_long_for_a_symbol(): void {}', /1 to 32 chars/);
  rejects('function f(): void {}', /exports no functions/);
  rejects('export { g } from "./g";\nexport function f(): void {}', /cannot re-export/, {
    'g.ts': 'export function g(): void {}',
  });
  rejects('@contracttype class S {}\nexport function f(s: S): void {}', /struct S needs at least one field/);
  rejects('@contracttype abstract class U {}\nexport function f(u: U): void {}', /union U has no cases/);
  rejects(
    '@contracttype class S { x: f32 = 0; }\nexport function f(s: S): void {}',
    /field S\.x.*floating-point/,
  );
});

test('symbol literals become constants; invalid ones fail the build', () => {
  const a = analyzeText(
    'import { symbol, Symbol } from "@sorobox/sdk";\nexport function f(): Symbol { return symbol("Hello"); }\nexport function g(): Symbol { return symbol("a_symbol_longer_than_9"); }',
  );
  const text = generateSources(a).get(a.entry.path) as string;
  assert.match(text, new RegExp(`__sdk_symbolConst\\(<u64>0x${smallSymbolVal('Hello').toString(16)}\\)`));
  assert.match(text, /symbol\("a_symbol_longer_than_9"\)/);
  assert.match(text, /export \{ __sdk_export_f as f \};/);
  // Line numbers are kept: the function is still on line 2.
  assert.match(text.split('\n')[1], /function f\(\): Symbol/);
  const bad = analyzeText(
    'import { symbol, Symbol } from "@sorobox/sdk";\nexport function f(): Symbol { return symbol("no spaces"); }',
  );
  assert.throws(() => generateSources(bad), /index\.ts:2:.*'no spaces' is not a symbol/);
});

test('events: prefix topics, @topic fields, and what an event cannot be', () => {
  const a = analyzeText(`
/** Moved. */
@contractevent export class TokenMoved { constructor(@topic public from: Address, public amount: I128) {} }
@contractevent("x", "y") export class Other { @topic who: Symbol = symbol("a"); }
export function f(): void {}`);
  const [moved, other] = specEntries(a.model)
    .filter((e) => e.type === 'scSpecEntryEventV0')
    .map((e) => (e as xdr.ScSpecEntry & { eventV0: xdr.ScSpecEventV0 }).eventV0);
  assert.equal(String(moved.name), 'TokenMoved');
  assert.equal(String(moved.doc), 'Moved.');
  assert.deepEqual(moved.prefixTopics.map(String), ['token_moved']);
  assert.deepEqual(
    moved.params.map((p) => [String(p.name), p.type.type, p.location.name]),
    [
      ['from', 'scSpecTypeAddress', 'scSpecEventParamLocationTopicList'],
      ['amount', 'scSpecTypeI128', 'scSpecEventParamLocationData'],
    ],
  );
  assert.deepEqual(other.prefixTopics.map(String), ['x', 'y']);
  const text = generateSources(a).get(a.entry.path) as string;
  assert.match(text, /publish\(\): void \{/);
  assert.doesNotMatch(text, /@topic|@contractevent/);
  rejects(
    '@contractevent("a", "b", "c") class E { x: u32 = 0; }\nexport function f(): void {}',
    /at most 2 prefix topics/,
  );
  rejects(
    '@contractevent class E { x: u32 = 0; }\nexport function f(e: E): void {}',
    /is a @contractevent: publish it/,
  );
});

test('Result, Option, tuple structs, event options and clients: what each cannot be', () => {
  const errors = '@contracterror enum E { A = 1 }\n';
  rejects(
    `${errors}export function f(r: Result<u32, E>): void {}`,
    /a Result is what a contract function returns/,
  );
  rejects(`${errors}export function f(): Vec<Result<u32, E>> { return Vec.new(); }`, /a Result is what/);
  rejects('export function f(): Result<u32, u32> { return unreachable(); }', /must be a @contracterror enum/);
  rejects(`${errors}@contracttype enum C { A = 1 }\nexport function f(): Result<C, E> {}`, /enum inside/);
  rejects('export function f(x: Option<u32, u32>): void {}', /Option takes 1 type argument/);
  rejects('export function f(x: Vec<void>): void {}', /void is a result type only/);
  rejects(
    '@contracttype class P { constructor(public _0: u32, public b: u32) {} }\nexport function f(p: P): void {}',
    /tuple struct's fields are _0, _1/,
  );
  rejects(
    '@contracttype class P { constructor(public _1: u32) {} }\nexport function f(p: P): void {}',
    /tuple struct's fields are _0, _1/,
  );
  rejects(
    '@contractevent({ dataFormat: "single-value" }) class E { a: u32 = 0; b: u32 = 0; }\nexport function f(): void {}',
    /single-value data format takes at most one data field/,
  );
  rejects(
    '@contractevent({ dataFormat: "xml" }) class E { a: u32 = 0; }\nexport function f(): void {}',
    /dataFormat must be one of/,
  );
  rejects(
    '@contractevent({ dataFormat: "vec", sparse: true }) class E { a: u32 = 0; }\nexport function f(): void {}',
    /sparse applies to the map data format only/,
  );
  rejects(
    '@contracttype @contractevent class E { a: u32 = 0; }\nexport function f(): void {}',
    /one of @contracttype/,
  );
  rejects(
    '@contractclient class C { }\nexport function f(): void {}',
    /abstract class C extends ContractClient/,
  );
  rejects(
    '@contractclient abstract class C extends ContractClient { }\nexport function f(): void {}',
    /declares no abstract methods/,
  );
  rejects(
    '@contractclient abstract class C extends ContractClient { abstract g(x: f64): void; }\nexport function f(): void {}',
    /parameter x of g.*floating-point/,
  );
  rejects(
    '@contractclient abstract class C extends ContractClient { abstract g(): void; }\nexport function f(c: C): void {}',
    /is a @contractclient: pass the contract's Address/,
  );
});

test('a client method gets a body calling its contract function; the class becomes concrete', () => {
  const a = analyzeText(`
@contracterror enum E { A = 1 }
@contractclient export abstract class C extends ContractClient {
  abstract get(key: Symbol): u32;
  abstract checked(): Result<void, E>;
}
export function f(): void {}`);
  assert.deepEqual(
    a.model.clients[0].methods.map((m) => m.name),
    ['get', 'checked'],
  );
  const lines = (generateSources(a).get(a.entry.path) as string).split('\n');
  assert.match(lines[2], /^\s+class C extends ContractClient \{/);
  assert.match(
    lines[3],
    /get\(key: Symbol\): u32 \{ .*__sdk_call\(this\.address\.raw, <u64>0x[0-9a-f]+, __a\)/,
  );
  assert.match(lines[4], /checked\(\): Result<void, E> \{ .*__sdk_tryCall\(/);
  assert.equal(specEntries(a.model).length, 2, 'the error enum and f: a client is not in the spec');
});
