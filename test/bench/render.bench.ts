// Render benchmarks: the built app in headless Chromium (SwiftShader here), lean quality, 1280x720.
//   render / bare lean globe            mean frame interval, constellation layers hidden
//   render / full Kuiper layer          satellites + lasers + footprints (ratio vs the bare globe)
//   render / layer JS per frame         the layer's own main-thread JS per frame (layerStats)
//   render / heap growth 60 s x100      JS heap after - before a 60 s playback at x100 (after GC)
//   render-long / heap growth 10 min    the same over 10 minutes: `npm run bench -- render-long`
// Budgets: the full layer adds < 25% frame time (printed as a note; SwiftShader rasterises on the
// CPU, so this ratio is pessimistic there), < 2 ms layer JS per frame.
//
// The browser starts lazily (loadBenches is also called when other benches are filtered) and one
// page is shared by consecutive render benches; it closes a few seconds after the last one.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthetic30kShells } from '../../src-core/constellation';
import { defaultScenario } from '../../src-core/scenario/default';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startServer, type RunningServer } from '../../scripts/serve.mjs';
import type {} from '../../src-renderer/globe/hookTypes';
import type { Bench } from './types';

const FRAMES = 40;
const ROOT = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

interface Session {
  browser: Browser;
  server: RunningServer;
  page: Page;
}
let session: Promise<Session> | null = null;
let closeTimer: ReturnType<typeof setTimeout> | null = null;

async function open(): Promise<Session> {
  if (!existsSync(`${ROOT}index.html`)) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  const server = await startServer({ root: ROOT, port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-precise-memory-info'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}?quality=lean`);
  await page.locator('body[data-globe-ready="true"]').waitFor({ state: 'attached', timeout: 180_000 });
  await page.waitForFunction(() => (window.__leo?.live?.counts().linksDrawn ?? 0) > 0, null, { timeout: 120_000 });
  return { browser, server, page };
}

async function page(): Promise<Page> {
  if (closeTimer) clearTimeout(closeTimer);
  closeTimer = null;
  session ??= open();
  return (await session).page;
}

/** Called when a bench is done: closes the session unless another bench starts soon. */
function release(): void {
  if (closeTimer) clearTimeout(closeTimer);
  closeTimer = setTimeout(() => {
    const s = session;
    session = null;
    void s?.then(async ({ browser, server }) => {
      await browser.close();
      await server.close();
    });
  }, 3000);
}

async function setLayers(p: Page, on: boolean, footprints = on): Promise<void> {
  await p.evaluate(
    ([on, fp]) => {
      const l = window.__leo!.constellationLayer!;
      l.setLayerVisible('satellites', on);
      l.setLayerVisible('links', on);
      l.setLayerVisible('footprints', fp);
    },
    [on, footprints] as const,
  );
}

/** Mean animation-frame interval (ms) over n frames, after two frames to settle. */
async function meanFrameMs(p: Page, n = FRAMES): Promise<number> {
  // A string, not a function: tsx (esbuild keepNames) would wrap named inner functions in a
  // __name() helper that does not exist in the page.
  return p.evaluate(`new Promise((resolve) => {
    let k = -2, t0 = 0;
    const step = (t) => {
      if (k === 0) t0 = t;
      if (k === ${n}) return resolve((t - t0) / ${n});
      k++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`);
}

async function heapMb(p: Page): Promise<number> {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.detach();
  return p.evaluate(() => (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN) as Promise<number>;
}

async function heapGrowth(seconds: number): Promise<{ mb: number; line: string }> {
  const p = await page();
  await setLayers(p, true, true);
  const before = (await heapMb(p)) / 2 ** 20;
  await p.evaluate(() => {
    window.__leo!.live!.setTime(Date.parse('2026-01-01T00:00:00Z'));
  });
  await p.keyboard.press(']'); // 60 -> 100
  await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await p.keyboard.press('Space');
  await p.waitForTimeout(seconds * 1000);
  await p.keyboard.press('Space');
  await p.keyboard.press('[');
  const after = (await heapMb(p)) / 2 ** 20;
  const t = await p.evaluate(() => window.__leo!.live!.time());
  return { mb: after - before, line: `heap ${before.toFixed(1)} -> ${after.toFixed(1)} MB after ${seconds} s at x${100} (sim advanced ${((t.timeUtcMs - Date.parse('2026-01-01T00:00:00Z')) / 60_000).toFixed(0)} min, playing=${t.playing})` };
}

export function loadBenches(): Promise<Bench[]> {
  let bare = NaN;
  let full = NaN;
  let noFootprints = NaN;
  let big = { frameMs: NaN, jsMs: NaN, sats: 0, links: 0 };
  let js = { avg: NaN, max: NaN };
  let heap = { mb: NaN, line: '' };
  let heapLong = { mb: NaN, line: '' };
  // The runner's first sample is a warm-up: keep it short for the long heap runs.
  let heapRuns = 0;
  let heapLongRuns = 0;
  const benches: Bench[] = [
    {
      group: 'render',
      name: 'bare lean globe (layers hidden), frame ms',
      iterations: 5,
      fn: async () => setLayers(await page(), false),
      measure: async () => (bare = await meanFrameMs(await page())),
    },
    {
      group: 'render',
      name: 'full Kuiper layer (sats+lasers+footprints), frame ms',
      baselineOf: 'bare lean globe (layers hidden), frame ms',
      iterations: 5,
      fn: async () => setLayers(await page(), true, true),
      measure: async () => (full = await meanFrameMs(await page())),
      notes: () => [`full / bare = ${(full / bare).toFixed(2)} (+${((full / bare - 1) * 100).toFixed(0)}% frame time; budget < +25%: ${full / bare < 1.25 ? 'PASS' : 'FAIL'}; SwiftShader, software raster)`],
    },
    {
      group: 'render',
      name: 'Kuiper satellites + lasers (no footprints), frame ms',
      baselineOf: 'bare lean globe (layers hidden), frame ms',
      iterations: 5,
      fn: async () => setLayers(await page(), true, false),
      measure: async () => (noFootprints = await meanFrameMs(await page())),
      notes: () => [`satellites + lasers / bare = ${(noFootprints / bare).toFixed(2)} (+${((noFootprints / bare - 1) * 100).toFixed(0)}% frame time; footprints are the rest)`],
    },
    {
      group: 'render',
      name: 'layer JS per frame (layerStats.avgFrameJsMs)',
      iterations: 5,
      budget: { ms: 2 },
      fn: async () => {
        const p = await page();
        await setLayers(p, true, true);
        await meanFrameMs(p, 20);
      },
      measure: async () => {
        const s = await (await page()).evaluate(() => ({ avg: window.__leo!.layerStats!.avgFrameJsMs, max: window.__leo!.layerStats!.maxFrameJsMs }));
        js = s;
        return s.avg;
      },
      notes: () => [`max single frame since load: ${js.max.toFixed(2)} ms (includes first uploads and shader compiles)`],
    },
    {
      group: 'render',
      name: 'heap growth over 60 s of x100 playback, MB',
      iterations: 1,
      fn: async () => {
        heap = await heapGrowth(heapRuns++ === 0 ? 5 : 60);
      },
      measure: () => heap.mb,
      notes: () => [heap.line, 'the 10-minute run: npm run bench -- render-long'],
    },
    {
      // "A 30,000-satellite scenario stays interactive": open a synthetic 29,988-satellite
      // scenario through File > Open (the browser fallback's file chooser) and time frames.
      group: 'render-30k',
      name: 'synthetic 29,988 satellites + lasers (no footprints), frame ms',
      iterations: 3,
      fn: async () => {
        const p = await page();
        if (big.sats === 0) {
          const sc = { ...defaultScenario(), name: 'Synthetic 30k', constellation: { shells: synthetic30kShells(), elementSets: [] } };
          const file = join(mkdtempSync(join(tmpdir(), 'leo-30k-')), 'synthetic-30k.json');
          writeFileSync(file, JSON.stringify(sc));
          const chooser = p.waitForEvent('filechooser');
          await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          await p.keyboard.press('Control+o');
          await (await chooser).setFiles(file);
          await p.waitForFunction(() => (window.__leo?.live?.counts().linksDrawn ?? 0) > 40_000, null, { timeout: 300_000 });
          const c = await p.evaluate(() => window.__leo!.live!.counts());
          big = { ...big, sats: c.satellites, links: c.linksDrawn };
        }
        await setLayers(p, true, false);
      },
      measure: async () => {
        const p = await page();
        big.frameMs = await meanFrameMs(p);
        big.jsMs = await p.evaluate(() => window.__leo!.layerStats!.avgFrameJsMs);
        return big.frameMs;
      },
      notes: () => {
        release();
        return [`${big.sats} satellites, ${big.links} laser links drawn; layer JS ${big.jsMs.toFixed(2)} ms/frame; ${(1000 / big.frameMs).toFixed(1)} fps on SwiftShader`];
      },
    },
    {
      group: 'render-long',
      name: 'heap growth over 10 min of x100 playback, MB',
      iterations: 1,
      fn: async () => {
        heapLong = await heapGrowth(heapLongRuns++ === 0 ? 5 : 600);
      },
      measure: () => heapLong.mb,
      notes: () => {
        release();
        return [heapLong.line];
      },
    },
  ];
  // Opt-in only: the filter "render" would otherwise also match "render-long".
  const long = process.argv.includes('render-long');
  return Promise.resolve(long ? benches : benches.filter((b) => b.group !== 'render-long'));
}
