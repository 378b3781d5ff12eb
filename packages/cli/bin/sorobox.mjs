#!/usr/bin/env node
// The `sorobox` command. The sources are TypeScript, run without a build step: on first use, and
// again after any source change, they are bundled once with esbuild (installed with tsx) into
// node_modules/.cache/sorobox/, which starts several times faster than transpiling module by
// module. Without esbuild, or with SOROBOX_NO_BUNDLE=1, tsx runs the sources directly.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cliDir = dirname(dirname(fileURLToPath(import.meta.url)));
const packagesDir = dirname(cliDir);
const entry = join(cliDir, 'src', 'main.ts');
const cacheDir = join(dirname(packagesDir), 'node_modules', '.cache', 'sorobox');

/** Paths, sizes and modification times of every workspace source, manifest and the lockfile: the bundle's key. */
const sourcesDigest = () => {
  const h = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === 'test' || name === 'build') continue;
      const path = join(dir, name);
      const s = statSync(path);
      if (s.isDirectory()) walk(path);
      else if (/\.(ts|json)$/.test(name)) h.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
    }
  };
  for (const pkg of readdirSync(packagesDir))
    if (existsSync(join(packagesDir, pkg, 'src'))) walk(join(packagesDir, pkg, 'src'));
  for (const pkg of readdirSync(packagesDir))
    if (existsSync(join(packagesDir, pkg, 'package.json')))
      h.update(statSync(join(packagesDir, pkg, 'package.json')).mtimeMs.toString());
  // Installed dependencies are bundled too: a new install means a new bundle.
  const lock = join(dirname(packagesDir), 'package-lock.json');
  if (existsSync(lock)) h.update(statSync(lock).mtimeMs.toString());
  return h.digest('hex').slice(0, 16);
};

const bundle = async () => {
  const esbuild = await import('esbuild');
  const out = join(cacheDir, `cli-${sourcesDigest()}.mjs`);
  if (existsSync(out)) return out;
  // Built in a directory of its own under its final name (the source map link names it), then moved
  // into place, so a concurrent start never loads half a file.
  const tmpDir = join(cacheDir, `.build-${process.pid}`);
  const tmp = join(tmpDir, basename(out));
  mkdirSync(tmpDir, { recursive: true });
  await esbuild.build({
    entryPoints: [entry],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native and dynamically loaded packages stay outside.
    external: ['better-sqlite3', 'esbuild', 'tsx'],
    banner: {
      js: "import { createRequire as __sbxRequire } from 'node:module'; const require = __sbxRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  renameSync(`${tmp}.map`, `${out}.map`);
  renameSync(tmp, out);
  rmSync(tmpDir, { recursive: true, force: true });
  // Older bundles go, once no process started a moment ago can still be about to load them.
  const stale = Date.now() - 10 * 60_000;
  for (const old of readdirSync(cacheDir)) {
    const path = join(cacheDir, old);
    if (!path.startsWith(out.slice(0, -4)) && statSync(path).mtimeMs < stale)
      rmSync(path, { recursive: true, force: true });
  }
  return out;
};

let bundled;
if (!process.env.SOROBOX_NO_BUNDLE) {
  try {
    bundled = await bundle();
  } catch {
    bundled = undefined; // no esbuild, or an unwritable cache: run the sources instead
  }
}
if (bundled) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(entry).href);
}
