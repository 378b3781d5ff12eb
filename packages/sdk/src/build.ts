/**
 * `buildContract(dir)`: compiles a contract directory to Soroban Wasm with its generated spec and
 * metadata. Results are cached in `<dir>/build/` keyed by everything that affects the output.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { xdr } from '@stellar/stellar-sdk';
import { ContractBuildError, analyze, loadUserFiles } from './analyze.ts';
import { SPARSE_MAP_PROTOCOL, generateSources } from './codegen.ts';
import { ENTRY_CANDIDATES } from './contract-dirs.ts';
import { ASC_ARGS, SDK_ASSEMBLY_DIR, compile } from './compile.ts';
import { contractMetaSection, encodeEntries, envMetaSection, specEntries } from './spec.ts';
import type { ContractModel } from './types.ts';
import { appendSections } from './wasm-sections.ts';

const SDK_PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};
const ASC_VERSION = (
  JSON.parse(readFileSync(new URL(import.meta.resolve('assemblyscript/package.json')), 'utf8')) as {
    version: string;
  }
).version;

/** The network's contract size limit (`contract_max_size_bytes`, testnet and mainnet). */
export const DEFAULT_MAX_SIZE_BYTES = 131_072;
/** The protocol contracts are built for by default: the one the host implements. */
export const DEFAULT_PROTOCOL = 28;
export const SDK_SOURCE_REPO = 'sorobox/packages/sdk';

export interface BuildOptions {
  /** `contractenvmetav0` interface version (default 28, release 0). */
  readonly protocol?: number;
  readonly preRelease?: number;
  /** The contract's source repository for `contractmetav0` (default: its package.json `repository`). */
  readonly sourceRepo?: string;
  /** Extra `contractmetav0` entries. */
  readonly meta?: Readonly<Record<string, string>>;
  readonly maxSizeBytes?: number;
  /** Entry file, relative to `dir` (default `assembly/index.ts`, else `src/contract.ts`). */
  readonly entry?: string;
  /** Where outputs and the cache go (default `<dir>/build`). */
  readonly outDir?: string;
  /** Reuse a cached build when nothing changed (default true). */
  readonly cache?: boolean;
  /** Extra AssemblyScript compiler arguments. */
  readonly ascArgs?: readonly string[];
}

export interface BuildResult {
  readonly name: string;
  readonly wasm: Uint8Array;
  /** The `contractspecv0` entries, as `@stellar/stellar-sdk` XDR objects. */
  readonly spec: xdr.ScSpecEntry[];
  readonly model: ContractModel;
  readonly sizeBytes: number;
  /** Where the Wasm was written. */
  readonly wasmPath: string;
  readonly cached: boolean;
  readonly meta: Readonly<Record<string, string>>;
}

const findEntry = (dir: string, entry: string | undefined): string => {
  const candidates = entry ? [entry] : ENTRY_CANDIDATES;
  const found = candidates.map((c) => resolve(dir, c)).find((p) => existsSync(p));
  if (!found)
    throw new ContractBuildError(`no contract entry in ${dir}: expected ${candidates.join(' or ')}`);
  return found;
};

const sourceRepoOf = (dir: string): string | undefined => {
  const pkgPath = join(dir, 'package.json');
  if (!existsSync(pkgPath)) return undefined;
  const repo = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { repository?: string | { url?: string } })
    .repository;
  return typeof repo === 'string' ? repo : repo?.url;
};

const sdkSourcesDigest = (): string => {
  const h = createHash('sha256');
  for (const name of readdirSync(SDK_ASSEMBLY_DIR).sort())
    h.update(name).update(readFileSync(join(SDK_ASSEMBLY_DIR, name)));
  return h.digest('hex');
};

const writeAtomically = (path: string, data: Uint8Array | string): void => {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, path);
};

export const buildContract = async (dir: string, options: BuildOptions = {}): Promise<BuildResult> => {
  const root = resolve(dir);
  const name = basename(root);
  const entryPath = findEntry(root, options.entry);
  const analysis = analyze(loadUserFiles(entryPath));
  const protocol = options.protocol ?? DEFAULT_PROTOCOL;
  const sources = generateSources(analysis, { protocol });
  const spec = specEntries(analysis.model);
  const specXdr = encodeEntries(spec);
  const meta: Record<string, string> = {
    sdk: `${SDK_PACKAGE.name}@${SDK_PACKAGE.version}`,
    asc: ASC_VERSION,
    source_repo: options.sourceRepo ?? sourceRepoOf(root) ?? SDK_SOURCE_REPO,
    ...options.meta,
  };
  const preRelease = options.preRelease ?? 0;
  const sparse = analysis.model.events.find((e) => e.sparse);
  if (sparse && protocol < SPARSE_MAP_PROTOCOL)
    throw new ContractBuildError(
      `event ${sparse.name} packs its map data sparsely, which needs protocol ${SPARSE_MAP_PROTOCOL}: ` +
        `declare it @contractevent({ sparse: false }) to build for protocol ${protocol}`,
    );
  const ascArgs = options.ascArgs ?? [];

  const outDir = options.outDir ?? join(root, 'build');
  const wasmPath = join(outDir, `${name}.wasm`);
  const keyPath = join(outDir, `${name}.build-key`);
  const key = createHash('sha256')
    .update(JSON.stringify({ meta, protocol, preRelease, ascArgs, ASC_ARGS, sdk: sdkSourcesDigest() }))
    .update(Buffer.from(specXdr))
    .update(JSON.stringify([...sources].sort(([a], [b]) => (a < b ? -1 : 1))))
    .digest('hex');

  let wasm: Uint8Array;
  let cached = false;
  if (
    options.cache !== false &&
    existsSync(keyPath) &&
    existsSync(wasmPath) &&
    readFileSync(keyPath, 'utf8') === key
  ) {
    wasm = new Uint8Array(readFileSync(wasmPath));
    cached = true;
  } else {
    const code = await compile(root, entryPath, sources, { extraArgs: ascArgs });
    wasm = appendSections(code, [
      { name: 'contractenvmetav0', payload: envMetaSection(protocol, preRelease) },
      { name: 'contractmetav0', payload: contractMetaSection(meta) },
      { name: 'contractspecv0', payload: specXdr },
    ]);
    mkdirSync(outDir, { recursive: true });
    // Written whole then renamed, so a concurrent build of the same contract never reads half a file.
    writeAtomically(wasmPath, wasm);
    writeAtomically(keyPath, key);
  }
  const max = options.maxSizeBytes ?? DEFAULT_MAX_SIZE_BYTES;
  if (wasm.length > max)
    throw new ContractBuildError(
      `contract ${name} is ${wasm.length} bytes of Wasm, over the ${max}-byte contract size limit`,
    );
  return { name, wasm, spec, model: analysis.model, sizeBytes: wasm.length, wasmPath, cached, meta };
};
