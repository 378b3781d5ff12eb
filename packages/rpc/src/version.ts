/** getVersionInfo's answer: this package's version and, when run from a git checkout, its commit. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import rpcPackage from '../package.json' with { type: 'json' };
import type { VersionInfo } from './context.ts';

/** The nearest `.git` directory above this module (bundled or not). */
const findGitDir = (): string | undefined => {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return join(dir, '.git');
    if (dirname(dir) === dir) return undefined;
  }
};

/** The checked-out commit, read from `.git` without running git; empty when there is none. */
const gitCommit = (): string => {
  try {
    const gitDir = findGitDir();
    if (!gitDir) return '';
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    if (existsSync(join(gitDir, ref))) return readFileSync(join(gitDir, ref), 'utf8').trim();
    const packed = readFileSync(join(gitDir, 'packed-refs'), 'utf8');
    return (
      packed
        .split('\n')
        .find((l) => l.endsWith(` ${ref}`))
        ?.split(' ')[0] ?? ''
    );
  } catch {
    return '';
  }
};

export const versionInfo = (): VersionInfo => ({
  version: `sorobox-rpc ${rpcPackage.version}`,
  commitHash: gitCommit(),
  // No build step: the sources run as they are.
  buildTimestamp: '',
  captiveCoreVersion: `sorobox-network ${rpcPackage.version} (no stellar-core)`,
});
