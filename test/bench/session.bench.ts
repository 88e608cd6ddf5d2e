// Click-to-heatmap (issue 14, section 1): in the built app (Debian Chromium, default scenario: full
// Kuiper, 96 one-minute steps, H3 res 3), add a gateway with the add-gateway tool and time from the
// click (pointerup) until the heatmap's colours for the new revision are written and one more
// frame has been drawn (the figures come from the same store update). Each add is undone (and
// waited for, and timed the same way from its keydown: printed, not budgeted) before the next.
// Budget: median under 100 ms on the 2-core build machine.
// Baseline in the same run: the engine-only add in Node (EngineSession.apply + coverage(), the
// work the worker does for the edit), so the ratio shows what the app adds around the engine.
//
//   click-to-heatmap / engine-only add (Node EngineSession)
//   click-to-heatmap / app: click to heatmap (add gateway)      budget 100 ms
//
// Rendering: software (SwiftShader) with the app's own software-rendering switches and lean
// quality, as the app starts on a machine without a usable GPU; with RENDER_GL_ARGS (the GPU
// machine's hardware WebGL switches, scripts/gpu-bench-device.sh) the app's own quality choice
// ("auto": pretty on a GPU; RENDER_QUALITY overrides). CHROMIUM_PATH and RENDER_ROOT as in
// render.bench.ts (the device pack bundles this file: test/bench/device-render.ts).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { geoDemandSource } from '../../src-core/geo';
import { defaultScenario } from '../../src-core/scenario/default';
import type { Gateway } from '../../src-core/scenario/schema';
import { EngineSession } from '../../src-core/session/session';
import { startServer, type RunningServer } from '../../scripts/serve.mjs';
import { SOFTWARE_RENDERING_SWITCHES } from '../../scripts/start.mjs';
import type { Bench } from './types';

const GROUP = 'click-to-heatmap';
const ENGINE = 'engine-only add (Node EngineSession)';
const ROOT = process.env.RENDER_ROOT ? `${resolve(process.env.RENDER_ROOT)}/` : fileURLToPath(new URL('../../out/renderer/', import.meta.url));
const GPU_ARGS = process.env.RENDER_GL_ARGS?.split(/\s+/).filter(Boolean) ?? null;
const QUALITY = process.env.RENDER_QUALITY ?? (GPU_ARGS ? 'auto' : 'lean');
/** Land near the AWS UAE region, which has no gateway in the default scenario. */
const SITE = { latDeg: 24.3, lonDeg: 54.6 };

// ---- engine-only baseline
const scenario = defaultScenario();
const extra: Gateway = { ...scenario.gateways[0]!, id: 'gw-bench-uae', name: 'Bench (UAE)', latDeg: SITE.latDeg, lonDeg: SITE.lonDeg, countryCode: 'AE', status: 'planned' };
let session: EngineSession | null = null;
let engineMs = 0;

function engineAdd(): void {
  if (!session) {
    session = new EngineSession(scenario, { demand: geoDemandSource });
    session.coverage();
  }
  const t0 = performance.now();
  session.apply([{ op: 'gateway/add', gateway: extra }]);
  session.coverage();
  engineMs = performance.now() - t0;
  session.apply([{ op: 'gateway/remove', id: extra.id }]);
  session.coverage();
}

// ---- the app
interface App {
  browser: Browser;
  server: RunningServer;
  page: Page;
}
let app: Promise<App> | null = null;
let appMs = 0;
/** The page's WebGL renderer string (SwiftShader or the GPU). */
let webgl = '';
const appSamples: number[] = [];
/** Ms from the undo's keydown (Ctrl+Z after each add) to its heatmap written and one more frame (not budgeted). */
const undoSamples: number[] = [];
/** Per add: ms from the click to describeSite answered, applyPatches sent and answered (with the figures), heatmap written, frame drawn. */
const breakdowns: string[] = [];

async function open(): Promise<App> {
  if (!existsSync(`${ROOT}index.html`)) throw new Error('out/renderer is missing: run `npm run build` first');
  const server = await startServer({ root: ROOT, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    // Software rendering exactly as the app starts it on a machine without a usable GPU (the
    // launcher's and Electron's switches are the same list: test/unit/main/gpu-fallback.test.ts).
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', ...(GPU_ARGS ?? SOFTWARE_RENDERING_SWITCHES)],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}?quality=${QUALITY}`);
  await page.locator('body[data-globe-ready="true"]').waitFor({ state: 'attached', timeout: 180_000 });
  // The default window's first full evaluation, drawn.
  await page.waitForFunction(() => window.__leo?.heatmap?.lastShown()?.revision === window.__leo!.state().revision, null, { timeout: 300_000, polling: 200 });
  webgl = await page.evaluate(() => window.__leo!.globe.webglRenderer);
  return { browser, server, page };
}

/** Waits until the heatmap shows the store's revision (> rev) and one more frame was drawn; returns performance.now() of the write. */
async function heatmapAfter(page: Page, rev: number): Promise<number> {
  await page.waitForFunction((r) => {
    const st = window.__leo!.state().revision;
    return st > r && window.__leo!.heatmap?.lastShown()?.revision === st;
  }, rev, { timeout: 60_000, polling: 'raf' });
  return page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))));
}

async function clickToHeatmap(): Promise<void> {
  app ??= open();
  const { page } = await app;
  await page.getByTestId('tool-add-gateway').click();
  const p = await page.evaluate(([lat, lon]) => window.__leo!.projectLatLon(lat!, lon!), [SITE.latDeg, SITE.lonDeg]);
  if (!p?.visible) throw new Error('the bench site is not on screen');
  const rev = await page.evaluate(() => {
    const w = window as Window & { __clickAt?: number };
    window.addEventListener('pointerup', () => void (w.__clickAt = performance.now()), { capture: true, once: true });
    return window.__leo!.state().revision;
  });
  const seq = await page.evaluate(() => window.__leo!.engine!.seq);
  await page.mouse.click(p.x, p.y);
  const drawnAt = await heatmapAfter(page, rev);
  const at = await page.evaluate((seq) => {
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    const log = window.__leo!.engine!.log(seq);
    const ends = log.filter((e) => e.phase === 'end');
    return {
      click: (window as Window & { __clickAt?: number }).__clickAt!,
      site: ends.find((e) => e.name === 'describeSite')?.atMs ?? NaN,
      sent: log.find((e) => e.phase === 'start' && e.name === 'applyPatches')?.atMs ?? NaN,
      patches: ends.find((e) => e.name === 'applyPatches')?.atMs ?? NaN,
      heatmap: window.__leo!.heatmap!.lastShown()!.atMs,
    };
  }, seq);
  appMs = drawnAt - at.click;
  appSamples.push(appMs);
  const ms = (t: number) => (t - at.click).toFixed(0);
  breakdowns.push(`site ${ms(at.site)} / patches sent ${ms(at.sent)} / patches+figures ${ms(at.patches)} / heatmap ${ms(at.heatmap)} / frame ${ms(drawnAt)}`);
  // Undo the add and wait for its heatmap, so every add starts from the default scenario.
  await page.getByTestId('tool-select').click();
  const rev2 = await page.evaluate(() => {
    const w = window as Window & { __undoAt?: number };
    window.addEventListener('keydown', () => void (w.__undoAt = performance.now()), { capture: true, once: true });
    return window.__leo!.state().revision;
  });
  await page.keyboard.press('Control+z');
  const undoneAt = await heatmapAfter(page, rev2);
  undoSamples.push(undoneAt - (await page.evaluate(() => (window as Window & { __undoAt?: number }).__undoAt!)));
}

function close(): string[] {
  const a = app;
  app = null;
  void a?.then(async ({ browser, server }) => {
    await browser.close();
    await server.close();
  });
  return [`rendering: ${GPU_ARGS ? `RENDER_GL_ARGS ${GPU_ARGS.join(' ')}` : 'software (the app\'s SwiftShader switches)'}, quality ${QUALITY}; ${webgl}`, `app samples (ms): ${appSamples.map((x) => x.toFixed(0)).join(', ')}`, `undo (Ctrl+Z) to heatmap and a frame, after each add (ms, no budget): ${undoSamples.map((x) => x.toFixed(0)).join(', ')}`, 'click -> ms (describeSite answered / applyPatches sent / answered with figures / heatmap colours / next frame):', ...breakdowns.map((b) => `  ${b}`)];
}

export const benches: Bench[] = [
  { name: ENGINE, group: GROUP, iterations: 7, fn: engineAdd, measure: () => engineMs },
  { name: 'app: click to heatmap (add gateway)', group: GROUP, baselineOf: ENGINE, iterations: 7, budget: { ms: 100 }, fn: clickToHeatmap, measure: () => appMs, notes: close },
];
