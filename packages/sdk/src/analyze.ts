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
  type ContractModel,
  type ContractType,
  type EnumDef,
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

interface Declared {
  readonly file: UserFile;
  readonly node: ts.ClassDeclaration | ts.EnumDeclaration | ts.TypeAliasDeclaration;
  readonly kind: 'struct' | 'union' | 'enum' | 'error' | 'event' | 'alias';
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
      const contractType = decorators.includes('contracttype');
      const contractError = decorators.includes('contracterror');
      if (ts.isClassDeclaration(st) && st.name && decorators.includes('contractevent')) {
        add(st.name.text, { file, node: st, kind: 'event' });
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

/** Resolves type annotations to contract types against the declared types. */
class TypeResolver {
  constructor(private readonly declared: Map<string, Declared>) {}

  resolve(file: UserFile, node: ts.TypeNode | undefined, where: string, inGeneric = false): ContractType {
    if (!node) return fail(file, file.source, `${where} needs a type annotation`);
    const text = node.getText(file.source);
    const unsupported = (why: string): never =>
      fail(file, node, `${where}: the contract spec cannot express type '${text}': ${why}`);
    if (node.kind === ts.SyntaxKind.VoidKeyword) return { kind: 'void', text };
    if (node.kind === ts.SyntaxKind.BooleanKeyword) return { kind: 'prim', name: 'bool', text };
    if (node.kind === ts.SyntaxKind.StringKeyword) return { kind: 'builtin', name: 'String', text };
    if (node.kind === ts.SyntaxKind.NumberKeyword) return unsupported(UNSUPPORTED_HINTS.number);
    if (ts.isParenthesizedTypeNode(node)) return this.resolve(file, node.type, where, inGeneric);
    if (ts.isUnionTypeNode(node)) {
      const others = node.types.filter(
        (t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
      );
      if (others.length !== 1 || others.length === node.types.length)
        return unsupported('the only union a contract type can be is `T | null` (an Option)');
      const inner = this.resolve(file, others[0], where, inGeneric);
      if (inner.kind === 'prim' || inner.kind === 'void' || (inner.kind === 'udt' && inner.udt === 'enum'))
        return unsupported('AssemblyScript allows `| null` on class types only');
      return { kind: 'option', inner, text };
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
      return { ...this.resolve(d.file, (d.node as ts.TypeAliasDeclaration).type, where, inGeneric), text };
    if (d) {
      arity(0);
      if (d.kind === 'error')
        return unsupported(
          `${name} is a @contracterror enum: fail with it (panicWithError), do not pass it as a value`,
        );
      if (d.kind === 'event')
        return unsupported(`${name} is a @contractevent: publish it, do not pass it as a value`);
      if (d.kind === 'enum' && inGeneric)
        return unsupported(
          `an enum inside a Vec or Map cannot be told from an i32 in AssemblyScript: use u32 there, or a @contracttype class`,
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
      return { kind: 'vec', element: this.resolve(file, args[0], where, true), text };
    }
    if (name === 'Map') {
      arity(2);
      return {
        kind: 'map',
        key: this.resolve(file, args[0], where, true),
        value: this.resolve(file, args[1], where, true),
        text,
      };
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

/** `@contractevent("a", "b")` sets the prefix topics; the default is the name in snake_case. */
const eventPrefixTopics = (file: UserFile, cls: ts.ClassDeclaration, name: string): string[] => {
  const d = decoratorsOf(cls).find((x) => decoratorName(x) === 'contractevent') as ts.Decorator;
  const topics = ts.isCallExpression(d.expression)
    ? d.expression.arguments.map((a) =>
        ts.isStringLiteralLike(a) ? a.text : fail(file, a, 'event prefix topics are string literals'),
      )
    : [name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()];
  if (topics.length > 2) fail(file, d, 'an event has at most 2 prefix topics');
  for (const t of topics) checkName(file, d, 'event topic', t, 32);
  return topics;
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
    if (d.kind === 'alias') continue;
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
      const def: EventDef = {
        kind: 'event',
        name,
        doc,
        prefixTopics: eventPrefixTopics(d.file, node, name),
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
      const def: StructDef = { kind: 'struct', name, doc, fields };
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

  const functions: Located<FunctionDef>[] = [];
  for (const st of entry.source.statements) {
    if (ts.isExportDeclaration(st) || ts.isExportAssignment(st))
      fail(
        entry,
        st,
        'the contract entry cannot re-export: declare each contract function in it with `export function`',
      );
    if (!ts.isFunctionDeclaration(st) || !hasModifier(st, ts.SyntaxKind.ExportKeyword) || !st.name) continue;
    const name = st.name.text;
    checkName(entry, st, 'contract function name', name, 32);
    if (st.typeParameters?.length) fail(entry, st, `contract function ${name} cannot be generic`);
    const doc = docOf(st);
    const params = st.parameters.map((p) => {
      const pname = p.name.getText(entry.source);
      checkName(entry, p, 'parameter name', pname, 30);
      if (p.initializer || p.questionToken || p.dotDotDotToken)
        fail(entry, p, `parameter ${pname}: optional and rest parameters are not supported`);
      const type = resolver.resolve(entry, p.type, `parameter ${pname} of ${name}`);
      if (type.kind === 'void') fail(entry, p, `parameter ${pname} cannot be void`);
      return { name: pname, doc: doc.params.get(pname) ?? '', type };
    });
    const returns = st.type
      ? resolver.resolve(entry, st.type, `the result of ${name}`)
      : ({ kind: 'void', text: 'void' } as const);
    functions.push({ def: { name, doc: doc.text, params, returns }, file: entry, node: st });
  }
  if (functions.length === 0)
    fail(entry, entry.source, 'the contract exports no functions (`export function name(...)`)');
  return {
    model: { functions: functions.map((f) => f.def), types, events: events.map((e) => e.def) },
    entry,
    files,
    functions,
    structs,
    unions,
    enums,
    events,
  };
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
