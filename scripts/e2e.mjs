// `npm run test:e2e`: builds the app when the build is missing or older than its sources, then
// runs the Playwright suite (test/e2e) against the built renderer in system Chromium.
//   node scripts/e2e.mjs [--build | --no-build] [playwright args...]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src-renderer', 'src-core', 'src-main', 'shaders', 'assets', 'package.json', 'electron.vite.config.ts'];
const BUILT = 'out/renderer/index.html';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, e.name)));
  }
  return newest;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status ?? 1;
}

const argv = process.argv.slice(2);
const force = argv.includes('--build');
const skip = argv.includes('--no-build') || process.env.E2E_SKIP_BUILD === '1';
const passThrough = argv.filter((a) => a !== '--build' && a !== '--no-build');

const stale = !existsSync(BUILT) || Math.max(...SOURCES.map(newestMtime)) > statSync(BUILT).mtimeMs;
if (force || (stale && !skip)) {
  console.log(`e2e: building (${force ? 'forced' : existsSync(BUILT) ? 'sources changed since the last build' : 'no build yet'})`);
  const t0 = Date.now();
  const status = run('npx', ['electron-vite', 'build']);
  if (status !== 0) process.exit(status);
  console.log(`e2e: built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
} else {
  console.log(`e2e: using the existing build in out/ (${skip ? 'build skipped' : 'up to date'})`);
}

process.exit(run('npx', ['playwright', 'test', '-c', 'test/e2e/playwright.config.ts', ...passThrough]));
