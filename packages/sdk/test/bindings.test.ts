import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { buildContract, generateBindings, writeBindings } from '../src/index.ts';

const CALC = new URL('../../../contracts/examples/calc', import.meta.url).pathname;

test('typed bindings from the generated spec: a Client method per function, the contract types, and they type-check', async () => {
  const built = await buildContract(CALC, { outDir: mkdtempSync(join(tmpdir(), 'sdk-bindings-')) });
  const { files } = generateBindings(built);
  const client = files['src/client.ts'];
  for (const f of built.model.functions) assert.match(client, new RegExp(`\\b${f.name}\\(args`), f.name);
  assert.match(client, /translate\(args: \{ p: Point; dx: bigint; dy: bigint \}/);
  assert.match(
    client,
    /scale\(args: \{ s: Shape; k: number \}, options\?: MethodOptions\): Promise<AssembledTransaction<Shape>>/,
  );
  const types = files['src/types.ts'];
  assert.match(types, /export interface Point \{/);
  assert.match(types, /export enum Color \{/);
  assert.match(types, /\{ tag: "Rect"; values: readonly \[number, number\] \}/);
  assert.match(types, /1 : \{ message: "DivisionByZero" \}/);

  // Written inside the repository so that @stellar/stellar-sdk resolves from node_modules.
  const dir = new URL('../build/bindings-test', import.meta.url).pathname;
  rmSync(dir, { recursive: true, force: true });
  writeBindings({ files }, dir);
  const program = ts.createProgram([join(dir, 'src/index.ts')], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(diagnostics, []);
});
