/**
 * Command-line arguments: positionals, `--flag value` / `--flag=value` / boolean `--flag`, and
 * everything after a bare `--` kept apart (constructor or function arguments).
 */
export interface Args {
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
  /** After `--`. */
  readonly rest: string[];
}

export class UsageError extends Error {}

/** `booleans` are the flags that never take a value. */
export const parseArgs = (argv: readonly string[], booleans: ReadonlySet<string> = new Set()): Args => {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else {
        const name = a.slice(2);
        const next = argv[i + 1];
        if (booleans.has(name) || next === undefined || next.startsWith('--')) flags.set(name, true);
        else flags.set(name, argv[++i]);
      }
    } else if (a === '-h') flags.set('help', true);
    else positionals.push(a);
  }
  return { positionals, flags, rest: argv.slice(i) };
};

export const stringFlag = (args: Args, name: string): string | undefined => {
  const v = args.flags.get(name);
  if (v === true) throw new UsageError(`--${name} needs a value`);
  return v;
};

export const intFlag = (
  args: Args,
  name: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined => {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(v)}`);
  return n;
};

export const boolFlag = (args: Args, name: string): boolean => {
  const v = args.flags.get(name);
  if (v === undefined) return false;
  if (v === true || v === 'true' || v === 'yes') return true;
  if (v === 'false' || v === 'no') return false;
  throw new UsageError(`--${name} takes no value (or true/false), got ${JSON.stringify(v)}`);
};

/** Refuses flags the command does not know (a typo should not be silently ignored). */
export const checkFlags = (args: Args, known: readonly string[]): void => {
  for (const name of args.flags.keys())
    if (name !== 'help' && !known.includes(name)) throw new UsageError(`unknown flag --${name}`);
};
