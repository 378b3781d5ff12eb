/**
 * Rewrites the contract's sources for the AssemblyScript compiler: generates the Val conversions of
 * every contract type inside its class (`toVal`, `__fromVal`), wraps each exported contract function
 * in an export taking and returning i64 Vals, turns `symbol("literal")` into a constant, and removes
 * the SDK's decorators. Edits keep line numbers, so compiler messages point at the user's lines.
 */
import ts from 'typescript';
import {
  ContractBuildError,
  decoratorName,
  decoratorsOf,
  isSymbolText,
  smallSymbolVal,
  type Analysis,
  type UserFile,
} from './analyze.ts';
import { SMALL_SYMBOL_MAX, type ContractType, type EnumDef, type EventDef, type Field } from './types.ts';

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const blank = (file: UserFile, start: number, end: number): Edit => ({
  start,
  end,
  text: file.text.slice(start, end).replace(/[^\n]/g, ' '),
});

const hex = (v: bigint): string => `<u64>0x${v.toString(16)}`;

/** The raw Val of a symbol for a name: a constant when small, else built at run time. */
const symbolExpr = (name: string): string =>
  name.length <= SMALL_SYMBOL_MAX ? hex(smallSymbolVal(name)) : `__sdk_symbolVal(${JSON.stringify(name)})`;

const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];

class Converter {
  constructor(private readonly enums: ReadonlyMap<string, EnumDef>) {}

  toVal(t: ContractType, expr: string): string {
    if (t.kind === 'udt' && t.udt === 'enum') return `toVal<u32>(<u32>(${expr}))`;
    return `toVal<${t.text}>(${expr})`;
  }

  fromVal(t: ContractType, val: string): string {
    if (t.kind === 'udt' && t.udt === 'enum') {
      const values = (this.enums.get(t.name) as EnumDef).cases.map((c) => c.value);
      return `(<${t.text}>__sdk_enumFromVal(${val}, memory.data<u32>([${values.join(', ')}]), ${values.length}))`;
    }
    return `fromVal<${t.text}>(${val})`;
  }

  /** Stores a field without going through its setter or `readonly` (the object is fresh). */
  storeField(cls: string, obj: string, f: Field, val: string): string {
    const value = this.fromVal(f.type, val);
    const scalar = f.type.kind === 'prim' || (f.type.kind === 'udt' && f.type.udt === 'enum');
    return scalar
      ? `store<${f.type.text}>(changetype<usize>(${obj}), ${value}, offsetof<${cls}>(${JSON.stringify(f.name)}));`
      : `store<usize>(changetype<usize>(${obj}), changetype<usize>(${value}), offsetof<${cls}>(${JSON.stringify(f.name)}));`;
  }
}

/** Field-name slices for the host's map functions: names sorted, as the Rust SDK orders them. */
const keysExpr = (names: readonly string[]): string =>
  `__sdk_keys(memory.data<u8>([${names.flatMap(utf8).join(', ')}]), memory.data<u32>([${names.map((n) => utf8(n).length).join(', ')}]), ${names.length})`;

const byName = (a: Field, b: Field): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Declares `name`, a StaticArray<u64> holding the Vals `vals`. */
const valsArray = (name: string, vals: readonly string[]): string =>
  `const ${name} = new StaticArray<u64>(${vals.length}); ${vals.map((v, i) => `unchecked((${name}[${i}] = ${v}));`).join(' ')}`;

/**
 * An event's data value from its data field Vals in `__d` (declaration order, or sorted by name for
 * a map), in its data format: a map keyed by the field names (sparse omits Void values), a vector
 * of the values, or the one value (Void when there is none).
 */
const eventData = (def: EventDef, data: readonly Field[]): string => {
  switch (def.dataFormat) {
    case 'single-value':
      return data.length === 0 ? '<u64>2 /* Void */' : 'unchecked(__d[0])';
    case 'vec':
      return '__sdk_vecOf(__d)';
    case 'map':
      return data.length === 0
        ? '__sdk_emptyMap()'
        : `__sdk_structToVal(${keysExpr(data.map((f) => f.name))}, __d, ${def.sparse})`;
  }
};

const alloc = (cls: string): string => `changetype<${cls}>(__new(offsetof<${cls}>(), idof<${cls}>()))`;

/** The generated text of each user file, keyed by path. */
export interface CodegenOptions {
  /**
   * The protocol the contract is built for. From protocol 28 (`sparse_map_unpack_to_linear_memory`)
   * a struct decodes as the Rust SDK 28 decodes it: map keys it does not name are ignored, and a
   * field missing from the map reads as Void (so an Option field is None, any other fails).
   */
  readonly protocol: number;
}

/** The first protocol with the sparse map host functions. */
export const SPARSE_MAP_PROTOCOL = 28;

export const generateSources = (
  analysis: Analysis,
  options: CodegenOptions = { protocol: SPARSE_MAP_PROTOCOL },
): Map<string, string> => {
  const sparseStructs = options.protocol >= SPARSE_MAP_PROTOCOL;
  const edits = new Map<UserFile, Edit[]>(analysis.files.map((f) => [f, []]));
  const edit = (file: UserFile, e: Edit): void => {
    (edits.get(file) as Edit[]).push(e);
  };
  const conv = new Converter(
    new Map(analysis.enums.filter((e) => e.def.kind === 'enum').map((e) => [e.def.name, e.def])),
  );
  /** Inserts members just before a class's closing brace, on the same line. */
  const addMembers = (file: UserFile, node: ts.ClassDeclaration, members: string): void => {
    const close = node.end - 1;
    edit(file, { start: close, end: close, text: ` ${members} ` });
  };

  // The SDK decorators exist only for the build.
  const sdkDecorators = new Set([
    'contracttype',
    'contracterror',
    'contractevent',
    'contractclient',
    'topic',
  ]);
  for (const file of analysis.files) {
    const visit = (node: ts.Node): void => {
      for (const d of decoratorsOf(node))
        if (sdkDecorators.has(decoratorName(d))) edit(file, blank(file, d.getStart(file.source), d.end));
      ts.forEachChild(node, visit);
    };
    visit(file.source);
  }

  for (const { def, file, node } of analysis.events) {
    const value = (f: Field): string => conv.toVal(f.type, `this.${f.name}`);
    const topics = [
      ...def.prefixTopics.map((t) => symbolExpr(t)),
      ...def.params.filter((p) => p.topic).map(value),
    ];
    const data = def.params.filter((p) => !p.topic);
    if (def.dataFormat === 'map') data.sort(byName);
    addMembers(
      file,
      node as ts.ClassDeclaration,
      `/** Publishes this event. */ publish(): void { ${valsArray('__t', topics)} ${valsArray('__d', data.map(value))} ` +
        `__sdk_publish(__t, ${eventData(def, data)}); }`,
    );
  }

  for (const { def, file, node } of analysis.structs) {
    const cls = def.name;
    const fields = def.tuple ? def.fields : [...def.fields].sort(byName);
    const vals = valsArray(
      '__v',
      fields.map((f) => conv.toVal(f.type, `this.${f.name}`)),
    );
    const keys = keysExpr(fields.map((f) => f.name));
    const gets = fields.map((f, i) => conv.storeField(cls, '__o', f, `unchecked(__f[${i}])`)).join(' ');
    const [toVal, unpack] = def.tuple
      ? ['__sdk_vecOf(__v)', `__sdk_tupleFields(__x, ${fields.length})`]
      : [`__sdk_structToVal(${keys}, __v)`, `__sdk_structFields(__x, ${keys}, ${fields.length}, ${sparseStructs})`];
    addMembers(
      file,
      node as ts.ClassDeclaration,
      `toVal(): u64 { ${vals} return ${toVal}; } ` +
        `__fromVal(__x: u64): ${cls} { const __f = ${unpack}; const __o = ${alloc(cls)}; ${gets} return __o; }`,
    );
  }

  for (const { def, file, node, methodNodes } of analysis.clients) {
    // The class and its abstract methods become concrete: each method calls the contract function
    // of its name (`try_call` when it returns a Result, so the callee's error comes back in it).
    for (const m of [node, ...methodNodes])
      for (const mod of ts.getModifiers(m as ts.HasModifiers) ?? [])
        if (mod.kind === ts.SyntaxKind.AbstractKeyword)
          edit(file, blank(file, mod.getStart(file.source), mod.end));
    def.methods.forEach((fn, i) => {
      const m = methodNodes[i];
      const args = valsArray(
        '__a',
        fn.params.map((p) => conv.toVal(p.type, p.name)),
      );
      const call = `__sdk_${fn.returns.kind === 'result' ? 'tryCall' : 'call'}(this.address.raw, ${symbolExpr(fn.name)}, __a)`;
      const body =
        fn.returns.kind === 'void'
          ? `__sdk_expectVoid(${call});`
          : `return ${conv.fromVal(fn.returns, call)};`;
      // Replace the declaration's closing `;` (or its end) with the body, on the same line.
      const end = m.end;
      const semicolon = file.text[end - 1] === ';';
      edit(file, { start: semicolon ? end - 1 : end, end, text: ` { ${args} ${body} }` });
    });
  }

  for (const { def, file, node, caseNodes } of analysis.unions) {
    const branches = def.cases.map((c) => {
      const test =
        c.name.length <= SMALL_SYMBOL_MAX
          ? `__c == ${symbolExpr(c.name)}`
          : `__sdk_valEquals(__c, ${symbolExpr(c.name)})`;
      const gets = c.fields
        .map((f, i) => conv.storeField(c.name, '__o', f, `__sdk_unionField(__x, ${i})`))
        .join(' ');
      return `if (${test}) { __sdk_unionArity(__x, ${c.fields.length}); const __o = ${alloc(c.name)}; ${gets} return __o; }`;
    });
    addMembers(
      file,
      node as ts.ClassDeclaration,
      `abstract toVal(): u64; __fromVal(__x: u64): ${def.name} { const __c = __sdk_unionCase(__x); ${branches.join(' ')} unreachable(); return changetype<${def.name}>(0); }`,
    );
    def.cases.forEach((c, i) => {
      const caseFile = analysis.files.find((f) => f.source === caseNodes[i].getSourceFile()) as UserFile;
      const vals = valsArray('__v', [
        symbolExpr(c.name),
        ...c.fields.map((f) => conv.toVal(f.type, `this.${f.name}`)),
      ]);
      addMembers(caseFile, caseNodes[i], `toVal(): u64 { ${vals} return __sdk_vecOf(__v); }`);
    });
  }

  // The entry exports only the wrappers: anything else it exported would become a Wasm export.
  const entry = analysis.entry;
  for (const st of entry.source.statements)
    if (ts.canHaveModifiers(st))
      for (const m of ts.getModifiers(st) ?? [])
        if (m.kind === ts.SyntaxKind.ExportKeyword)
          edit(entry, blank(entry, m.getStart(entry.source), m.end));
        else if (m.kind === ts.SyntaxKind.DefaultKeyword)
          throw new ContractBuildError(`${entry.path}: the contract entry cannot have a default export`);

  const wrappers = analysis.functions.map(({ def }) => {
    const params = def.params.map((_, i) => `__a${i}: u64`).join(', ');
    const call = `${def.name}(${def.params.map((p, i) => conv.fromVal(p.type, `__a${i}`)).join(', ')})`;
    const body =
      def.returns.kind === 'void' ? `${call}; return 2;` : `return ${conv.toVal(def.returns, call)};`;
    return `function __sdk_export_${def.name}(${params}): u64 { ${body} }\nexport { __sdk_export_${def.name} as ${def.name} };`;
  });
  edit(entry, {
    start: entry.text.length,
    end: entry.text.length,
    text: `\n// Generated by @sorobox/sdk: the contract's exports.\n${wrappers.join('\n')}\n`,
  });

  for (const file of analysis.files) rewriteSymbolLiterals(file, (e) => edit(file, e));

  const out = new Map<string, string>();
  for (const [file, list] of edits) {
    let text = file.text;
    for (const e of [...list].sort((a, b) => b.start - a.start || b.end - a.end))
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    out.set(file.path, text);
  }
  return out;
};

/** `symbol("abc")` with a literal of at most 9 chars becomes a constant; bad literals fail the build. */
const rewriteSymbolLiterals = (file: UserFile, edit: (e: Edit) => void): void => {
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'symbol' &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const literal = (node.arguments[0] as ts.StringLiteral).text;
      if (!isSymbolText(literal, 32)) {
        const { line, character } = file.source.getLineAndCharacterOfPosition(node.getStart(file.source));
        throw new ContractBuildError(
          `${file.path}:${line + 1}:${character + 1}: '${literal}' is not a symbol: at most 32 chars of [a-zA-Z0-9_]`,
        );
      }
      if (literal.length <= SMALL_SYMBOL_MAX)
        edit({
          start: node.getStart(file.source),
          end: node.end,
          text: `__sdk_symbolConst(${hex(smallSymbolVal(literal))})`,
        });
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file.source);
};
