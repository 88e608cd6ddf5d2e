// Raising satellites on the globe (docs/ROLLOUT.md, "Deployment at a date"), built app in Chromium:
// rollout view at a date a week after a launch, when that launch's satellites are raising and the
// earlier ones operational. The layer draws a raising satellite at its interpolated altitude (its
// slot's SGP4 position scaled radially from the Earth's centre by (a + altitude) / (a + shell
// altitude)) and an operational one on its slot's orbit, both within 5 km of the Node-side
// expectation at the very time of the frame drawn. Waits on window.__leo (the engine's answer, the
// layer's frame stats), never on a delay. Screenshot: test-results/rollout-raising.png.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../../src-core/constellation/catalog';
import { STATUS_OPERATIONAL, STATUS_RAISING } from '../../src-core/constellation/status';
import { Propagator } from '../../src-core/orbit/propagator';
import { deploymentAt } from '../../src-core/rollout/deployment';
import { buildSchedule, MS_PER_DAY } from '../../src-core/rollout/schedule';
import type { Scenario } from '../../src-core/scenario/schema';
import { WGS84_A_KM } from '../../src-core/units';
import type {} from '../../src-renderer/ui/rollout/hooks';
import { expect, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
/** Drawn position vs the Node-side expectation (Hermite interpolation between worker snapshots is far closer). */
const TOLERANCE_KM = 5;
/** Days after a launch the date is taken: its satellites are then well below their shell. */
const DAYS_AFTER_LAUNCH = 7;

test('rollout view: raising satellites are drawn at their interpolated altitude, operational ones at their shell', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  mkdirSync(OUT, { recursive: true });
  const scenario = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as Scenario;
  const built = buildCatalog(scenario);
  const schedule = buildSchedule(scenario);
  // The first launch after which some satellites are raising and others already operational.
  const dateMs = schedule.launches
    .map((l) => Math.floor(l.dateMs / MS_PER_DAY) * MS_PER_DAY + DAYS_AFTER_LAUNCH * MS_PER_DAY)
    .find((d) => {
      const dep = deploymentAt(scenario, built.catalog, schedule, d);
      return dep.raising > 0 && dep.operational > 0;
    })!;
  expect(dateMs).toBeDefined();
  const dep = deploymentAt(scenario, built.catalog, schedule, dateMs);
  const status = [...dep.status];
  // The lowest raising satellite (the latest launch's) and the first operational one.
  const raising = status.map((_, i) => i).filter((i) => status[i] === STATUS_RAISING).sort((a, b) => dep.altitudeKm[a]! - dep.altitudeKm[b]!)[0]!;
  const operational = status.indexOf(STATUS_OPERATIONAL);
  const shellAlt = (i: number) => built.catalog.shells[built.catalog.shellIndex[i]!]!.altitudeKm;
  expect(shellAlt(raising) - dep.altitudeKm[raising]!, 'the raising satellite is well below its shell').toBeGreaterThan(50);

  await page.getByTestId('rollout-toggle').click();
  const date = page.getByTestId('rollout-date');
  await date.fill(new Date(dateMs).toISOString().slice(0, 10));
  await date.press('Enter');
  // The engine's answer for the date, drawn (the layer draws exactly the satellites in orbit).
  await page.waitForFunction(
    (d) => {
      const leo = window.__leo!;
      const r = leo.rollout!.state();
      return r.dateMs === d && r.figures !== null && leo.layerStats!.rolloutView && leo.layerStats!.satellitesDrawn === r.figures.inOrbit;
    },
    dateMs,
    { timeout: 300_000 },
  );
  const figures = await page.evaluate(() => window.__leo!.rollout!.state().figures!);
  expect([figures.raising, figures.operational]).toEqual([dep.raising, dep.operational]);

  // Positions as drawn in one frame, with that frame's time.
  const drawn = await page.evaluate(
    ([a, b]) => {
      const leo = window.__leo!;
      return { tUtcMs: leo.layerStats!.timeUtcMs, raising: leo.constellationLayer!.drawnPositionEcefKm(a), operational: leo.constellationLayer!.drawnPositionEcefKm(b) };
    },
    [raising, operational] as const,
  );
  expect(drawn.raising).not.toBeNull();
  expect(drawn.operational).not.toBeNull();
  const slot = (i: number): number[] => {
    const out = new Float64Array(3);
    new Propagator([built.satrecs[i]!]).propagateEcef(drawn.tUtcMs, out);
    return [...out];
  };
  const dist = (p: readonly number[], q: readonly number[]) => Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!);
  const norm = (p: readonly number[]) => Math.hypot(p[0]!, p[1]!, p[2]!);
  const k = (WGS84_A_KM + dep.altitudeKm[raising]!) / (WGS84_A_KM + shellAlt(raising));
  const expectedRaising = slot(raising).map((v) => v * k);
  const expectedOperational = slot(operational);
  console.log(
    `rollout ${new Date(dateMs).toISOString().slice(0, 10)}: raising ${dep.raising}, operational ${dep.operational}; ` +
      `satellite ${raising} at ${dep.altitudeKm[raising]!.toFixed(1)} km (shell ${shellAlt(raising)} km): drawn radius ${norm(drawn.raising!).toFixed(1)} km, expected ${norm(expectedRaising).toFixed(1)} km, slot orbit ${norm(slot(raising)).toFixed(1)} km, off by ${dist(drawn.raising!, expectedRaising).toFixed(2)} km; ` +
      `operational ${operational}: off by ${dist(drawn.operational!, expectedOperational).toFixed(2)} km`,
  );
  expect(dist(drawn.raising!, expectedRaising), 'raising satellite: drawn at its interpolated altitude').toBeLessThan(TOLERANCE_KM);
  expect(norm(slot(raising)) - norm(drawn.raising!), 'drawn below its slot by the altitude still to climb').toBeCloseTo((1 - k) * norm(slot(raising)), 0);
  expect(dist(drawn.operational!, expectedOperational), 'operational satellite: drawn at its shell').toBeLessThan(TOLERANCE_KM);
  writeFileSync(`${OUT}rollout-raising.png`, await page.screenshot());
});
