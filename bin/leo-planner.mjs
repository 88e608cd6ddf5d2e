#!/usr/bin/env node
// Entry for `leo-planner` (npx, npm link, npm install -g): runs the TypeScript CLI
// (src-main/cli/index.ts) in this process, from any working directory.
//
// - `--help` (and no arguments) print the usage from a plain .mjs: one Node start-up, no
//   TypeScript loader, no engine.
// - Commands run a bundle of the CLI that esbuild (a dependency of tsx) builds on the first run
//   and whenever a source it was built from changes (sizes and mtimes recorded in a manifest):
//   out/cli/ in the project, or the user's cache folder when the project is read-only (a root-owned
//   global install). Loading the bundle takes a few tens of ms where tsx took about 2 s.
// - Without esbuild, or when the bundle cannot be built, tsx runs the sources in-process
//   (LEO_PLANNER_NO_BUNDLE=1 forces that path).
// Everything resolves against this file's real location (symlinks of npm link / -g resolved),
// never the working directory. There is no child process, so a signal that kills the CLI (an
// out-of-memory kill, Ctrl-C) is the CLI's own exit status, and stdout drains before exit
// (runCli sets process.exitCode, never process.exit).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bump when the build options below change (old bundles are then rebuilt). */
const BUILD_FORMAT = 1;
const ENTRY = 'src-main/cli/index.ts';

const argv = process.argv.slice(2);
const HELP = new Set(['--help', '-h', 'help']);

if (argv.length === 0 || HELP.has(argv[0]) || (argv.includes('--help') || argv.includes('-h'))) {
  const { USAGE } = await import('../src-main/cli/usage.mjs');
  process.stdout.write(`${USAGE}\n`);
  process.exitCode = argv.length === 0 ? 2 : 0;
} else {
  const cli = await loadCli();
  await cli.runCli(argv);
}

async function loadCli() {
  const root = realpathSync(join(dirname(fileURLToPath(import.meta.url)), '..'));
  const places = [join(root, 'out', 'cli'), cacheDir(root)];
  // LEO_PLANNER_NO_BUNDLE=1 runs the TypeScript sources through tsx (debugging, and the tests of that path).
  if (process.env.LEO_PLANNER_NO_BUNDLE === '1') return runSources(root);
  for (const dir of places) {
    const m = readManifest(dir, root);
    if (m) {
      try {
        return await import(pathToFileURL(join(dir, m.dir, 'index.mjs')).href);
      } catch {
        // A build removed under us, or unreadable: build again below.
      }
    }
  }
  const esbuild = await importEsbuild();
  if (esbuild) {
    let built = null;
    try {
      built = await bundle(esbuild, root);
    } catch (e) {
      if (process.env.LEO_PLANNER_DEBUG) console.error(`leo-planner: bundling the CLI failed (${e.message}); running it through tsx`);
    }
    if (built) {
      for (const dir of places) {
        const id = save(dir, root, built);
        if (id) return import(pathToFileURL(join(dir, id, 'index.mjs')).href);
      }
    }
  }
  return runSources(root);
}

async function runSources(root) {
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, ENTRY)).href);
}

function cacheDir(root) {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'leo-planner', createHash('sha256').update(root).digest('hex').slice(0, 16));
}

/** The manifest if every recorded input still has its recorded size and mtime, else null. */
function readManifest(dir, root) {
  let m;
  try {
    m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  if (m.format !== BUILD_FORMAT || m.root !== root || typeof m.dir !== 'string') return null;
  for (const [rel, [size, mtimeMs]] of Object.entries(m.inputs)) {
    try {
      const st = statSync(join(root, rel));
      if (st.size !== size || st.mtimeMs !== mtimeMs) return null;
    } catch {
      return null;
    }
  }
  return m;
}

async function importEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    try {
      // A production install may keep esbuild under tsx (which depends on it).
      const { createRequire } = await import('node:module');
      return createRequire(import.meta.resolve('tsx'))('esbuild');
    } catch {
      return null;
    }
  }
}

async function bundle(esbuild, root) {
  const r = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { index: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: 'out/cli/build',
    outExtension: { '.js': '.mjs' },
    // Self-contained (dependencies included) so that it also runs from the cache folder.
    // A few CommonJS dependencies call require(); give the ESM bundle one.
    banner: { js: "import { createRequire as __leoCreateRequire } from 'node:module'; const require = __leoCreateRequire(import.meta.url);" },
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
  });
  const inputs = {};
  const here = relative(root, fileURLToPath(import.meta.url));
  // Dependencies are represented by the lock file (stat-ing every file of zod costs more than
  // the rest of the start-up); the project's own sources and assets one by one.
  const own = Object.keys(r.metafile.inputs).filter((p) => !p.startsWith('node_modules/') && !p.includes('/node_modules/'));
  for (const rel of [...own, here, 'package.json', 'package-lock.json']) {
    let st;
    try {
      st = statSync(join(root, rel));
    } catch {
      continue;
    }
    inputs[rel] = [st.size, st.mtimeMs];
  }
  const hash = createHash('sha256');
  for (const f of r.outputFiles) hash.update(f.path).update(f.contents);
  const outBase = join(root, 'out/cli/build');
  const files = r.outputFiles.map((f) => ({ rel: relative(outBase, f.path), contents: f.contents }));
  if (files.some((f) => f.rel.startsWith('..') || isAbsolute(f.rel))) throw new Error('unexpected esbuild output path');
  return { id: hash.digest('hex').slice(0, 16), files, inputs };
}

/**
 * Write a build under dir/<id>/ and then the manifest (temp file + rename, so a concurrent run
 * sees the old manifest or the new one, never half of one). Older builds are removed after an
 * hour (a run that started on one may still import its chunks). Returns the id, or null when
 * the folder is not writable.
 */
function save(dir, root, built) {
  try {
    const target = join(dir, built.id);
    for (const f of built.files) {
      const p = join(target, f.rel);
      mkdirSync(dirname(p), { recursive: true });
      const tmp = `${p}.${process.pid}.tmp`;
      writeFileSync(tmp, f.contents);
      renameSync(tmp, p);
    }
    const tmp = join(dir, `manifest.${process.pid}.tmp`);
    writeFileSync(tmp, JSON.stringify({ format: BUILD_FORMAT, root, dir: built.id, inputs: built.inputs }));
    renameSync(tmp, join(dir, 'manifest.json'));
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name === built.id) continue;
      const p = join(dir, e.name);
      if (Date.now() - statSync(p).mtimeMs > 3600e3) rmSync(p, { recursive: true, force: true });
    }
    return built.id;
  } catch {
    return null;
  }
}
