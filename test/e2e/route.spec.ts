// The planner's route between two places: place search (city names, typed coordinates), "route
// from / to here" from a search result, a right click and the inspector, the path drawn on the
// globe, its latency equal to the engine's (src-core/network/endpoints.ts, the CLI's meanings) for
// the same pair and time, swap / clear, and the forgiving satellite search.
//
// Tolerances: latency 1e-6 ms (same engine code, same inputs, computed again in Node); drawn path
// vertices 1e-3 deg at the ground ends (the polyline is the hops' positions); satellites at
// 450-700 km (shell altitudes with WGS84 height).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { buildCatalog } from '../../src-core/constellation/catalog';
import { EndToEndRouter, type RouteEnd } from '../../src-core/network/endpoints';
import { createRoutingContext, routeGroundToGround, type RouteOk } from '../../src-core/network/route';
import type { Scenario } from '../../src-core/scenario/schema';
import type {} from '../../src-renderer/globe/hookTypes';
import { routeRows } from '../../src-renderer/ui/route/rows';
import { decodePng } from './png';
import { expect, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));

test.describe.configure({ mode: 'serial' });

let browser: Browser;
let page: Page;
const errors: string[] = [];
const foreign: string[] = [];
let scenario: Scenario;
let router: EndToEndRouter;

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);

test.beforeAll(async ({ playwright, launchOptions }) => {
  // A browser of our own, closed with this file (as globe.spec.ts does).
  browser = await playwright.chromium.launch(launchOptions);
  page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
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
  router = new EndToEndRouter(createRoutingContext(scenario));
});

test.afterAll(async () => {
  await browser?.close();
  expect(foreign, 'requests that left localhost').toEqual([]);
  expect(errors, 'console errors and uncaught exceptions').toEqual([]);
});

const search = () => page.getByTestId('place-search');
const results = () => page.getByTestId('search-result');

async function frames(n = 2): Promise<void> {
  const f0 = await page.evaluate(() => window.__leo!.live!.counts().frames);
  await page.waitForFunction((target) => window.__leo!.live!.counts().frames >= target, f0 + n, { timeout: 30_000 });
}

/** Waits for the route panel's route for the current ends, and returns it with the ends. */
async function shownRoute() {
  await page.waitForFunction(
    () => {
      const r = window.__leo!.live!.routeEnds();
      return r.result !== null && r.result.key === JSON.stringify([r.from?.end ?? null, r.to?.end ?? null]);
    },
    null,
    { timeout: 30_000 },
  );
  return page.evaluate(() => window.__leo!.live!.routeEnds());
}

/** The route panel's route checked against the engine in Node: latency, hops, the table and the drawn path. */
async function expectEngineRoute(): Promise<RouteOk> {
  const shown = await shownRoute();
  const time = await page.evaluate(() => window.__leo!.live!.time());
  expect(shown.result!.tUtcMs).toBe(time.timeUtcMs);
  const expected = router.route(time.timeUtcMs, shown.from!.end as RouteEnd, shown.to!.end as RouteEnd);
  expect(expected.ok, expected.ok ? '' : expected.reason).toBe(true);
  if (!expected.ok || !shown.result!.result.ok) throw new Error('no route');
  const got = shown.result!.result;
  expect(Math.abs(got.oneWayMs - expected.oneWayMs)).toBeLessThan(1e-6);
  expect(got.hops.map((h) => h.id)).toEqual(expected.hops.map((h) => h.id));
  await expect(page.getByTestId('route-oneway')).toHaveText(expected.oneWayMs.toFixed(3));
  await expect(page.getByTestId('route-rtt')).toHaveText(expected.rttMs.toFixed(3));
  // Runs of 3+ laser links share a row; the rows add up to the one-way latency.
  await expect(page.getByTestId('route-table').locator('tbody tr')).toHaveCount(routeRows(expected, true).length);
  const rowMs = await page.getByTestId('route-table').locator('tbody tr td:nth-child(3)').allTextContents();
  expect(Math.abs(rowMs.reduce((a, x) => a + Number(x), 0) - expected.oneWayMs)).toBeLessThan(0.005 * rowMs.length + 1e-9);
  // Drawn: one polyline through every hop but PoPs (reached over a fiber arc), satellites at their drawn positions.
  const drawn = await page.evaluate(() => window.__leo!.live!.drawnPath());
  expect(drawn).not.toBeNull();
  expect(drawn!.hopIds).toEqual(expected.hops.map((h) => h.id));
  const spaceHops = expected.hops.filter((h) => h.kind !== 'pop');
  expect(drawn!.vertices).toHaveLength(spaceHops.length);
  spaceHops.forEach((h, k) => {
    const v = drawn!.vertices[k]!;
    if (h.kind === 'satellite') {
      expect(v.altKm).toBeGreaterThan(450);
      expect(v.altKm).toBeLessThan(700);
    } else {
      expect(Math.abs(v.latDeg - h.latDeg)).toBeLessThan(1e-3);
      expect(Math.abs(v.lonDeg - h.lonDeg)).toBeLessThan(1e-3);
    }
  });
  expect(drawn!.backhaulArcs).toBe(expected.segments.filter((s) => s.kind === 'backhaul').length);
  return expected;
}

async function cameraStill(): Promise<void> {
  await page.waitForFunction(() => window.__leo!.live!.cameraFlights() === 0, null, { timeout: 30_000 });
  await frames(3);
}

async function shot(name: string): Promise<Buffer> {
  mkdirSync(OUT, { recursive: true });
  const png = await page.screenshot();
  writeFileSync(`${OUT}route-${name}.png`, png);
  return png;
}

/** Pixels of the highlighted path's colour (#ffee58) in a screenshot. */
function pathPixels(png: Buffer): number {
  const img = decodePng(png);
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    const r = img.data[i]!, g = img.data[i + 1]!, b = img.data[i + 2]!;
    if (r > 230 && g > 215 && b > 50 && b < 140) n++;
  }
  return n;
}

test('search "Sydney" -> route from, "40.7, -74.0" -> route to: the path is drawn with the engine latency', async () => {
  await search().fill('Sydney');
  const first = results().first();
  await expect(first).toHaveAttribute('data-kind', 'place');
  await expect(first).toContainText('Sydney, AU');
  await expect(first).toContainText('Australia');
  await shot('search-results');
  await first.getByRole('button', { name: 'Route from Sydney, AU' }).click();
  await expect(page.getByTestId('route-from')).toHaveText(/Sydney, AU/);
  await expect(page.getByTestId('route-to')).toContainText('search a place');

  await search().fill('40.7, -74.0');
  const coords = results().first();
  await expect(coords).toHaveAttribute('data-kind', 'coordinates');
  await expect(coords).toContainText('40.7000°N 74.0000°W');
  await coords.getByRole('button', { name: /^Route to / }).click();
  await expect(page.getByTestId('inspector-title')).toHaveText('Route');
  await expect(page.getByTestId('route-to')).toHaveText(/40\.7000, -74\.0000/);

  const expected = await expectEngineRoute();
  // The same pair through the CLI's function (routeGroundToGround), the one `leo-planner route --from --to` calls.
  const shown = await page.evaluate(() => window.__leo!.live!.routeEnds());
  const sydney = shown.from!.end as { latDeg: number; lonDeg: number };
  expect(Math.abs(sydney.latDeg - -33.8679)).toBeLessThan(0.01);
  expect(Math.abs(sydney.lonDeg - 151.2073)).toBeLessThan(0.01);
  const cli = routeGroundToGround(createRoutingContext(scenario), shown.result!.tUtcMs, sydney, { latDeg: 40.7, lonDeg: -74 });
  expect(cli.ok && Math.abs(cli.oneWayMs - expected.oneWayMs)).toBeLessThan(0.01);
  expect(expected.hops[0]!.kind).toBe('ground');
  expect(expected.hops[expected.hops.length - 1]!.kind).toBe('ground');
  expect(expected.satelliteHops).toBeGreaterThan(3);
  await expect(page.getByTestId('route-summary')).toContainText(`${expected.satelliteHops} satellites`);
  // The ends that are places carry their names on the globe.
  await expect(page.getByTestId('ground-labels').getByText('Sydney, AU', { exact: true })).toHaveCount(1);

  // The RTT chart over the next 30 minutes between the same ends finishes.
  await expect(page.getByTestId('rtt-chart')).toContainText(/min [\d.]+ · max [\d.]+ ms/, { timeout: 90_000 });
  // Over the scenario's analysis window instead (its start, its length, its step).
  const chart = page.getByTestId('rtt-chart');
  await chart.getByLabel('Chart duration').selectOption({ label: 'analysis window' });
  await expect(chart).toContainText(`(${Math.max(30, scenario.analysis.stepS)} s step)`);
  await expect(chart).toContainText(/min [\d.]+ · max [\d.]+ ms · \d+ path changes/, { timeout: 90_000 });
  // The camera frames the route; the yellow path shows on screen.
  await cameraStill();
  const png = await shot('sydney-newyork');
  expect(pathPixels(png)).toBeGreaterThan(150);
});

test('swap reverses the ends and re-routes; clear removes the route and its path', async () => {
  await page.getByRole('button', { name: /Swap/ }).click();
  await expect(page.getByTestId('route-from')).toHaveText(/40\.7000, -74\.0000/);
  await expect(page.getByTestId('route-to')).toHaveText(/Sydney, AU/);
  const r = await expectEngineRoute();
  expect(r.hops[0]!.latDeg).toBeCloseTo(40.7, 6);
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page.getByTestId('route-ends')).toHaveCount(0);
  await page.waitForFunction(() => window.__leo!.live!.drawnPath() === null, null, { timeout: 30_000 });
  expect(await page.evaluate(() => window.__leo!.live!.selection())).toBeNull();
});

test('right click -> route from here; a gateway from search -> route to here in the inspector', async () => {
  // Central France, away from every marker (Paris has a PoP: a right click there offers the PoP).
  await page.evaluate(() => window.__leo!.live!.flyToLatLon(46.5, 0.5, 6000));
  await cameraStill();
  const p = (await page.evaluate(() => window.__leo!.projectLatLon(46.5, 0.5)))!;
  expect(p.visible).toBe(true);
  await page.mouse.click(p.x, p.y, { button: 'right' });
  const menu = page.getByTestId('globe-menu');
  await expect(menu).toBeVisible();
  await expect(menu).toContainText(/46\.[45]\d+°N 0\.[45]\d+°E/);
  await shot('context-menu');
  await menu.getByRole('menuitem', { name: 'Route from here' }).click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('route-from')).toHaveText(/^46\.[45]\d+, 0\.[45]\d+/);

  const gw = scenario.gateways.find((g) => g.id === 'gw-frankfurt') ?? scenario.gateways[0]!;
  await search().fill(gw.name);
  const hit = page.locator('[data-testid="search-result"][data-kind="gateway"]').first();
  await expect(hit).toContainText(gw.name);
  await hit.locator('.globe-search__main').click();
  await expect(page.getByTestId('inspector-title')).toHaveText(gw.name);
  await page.getByTestId('inspector').getByRole('button', { name: `Route to ${gw.name} (gateway)` }).click();
  await expect(page.getByTestId('inspector-title')).toHaveText('Route');
  const r = await expectEngineRoute();
  expect(r.hops[r.hops.length - 1]).toMatchObject({ kind: 'gateway', id: gw.id });
  expect(r.segments.some((s) => s.kind === 'backhaul')).toBe(false);
  await cameraStill();
  await shot('point-to-gateway');
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
});

test('typed coordinates out of range say what is wrong', async () => {
  await search().fill('95, 10');
  await expect(page.getByTestId('search-error')).toHaveText(/latitude 95 is outside -90\.\.90 degrees/);
  await search().fill('40.7N 74N');
  await expect(page.getByTestId('search-error')).toHaveText(/two latitudes/);
  await search().fill('');
});

test('satellite search matches how people type: "K1-P1-S1", "kuiper", NORAD ids', async () => {
  await search().fill('K1-P1-S1');
  const sat = results().first();
  await expect(sat).toHaveAttribute('data-kind', 'satellite');
  await expect(sat).toContainText('K1-P01-S01');
  await sat.locator('.globe-search__main').click();
  await expect(page.getByTestId('inspector-title')).toHaveText('K1-P01-S01');

  await search().fill('kuiper');
  await expect(page.locator('[data-testid="search-result"][data-kind="shell"]')).toHaveCount(3);
  await expect(page.locator('[data-testid="search-result"][data-kind="satellite"]').first()).toContainText(/K1-P00-S00/);

  // The inspector's own satellite box uses the same matcher.
  const box = page.getByTestId('sat-search');
  await box.fill('k1p2s3');
  await expect(page.getByRole('listbox', { name: 'Matching satellites' }).getByRole('button').first()).toContainText('K1-P02-S03');
  await box.fill('Kuiper');
  await expect(page.getByRole('listbox', { name: 'Matching satellites' }).getByRole('button')).toHaveCount(3 + 8);
  await box.fill('');
  const { catalog } = buildCatalog(scenario);
  await search().fill(`#${catalog.noradIds[40]}`);
  await expect(results().first()).toContainText(catalog.names[40]!);
  await search().fill(`norad ${catalog.noradIds[2000]}`);
  await expect(results().first()).toContainText(catalog.names[2000]!);
  await search().fill('');
});
