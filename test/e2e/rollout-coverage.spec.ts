// The whole app follows the rollout date (issue 16 point 2; docs/ROLLOUT.md "The whole app follows
// the date"), built app in Chromium: with the rollout view on, the Coverage panel's figures and the
// heatmap are the network as of the date ("as of 2025-12-01 (rollout view)"), the panel's
// Pop. served is the bar's "pop. served" (same evaluator: equal to the bar's rounding), moving the
// date changes both, full deployment of the default scenario (every satellite operational, every
// gateway without an in-service date) gives exactly the written scenario's figures, and turning
// the view off restores the written figures and heatmap exactly. Every wait is on window.__leo
// (the engine's answers, the heatmap's last write), never on a delay.
// Screenshots: test-results/rollout-coverage-early.png, rollout-coverage-off.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { buildSchedule } from '../../src-core/rollout/schedule';
import type { Scenario } from '../../src-core/scenario/schema';
import type {} from '../../src-renderer/ui/rollout/hooks';
import { expect, openSection, test, waitForGlobe } from './fixtures';

test.setTimeout(420_000);

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
const EARLY = '2025-12-01';

interface Shown {
  pop: string;
  area: string;
  heatmap: { dateMs: number | null; colorHash: number };
}

/** The panel's figures and the heatmap once both show the network of `dateMs` (null: the scenario as written). */
async function shown(page: Page, dateMs: number | null): Promise<Shown> {
  await page.waitForFunction(
    (d) => {
      const leo = window.__leo!;
      const c = leo.rollout!.state().coverage;
      const h = leo.heatmap?.lastShown();
      const dated = d === null ? c === null : c !== null && c.dateMs === d && c.servedPct !== null;
      return dated && h !== null && h !== undefined && h.dateMs === d;
    },
    dateMs,
    { timeout: 200_000 },
  );
  if (dateMs === null) await expect(page.getByTestId('coverage-asof')).toHaveCount(0);
  else await expect(page.getByTestId('figures')).toHaveAttribute('data-as-of-ms', String(dateMs));
  const heatmap = await page.evaluate(() => window.__leo!.heatmap!.lastShown()!);
  return { pop: (await page.getByTestId('fig-pop').textContent())!.trim(), area: (await page.getByTestId('fig-served').textContent())!.trim(), heatmap: { dateMs: heatmap.dateMs, colorHash: heatmap.colorHash } };
}

/** The panel's Pop. served (3 decimals) is the engine's figure; the bar shows the same figure to 1 decimal. */
async function expectPanelEqualsBar(page: Page, s: Shown): Promise<void> {
  const c = await page.evaluate(() => window.__leo!.rollout!.state());
  expect(c.figures).not.toBeNull();
  expect(c.coverage!.servedPct).toBe(c.figures!.servedPct);
  expect(s.pop).toBe(c.figures!.servedPct.toFixed(3));
  await expect(page.getByTestId('rollout-served-pct')).toHaveText(`${Number(s.pop).toFixed(1)} %`);
}

test('rollout view: the Coverage panel and heatmap follow the date, equal the bar, and come back when off', async ({ app: page }) => {
  await waitForGlobe(page);
  mkdirSync(OUT, { recursive: true });
  // A short analysis window keeps both engine workers fast on software-only machines.
  await openSection(page, 'Constraints & window');
  await page.getByTestId('analysis-window').selectOption('1440/60');
  await expect(page.getByTestId('coverage-status')).toContainText('24 steps', { timeout: 150_000 });
  await page.getByTestId('heatmap-metric').selectOption('served');
  const written = await shown(page, null);
  expect(written.pop).not.toBe('–');

  await page.getByTestId('rollout-toggle').click();
  const date = page.getByTestId('rollout-date');
  await date.fill(EARLY);
  await date.press('Enter');
  const earlyMs = Date.parse(`${EARLY}T00:00:00Z`);
  const early = await shown(page, earlyMs);
  await expect(page.getByTestId('coverage-asof')).toHaveText(`as of ${EARLY} (rollout view)`);
  await expectPanelEqualsBar(page, early);
  console.log(`Pop. served written ${written.pop} % (area ${written.area} %), as of ${EARLY} ${early.pop} % (area ${early.area} %)`);
  expect(Number(early.pop)).toBeLessThan(Number(written.pop));
  expect(early.heatmap.colorHash).not.toBe(written.heatmap.colorHash);
  writeFileSync(`${OUT}rollout-coverage-early.png`, await page.screenshot());

  // Full deployment: the default scenario as written (all operational, every gateway in service).
  const slider = page.getByTestId('rollout-slider');
  await slider.focus();
  await slider.press('End');
  const scenario = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as Scenario;
  const fullMs = buildSchedule(scenario).fullDeploymentMs;
  const full = await shown(page, fullMs);
  await expectPanelEqualsBar(page, full);
  expect(full.pop).toBe(written.pop);
  expect(full.area).toBe(written.area);
  expect(full.heatmap.colorHash).toBe(written.heatmap.colorHash);

  // Back to an early date and off: the written figures and heatmap exactly.
  await date.fill(EARLY);
  await date.press('Enter');
  await shown(page, earlyMs);
  await page.getByTestId('rollout-toggle').click();
  const off = await shown(page, null);
  expect(off).toEqual(written);
  writeFileSync(`${OUT}rollout-coverage-off.png`, await page.screenshot());
});

test('rollout view: capacity as of the date: the layer rings only the gateways in service, the inspector says which are not', async ({ app: page }) => {
  await waitForGlobe(page);
  await openSection(page, 'Constraints & window');
  await page.getByTestId('analysis-window').selectOption('1440/60');
  await expect(page.getByTestId('coverage-status')).toContainText('24 steps', { timeout: 150_000 });
  // One gateway goes into service after the date shown (edited as a user would, in its editor).
  const first = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as Scenario;
  const late = first.gateways.find((g) => !g.inServiceDate)!;
  await openSection(page, 'Gateways');
  const rowOf = (id: string) => page.locator(`[data-testid="gateway-table"] tr[data-gateway="${id}"]`);
  await rowOf(late.id).click();
  await page.getByTestId('gateway-in-service').fill('2026-06-01');
  await page.getByTestId('gateway-in-service').press('Enter');
  await expect(page.getByTestId('gateway-in-service')).toHaveValue('2026-06-01');
  const scenario = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as Scenario;

  await openSection(page, 'Capacity');
  await page.getByTestId('capacity-layer').check();
  const legend = page.getByTestId('capacity-legend');
  await expect(legend).toHaveAttribute('data-rings', String(scenario.gateways.length), { timeout: 200_000 });

  await page.getByTestId('rollout-toggle').click();
  const date = page.getByTestId('rollout-date');
  await date.fill(EARLY);
  await date.press('Enter');
  const earlyMs = Date.parse(`${EARLY}T00:00:00Z`);
  await expect(legend).toHaveAttribute('data-as-of-ms', String(earlyMs), { timeout: 200_000 });
  await expect(page.getByTestId('capacity-as-of')).toContainText(`as of ${EARLY}`);
  // The gateways in service that day, by the scenario's own dates (no date: in service).
  const inService = scenario.gateways.filter((g) => !g.inServiceDate || Date.parse(g.inServiceDate) <= earlyMs);
  expect(inService.map((g) => g.id)).not.toContain(late.id);
  expect(inService.length).toBeGreaterThan(0);
  await expect(legend).toHaveAttribute('data-rings', String(inService.length));
  await expect(page.getByTestId('rollout-gateways')).toHaveText(String(inService.length), { timeout: 200_000 });
  await expect(page.getByTestId('capacity-gateways').locator('tbody tr')).toHaveCount(inService.length);

  // The late gateway's inspector says it is not in service; one in service shows what it carries.
  await openSection(page, 'Gateways');
  await rowOf(late.id).click();
  await expect(page.getByTestId('inspector-capacity')).toHaveText(`not in service as of ${EARLY}`);
  await rowOf(inService[0]!.id).click();
  await expect(page.getByTestId('inspector-capacity')).toContainText('Gbps');
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}rollout-capacity-early.png`, await page.screenshot());

  await page.getByTestId('rollout-toggle').click();
  await expect(legend).toHaveAttribute('data-rings', String(scenario.gateways.length), { timeout: 200_000 });
  await expect(legend).toHaveAttribute('data-as-of-ms', '');
});
