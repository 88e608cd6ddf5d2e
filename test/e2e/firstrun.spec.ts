// First run on a machine whose GPU cannot run WebGL. Chromium is told to use the native GL
// driver (--use-angle=gl) with no software fallback: headless here there is none, as on a
// GPU-less desktop, where the app used to show "Error constructing CesiumWidget" and no globe
// while the status bar claimed "pretty (auto: hardware WebGL)".
//   1. `npm start` (scripts/start.mjs, Chromium app window): the page finds no WebGL 2, the
//      launcher reopens the window with SwiftShader, and the app comes up with a lean globe and
//      says it is in software rendering (status bar, one-time notice). The test drives the real
//      launcher and reaches the reopened window over the DevTools protocol.
//   2. The same browser without a launcher that could restart it (the built page on a plain
//      server): the page says plainly that the globe needs WebGL, and the rest of the app works.
// Screenshots: test-results/firstrun-*.png.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { applyCpuThrottle, cpuThrottleRate, expect, test, waitForGlobe } from './fixtures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** What makes WebGL fail here: the native GL driver, which this machine does not have. */
const NO_GPU_ARGS = ['--use-angle=gl'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}firstrun-${name}.png`, await page.screenshot());
}

test('npm start without a usable GPU reopens the app in software rendering: a lean globe, and it says so', async () => {
  const port = await freePort();
  const config = mkdtempSync(join(tmpdir(), 'leo-firstrun-'));
  const child = spawn(process.execPath, ['scripts/start.mjs', '--browser'], {
    cwd: ROOT,
    env: { ...process.env, CHROMIUM_PATH: CHROMIUM, XDG_CONFIG_HOME: config, LEO_CHROMIUM_ARGS: ['--headless=new', `--remote-debugging-port=${port}`, ...NO_GPU_ARGS].join(' ') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const cdp: { browser: Browser | null } = { browser: null };
  const errors: string[] = [];
  const foreign: string[] = [];
  try {
    // The hardware attempt: the page reports that it cannot create a WebGL 2 context and the
    // launcher reopens the window with software rendering.
    await expect.poll(() => stderr, { timeout: 150_000, message: 'start.mjs reports the fallback' }).toMatch(/start: no usable GPU \(WebGL 2 .*\); reopening the window with software rendering \(SwiftShader\)/);
    expect(stdout.trim().split('\n'), 'npm start prints its one mode line').toEqual([expect.stringMatching(/^LEO Planner: Electron binary unavailable, running in Chromium app window at http:\/\/127\.0\.0\.1:\d+\/$/)]);

    // The reopened window (the first one's DevTools port goes away with it).
    let page: Page | null = null;
    await expect
      .poll(
        async () => {
          try {
            cdp.browser ??= await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
            page = cdp.browser.contexts().flatMap((c) => c.pages()).find((p) => p.url().includes('render=software-fallback')) ?? null;
            if (!page) {
              await cdp.browser.close().catch(() => {});
              cdp.browser = null;
            }
          } catch {
            cdp.browser = null;
          }
          return page !== null;
        },
        { timeout: 60_000, intervals: [250, 500, 1000], message: 'the reopened window answers on its DevTools port' },
      )
      .toBe(true);
    const p = page! as Page;
    p.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
    p.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.hostname !== '127.0.0.1') foreign.push(r.url());
    });
    if (cpuThrottleRate() > 1) await (await p.context().newCDPSession(p)).send('Emulation.setCPUThrottlingRate', { rate: cpuThrottleRate() });
    await p.setViewportSize({ width: 1280, height: 720 });
    await waitForGlobe(p);

    const globe = await p.evaluate(() => ({ renderer: window.__leo!.globe.webglRenderer, quality: window.__leo!.globe.quality }));
    expect(globe.renderer).toMatch(/swiftshader/i);
    expect(globe.quality).toBe('lean');
    await expect(p.locator('[data-field="rendering"]')).toHaveText('Rendering: software (no GPU)');
    await expect(p.locator('[data-field="quality"]')).toContainText('lean (auto: software WebGL (SwiftShader))');
    const notice = p.getByTestId('software-rendering-notice');
    await expect(notice).toContainText("This machine's GPU could not run WebGL");
    await expect(p.locator('.toast--error')).toHaveCount(0);
    await shot(p, 'software');
    await notice.getByRole('button', { name: 'OK' }).click();
    await expect(notice).toHaveCount(0);
    // Once: it stays dismissed on the next start (same profile); the status bar still says so.
    await p.reload();
    await waitForGlobe(p);
    await expect(p.locator('[data-field="rendering"]')).toHaveText('Rendering: software (no GPU)');
    await expect(p.getByTestId('software-rendering-notice')).toHaveCount(0);
    expect(stderr.match(/reopening the window/g), 'reopened once').toHaveLength(1);
  } finally {
    await cdp.browser?.close().catch(() => {});
    child.kill('SIGTERM');
    await exited;
    rmSync(config, { recursive: true, force: true });
  }
  expect(foreign, 'requests that left localhost').toEqual([]);
  expect(errors, 'console errors and uncaught exceptions').toEqual([]);
});

test('a browser without WebGL and no launcher to restart it: the page says plainly that the globe needs WebGL; the rest works', async ({ playwright }) => {
  // A browser of its own: Playwright adds --enable-unsafe-swiftshader by default; without it, as
  // in a desktop Chromium, there is no SwiftShader WebGL to fall back to.
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', ...NO_GPU_ARGS],
    ignoreDefaultArgs: ['--enable-unsafe-swiftshader'],
  });
  const errors: string[] = [];
  const foreign: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
    page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.hostname !== '127.0.0.1') foreign.push(r.url());
    });
    await applyCpuThrottle(page);
    // The built page on the test server, which (unlike npm start's) cannot restart the browser.
    await page.goto(process.env.LEO_E2E_URL!);
    await expect(page.getByRole('menubar', { name: 'Application menu' })).toBeVisible();
    const message = page.getByTestId('globe-message');
    await expect(message).toContainText('The globe needs WebGL 2, which is not available here');
    await expect(message).toContainText('this server cannot restart the browser');
    await expect(page.locator('[data-field="rendering"]')).toHaveText('Rendering: no WebGL: globe unavailable');
    await expect(page.getByRole('alert')).toHaveText(/^The globe needs WebGL 2, which is not available here \(WebGL 2 .*\)\. Start LEO Planner with npm start/);
    await shot(page, 'no-webgl');
    // The rest of the app: an undoable edit.
    const name = page.getByTestId('scenario-name');
    const original = await name.inputValue();
    await name.fill('No-GPU study');
    await name.press('Enter');
    await expect(name).toHaveValue('No-GPU study');
    await page.keyboard.press('Control+z');
    await expect(name).toHaveValue(original);
  } finally {
    await browser.close();
  }
  expect(foreign, 'requests that left localhost').toEqual([]);
  expect(errors, 'console errors and uncaught exceptions').toEqual([]);
});
