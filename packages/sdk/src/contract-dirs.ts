/** Finding contract directories: a directory holding a contract entry, searched for under a root. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The entry files a contract directory may have, in the order `buildContract` looks for them. */
export const ENTRY_CANDIDATES = ['assembly/index.ts', 'src/contract.ts'] as const;

export const isContractDir = (dir: string): boolean => ENTRY_CANDIDATES.some((e) => existsSync(join(dir, e)));

/** Every contract directory at or under `root`, sorted (a contract's own subdirectories are not searched). */
export const findContractDirs = (root: string): string[] => {
  if (isContractDir(root)) return [root];
  const found: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1)))
    if (
      entry.isDirectory() &&
      entry.name !== 'node_modules' &&
      entry.name !== 'build' &&
      !entry.name.startsWith('.')
    )
      found.push(...findContractDirs(join(root, entry.name)));
  return found;
};
