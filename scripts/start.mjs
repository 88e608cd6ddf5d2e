// `npm start`: builds when out/ is missing or older than the sources, then runs the app in
// Electron; when the Electron binary is missing and cannot be fetched (our build machines
// cannot reach GitHub) it serves the built renderer on 127.0.0.1 and opens it in a Chromium
// app window instead. Prints exactly one line on stdout naming the mode; build output and
// diagnostics go to stderr.
// Without a usable GPU the page cannot create a WebGL context; it says so (Electron over IPC,
// the Chromium window over a POST to our server) and the app is started again with software
// rendering (SwiftShader), once: src-main/main/gpu-fallback.ts, src-renderer/globe/rendering.ts.
//   node scripts/start.mjs [--browser] [--port N]
//   env: CHROMIUM_PATH, LEO_PORT, LEO_FORCE_BROWSER=1, LEO_ELECTRON_INSTALL_TIMEOUT_MS (45000),
//        LEO_VERBOSE=1 (show Chromium's own log),
//        LEO_CHROMIUM_ARGS (extra Chromium switches, space-separated: for tests and
//        troubleshooting, e.g. "--use-angle=gl" to act out a GPU that cannot run WebGL)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findChromium } from './ensure-chromium.mjs';
import { startServer } from './serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const INPUTS = ['src-main', 'src-renderer', 'src-core', 'shaders', 'assets', 'electron.vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.base.json'];
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const note = (msg) => console.error(`start: ${msg}`);

// Software rendering (keep equal to src-main/main/gpu-fallback.ts; a unit test checks).
export const SOFTWARE_RENDERING_ARG = '--leo-software-rendering';
export const SOFTWARE_RENDERING_EXIT_CODE = 75;
/**
 * ANGLE on SwiftShader: WebGL on the CPU, which Chromium allows only when told it is fine; no
 * task deferral after input (the worker's answer to a click would wait for a slow software frame).
 */
export const SOFTWARE_RENDERING_SWITCHES = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-features=DeferRendererTasksAfterInput'];
export const SOFTWARE_RENDERING_QUERY = '?render=software-fallback';

/**
 * Chromium switches of the app window. `--test-type` keeps Chromium from showing its
 * "unsupported command-line flag" bar (for --no-sandbox as root, or the SwiftShader switches).
 */
export function chromiumArgs({ url, profile, root, software, extra = [] }) {
  return [
    `--app=${software ? new URL(SOFTWARE_RENDERING_QUERY, url).href : url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--window-size=1440,900',
    '--test-type',
    ...(root ? ['--no-sandbox'] : []),
    ...extra,
    // Last: a later switch wins over the same switch in `extra`.
    ...(software ? SOFTWARE_RENDERING_SWITCHES : []),
  ];
}

const extraChromiumArgs = () => (process.env.LEO_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);

function parseArgs(argv) {
  const opts = { browser: process.env.LEO_FORCE_BROWSER === '1', port: Number(process.env.LEO_PORT ?? 0) };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=', 2);
    if (key === '--browser') opts.browser = true;
    else if (key === '--port') opts.port = Number(inline ?? argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (use --browser, --port N)`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error(`bad port ${opts.port}`);
  return opts;
}

/** Newest modification time under `p` (a file or a folder, walked recursively). */
function newestMtime(p) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows up as the folder's mtime
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(join(p, entry)));
  return newest;
}

function buildIfStale() {
  const outputs = OUTPUTS.map((o) => join(ROOT, o));
  const missing = outputs.filter((o) => !existsSync(o));
  const oldestOutput = missing.length ? 0 : Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  const newestInput = Math.max(...INPUTS.map((i) => newestMtime(join(ROOT, i))));
  if (missing.length === 0 && oldestOutput >= newestInput) return;
  note(missing.length ? `building (missing ${missing.map((m) => m.slice(ROOT.length)).join(', ')})…` : 'sources changed, rebuilding…');
  const bin = join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js');
  // Same as `npx electron-vite build`, without relying on npx/.cmd shims; output to stderr so
  // stdout keeps its single mode line.
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) throw new Error(`build failed (electron-vite build exited with ${r.status ?? r.signal})`);
}

/** Path of the Electron binary when it is installed, else null (require('electron') throws then). */
function electronBinary() {
  const require = createRequire(join(ROOT, 'package.json'));
  try {
    const id = require.resolve('electron');
    delete require.cache[id]; // a retry after install must re-read path.txt
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function tryInstallElectron() {
  const script = join(ROOT, 'node_modules/electron/install.js');
  if (!existsSync(script)) return false;
  const timeout = Number(process.env.LEO_ELECTRON_INSTALL_TIMEOUT_MS ?? 45_000);
  note(`Electron binary missing; trying to download it (up to ${Math.round(timeout / 1000)} s)…`);
  const r = spawnSync(process.execPath, [script], { cwd: join(ROOT, 'node_modules/electron'), stdio: ['ignore', 'ignore', 'pipe'], timeout, killSignal: 'SIGKILL' });
  if (r.status !== 0) {
    // The first line naming an error is the useful one (e.g. "RequestError: getaddrinfo ENOTFOUND
    // github.com"); the rest is a stack trace.
    const lines = r.stderr?.toString().split('\n').map((l) => l.trim()).filter(Boolean) ?? [];
    const why = r.error?.code === 'ETIMEDOUT' ? 'timed out' : (lines.find((l) => /error/i.test(l)) ?? lines[0] ?? `exit ${r.status}`);
    note(`Electron download failed: ${why}`);
  }
  return electronBinary() !== null;
}

/** Signals go to whichever child runs now (`current()`: the app may have been restarted). */
function forwardSignals(current) {
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => current()?.kill(sig));
}

function runElectron(binary) {
  console.log('LEO Planner: running in Electron');
  // Chromium refuses to start as root without --no-sandbox (containers, CI); a normal user
  // keeps the OS sandbox under our per-renderer sandbox.
  const base = [ROOT, ...(isRoot && process.platform === 'linux' ? ['--no-sandbox'] : [])];
  // LEO_LAUNCHER: the app exits with SOFTWARE_RENDERING_EXIT_CODE when WebGL fails and we start
  // it again, instead of it relaunching itself away from this terminal.
  const env = { ...process.env, LEO_LAUNCHER: 'start.mjs' };
  delete env.ELECTRON_RUN_AS_NODE; // inherited from some tools; would start Node, not the app
  let child = null;
  const launch = (software) => {
    child = spawn(binary, software ? [...base, SOFTWARE_RENDERING_ARG] : base, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => {
      if (code === SOFTWARE_RENDERING_EXIT_CODE && !software) {
        note('no usable GPU (WebGL failed); starting Electron again with software rendering (SwiftShader)');
        launch(true);
        return;
      }
      process.exit(code ?? (signal ? 1 : 0));
    });
  };
  forwardSignals(() => child);
  launch(false);
}

async function runInChromium(port) {
  let onSoftwareRendering = () => ({ relaunching: false, why: 'this browser window was not opened by npm start, which could reopen it with software rendering' });
  const server = await startServer({ root: join(ROOT, 'out/renderer'), port, onSoftwareRendering: (reason) => onSoftwareRendering(reason) });
  const chromium = findChromium();
  if (!chromium) {
    console.log(`LEO Planner: Electron binary unavailable and no Chromium found; open ${server.url} in a browser`);
    note('install Chromium (node scripts/ensure-chromium.mjs) or set CHROMIUM_PATH; serving until Ctrl+C');
    const stop = () => server.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  // A profile of our own makes Chromium start a new process (instead of handing the URL to a
  // running browser and exiting), so the server lives exactly as long as the window.
  const profile = join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'leo-planner', 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  console.log(`LEO Planner: Electron binary unavailable, running in Chromium app window at ${server.url}`);
  let child = null;
  let software = false;
  let reopening = false;
  const open = () => {
    const args = chromiumArgs({ url: server.url, profile, root: isRoot, software, extra: extraChromiumArgs() });
    // Chromium logs harmless D-Bus and GPU noise on every start; LEO_VERBOSE=1 shows it.
    child = spawn(chromium, args, { stdio: ['ignore', 'ignore', process.env.LEO_VERBOSE === '1' ? 'inherit' : 'ignore'] });
    child.on('error', (err) => {
      note(`could not start ${chromium}: ${err.message}`);
      void server.close().then(() => process.exit(1));
    });
    child.on('exit', async (code, signal) => {
      if (reopening) {
        reopening = false;
        open();
        return;
      }
      await server.close();
      process.exit(code ?? (signal ? 1 : 0));
    });
  };
  // The page could not create a WebGL context: reopen the window, once, with SwiftShader.
  onSoftwareRendering = (reason) => {
    if (software) return { relaunching: false, why: 'the window already runs in software rendering (SwiftShader), and WebGL failed there too' };
    software = true;
    reopening = true;
    note(`no usable GPU (${reason}); reopening the window with software rendering (SwiftShader)`);
    setTimeout(() => child?.kill('SIGTERM'), 50); // after the answer has gone out
    return { relaunching: true };
  };
  forwardSignals(() => child);
  open();
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    buildIfStale();
    const binary = opts.browser ? null : (electronBinary() ?? (tryInstallElectron() ? electronBinary() : null));
    if (binary) runElectron(binary);
    else await runInChromium(opts.port);
  } catch (err) {
    console.error(`start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
