/**
 * Named keys, stored as `<name>.json` under `.sorobox/keys/` of the current directory (git-ignored
 * with the rest of `.sorobox/`), and how a command's `--source` is resolved: a secret key (`S...`),
 * a stored key's name, or `devN`, a local network's N-th development account.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Keypair, StrKey } from '@stellar/stellar-sdk';
import { UsageError } from './args.ts';
import { devAccount } from './dev-accounts.ts';
import type { Target } from './target.ts';

export const keysDir = (): string => resolve(process.env.SOROBOX_KEYS_DIR ?? join('.sorobox', 'keys'));

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

const keyPath = (name: string): string => {
  if (!NAME.test(name))
    throw new UsageError(`a key name is 1-64 letters, digits, '.', '_' or '-', got ${JSON.stringify(name)}`);
  return join(keysDir(), `${name}.json`);
};

export const saveKey = (name: string, keypair: Keypair, overwrite: boolean): string => {
  const path = keyPath(name);
  if (existsSync(path) && !overwrite)
    throw new UsageError(`key ${name} exists (${path}); pass --overwrite to replace it`);
  mkdirSync(keysDir(), { recursive: true });
  writeFileSync(
    path,
    `${JSON.stringify({ publicKey: keypair.publicKey(), secret: keypair.secret() }, null, 2)}\n`,
    { mode: 0o600 },
  );
  return path;
};

export const loadKey = (name: string): Keypair | undefined => {
  const path = keyPath(name);
  if (!existsSync(path)) return undefined;
  const { secret } = JSON.parse(readFileSync(path, 'utf8')) as { secret: string };
  return Keypair.fromSecret(secret);
};

export const listKeys = (): string[] =>
  existsSync(keysDir())
    ? readdirSync(keysDir())
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.slice(0, -5))
        .sort()
    : [];

/** The signing key for `--source` (default: dev0 on a local network). */
export const resolveSigner = (target: Target, source: string | undefined): Keypair => {
  const s = source ?? (target.isLocal ? 'dev0' : undefined);
  if (s === undefined)
    throw new UsageError(
      '--source is required off the local network: a secret key (S...) or a stored key name',
    );
  if (StrKey.isValidEd25519SecretSeed(s)) return Keypair.fromSecret(s);
  const dev = /^dev(\d+)$/.exec(s);
  if (dev) {
    if (!target.isLocal)
      throw new UsageError(`${s} is a local network development account; use it with --network local`);
    return devAccount(target.passphrase, Number(dev[1]));
  }
  const stored = loadKey(s);
  if (!stored) throw new UsageError(`no key named ${s} in ${keysDir()} (sorobox keys generate ${s})`);
  return stored;
};

/** An account address from a `G...` key, a stored key's name or `devN`. */
export const resolveAddress = (target: Target, who: string): string =>
  StrKey.isValidEd25519PublicKey(who) ? who : resolveSigner(target, who).publicKey();
