// Rollout view (docs/ROLLOUT.md, "In the app"), built app in Chromium (SwiftShader): turn rollout
// view on, type an early date (2025-12-01): the satellites drawn are those in orbit then (the
// layer's count equals the engine's inOrbit figure, and the Node-side schedule's), well under the
// 3,236 of the full constellation, and the headline figures on screen are the engine's answer;
// move the slider to full deployment (End key): satellites, links and served % go up. Every wait
// is on window.__leo (the engine's answer, the layer's frame stats), never on a delay.
// Screenshots: test-results/rollout-early.png and rollout-full.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { buildCatalog } from '../../src-core/constellation/catalog';
import { deploymentAt } from '../../src-core/rollout/deployment';
import type { RolloutFigures } from '../../src-core/rollout/engine';
import { buildSchedule } from '../../src-core/rollout/schedule';
import type { Scenario } from '../../src-core/scenario/schema';
import type {} from '../../src-renderer/ui/rollout/hooks';
import { expect, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
const EARLY = '2025-12-01';
const FULL_CONSTELLATION = 3236;

/** The engine's answer for the date shown, once the globe has drawn a frame with it. */
async function answered(page: Page, dateMs: number): Promise<{ f: RolloutFigures; drawn: number; links: number }> {
  await page.waitForFunction(
    (d) => {
      const leo = window.__leo!;
      const r = leo.rollout!.state();
      const st = leo.layerStats!;
      return r.dateMs === d && r.figures !== null && r.maskLength > 0 && st.rolloutView && st.satellitesDrawn === r.figures.inOrbit;
    },
    dateMs,
    { timeout: 150_000 },
  );
  return page.evaluate(() => {
    const leo = window.__leo!;
    return { f: leo.rollout!.state().figures!, drawn: leo.layerStats!.satellitesDrawn, links: leo.layerStats!.activeLinks };
  });
}

const fmt = (v: number, digits = 0): string => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The figures on screen are the engine's answer (same rounding as the bar). */
async function expectShown(page: Page, f: RolloutFigures): Promise<void> {
  await expect(page.getByTestId('rollout-figures')).toHaveAttribute('data-date-ms', String(f.dateMs));
  await expect(page.getByTestId('rollout-in-orbit')).toHaveText(fmt(f.inOrbit));
  await expect(page.getByTestId('rollout-raising')).toHaveText(fmt(f.raising));
  await expect(page.getByTestId('rollout-operational')).toHaveText(fmt(f.operational));
  await expect(page.getByTestId('rollout-gateways')).toHaveText(fmt(f.gatewaysInService));
  await expect(page.getByTestId('rollout-served-pct')).toHaveText(`${fmt(f.servedPct, 1)} %`);
  await expect(page.getByTestId('rollout-served-gbps')).toHaveText(`${fmt(f.servedGbps)} Gbps`);
  await expect(page.getByTestId('rollout-p95')).toHaveText(Number.isFinite(f.p95LatencyMs) ? `${fmt(f.p95LatencyMs, 1)} ms` : '— ms');
}

test('rollout view: the slider changes the satellites drawn and the headline figures', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  mkdirSync(OUT, { recursive: true });
  const drawnOff = await page.evaluate(() => window.__leo!.layerStats!.satellitesDrawn);
  expect(drawnOff).toBe(FULL_CONSTELLATION);

  await page.getByTestId('rollout-toggle').click();
  await expect(page.getByTestId('rollout-toggle')).toHaveAttribute('aria-pressed', 'true');
  const date = page.getByTestId('rollout-date');
  await date.fill(EARLY);
  await date.press('Enter');
  const earlyMs = Date.parse(`${EARLY}T00:00:00Z`);
  const early = await answered(page, earlyMs);
  await expectShown(page, early.f);

  // The same date from the scenario on screen, in Node: the schedule's satellites in orbit.
  const scenario = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as Scenario;
  const dep = deploymentAt(scenario, buildCatalog(scenario).catalog, buildSchedule(scenario), earlyMs);
  console.log(`rollout ${EARLY}: in orbit ${early.f.inOrbit} (raising ${early.f.raising}), drawn ${early.drawn}, links ${early.links}, served ${early.f.servedPct.toFixed(2)} %, ${early.f.servedGbps.toFixed(0)} Gbps, p95 ${early.f.p95LatencyMs.toFixed(1)} ms`);
  expect(early.f.inOrbit).toBe(dep.inOrbit);
  expect(early.f.raising).toBe(dep.raising);
  expect(early.drawn).toBe(dep.inOrbit);
  expect(early.f.inOrbit).toBeGreaterThan(0);
  expect(early.f.inOrbit).toBeLessThan(FULL_CONSTELLATION / 4);
  writeFileSync(`${OUT}rollout-early.png`, await page.screenshot());

  // Full deployment: the slider's end is the schedule's full deployment (to the millisecond).
  const slider = page.getByTestId('rollout-slider');
  await slider.focus();
  await slider.press('End');
  const fullMs = buildSchedule(scenario).fullDeploymentMs;
  const full = await answered(page, fullMs);
  await expectShown(page, full.f);
  console.log(`rollout full deployment ${new Date(fullMs).toISOString()}: in orbit ${full.f.inOrbit}, drawn ${full.drawn}, links ${full.links}, served ${full.f.servedPct.toFixed(2)} %, ${full.f.servedGbps.toFixed(0)} Gbps, p95 ${full.f.p95LatencyMs.toFixed(1)} ms`);
  expect(full.f.inOrbit).toBe(FULL_CONSTELLATION);
  expect(full.f.operational).toBe(FULL_CONSTELLATION);
  expect(full.drawn).toBe(FULL_CONSTELLATION);
  expect(full.links).toBeGreaterThan(early.links);
  expect(full.f.servedPct).toBeGreaterThan(early.f.servedPct);
  expect(full.f.servedGbps).toBeGreaterThanOrEqual(early.f.servedGbps);
  writeFileSync(`${OUT}rollout-full.png`, await page.screenshot());

  // Off: the scenario as written again (every satellite drawn, no mask).
  await page.getByTestId('rollout-toggle').click();
  await page.waitForFunction((n) => !window.__leo!.layerStats!.rolloutView && window.__leo!.layerStats!.satellitesDrawn === n, FULL_CONSTELLATION);
});
