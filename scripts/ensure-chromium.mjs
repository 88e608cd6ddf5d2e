// Finds a Chromium for the browser fallback and the e2e tests, installing Debian's package when
// none is found and we may (root on Debian: the CI machines). Playwright's own browser download
// cannot work on our build machines, so the system Chromium is the one we use.
//   node scripts/ensure-chromium.mjs     prints the path, exit 0; or says how to install, exit 1
//   import { findChromium } from './ensure-chromium.mjs'
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * CHROMIUM_PATH if set (and it must then exist: a wrong override should fail loudly, not fall
 * back silently to another browser), else /usr/bin/chromium, else the usual names on PATH.
 */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : null;
  if (isExecutable('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of CANDIDATES) {
    const found = onPath(name);
    if (found) return found;
  }
  return null;
}

function aptInstall() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env }).status === 0;
  // A fresh container has empty package lists: install would fail before update.
  let listsEmpty = true;
  try {
    listsEmpty = readdirSync('/var/lib/apt/lists').filter((f) => f !== 'lock' && f !== 'partial' && f !== 'auxfiles').length === 0;
  } catch {
    /* no lists folder: treat as empty */
  }
  if (listsEmpty && !run(['update'])) return false;
  if (run(['install', '-y', '--no-install-recommends', 'chromium'])) return true;
  // Stale lists give 404s for superseded versions; refresh once and retry.
  return run(['update']) && run(['install', '-y', '--no-install-recommends', 'chromium']);
}

/** Returns the Chromium path, installing it if possible; throws with advice if not. */
export function ensureChromium({ log = (m) => console.error(m) } = {}) {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, which is not an executable file.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const isDebian = existsSync('/etc/debian_version') && onPath('apt-get') !== null;
  if (isRoot && isDebian) {
    log('ensure-chromium: no Chromium found; installing Debian package "chromium" with apt-get…');
    if (aptInstall()) {
      const installed = findChromium();
      if (installed) return installed;
    }
    throw new Error('ensure-chromium: apt-get could not install chromium (see the output above).');
  }
  const how = isDebian
    ? 'sudo apt-get update && sudo apt-get install -y chromium'
    : process.platform === 'darwin'
      ? 'brew install --cask chromium (or install Google Chrome)'
      : 'install Chromium or Google Chrome with your package manager';
  throw new Error(`ensure-chromium: no Chromium found. Install it (${how}), or set CHROMIUM_PATH to a Chromium or Chrome executable.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    console.log(ensureChromium());
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
