import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { contract, xdr } from '@stellar/stellar-sdk';
import { ErrorCode, ErrorType, invokeContract, loadCode } from '@sorobox/host';
import { ContractBuildError, buildContract, readCustomSections, type BuildResult } from '../src/index.ts';
import { encodeEntries } from '../src/spec.ts';

const FIXTURE = new URL('../fixtures/basic', import.meta.url).pathname;
const outDir = mkdtempSync(join(tmpdir(), 'sdk-build-'));
let built: BuildResult;

before(async () => {
  built = await buildContract(FIXTURE, { outDir, sourceRepo: 'https://example.org/repo' });
});

/** A contract directory holding one entry file. */
const contractDir = (entry: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sdk-contract-'));
  mkdirSync(join(dir, 'assembly'));
  writeFileSync(join(dir, 'assembly', 'index.ts'), entry);
  return dir;
};

test('the Wasm carries env meta (protocol 28, release), build meta and the generated spec', () => {
  const [env] = readCustomSections(built.wasm, 'contractenvmetav0');
  assert.equal(Buffer.from(env).toString('hex'), '00000000' + '0000001c' + '00000000');
  const [meta] = readCustomSections(built.wasm, 'contractmetav0');
  const entries: Record<string, string> = {};
  const reader = Buffer.from(meta);
  for (let at = 0; at < reader.length;) {
    const e = xdr.ScMetaEntry.fromXDR(reader.subarray(at, at + xdrLength(reader, at)));
    const v0 = (e as unknown as { v0: xdr.ScMetaV0 }).v0;
    entries[String(v0.key)] = String(v0.val);
    at += xdrLength(reader, at);
  }
  assert.equal(entries.sdk, '@sorobox/sdk@0.1.0');
  assert.equal(entries.source_repo, 'https://example.org/repo');
  assert.match(entries.asc, /^0\.28\./);
  const [spec] = readCustomSections(built.wasm, 'contractspecv0');
  assert.deepEqual(Buffer.from(spec), Buffer.from(encodeEntries(built.spec)));
  assert.equal(built.sizeBytes, built.wasm.length);
});

/** Length of the ScMetaV0 entry at `at`: kind, then two length-prefixed padded strings. */
const xdrLength = (b: Buffer, at: number): number => {
  const pad = (n: number) => (n + 3) & ~3;
  const keyLen = b.readUInt32BE(at + 4);
  const valLen = b.readUInt32BE(at + 8 + pad(keyLen));
  return 4 + 4 + pad(keyLen) + 4 + pad(valLen);
};

test('the host accepts the Wasm: no floats, no start section, only host imports, i64 exports', () => {
  const code = loadCode(built.wasm);
  assert.deepEqual([...code.functions.keys()].sort(), ['calls_now', 'greeting', 'nothing', 'pair']);
  for (const arity of code.functions.values()) assert.ok(arity <= 2);
  assert.deepEqual(code.interfaceVersion, { protocol: 28, preRelease: 0 });
  assert.ok(code.imports.every((f) => f.name.length > 0));
});

test("contract.Spec parses the generated spec with the source's functions and docs", () => {
  const spec = contract.Spec.fromWasm(Buffer.from(built.wasm));
  assert.deepEqual(
    spec.funcs().map((f) => String(f.name)),
    ['greeting', 'calls_now', 'pair', 'nothing'],
  );
  assert.equal(String(spec.getFunc('pair').doc), 'Pairs two symbols.');
  assert.deepEqual(spec.getFunc('nothing').outputs, []);
});

test('top-level initializers run on entry to each export (the start function is relocated)', () => {
  const r = invokeContract({ code: built.wasm, fn: 'greeting' });
  assert.ok(r.outcome.ok);
  assert.ok(r.outcome.value.equals(xdr.ScVal.scvSymbol('a_greeting_longer_than_nine')));
  const calls = invokeContract({ code: built.wasm, fn: 'calls_now' });
  assert.ok(calls.outcome.ok && calls.outcome.value.equals(xdr.ScVal.scvU32(1)));
  const none = invokeContract({ code: built.wasm, fn: 'nothing' });
  assert.ok(none.outcome.ok && none.outcome.value.equals(xdr.ScVal.scvVoid()));
});

test("a wrong argument type traps like a Rust contract's failed conversion", () => {
  const r = invokeContract({
    code: built.wasm,
    fn: 'pair',
    args: [xdr.ScVal.scvSymbol('a'), xdr.ScVal.scvU32(1)],
  });
  assert.deepEqual(r.outcome.ok ? undefined : r.outcome.error, {
    type: ErrorType.WasmVm,
    code: ErrorCode.InvalidAction,
  });
  const ok = invokeContract({
    code: built.wasm,
    fn: 'pair',
    args: [xdr.ScVal.scvSymbol('a'), xdr.ScVal.scvSymbol('b')],
  });
  assert.ok(
    ok.outcome.ok &&
      ok.outcome.value.equals(xdr.ScVal.scvVec([xdr.ScVal.scvSymbol('a'), xdr.ScVal.scvSymbol('b')])),
  );
});

test('builds are cached until something changes; the protocol option is honoured', async () => {
  const again = await buildContract(FIXTURE, { outDir, sourceRepo: 'https://example.org/repo' });
  assert.equal(again.cached, true);
  assert.deepEqual(again.wasm, built.wasm);
  const p26 = await buildContract(FIXTURE, { outDir, sourceRepo: 'https://example.org/repo', protocol: 26 });
  assert.equal(p26.cached, false);
  assert.equal(Buffer.from(readCustomSections(p26.wasm, 'contractenvmetav0')[0]).readUInt32BE(4), 26);
});

test('a contract over the size limit fails the build with its size', async () => {
  await assert.rejects(
    buildContract(FIXTURE, { outDir, maxSizeBytes: 100 }),
    (e: unknown) =>
      e instanceof ContractBuildError &&
      /is \d+ bytes of Wasm, over the 100-byte contract size limit/.test(e.message),
  );
});

test("compiler errors are reported with the user's line", async () => {
  const dir = contractDir(
    'import { Symbol } from "@sorobox/sdk";\n\nexport function f(): u32 {\n  return undefinedThing;\n}\n',
  );
  await assert.rejects(
    buildContract(dir),
    (e: unknown) =>
      e instanceof ContractBuildError && /undefinedThing/.test(e.message) && /index\.ts\(4,/.test(e.message),
  );
});

test('a contract without an entry, or a type the spec cannot express, fails clearly', async () => {
  await assert.rejects(buildContract(mkdtempSync(join(tmpdir(), 'sdk-empty-'))), /no contract entry/);
  await assert.rejects(
    buildContract(contractDir('export function f(x: f64): f64 { return x; }')),
    /floating-point/,
  );
});

test('before protocol 28 a struct decodes exactly (no sparse unpack); sparse event data needs 28', async () => {
  const calc = await buildContract(new URL('../../../contracts/examples/calc', import.meta.url).pathname, {
    outDir: mkdtempSync(join(tmpdir(), 'sdk-p27-')),
    protocol: 27,
  });
  const code = loadCode(calc.wasm);
  assert.ok(!code.imports.some((f) => f.name.startsWith('sparse_')));
  const i64 = (n: bigint) => xdr.ScVal.scvI64(n);
  const entry = (k: string, v: bigint) => new xdr.ScMapEntry({ key: xdr.ScVal.scvSymbol(k), val: i64(v) });
  const extra = xdr.ScVal.scvMap([entry('x', 1n), entry('y', 2n), entry('z', 3n)]);
  const r = invokeContract({ code, fn: 'translate', args: [extra, i64(0n), i64(0n)] });
  assert.equal(r.outcome.ok, false);
  await assert.rejects(
    buildContract(new URL('../../../contracts/examples/counter', import.meta.url).pathname, {
      outDir: mkdtempSync(join(tmpdir(), 'sdk-p27-')),
      protocol: 27,
    }),
    /event Bumped packs its map data sparsely, which needs protocol 28/,
  );
});
