/** Running the `sorobox` command as a user does: a child process of packages/cli/bin/sorobox.mjs. */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const BIN = fileURLToPath(new URL('../../bin/sorobox.mjs', import.meta.url));

export interface RunningNode {
  readonly child: ChildProcess;
  readonly rpcUrl: string;
  /** Everything printed so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `sorobox start <args>` and resolves once it prints its RPC URL and is ready. */
export const startChild = (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunningNode> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const url = /RPC URL\s+(\S+)/.exec(out)?.[1];
      if (url && /Ready in/.test(out))
        resolve({
          child,
          rpcUrl: url,
          output: () => out,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`sorobox start exited (${code}) before it was ready:\n${out}`)),
    );
  });

const exec = promisify(execFile);

/** Runs a `sorobox` command to completion: its stdout, trimmed (throws with stderr on failure). */
export const sorobox = async (args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> => {
  try {
    const { stdout } = await exec(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    return stdout.trim();
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; code?: number };
    throw new Error(`sorobox ${args.join(' ')} failed (${err.code}): ${err.stderr ?? ''}${err.stdout ?? ''}`);
  }
};
