// The live globe in a browser: the engine worker feeds the constellation layer, ground objects,
// picking, the inspector's route (checked against the engine run in Node), the time panel, and
// the drawn positions against SGP4 run in Node. One page for the whole file (SwiftShader page
// loads are slow), tests run in order and share it; the page's own guard (console errors,
// foreign requests) is checked at the end.
//
// Tolerances: route latency 1e-6 ms (same engine code, same inputs); drawn positions 1e-6 km at
// snapshot times (exact copies of the worker's SGP4 output) and 1 km between snapshots (cubic
// Hermite over a 1 s step is far below that; the bound is what the UI needs, not the method's).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { buildCatalog } from '../../src-core/constellation/catalog';
import { STATUS_CODES } from '../../src-core/constellation/types';
import { ecefToGeodetic, geodeticToEcef } from '../../src-core/frames/geodetic';
import { coverageHalfAngleRad } from '../../src-core/frames/spherical';
import { groundFrame, visibleSatellites } from '../../src-core/network/ground';
import { createRoutingContext, routeToPop } from '../../src-core/network/route';
import { Propagator } from '../../src-core/orbit/propagator';
import type { Scenario } from '../../src-core/scenario/schema';
import { FOOTPRINT_OPACITY, satelliteColor } from '../../src-renderer/globe/overlay/palette';
import { BUSY_SHOW_DELAY_MS } from '../../src-renderer/ui/busyIndicator';
import { EARTH_MEAN_RADIUS_KM } from '../../src-core/units';
import { footprintRingEcef } from '../../src-renderer/globe/overlay/footprintRing';
// The hooks the live globe and the constellation layer add to window.__leo (types only).
import type {} from '../../src-renderer/globe/hookTypes';
import { decodePng, type Rgba } from './png';
import { applyCpuThrottle, cameraMoves, cameraSettled, expect, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
const shot = async (page: Page, name: string): Promise<Buffer> => {
  mkdirSync(OUT, { recursive: true });
  const png = await page.screenshot();
  writeFileSync(`${OUT}globe-${name}.png`, png);
  return png;
};

test.describe.configure({ mode: 'serial' });

let browser: Browser;
let page: Page;
const errors: string[] = [];
const foreign: string[] = [];
let scenario: Scenario;

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);

test.beforeAll(async ({ playwright, launchOptions }) => {
  // A browser of our own (same launch options): the shared page must not outlive this file, or its
  // render loop keeps a core busy under later specs; and Playwright's per-test tracing stays out of it.
  browser = await playwright.chromium.launch(launchOptions);
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
  await applyCpuThrottle(page);
  page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && !LOCAL.has(u.hostname)) foreign.push(r.url());
  });
  await page.goto(process.env.LEO_E2E_URL!);
  await waitForGlobe(page);
  await page.waitForFunction(() => (window.__leo?.live?.counts().linksDrawn ?? 0) > 0, null, { timeout: 60_000 });
  scenario = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as Scenario;
});

test.afterAll(async () => {
  await browser?.close();
  expect(foreign, 'requests that left localhost').toEqual([]);
  expect(errors, 'console errors and uncaught exceptions').toEqual([]);
});

/** Waits until the layer has drawn `n` more frames. */
async function frames(n = 2): Promise<void> {
  const f0 = await page.evaluate(() => window.__leo!.live!.counts().frames);
  await page.waitForFunction((target) => window.__leo!.live!.counts().frames >= target, f0 + n, { timeout: 30_000 });
}

const pixel = (img: Rgba, x: number, y: number) => {
  const i = (Math.floor(y) * img.width + Math.floor(x)) * 4;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!] as const;
};

/** Front-side satellites in the middle of the globe with no other satellite within `isolationPx`. */
async function isolatedSatellites(count: number, isolationPx = 9): Promise<{ i: number; x: number; y: number }[]> {
  return page.evaluate(
    ([count, iso]) => {
      const live = window.__leo!.live!;
      const pts: { i: number; x: number; y: number }[] = [];
      for (let i = 0; i < 3236; i++) {
        const p = live.projectSatelliteViewport(i);
        if (p) pts.push({ i, x: p.x, y: p.y });
      }
      const out: typeof pts = [];
      for (const p of pts) {
        if (p.x < 420 || p.x > 860 || p.y < 200 || p.y > 560) continue; // away from labels and the limb
        if (pts.some((q) => q !== p && Math.hypot(q.x - p.x, q.y - p.y) < iso)) continue;
        out.push(p);
        if (out.length >= count) break;
      }
      return out;
    },
    [count, isolationPx] as const,
  );
}

test('default scenario: 3,236 satellites and 6,472 laser links drawn, ground objects shown', async () => {
  const c = await page.evaluate(() => window.__leo!.live!.counts());
  expect(c.satellites).toBe(3236);
  expect(c.links).toBe(6472);
  expect(c.linksDrawn).toBe(6472);
  expect(c.gateways).toBe(16);
  expect(c.pops).toBe(34);
  await expect(page.locator('[data-field="engine"]')).toContainText('ready');
  // Labels declutter: some shown, not all (the default view has overlapping European sites).
  const labels = await page.evaluate(() => window.__leo!.live!.labels());
  expect(labels.length).toBeGreaterThan(3);
  expect(labels.length).toBeLessThan(c.gateways + c.pops);
  await expect(page.getByTestId('legend')).toContainText('Laser link length');
  await shot(page, 'default');
});

test('satellites are drawn at their projected positions in their palette colour', async () => {
  await page.evaluate(() => window.__leo!.constellationLayer!.setLayerVisible('links', false));
  await frames();
  const sats = await isolatedSatellites(6);
  expect(sats.length).toBeGreaterThanOrEqual(4);
  const withSats = decodePng(await shot(page, 'satellites-only'));
  // Same camera, same time, satellites hidden: the globe underneath.
  await page.evaluate(() => window.__leo!.constellationLayer!.setLayerVisible('satellites', false));
  await frames();
  const without = decodePng(await page.screenshot());
  await page.evaluate(() => {
    window.__leo!.constellationLayer!.setLayerVisible('satellites', true);
    window.__leo!.constellationLayer!.setLayerVisible('links', true);
  });
  for (const s of sats) {
    const meta = (await page.evaluate((i) => window.__leo!.live!.satelliteMeta(i), s.i))!;
    const want = satelliteColor(meta.shellIndex, meta.status).map((v) => Math.round(v * 255));
    const got = pixel(withSats, s.x, s.y);
    const under = pixel(without, s.x, s.y);
    const diff = Math.abs(got[0] - under[0]) + Math.abs(got[1] - under[1]) + Math.abs(got[2] - under[2]);
    expect(diff, `${meta.name} at (${s.x.toFixed(1)}, ${s.y.toFixed(1)}): ${got} vs hidden ${under}`).toBeGreaterThan(30);
    for (let k = 0; k < 3; k++) expect(Math.abs(got[k]! - want[k]!), `${meta.name} colour ${got} vs palette ${want}`).toBeLessThanOrEqual(16);
  }
});

test('clicking a projected satellite selects that satellite in the inspector', async () => {
  // The ring's pixels are judged near white: take the fitted (strongly coloured) heatmap out of
  // the background for this check, and put it back at the end.
  const metric = page.getByTestId('heatmap-metric');
  const metricBefore = await metric.inputValue();
  await metric.selectOption('off');
  await frames();
  const [s] = await isolatedSatellites(1, 12);
  expect(s).toBeDefined();
  const name = await page.evaluate((i) => window.__leo!.live!.satelliteName(i), s!.i);
  await page.mouse.click(s!.x, s!.y);
  await expect(page.getByTestId('inspector-title')).toHaveText(name!);
  expect(await page.evaluate(() => window.__leo!.live!.selection())).toEqual({ kind: 'satellite', index: s!.i });
  await expect(page.getByTestId('neighbours').locator('button')).toHaveCount(4);
  await expect(page.getByTestId('inspector')).toContainText(/Routes to\s*\S+/);
  // On the globe: a ring at the satellite's drawn position, and its 4 laser links.
  await page.waitForFunction(() => window.__leo!.live!.selectedSatelliteMarker()?.links === 4);
  const ring = (await page.evaluate(() => window.__leo!.live!.selectedSatelliteMarker()))!;
  const at = (await page.evaluate((i) => window.__leo!.live!.projectSatelliteViewport(i), s!.i))!;
  expect(Math.hypot(ring.x - at.x, ring.y - at.y), `ring at (${ring.x}, ${ring.y}), satellite at (${at.x}, ${at.y})`).toBeLessThan(1.5);
  const img = decodePng(await shot(page, 'satellite-selected'));
  // The white ring (radius 9 px, 2.5 px wide) around the dot: most of 16 points on it are near white.
  let white = 0;
  for (let k = 0; k < 16; k++) {
    const a = (2 * Math.PI * k) / 16;
    if (Math.min(...pixel(img, at.x + 9 * Math.cos(a), at.y + 9 * Math.sin(a)).slice(0, 3)) > 190) white++;
  }
  expect(white, 'ring pixels near white').toBeGreaterThanOrEqual(10);
  // Its coverage footprint: a ring on the ground at the engine's half-angle for the terminal mask
  // around the satellite's drawn position (central angle to the ring's first point).
  const fp = ring.footprint!;
  expect(fp, 'footprint shown').not.toBeNull();
  const p = (await page.evaluate((i) => window.__leo!.constellationLayer!.drawnPositionEcefKm(i), s!.i))!;
  const lam = coverageHalfAngleRad(Math.hypot(...p) - EARTH_MEAN_RADIUS_KM, (scenario.terminal.minElevationDeg * Math.PI) / 180);
  const q = geodeticToEcef({ latRad: (fp.latDeg * Math.PI) / 180, lonRad: (fp.lonDeg * Math.PI) / 180, heightKm: 0 });
  const cosAngle = (p[0] * q.x + p[1] * q.y + p[2] * q.z) / (Math.hypot(...p) * Math.hypot(q.x, q.y, q.z));
  expect(Math.abs(Math.acos(cosAngle) - lam), `footprint at ${Math.acos(cosAngle)} rad, engine ${lam} rad`).toBeLessThan(0.002 * lam);
  await metric.selectOption(metricBefore);
});

test('clicking a ground point shows its path, with the engine latency for that point and time', async () => {
  const g = (await page.evaluate(() => window.__leo!.projectLatLon(12, 8)))!;
  expect(g.visible).toBe(true);
  await page.mouse.click(g.x, g.y);
  await page.waitForFunction(() => window.__leo!.live!.route() !== null, null, { timeout: 30_000 });
  const route = (await page.evaluate(() => window.__leo!.live!.route()))!;
  const time = await page.evaluate(() => window.__leo!.live!.time());
  expect(time.playing).toBe(false);
  expect(route.tUtcMs).toBe(time.timeUtcMs);
  expect(route.result.ok).toBe(true);
  if (!route.result.ok) return;

  const ctx = createRoutingContext(scenario);
  const expected = routeToPop(ctx, time.timeUtcMs, { latDeg: route.latDeg, lonDeg: route.lonDeg });
  expect(expected.ok).toBe(true);
  if (!expected.ok) return;
  expect(Math.abs(route.result.oneWayMs - expected.oneWayMs)).toBeLessThan(1e-6);
  expect(route.result.hops.map((h) => h.id)).toEqual(expected.hops.map((h) => h.id));
  await expect(page.getByTestId('route-oneway')).toHaveText(expected.oneWayMs.toFixed(3));
  await expect(page.getByTestId('route-rtt')).toHaveText(expected.rttMs.toFixed(3));
  await expect(page.getByTestId('route-table').locator('tbody tr')).toHaveCount(expected.segments.length);
  // User beams: the serving satellite plus every other usable satellite above the terminal mask,
  // as many as the engine's visibility test finds in Node for that point and time.
  const built = buildCatalog(scenario);
  const pos = new Float64Array(3 * built.catalog.count);
  new Propagator(built.satrecs).propagateEcef(time.timeUtcMs, pos);
  const usable = Uint8Array.from(built.catalog.status, (st) => (st === STATUS_CODES.raising ? 0 : 1));
  const n = built.catalog.count;
  const inView = visibleSatellites(groundFrame(route.latDeg, route.lonDeg, 0), pos, scenario.terminal.minElevationDeg, scenario.terminal.maxSlantKm ?? null, new Int32Array(n), new Float64Array(n), null, usable);
  expect(inView).toBeGreaterThan(1);
  await frames(2);
  expect(await page.evaluate(() => window.__leo!.layerStats!.userSatellitesInView)).toBe(inView);
  // The RTT chart over the next 30 minutes finishes.
  await expect(page.getByTestId('rtt-chart')).toContainText(/min [\d.]+ · max [\d.]+ ms/, { timeout: 60_000 });
  await frames(3);
  await shot(page, 'ground-path');
});

test('laser links coloured by routed load: the legend names the analysis step and the links change colour', async () => {
  await page.getByRole('tab', { name: 'Layers & legend' }).click();
  const before = decodePng(await shot(page, 'links-by-length'));
  await page.getByTestId('link-coloring').selectOption('load');
  await expect(page.getByTestId('link-load-status')).toContainText(/routed at the analysis step \d\d:\d\d UTC; \d+ links carry [\d.]+ [kMB] people served/, { timeout: 60_000 });
  await page.waitForFunction(() => window.__leo!.constellationLayer!.linkColoring() === 'load');
  await frames(3);
  const after = decodePng(await shot(page, 'links-by-load'));
  // The mesh changes colour: many pixels over the globe differ clearly.
  let changed = 0;
  for (let y = 0; y < before.height; y += 2) {
    for (let x = 0; x < before.width; x += 2) {
      const a = pixel(before, x, y), b = pixel(after, x, y);
      if (Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) > 40) changed++;
    }
  }
  expect(changed, 'pixels that changed colour (every 2nd row and column)').toBeGreaterThan(2000);
  await page.getByTestId('link-coloring').selectOption('length');
  await page.waitForFunction(() => window.__leo!.constellationLayer!.linkColoring() === 'length');
  await expect(page.getByTestId('legend')).toContainText('Laser link length');
});

test('drawn positions equal SGP4 in Node at snapshot times and between them', async () => {
  const built = buildCatalog(scenario);
  const prop = new Propagator(built.satrecs);
  const ref = new Float64Array(3 * built.catalog.count);
  const start = Date.parse(scenario.analysis.startUtc);
  const idx = [0, 1, 500, 1234, 2000, 3235];
  // +600 s: on every snapshot grid (exact); +601.37 s: between snapshots (interpolated).
  for (const [dt, tolKm, kind] of [
    [600_000, 1e-6, 'exact'],
    [601_370, 1, 'hermite'],
    [1_800_250, 1, 'hermite'],
  ] as const) {
    const t = start + dt;
    await page.evaluate((ms) => window.__leo!.live!.setTime(ms), t);
    await page.waitForFunction(
      ([ms, kind]) => {
        const l = window.__leo!.live!;
        return l.time().drawnTimeUtcMs === ms && l.frameSource() === kind;
      },
      [t, kind] as const,
      { timeout: 30_000 },
    );
    const drawn = await page.evaluate(([ids]) => ids.map((i) => window.__leo!.constellationLayer!.drawnPositionEcefKm(i)), [idx] as const);
    prop.propagateEcef(t, ref);
    let worst = 0;
    idx.forEach((i, k) => {
      const p = drawn[k]!;
      expect(p, `satellite ${i} drawn`).not.toBeNull();
      worst = Math.max(worst, Math.hypot(p![0] - ref[3 * i]!, p![1] - ref[3 * i + 1]!, p![2] - ref[3 * i + 2]!));
    });
    test.info().annotations.push({ type: 'position error', description: `t=start+${dt / 1000} s (${kind}): worst ${worst.toExponential(2)} km` });
    expect(worst, `t=start+${dt / 1000} s (${kind})`).toBeLessThan(tolKm);
  }
});

test('play/pause and scrubbing move the displayed time and the satellites', async () => {
  const clock = page.getByTestId('sim-time');
  const pos = () => page.evaluate(() => window.__leo!.constellationLayer!.drawnPositionEcefKm(100));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const text0 = await clock.textContent();
  const p0 = await pos();
  await page.keyboard.press('Space');
  expect((await page.evaluate(() => window.__leo!.live!.time())).playing).toBe(true);
  await expect(clock).not.toHaveText(text0!);
  await frames(3);
  await page.keyboard.press('Space');
  const t1 = await page.evaluate(() => window.__leo!.live!.time());
  expect(t1.playing).toBe(false);
  await frames(2);
  const p1 = await pos();
  expect(Math.hypot(p1![0] - p0![0], p1![1] - p0![1], p1![2] - p0![2]), 'satellite moved while playing').toBeGreaterThan(1);

  // Speed keys.
  await page.keyboard.press(']');
  expect((await page.evaluate(() => window.__leo!.live!.time())).speed).toBe(100);
  await page.keyboard.press('[');
  expect((await page.evaluate(() => window.__leo!.live!.time())).speed).toBe(60);

  // Scrub: click at three quarters of the timeline.
  const range = page.getByTestId('time-range');
  const box = (await range.boundingBox())!;
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
  const start = Date.parse(scenario.analysis.startUtc);
  const t2 = (await page.evaluate(() => window.__leo!.live!.time())).timeUtcMs;
  expect(Math.abs(t2 - (start + 0.75 * scenario.analysis.durationS * 1000))).toBeLessThan(0.05 * scenario.analysis.durationS * 1000);
  await expect(clock).toHaveText(`${new Date(t2).toISOString().slice(0, 19).replace('T', ' ')} UTC`);
  await page.waitForFunction((ms) => window.__leo!.live!.time().drawnTimeUtcMs === ms, t2);
  const p2 = await pos();
  expect(Math.hypot(p2![0] - p1![0], p2![1] - p1![1], p2![2] - p1![2]), 'satellite moved after scrubbing').toBeGreaterThan(100);

  // Home: back to the window start (focus off the range input, which keeps its own keys).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Home');
  expect((await page.evaluate(() => window.__leo!.live!.time())).timeUtcMs).toBe(start);
  await shot(page, 'after-scrub');
});

test('during playback the engine field stays steady: the routine laser and beam requests do not blink it', async () => {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(']'); // x100
  const t0 = (await page.evaluate(() => window.__leo!.live!.time())).timeUtcMs;
  // Every text the field shows from now on, with when (before the fix it read "working…" for
  // ~20 ms every 0.5-1.5 s), and where the engine's own logs stand.
  const since = await page.evaluate(() => {
    const el = document.querySelector('[data-field="engine"]')!;
    const w = window as Window & { __engineField?: { text: string; atMs: number }[] };
    w.__engineField = [{ text: el.textContent ?? '', atMs: performance.now() }];
    new MutationObserver(() => {
      // Record what the field shows when it changes (a re-render with the same text is not a new showing).
      const text = el.textContent ?? '';
      if (w.__engineField!.at(-1)?.text !== text) w.__engineField!.push({ text, atMs: performance.now() });
    }).observe(el, { childList: true, characterData: true, subtree: true });
    return { seq: window.__leo!.engine!.seq, atMs: performance.now() };
  });
  await page.keyboard.press('Space');
  // Played until the globe has asked for the gateway links (laser state, feeder beams) 8 times:
  // they are re-requested every 500 ms while the time moves.
  await page.waitForFunction((seq) => window.__leo!.engine!.log(seq).filter((e) => e.name === 'gatewayLinks' && e.phase === 'end').length >= 8, since.seq, { timeout: 60_000 });
  await page.keyboard.press('Space');
  await page.keyboard.press('[');
  const t1 = (await page.evaluate(() => window.__leo!.live!.time())).timeUtcMs;
  expect(t1 - t0, 'simulated ms played').toBeGreaterThan(100_000);
  const { field, busy } = await page.evaluate((fromMs) => {
    const w = window as Window & { __engineField?: { text: string; atMs: number }[] };
    // Busy periods of the engine client (status 'busy' to the next other status) in the window.
    const log = window.__leo!.engine!.statusLog();
    const periods: { fromMs: number; toMs: number }[] = [];
    for (let i = 0; i < log.length; i++) {
      if (log[i]!.status !== 'busy') continue;
      const end = log[i + 1]?.atMs ?? performance.now();
      if (end >= fromMs) periods.push({ fromMs: log[i]!.atMs, toMs: end });
    }
    return { field: w.__engineField!, busy: periods };
  }, since.atMs);
  const longestBusyMs = Math.max(0, ...busy.map((p) => p.toMs - p.fromMs));
  const note = `${busy.length} busy periods, longest ${longestBusyMs.toFixed(0)} ms; field showed ${JSON.stringify([...new Set(field.map((f) => f.text))])}`;
  console.log(`engine field during playback: ${note}`);
  // The rule (ui/busyIndicator.ts, unit-tested with a fake clock): "working…" only once the
  // engine has been busy BUSY_SHOW_DELAY_MS without a break. Each time the field said so, the
  // engine had been busy that long; when no busy period lasted that long, it never said so.
  for (const f of field.filter((x) => x.text === 'Engine: working…')) {
    const period = busy.find((p) => p.fromMs <= f.atMs && f.atMs <= p.toMs + 50);
    expect(period && f.atMs - period.fromMs, `"working…" at ${f.atMs.toFixed(0)} ms: ${note}`).toBeGreaterThanOrEqual(BUSY_SHOW_DELAY_MS - 1);
  }
  if (longestBusyMs < BUSY_SHOW_DELAY_MS) expect(new Set(field.map((f) => f.text)), note).toEqual(new Set(['Engine: ready']));
});

test('shift-click selects several gateways; a crashed engine restarts and is re-fed', async () => {
  const gws = scenario.gateways.slice(0, 16);
  const visible = [];
  for (const g of gws) {
    const p = (await page.evaluate(([lat, lon]) => window.__leo!.projectLatLon(lat!, lon!), [g.latDeg, g.lonDeg]))!;
    if (p.visible) visible.push({ id: g.id, x: p.x, y: p.y });
  }
  // Two gateways far enough apart to click unambiguously.
  const a = visible[0]!;
  const b = visible.find((v) => Math.hypot(v.x - a.x, v.y - a.y) > 60)!;
  await page.mouse.click(a.x, a.y);
  await expect.poll(() => page.evaluate(() => window.__leo!.live!.selection())).toEqual({ kind: 'gateway', id: a.id });
  await page.keyboard.down('Shift');
  await page.mouse.click(b.x, b.y);
  await page.keyboard.up('Shift');
  await expect.poll(() => page.evaluate(() => window.__leo!.live!.selection())).toEqual({ kind: 'gateways', ids: [a.id, b.id] });
  await page.mouse.click(a.x, a.y);
  await expect(page.getByTestId('inspector')).toContainText('In view now');
  await frames(2);
  await shot(page, 'gateway-selected');

  // The notice toast goes away by itself after a few seconds: record every toast that shows.
  const statusFrom = await page.evaluate(() => {
    const w = window as Window & { __toasts?: string[] };
    w.__toasts = [];
    new MutationObserver(() => document.querySelectorAll('.toast__text').forEach((t) => w.__toasts!.push(t.textContent ?? ''))).observe(document.body, { childList: true, subtree: true, characterData: true });
    return window.__leo!.engine!.statusLog().length;
  });
  await page.evaluate(() => window.__leo!.live!.simulateEngineCrash());
  // The engine's own account: restarted, re-fed, ready again.
  await page.waitForFunction((from) => {
    const log = window.__leo!.engine!.statusLog().slice(from).map((s) => s.status);
    const r = log.indexOf('restarted');
    return r >= 0 && log.indexOf('ready', r) > r;
  }, statusFrom);
  await expect
    .poll(() => page.evaluate(() => (window as Window & { __toasts?: string[] }).__toasts!.some((t) => t.startsWith('Engine restarted, scenario re-loaded'))), { message: 'the restart was announced' })
    .toBe(true);
  await expect(page.locator('[data-field="engine"]')).toContainText('ready');
  // Still drawing after the re-feed.
  const t = Date.parse(scenario.analysis.startUtc) + 20 * 60_000;
  await page.evaluate((ms) => window.__leo!.live!.setTime(ms), t);
  await page.waitForFunction((ms) => window.__leo!.live!.time().drawnTimeUtcMs === ms, t);
  expect((await page.evaluate(() => window.__leo!.live!.counts())).linksDrawn).toBeGreaterThan(6000);
});

test('footprints: the layer checkbox draws each satellite\'s ring at the engine\'s terminal-mask half-angle, bolder when zoomed in', async () => {
  // Footprints alone, paused, seen from 4,000 km above a satellite near the middle of the globe.
  const layer = (on: boolean) =>
    page.evaluate((on) => {
      const l = window.__leo!.constellationLayer!;
      for (const n of ['satellites', 'links', 'feederBeams', 'userBeams'] as const) l.setLayerVisible(n, on);
    }, on);
  // Last in the file: it moves the camera. Paused, so the screenshots show one instant.
  expect((await page.evaluate(() => window.__leo!.live!.time())).playing).toBe(false);
  const box = page.getByRole('checkbox', { name: /Footprints/ });
  await box.check(); // the panel applies every layer's checkbox: hide the others after it
  await layer(false);
  await frames(3);
  const far = await page.evaluate(() => window.__leo!.layerStats!);
  expect(far.footprintsDrawn, 'rings drawn at the default view').toBeGreaterThan(500);
  expect(far.footprintOpacity, `opacity at the whole-Earth view (ring radius ${far.footprintRadiusPx.toFixed(1)} px)`).toBeLessThan(FOOTPRINT_OPACITY * 1.15); // the faint mesh
  // Software WebGL here: the rings are walked on the CPU (overlay/ringRaster.ts), at any quality,
  // in the raster worker where the page may share memory (served cross-origin isolated).
  expect(far.footprintRaster, 'software WebGL rasterises footprints on the CPU').toBe('cpu');
  expect(await page.evaluate(() => crossOriginIsolated), 'served with COOP + COEP').toBe(true);
  // The CPU raster and the GL lines draw the same rings: the pixels each changes (against
  // footprints off) lie within 1 px of a pixel the other changes.
  const raster = (mode: 'gpu' | 'cpu') => page.evaluate((m) => window.__leo!.constellationLayer!.setFootprintRaster(m), mode);
  /**
   * Redraws the still globe until the frame on screen shows rings the raster worker walked for
   * that very frame, so the CPU-raster shots test the worker's pixels. In the app a frame whose
   * worker is late walks them on the main thread (or shows the previous frame's); whether the
   * worker makes it in time depends on the machine, so here each frame waits for its own job
   * (setFootprintRasterWait, a test hook, on until the shot is taken) and the poll only sees the
   * next frame through.
   */
  const workerFrame = async () => {
    await page.evaluate(() => window.__leo!.constellationLayer!.setFootprintRasterWait(10_000));
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const s = window.__leo!.layerStats!;
            if (s.footprintRasterThread === 'worker' && s.footprintRasterFrameLag === 0) return 'worker, own frame';
            window.__leo!.constellationLayer!.setLayerVisible('footprints', true); // one more frame
            return `${s.footprintRasterThread}, lag ${s.footprintRasterFrameLag}`;
          }),
        { message: 'a frame of rings from the raster worker', timeout: 30_000 },
      )
      .toBe('worker, own frame');
  };
  const fpShot = async (mode: 'gpu' | 'cpu' | 'off', name?: string) => {
    await page.evaluate((on) => window.__leo!.constellationLayer!.setLayerVisible('footprints', on), mode !== 'off');
    if (mode !== 'off') await raster(mode);
    await frames(3);
    if (mode === 'cpu') await workerFrame();
    const png = decodePng(name ? await shot(page, name) : await page.screenshot());
    await page.evaluate(() => window.__leo!.constellationLayer!.setFootprintRasterWait(0));
    return png;
  };
  type Png = ReturnType<typeof decodePng>;
  const differs = (a: Png, b: Png, i: number) => Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 12;
  /** Globe pixels that `a` changes against footprints off (both "off" shots alike: no toast or label moved). */
  const changedMask = (a: Png, off1: Png, off2: Png) => {
    const m = new Uint8Array(a.width * a.height);
    for (let y = 40; y < 640; y++) {
      for (let x = 262; x < 998; x++) {
        const i = 4 * (y * a.width + x);
        m[y * a.width + x] = !differs(off1, off2, i) && differs(a, off1, i) ? 1 : 0;
      }
    }
    return m;
  };
  const within1px = (a: Uint8Array, b: Uint8Array, w: number) => {
    let n = 0, near = 0;
    for (let i = 0; i < a.length; i++) {
      if (!a[i]) continue;
      n++;
      let hit = false;
      for (let dy = -w; dy <= w && !hit; dy += w) for (let dx = -1; dx <= 1 && !hit; dx++) hit = b[i + dy + dx] === 1;
      if (hit) near++;
    }
    return { n, share: near / Math.max(n, 1) };
  };
  {
    const off1 = await fpShot('off');
    const gpu = await fpShot('gpu', 'footprints-far-gpu');
    const cpu = await fpShot('cpu', 'footprints-far-cpu');
    const off2 = await fpShot('off');
    const mg = changedMask(gpu, off1, off2), mc = changedMask(cpu, off1, off2);
    const g = within1px(mg, mc, gpu.width), c = within1px(mc, mg, gpu.width);
    const note = `GL lines changed ${g.n} px, ${(100 * g.share).toFixed(1)}% near a CPU-raster one; CPU raster ${c.n} px, ${(100 * c.share).toFixed(1)}% near a GL one`;
    console.log(`footprints, whole-Earth view: ${note}`);
    expect(g.n, note).toBeGreaterThan(20_000);
    expect(c.n / g.n, note).toBeGreaterThan(0.8);
    expect(c.n / g.n, note).toBeLessThan(1.25);
    expect(g.share, note).toBeGreaterThan(0.9);
    expect(c.share, note).toBeGreaterThan(0.9);
    await fpShot('cpu');
  }
  const [sat] = await isolatedSatellites(1, 0);
  expect(sat).toBeDefined();
  // Closer in, over the satellite, so that fewer other rings cross the test circles: a flight
  // straight down over its sub-point, ~1,650 km up, where one wheel step from a 4,000 km view
  // used to land (a flight lands in the same place on every machine; a wheel zoom does not).
  const sub = await page.evaluate((i) => window.__leo!.constellationLayer!.drawnPositionEcefKm(i), sat!.i);
  const subGeo = ecefToGeodetic({ x: sub![0], y: sub![1], z: sub![2] });
  const moves = await cameraMoves(page);
  const recoveries = await page.evaluate(() => window.__leo!.globe.renderRecoveries);
  await page.evaluate(([la, lo]) => window.__leo!.live!.flyToLatLon(la, lo, 1650), [(subGeo.latRad * 180) / Math.PI, (subGeo.lonRad * 180) / Math.PI] as const);
  await cameraSettled(page, moves);
  expect(await page.evaluate(() => window.__leo!.globe.renderRecoveries), 'render-loop recoveries during the flight').toBe(recoveries);
  const place = (await page.evaluate(() => window.__leo!.camera()))!;
  expect(place.heightKm, 'the flight landed 1,650 km up').toBeCloseTo(1650, -1);
  await frames(3);
  const near = await page.evaluate(() => window.__leo!.layerStats!);
  expect(near.footprintRadiusPx, `ring radius on screen, near vs far (${far.footprintRadiusPx.toFixed(1)} px)`).toBeGreaterThan(2 * far.footprintRadiusPx);
  expect(near.footprintOpacity, 'sparser rings on screen are drawn bolder').toBeGreaterThan(2 * far.footprintOpacity);
  const onCpu = await fpShot('cpu', 'footprints-near');
  const onGpu = await fpShot('gpu', 'footprints-near-gpu');
  await raster('cpu');
  await box.uncheck();
  await layer(false);
  await frames(3);
  const off = decodePng(await page.screenshot());
  await layer(true);

  // The ring in Node: points at the coverage half-angle (src-core, the planner's coverage model)
  // around the satellite's drawn position, laid on the WGS84 ellipsoid as the shader does.
  const p = (await page.evaluate((i) => window.__leo!.constellationLayer!.drawnPositionEcefKm(i), sat!.i))!;
  const lam = coverageHalfAngleRad(Math.hypot(...p) - EARTH_MEAN_RADIUS_KM, (scenario.terminal.minElevationDeg * Math.PI) / 180);
  const ringPoints = async (angle: number) => {
    const out: { x: number; y: number }[] = [];
    for (const [x, y, z] of footprintRingEcef(p, angle, 36)) {
      const g = ecefToGeodetic({ x, y, z });
      const q = await page.evaluate(([la, lo]) => window.__leo!.projectLatLon(la, lo), [(g.latRad * 180) / Math.PI, (g.lonRad * 180) / Math.PI] as const);
      if (q?.visible && q.x > 262 && q.x < 998 && q.y > 40 && q.y < 640) out.push({ x: q.x, y: q.y });
    }
    return out;
  };
  // A point "shows a ring" when a pixel within 1 px changed between footprints on and off.
  const hitRate = (pts: { x: number; y: number }[], on: Png) => {
    let hits = 0;
    for (const q of pts) {
      let hit = false;
      for (let dy = -1; dy <= 1 && !hit; dy++) {
        for (let dx = -1; dx <= 1 && !hit; dx++) hit = differs(on, off, 4 * (Math.floor(q.y + dy) * on.width + Math.floor(q.x + dx)));
      }
      if (hit) hits++;
    }
    return hits / pts.length;
  };
  const ring = await ringPoints(lam);
  expect(ring.length, 'ring points on screen').toBeGreaterThanOrEqual(20);
  // Control: circles 15% inside and outside cross only the other satellites' rings.
  const insidePts = await ringPoints(lam * 0.85);
  const outsidePts = await ringPoints(lam * 1.15);
  // Both rasterisers: the CPU walk (lean quality, this machine) and the GL lines (real GPUs).
  for (const [name, on] of [['CPU raster', onCpu], ['GL lines', onGpu]] as const) {
    const onRing = hitRate(ring, on), inside = hitRate(insidePts, on), outside = hitRate(outsidePts, on);
    const note = `${name}: ring hit rate ${onRing.toFixed(2)} (${ring.length} points; 15% inside ${inside.toFixed(2)}, outside ${outside.toFixed(2)}; ring ${near.footprintRadiusPx.toFixed(0)} px, opacity ${near.footprintOpacity.toFixed(2)})`;
    console.log(`footprints, zoomed in: ${note}`);
    expect(onRing, note).toBeGreaterThanOrEqual(0.9);
    expect(inside, note).toBeLessThan(onRing - 0.25);
    expect(outside, note).toBeLessThan(onRing - 0.25);
  }
  // While the globe moves, the raster worker walks the rings: every frame shows its own rings or,
  // when the worker is late, the previous frame's (never older); once paused, the globe ends on
  // its own frame's rings.
  await box.check();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const w0 = await page.evaluate(() => window.__leo!.layerStats!.footprintRasterWorkerFrames);
  await page.keyboard.press('Space');
  const lags = await page.evaluate(
    () =>
      new Promise<number[]>((resolve) => {
        const seen: number[] = [];
        let last = -1;
        const step = () => {
          const s = window.__leo!.layerStats!;
          if (s.frames !== last && s.footprintRasterThread === 'worker') seen.push(s.footprintRasterFrameLag);
          last = s.frames;
          if (seen.length >= 20) resolve(seen);
          else requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );
  await page.keyboard.press('Space');
  expect((await page.evaluate(() => window.__leo!.live!.time())).playing).toBe(false);
  const st = await page.evaluate(() => window.__leo!.layerStats!);
  const note = `lags ${lags.join('')}; worker frames +${st.footprintRasterWorkerFrames - w0}, late ${st.footprintRasterLateFrames}, main-thread ${st.footprintRasterMainFrames}`;
  console.log(`footprints while playing: ${note}`);
  expect(lags.every((l) => l === 0 || l === 1), note).toBe(true);
  // (A sampled frame may be one the layer skipped as unchanged, so fewer than 20 new worker frames.)
  expect(st.footprintRasterWorkerFrames - w0, note).toBeGreaterThanOrEqual(10);
  await expect.poll(() => page.evaluate(() => window.__leo!.layerStats!.footprintRasterFrameLag), { message: 'paused: the last frame shows its own rings' }).toBe(0);
  await box.uncheck();
});
