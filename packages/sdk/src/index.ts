/** @sorobox/sdk build tooling: compile AssemblyScript contracts to Soroban Wasm with a generated spec. */
export {
  buildContract,
  DEFAULT_MAX_SIZE_BYTES,
  DEFAULT_PROTOCOL,
  type BuildOptions,
  type BuildResult,
} from './build.ts';
export { ContractBuildError, analyze, loadUserFiles } from './analyze.ts';
export { specEntries, specType, encodeEntries } from './spec.ts';
export { readCustomSections } from './wasm-sections.ts';
export { findContractDirs, isContractDir } from './contract-dirs.ts';
export type * from './types.ts';
export { generateBindings, writeBindings, type Bindings } from './bindings.ts';
