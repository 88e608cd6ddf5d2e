// Rollout planning in the built app (docs/ROLLOUT.md, "Planning the rollout in the app"): the
// Rollout tab lists the scenario's launches; the charts show the worker's rollout series; raising a
// launch's satellite count changes that series (more satellites operational), and undo restores it
// exactly; "when does service reach this point?" on a populated point answers a date, and "go to
// that date" and a click on a chart set the app's rollout date. Every wait is on the engine's own
// request log or on the app's state, never a delay. Screenshot: test-results/rollout-plan.png
// (1280x720, Rollout tab with the charts and a first-served answer).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { RolloutPlanHooks } from '../../src-renderer/ui/rollout/rolloutPlanStore';
import { expect, openSection, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
/** Satellites added to the first launch (its shell has free slots: it fills them at once). */
const ADDED = 27;
/** A populated point: Houston. */
const POINT = { latDeg: 29.76, lonDeg: -95.37 };

const revisionNow = async (page: Page): Promise<number> => (await page.evaluate(() => window.__leo!.state())).revision;
const seqNow = (page: Page): Promise<number> => page.evaluate(() => window.__leo!.engine!.seq);

/** Waits until the engine answered a request `name` for scenario revision `rev` (sent after `seq`). */
async function engineDone(page: Page, name: string, rev: number, seq: number): Promise<void> {
  await page.waitForFunction(
    ([n, r, s]) => window.__leo!.engine!.log(s).some((e) => e.name === n && e.phase === 'end' && e.outcome === 'ok' && e.revision === r),
    [name, rev, seq] as const,
    { timeout: 170_000 },
  );
}

/** The rows of window.__leo.rolloutPlan's series (RolloutFigures). */
type Row = Pick<NonNullable<ReturnType<RolloutPlanHooks['state']>['series']>['rows'][number], 'dateMs' | 'inOrbit' | 'operational' | 'servedPct' | 'servedGbps' | 'p95LatencyMs'>;

/** The series the charts show, once the rollout worker has answered for revision `rev` and step `stepDays` (set when its answer arrives). */
async function series(page: Page, rev: number, stepDays: number): Promise<Row[]> {
  await page.waitForFunction(([r, step]) => {
    const s = window.__leo!.rolloutPlan!.state();
    return s.status === 'ready' && s.series !== null && s.series.revision === r && s.series.stepDays === step;
  }, [rev, stepDays] as const, { timeout: 170_000 });
  await expect(page.getByTestId('rollout-status')).toHaveAttribute('data-status', 'ready');
  return page.evaluate(() => window.__leo!.rolloutPlan!.state().series!.rows.map((r) => ({ dateMs: r.dateMs, inOrbit: r.inOrbit, operational: r.operational, servedPct: r.servedPct, servedGbps: r.servedGbps, p95LatencyMs: r.p95LatencyMs })));
}

test('the Rollout tab: launches, the series as charts, an edit and its undo, first served', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  // A short analysis window keeps the worker fast on software-only test machines.
  const seq = await seqNow(page);
  await openSection(page, 'Constraints & window');
  await page.getByTestId('analysis-window').selectOption('1440/60');
  await engineDone(page, 'coverageEvaluate', await revisionNow(page), seq);

  // The tab lists the scenario's launches.
  const scenario = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as { rollout: { launches: { id: string; satellites: number }[] } };
  const launches = scenario.rollout.launches;
  expect(launches.length).toBeGreaterThan(3);
  await page.getByRole('tab', { name: 'Rollout' }).click();
  await expect(page.getByTestId('rollout-launches').locator('tbody tr[data-launch]')).toHaveCount(launches.length);
  await expect(page.getByTestId('rollout-summary')).toContainText('full deployment');

  // The charts' series, every 91 days from the first launch to full deployment.
  await page.getByTestId('rollout-step').selectOption('91');
  const rev0 = await revisionNow(page);
  const s0 = await series(page, rev0, 91);
  expect(s0.length).toBeGreaterThan(10);
  expect(s0.at(-1)!.operational).toBeGreaterThan(s0[0]!.operational);
  expect(s0.at(-1)!.servedPct).toBeGreaterThan(0);
  await expect(page.getByTestId('rollout-chart-satellites').locator('canvas')).toHaveCount(1);

  // A refused value: a specific message, nothing applied.
  const first = launches[0]!;
  const cell = page.getByTestId(`launch-satellites-${first.id}`);
  await cell.fill('-5');
  await cell.press('Enter');
  await expect(page.getByTestId('rollout-error')).toContainText(`launch ${first.id}, satellites`);
  expect(await revisionNow(page)).toBe(rev0);

  // More satellites on the first launch: more operational at the dates after it, in the worker's answer.
  await cell.fill(String(first.satellites + ADDED));
  await cell.press('Enter');
  await expect(page.getByTestId('rollout-error')).toHaveCount(0);
  const rev1 = await revisionNow(page);
  expect(rev1).toBe(rev0 + 1);
  const s1 = await series(page, rev1, 91);
  expect(s1.map((r) => r.dateMs)).toEqual(s0.map((r) => r.dateMs));
  const more = s1.filter((r, i) => r.operational > s0[i]!.operational).length;
  expect(more, 'dates with more satellites operational').toBeGreaterThan(0);
  expect(s1.map((r) => r.inOrbit)).not.toEqual(s0.map((r) => r.inOrbit));

  // Undo: exactly the series before the edit.
  await cell.blur(); // Ctrl+Z in a focused text field is the field's own undo
  await page.keyboard.press('Control+z');
  const rev2 = await revisionNow(page);
  expect(rev2).toBe(rev1 + 1);
  expect(await series(page, rev2, 91)).toEqual(s0);
  await expect(cell).toHaveValue(String(first.satellites));

  // A click on a chart sets the app's rollout date to a date of the series.
  const over = page.getByTestId('rollout-chart-satellites').locator('.u-over');
  const box = (await over.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.waitForFunction(() => window.__leo!.rolloutPlan!.dateMs() !== null);
  const clicked = await page.evaluate(() => window.__leo!.rolloutPlan!.dateMs());
  expect(s0.map((r) => r.dateMs)).toContain(clicked);

  // When does service reach Houston? Arm the tool, click the point on the globe.
  await page.evaluate(([lat, lon]) => window.__leo!.live!.flyToLatLon(lat, lon, 9000), [POINT.latDeg, POINT.lonDeg] as const);
  await page.waitForFunction(() => window.__leo!.live!.cameraFlights() === 0);
  const p = (await page.evaluate(([lat, lon]) => window.__leo!.projectLatLon(lat, lon), [POINT.latDeg, POINT.lonDeg] as const))!;
  expect(p.visible).toBe(true);
  await page.getByTestId('tool-first-served').click();
  await page.mouse.click(p.x, p.y);
  await page.waitForFunction(() => window.__leo!.rolloutPlan!.state().firstServed?.status === 'ready', null, { timeout: 170_000 });
  const answer = page.getByTestId('first-served-answer');
  await expect(answer).toHaveAttribute('data-date', /^\d{4}-\d{2}-\d{2}T/);
  const fs = (await page.evaluate(() => window.__leo!.rolloutPlan!.state().firstServed))!;
  expect(Math.abs(fs.latDeg - POINT.latDeg)).toBeLessThan(0.5); // the click lands within half a degree of the projected point
  expect(fs.result!.servedPct).toBeGreaterThan(0);
  expect(fs.result!.dateMs).toBeGreaterThanOrEqual(s0[0]!.dateMs);
  // The series agrees: nothing served anywhere is impossible once Houston is served.
  const after = s0.find((r) => r.dateMs >= fs.result!.dateMs);
  if (after) expect(after.servedPct).toBeGreaterThan(0);
  await page.getByTestId('first-served-go').click();
  expect(await page.evaluate(() => window.__leo!.rolloutPlan!.dateMs())).toBe(fs.result!.dateMs);

  mkdirSync(OUT, { recursive: true });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: `${OUT}rollout-plan.png` });
});
