/**
 * Reads a contract's AssemblyScript sources with the TypeScript parser (syntax only) and derives
 * the contract model: the entry file's exported functions, and the contract types declared with
 * `@contracttype` (a class is a struct, an abstract class a union whose cases are the classes
 * extending it, an enum an integer enum) and `@contracterror` (an error enum), with their doc
 * comments. Every type that the contract spec cannot express is reported with its location.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import {
  SMALL_SYMBOL_MAX,
  type BuiltinName,
  type ClientDef,
  type ContractModel,
  type ContractType,
  type EnumDef,
  type EventDataFormat,
  type EventDef,
  type Field,
  type FunctionDef,
  type StructDef,
  type TypeDef,
  type UnionDef,
} from './types.ts';

export class ContractBuildError extends Error {
  override name = 'ContractBuildError';
}

export interface UserFile {
  readonly path: string;
  readonly text: string;
  readonly source: ts.SourceFile;
}

/** Where a declaration is, for the code generator. */
export interface Located<T> {
  readonly def: T;
  readonly file: UserFile;
  readonly node: ts.Node;
}

export interface Analysis {
  readonly model: ContractModel;
  readonly entry: UserFile;
  readonly files: readonly UserFile[];
  readonly functions: readonly Located<FunctionDef>[];
  readonly structs: readonly Located<StructDef>[];
  /** Each union with the class declaring each case, in case order. */
  readonly unions: readonly (Located<UnionDef> & { readonly caseNodes: readonly ts.ClassDeclaration[] })[];
  readonly enums: readonly Located<EnumDef>[];
  readonly events: readonly Located<EventDef>[];
  /** Each client with its abstract method declarations, in method order. */
  readonly clients: readonly (Located<ClientDef> & {
    readonly methodNodes: readonly ts.MethodDeclaration[];
  })[];
}

const BUILTINS: Record<string, BuiltinName> = {
  Val: 'Val',
  Symbol: 'Symbol',
  Str: 'String',
  string: 'String',
  Bytes: 'Bytes',
  Address: 'Address',
  MuxedAddress: 'MuxedAddress',
  I128: 'I128',
  U128: 'U128',
  I256: 'I256',
  U256: 'U256',
  Timepoint: 'Timepoint',
  Duration: 'Duration',
};

const PRIMS: Record<string, 'bool' | 'u32' | 'i32' | 'u64' | 'i64'> = {
  bool: 'bool',
  boolean: 'bool',
  u32: 'u32',
  i32: 'i32',
  u64: 'u64',
  i64: 'i64',
};

const UNSUPPORTED_HINTS: Record<string, string> = {
  f32: 'contracts cannot use floating-point numbers',
  f64: 'contracts cannot use floating-point numbers',
  number: 'contracts cannot use floating-point numbers (number is f64): use u32, i32, u64, i64, I128...',
  u8: 'the spec has no 8-bit integers: use u32',
  i8: 'the spec has no 8-bit integers: use i32',
  u16: 'the spec has no 16-bit integers: use u32',
  i16: 'the spec has no 16-bit integers: use i32',
  usize: 'usize is a pointer-sized integer: use u32 or u64',
  isize: 'isize is a pointer-sized integer: use i32 or i64',
  Array: "AssemblyScript arrays live in the contract's memory: use Vec<T>",
  StaticArray: 'use Vec<T>',
  Uint8Array: 'use Bytes or a BytesN type (Bytes32...)',
  ArrayBuffer: 'use Bytes',
};

/** A symbol char is [a-zA-Z0-9_]. */
export const isSymbolText = (s: string, max: number): boolean => s.length <= max && /^[A-Za-z0-9_]*$/.test(s);

const location = (file: UserFile, node: ts.Node): string => {
  const { line, character } = file.source.getLineAndCharacterOfPosition(node.getStart(file.source));
  return `${relative(process.cwd(), file.path)}:${line + 1}:${character + 1}`;
};

const fail = (file: UserFile, node: ts.Node, message: string): never => {
  throw new ContractBuildError(`${location(file, node)}: ${message}`);
};

const DOC_LIMIT = 1024;

/** The JSDoc text of a declaration (`/** ... *\/`), and its `@param` texts by name. */
const docOf = (node: ts.Node): { text: string; params: Map<string, string> } => {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  const params = new Map<string, string>();
  const texts: string[] = [];
  for (const d of docs) {
    const t = ts.getTextOfJSDocComment(d.comment);
    if (t) texts.push(t.trim());
    for (const tag of d.tags ?? [])
      if (ts.isJSDocParameterTag(tag))
        params.set(
          tag.name.getText(),
          (ts.getTextOfJSDocComment(tag.comment) ?? '').replace(/^-\s*/, '').trim(),
        );
  }
  return { text: texts.join('\n').slice(0, DOC_LIMIT), params };
};

/**
 * The decorators on a declaration. TypeScript allows them on classes only, but its parser keeps
 * them among the modifiers of any declaration, as AssemblyScript does (`@contracttype enum`).
 */
export const decoratorsOf = (node: ts.Node): ts.Decorator[] => {
  const modifiers: readonly ts.ModifierLike[] =
    (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers ?? [];
  return modifiers.filter((m): m is ts.Decorator => ts.isDecorator(m));
};

export const decoratorName = (d: ts.Decorator): string =>
  (ts.isCallExpression(d.expression) ? d.expression.expression : d.expression).getText();

const decoratorNames = (node: ts.Node): string[] => decoratorsOf(node).map(decoratorName);

const hasModifier = (node: ts.Node, kind: ts.SyntaxKind): boolean =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);

/** Loads the entry and every user file it imports by relative path (packages are not user code). */
export const loadUserFiles = (
  entryPath: string,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): UserFile[] => {
  const files: UserFile[] = [];
  const seen = new Set<string>();
  const visit = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFile(path);
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    const file = { path, text, source };
    files.push(file);
    for (const st of source.statements) {
      const spec =
        (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) &&
        st.moduleSpecifier &&
        ts.isStringLiteral(st.moduleSpecifier)
          ? st.moduleSpecifier.text
          : undefined;
      if (spec === undefined || !spec.startsWith('.')) continue;
      const base = resolve(dirname(path), spec);
      const target = [`${base}.ts`, `${base}/index.ts`].find((p) => existsSync(p));
      if (!target) fail(file, st, `cannot find the module '${spec}'`);
      visit(target as string);
    }
  };
  visit(entryPath);
  return files;
};

const DECLARATION_DECORATORS = ['contracttype', 'contracterror', 'contractevent', 'contractclient'];

interface Declared {
  readonly file: UserFile;
  readonly node: ts.ClassDeclaration | ts.EnumDeclaration | ts.TypeAliasDeclaration;
  readonly kind: 'struct' | 'union' | 'enum' | 'error' | 'event' | 'client' | 'alias';
}

/** Collects the contract types and aliases declared in the user files, by name. */
const collectDeclarations = (files: readonly UserFile[]): Map<string, Declared> => {
  const declared = new Map<string, Declared>();
  const add = (name: string, d: Declared): void => {
    const prior = declared.get(name);
    if (prior)
      fail(
        d.file,
        d.node,
        `contract type ${name} is declared twice (also at ${location(prior.file, prior.node)})`,
      );
    declared.set(name, d);
  };
  for (const file of files)
    for (const st of file.source.statements) {
      const decorators = decoratorNames(st);
      const kinds = decorators.filter((n) => DECLARATION_DECORATORS.includes(n));
      if (kinds.length > 1)
        fail(file, st, `a declaration takes one of @${DECLARATION_DECORATORS.join(', @')}, once`);
      const contractType = decorators.includes('contracttype');
      const contractError = decorators.includes('contracterror');
      if (ts.isClassDeclaration(st) && st.name && decorators.includes('contractevent')) {
        add(st.name.text, { file, node: st, kind: 'event' });
      } else if (ts.isClassDeclaration(st) && st.name && decorators.includes('contractclient')) {
        add(st.name.text, { file, node: st, kind: 'client' });
      } else if (ts.isClassDeclaration(st) && st.name && (contractType || contractError)) {
        if (contractError)
          fail(
            file,
            st,
            '@contracterror applies to enums: declare the errors as `@contracterror enum Name { ... }`',
          );
        add(st.name.text, {
          file,
          node: st,
          kind: hasModifier(st, ts.SyntaxKind.AbstractKeyword) ? 'union' : 'struct',
        });
      } else if (ts.isEnumDeclaration(st) && (contractType || contractError)) {
        add(st.name.text, { file, node: st, kind: contractError ? 'error' : 'enum' });
      } else if (ts.isTypeAliasDeclaration(st)) {
        declared.set(st.name.text, { file, node: st, kind: 'alias' });
      }
    }
  return declared;
};

/** Where a type appears: inside a Vec/Map/Option/Result (`generic`), or as a result (`result`). */
interface TypePosition {
  readonly generic?: boolean;
  readonly result?: boolean;
}

/** Resolves type annotations to contract types against the declared types. */
class TypeResolver {
  constructor(private readonly declared: Map<string, Declared>) {}

  resolve(file: UserFile, node: ts.TypeNode | undefined, where: string, at: TypePosition = {}): ContractType {
    if (!node) return fail(file, file.source, `${where} needs a type annotation`);
    const text = node.getText(file.source);
    const unsupported = (why: string): never =>
      fail(file, node, `${where}: the contract spec cannot express type '${text}': ${why}`);
    const inner = (n: ts.TypeNode | undefined): ContractType =>
      this.resolve(file, n, where, { generic: true });
    if (node.kind === ts.SyntaxKind.VoidKeyword) {
      if (at.generic) unsupported('void is a result type only (or the ok type of a Result)');
      return { kind: 'void', text };
    }
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'prim', name: 'bool', text };
    if (node.kind === ts.SyntaxKind.StringKeyword) return { kind: 'builtin', name: 'String', text };
    if (node.kind === ts.SyntaxKind.NumberKeyword) return unsupported(UNSUPPORTED_HINTS.number);
    if (ts.isParenthesizedTypeNode(node)) return this.resolve(file, node.type, where, at);
    if (ts.isUnionTypeNode(node)) {
      const others = node.types.filter(
        (t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
      );
      if (others.length !== 1 || others.length === node.types.length)
        return unsupported('the only union a contract type can be is `T | null` (an Option)');
      const t = this.resolve(file, others[0], where, at);
      if (t.kind === 'prim' || t.kind === 'void' || (t.kind === 'udt' && t.udt === 'enum'))
        return unsupported('AssemblyScript allows `| null` on class types only: use Option<T>');
      return { kind: 'option', inner: t, text };
    }
    if (!ts.isTypeReferenceNode(node) || !ts.isIdentifier(node.typeName))
      return unsupported('use a named type (u32, Address, Vec<T>, a @contracttype class...)');
    const name = node.typeName.text;
    const args = node.typeArguments ?? [];
    const arity = (n: number): void => {
      if (args.length !== n) unsupported(`${name} takes ${n} type argument${n === 1 ? '' : 's'}`);
    };
    const d = this.declared.get(name);
    // An alias keeps the name written here: the generated code refers to it from this file.
    if (d?.kind === 'alias')
      return { ...this.resolve(d.file, (d.node as ts.TypeAliasDeclaration).type, where, at), text };
    if (d) {
      arity(0);
      if (d.kind === 'error')
        return unsupported(
          `${name} is a @contracterror enum: fail with it (panicWithError) or return it in a Result<T, ${name}>`,
        );
      if (d.kind === 'event')
        return unsupported(`${name} is a @contractevent: publish it, do not pass it as a value`);
      if (d.kind === 'client')
        return unsupported(`${name} is a @contractclient: pass the contract's Address instead`);
      if (d.kind === 'enum' && at.generic)
        return unsupported(
          `an enum inside a Vec, Map, Option or Result cannot be told from an i32 in AssemblyScript: use u32 there, or a @contracttype class`,
        );
      return { kind: 'udt', name, udt: d.kind as 'struct' | 'union' | 'enum', text };
    }
    if (PRIMS[name]) {
      arity(0);
      return { kind: 'prim', name: PRIMS[name], text };
    }
    if (BUILTINS[name]) {
      arity(0);
      return { kind: 'builtin', name: BUILTINS[name], text };
    }
    const bytesN = /^Bytes(\d+)$/.exec(name);
    if (bytesN) {
      arity(0);
      return { kind: 'bytesN', n: Number(bytesN[1]), text };
    }
    if (name === 'Vec') {
      arity(1);
      return { kind: 'vec', element: inner(args[0]), text };
    }
    if (name === 'Map') {
      arity(2);
      return { kind: 'map', key: inner(args[0]), value: inner(args[1]), text };
    }
    if (name === 'Option') {
      arity(1);
      return { kind: 'option', inner: inner(args[0]), text };
    }
    if (name === 'Result') {
      arity(2);
      if (!at.result || at.generic)
        unsupported('a Result is what a contract function returns: it cannot be an argument or a field');
      const ok =
        args[0].kind === ts.SyntaxKind.VoidKeyword
          ? ({ kind: 'void', text: 'void' } as const)
          : inner(args[0]);
      const e = args[1];
      const errorDecl =
        ts.isTypeReferenceNode(e) && ts.isIdentifier(e.typeName)
          ? this.declared.get(e.typeName.text)
          : undefined;
      if (errorDecl?.kind !== 'error')
        unsupported(
          `the error type of a Result must be a @contracterror enum, not '${e.getText(file.source)}'`,
        );
      return { kind: 'result', ok, error: (e as ts.TypeReferenceNode).typeName.getText(file.source), text };
    }
    return unsupported(
      UNSUPPORTED_HINTS[name] ?? `${name} is not a contract type (declare it with @contracttype)`,
    );
  }
}

const checkName = (file: UserFile, node: ts.Node, what: string, name: string, max: number): void => {
  if (!isSymbolText(name, max) || name.length === 0)
    fail(file, node, `${what} '${name}' must be 1 to ${max} chars of [a-zA-Z0-9_]`);
};

/** A class's payload or fields: `public` constructor parameters, then property declarations. */
const classFields = (
  file: UserFile,
  cls: ts.ClassDeclaration,
  resolver: TypeResolver,
  owner: string,
): Field[] => {
  const fields: Field[] = [];
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  for (const p of ctor?.parameters ?? []) {
    const isProperty =
      ts.canHaveModifiers(p) &&
      (ts.getModifiers(p) ?? []).some((m) =>
        [
          ts.SyntaxKind.PublicKeyword,
          ts.SyntaxKind.PrivateKeyword,
          ts.SyntaxKind.ProtectedKeyword,
          ts.SyntaxKind.ReadonlyKeyword,
        ].includes(m.kind),
      );
    if (!isProperty) continue;
    const name = p.name.getText(file.source);
    fields.push({ name, doc: docOf(p).text, type: resolver.resolve(file, p.type, `field ${owner}.${name}`) });
  }
  for (const m of cls.members) {
    if (!ts.isPropertyDeclaration(m) || hasModifier(m, ts.SyntaxKind.StaticKeyword)) continue;
    const name = m.name.getText(file.source);
    fields.push({ name, doc: docOf(m).text, type: resolver.resolve(file, m.type, `field ${owner}.${name}`) });
  }
  return fields;
};

/** The fields (constructor parameters or properties) marked `@topic`. */
const topicFieldNames = (file: UserFile, cls: ts.ClassDeclaration): string[] => {
  const ctor = cls.members.find(ts.isConstructorDeclaration);
  const nodes: (ts.ParameterDeclaration | ts.ClassElement)[] = [...(ctor?.parameters ?? []), ...cls.members];
  return nodes
    .filter((n) => decoratorNames(n).includes('topic'))
    .map((n) => (n.name as ts.Node).getText(file.source));
};

interface EventOptions {
  readonly prefixTopics: string[];
  readonly dataFormat: EventDataFormat;
  readonly sparse: boolean;
}

const DATA_FORMATS: readonly EventDataFormat[] = ['map', 'vec', 'single-value'];

/**
 * `@contractevent` takes the Rust SDK's options: prefix topics as string arguments
 * (`@contractevent("a", "b")`) or `{ topics: ["a"], dataFormat: "vec", sparse: false }`. The default
 * prefix topic is the name in snake_case; the default data format a sparse map.
 */
const eventOptions = (file: UserFile, cls: ts.ClassDeclaration, name: string): EventOptions => {
  const d = decoratorsOf(cls).find((x) => decoratorName(x) === 'contractevent') as ts.Decorator;
  const args = ts.isCallExpression(d.expression) ? d.expression.arguments : [];
  const literal = (a: ts.Expression, what: string): string =>
    ts.isStringLiteralLike(a) ? a.text : fail(file, a, `${what} must be a string literal`);
  let topics: string[] | undefined;
  let dataFormat: EventDataFormat = 'map';
  let sparse: boolean | undefined;
  for (const a of args) {
    if (ts.isStringLiteralLike(a)) {
      topics = [...(topics ?? []), a.text];
      continue;
    }
    if (!ts.isObjectLiteralExpression(a))
      fail(file, a, 'an event option is a prefix topic string or { topics, dataFormat, sparse }');
    for (const p of (a as ts.ObjectLiteralExpression).properties) {
      const key = p.name?.getText(file.source);
      const value = ts.isPropertyAssignment(p) ? p.initializer : undefined;
      if (key === 'topics' && value && ts.isArrayLiteralExpression(value))
        topics = value.elements.map((t) => literal(t, 'an event prefix topic'));
      else if (key === 'dataFormat' && value) {
        const f = literal(value, 'dataFormat') as EventDataFormat;
        if (!DATA_FORMATS.includes(f))
          fail(file, value, `dataFormat must be one of ${DATA_FORMATS.join(', ')}`);
        dataFormat = f;
      } else if (
        key === 'sparse' &&
        value &&
        (value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword)
      )
        sparse = value.kind === ts.SyntaxKind.TrueKeyword;
      else
        fail(
          file,
          p,
          'event options are topics: string[], dataFormat: "map" | "vec" | "single-value", sparse: boolean',
        );
    }
  }
  topics ??= [name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()];
  if (topics.length > 2) fail(file, d, 'an event has at most 2 prefix topics');
  for (const t of topics) checkName(file, d, 'event topic', t, 32);
  if (sparse !== undefined && dataFormat !== 'map')
    fail(file, d, 'sparse applies to the map data format only');
  return { prefixTopics: topics, dataFormat, sparse: dataFormat === 'map' && sparse !== false };
};

const enumCases = (file: UserFile, node: ts.EnumDeclaration): EnumDef['cases'] => {
  let next = 0;
  return node.members.map((m) => {
    const name = m.name.getText(file.source);
    checkName(file, m, 'enum case', name, 60);
    let value = next;
    if (m.initializer) {
      if (!ts.isNumericLiteral(m.initializer)) fail(file, m, `enum case ${name} needs a plain number value`);
      value = Number((m.initializer as ts.NumericLiteral).text);
    }
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff)
      fail(file, m, `enum case ${name} must be a u32`);
    next = value + 1;
    return { name, doc: docOf(m).text, value };
  });
};

export const analyze = (files: readonly UserFile[]): Analysis => {
  const entry = files[0];
  const declared = collectDeclarations(files);
  const resolver = new TypeResolver(declared);
  const structs: Analysis['structs'][number][] = [];
  const unions: Analysis['unions'][number][] = [];
  const enums: Located<EnumDef>[] = [];
  const events: Located<EventDef>[] = [];
  const types: TypeDef[] = [];

  for (const [name, d] of declared) {
    if (d.kind === 'alias' || d.kind === 'client') continue;
    checkName(d.file, d.node, 'contract type name', name, 60);
    const doc = docOf(d.node).text;
    if (d.kind === 'enum' || d.kind === 'error') {
      const node = d.node as ts.EnumDeclaration;
      if (node.members.length === 0) fail(d.file, node, `enum ${name} needs at least one case`);
      const def: EnumDef = { kind: d.kind, name, doc, cases: enumCases(d.file, node) };
      enums.push({ def, file: d.file, node });
      types.push(def);
    } else if (d.kind === 'event') {
      const node = d.node as ts.ClassDeclaration;
      if (node.heritageClauses?.length || node.typeParameters?.length)
        fail(d.file, node, `event ${name} cannot extend anything or be generic`);
      const fields = classFields(d.file, node, resolver, name);
      const topics = new Set(topicFieldNames(d.file, node));
      for (const f of fields) checkName(d.file, node, 'event field', f.name, 30);
      const options = eventOptions(d.file, node, name);
      if (options.dataFormat === 'single-value' && fields.filter((f) => !topics.has(f.name)).length > 1)
        fail(d.file, node, `event ${name}: the single-value data format takes at most one data field`);
      const def: EventDef = {
        kind: 'event',
        name,
        doc,
        ...options,
        params: fields.map((f) => ({ ...f, topic: topics.has(f.name) })),
      };
      events.push({ def, file: d.file, node });
    } else if (d.kind === 'struct') {
      const node = d.node as ts.ClassDeclaration;
      if (node.heritageClauses?.length)
        fail(d.file, node, `struct ${name} cannot extend or implement anything`);
      if (node.typeParameters?.length) fail(d.file, node, `struct ${name} cannot be generic`);
      const fields = classFields(d.file, node, resolver, name);
      if (fields.length === 0) fail(d.file, node, `struct ${name} needs at least one field`);
      for (const f of fields) checkName(d.file, node, 'struct field', f.name, 30);
      const tuple = fields.some((f) => /^_\d+$/.test(f.name));
      if (tuple && fields.some((f, i) => f.name !== `_${i}`))
        fail(
          d.file,
          node,
          `struct ${name}: a tuple struct's fields are _0, _1, ... in order, and a named struct has no field like _0`,
        );
      const def: StructDef = { kind: 'struct', name, doc, fields, tuple };
      structs.push({ def, file: d.file, node });
      types.push(def);
    } else {
      const node = d.node as ts.ClassDeclaration;
      if (node.members.length > 0)
        fail(
          d.file,
          node,
          `union ${name} is declared by its cases (classes extending it): leave its body empty`,
        );
      const caseNodes: ts.ClassDeclaration[] = [];
      const cases: UnionDef['cases'][number][] = [];
      for (const file of files)
        for (const st of file.source.statements) {
          if (!ts.isClassDeclaration(st) || !st.name) continue;
          const base = st.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]
            ?.expression;
          if (!base || base.getText(file.source) !== name) continue;
          const caseName = st.name.text;
          checkName(file, st, 'union case', caseName, 32);
          if (
            st.members.some(
              (m) => m.name?.getText(file.source) === 'toVal' || m.name?.getText(file.source) === '__fromVal',
            )
          )
            fail(
              file,
              st,
              `union case ${caseName} cannot define toVal or __fromVal: the build generates them`,
            );
          caseNodes.push(st);
          cases.push({
            name: caseName,
            doc: docOf(st).text,
            fields: classFields(file, st, resolver, caseName),
          });
        }
      if (cases.length === 0)
        fail(d.file, node, `union ${name} has no cases: declare classes that extend it`);
      const def: UnionDef = { kind: 'union', name, doc, cases };
      unions.push({ def, file: d.file, node, caseNodes });
      types.push(def);
    }
  }

  const clients: Analysis['clients'][number][] = [];
  for (const [name, d] of declared) {
    if (d.kind !== 'client') continue;
    const node = d.node as ts.ClassDeclaration;
    const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    if (
      !hasModifier(node, ts.SyntaxKind.AbstractKeyword) ||
      base?.expression.getText(d.file.source) !== 'ContractClient'
    )
      fail(
        d.file,
        node,
        `@contractclient ${name} is declared as \`abstract class ${name} extends ContractClient\` with abstract methods`,
      );
    const methodNodes = node.members.filter(
      (m): m is ts.MethodDeclaration =>
        ts.isMethodDeclaration(m) && hasModifier(m, ts.SyntaxKind.AbstractKeyword),
    );
    if (methodNodes.length === 0) fail(d.file, node, `@contractclient ${name} declares no abstract methods`);
    const methods = methodNodes.map((m) => functionDef(d.file, m, resolver, `method of ${name}`));
    clients.push({ def: { name, methods }, file: d.file, node, methodNodes });
  }

  const functions: Located<FunctionDef>[] = [];
  for (const st of entry.source.statements) {
    if (ts.isExportDeclaration(st) || ts.isExportAssignment(st))
      fail(
        entry,
        st,
        'the contract entry cannot re-export: declare each contract function in it with `export function`',
      );
    if (!ts.isFunctionDeclaration(st) || !hasModifier(st, ts.SyntaxKind.ExportKeyword) || !st.name) continue;
    functions.push({ def: functionDef(entry, st, resolver, 'contract function'), file: entry, node: st });
  }
  if (functions.length === 0)
    fail(entry, entry.source, 'the contract exports no functions (`export function name(...)`)');
  return {
    model: {
      functions: functions.map((f) => f.def),
      types,
      events: events.map((e) => e.def),
      clients: clients.map((c) => c.def),
    },
    entry,
    files,
    functions,
    structs,
    unions,
    enums,
    events,
    clients,
  };
};

/** A contract function's interface: an exported function, or a client's abstract method. */
const functionDef = (
  file: UserFile,
  node: ts.FunctionDeclaration | ts.MethodDeclaration,
  resolver: TypeResolver,
  what: string,
): FunctionDef => {
  const name = (node.name as ts.Identifier).getText(file.source);
  checkName(file, node, `${what} name`, name, 32);
  if (node.typeParameters?.length) fail(file, node, `${what} ${name} cannot be generic`);
  const doc = docOf(node);
  const params = node.parameters.map((p) => {
    const pname = p.name.getText(file.source);
    checkName(file, p, 'parameter name', pname, 30);
    if (p.initializer || p.questionToken || p.dotDotDotToken)
      fail(file, p, `parameter ${pname}: optional and rest parameters are not supported`);
    const type = resolver.resolve(file, p.type, `parameter ${pname} of ${name}`);
    if (type.kind === 'void') fail(file, p, `parameter ${pname} cannot be void`);
    return { name: pname, doc: doc.params.get(pname) ?? '', type };
  });
  const returns = node.type
    ? resolver.resolve(file, node.type, `the result of ${name}`, { result: true })
    : ({ kind: 'void', text: 'void' } as const);
  return { name, doc: doc.text, params, returns };
};

/** The small-symbol Val of `name` (at most 9 valid chars), as the host encodes it. */
export const smallSymbolVal = (name: string): bigint => {
  if (name.length > SMALL_SYMBOL_MAX || !isSymbolText(name, SMALL_SYMBOL_MAX))
    throw new Error(`not a small symbol: ${name}`);
  let body = 0n;
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    const code = c === 0x5f ? 1 : c <= 0x39 ? c - 0x30 + 2 : c <= 0x5a ? c - 0x41 + 12 : c - 0x61 + 38;
    body = (body << 6n) | BigInt(code);
  }
  return (body << 8n) | 14n;
};
