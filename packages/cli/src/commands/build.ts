/**
 * `sorobox build [dir]` and `sorobox bindings [dir]`: the contract SDK's own command line
 * (`@sorobox/sdk`), run in a child process. The compiler (AssemblyScript, TypeScript) is large and
 * loads its standard library from its package, so it stays out of the start-up bundle and is
 * loaded only by the commands that compile.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const sdkCommand = (argv: readonly string[]): number => {
  const require = createRequire(import.meta.url);
  const sdkCli = join(dirname(require.resolve('@sorobox/sdk')), 'cli.ts');
  const tsx = import.meta.resolve('tsx');
  const r = spawnSync(process.execPath, ['--import', tsx, sdkCli, ...argv], { stdio: 'inherit' });
  return r.status ?? 1;
};
