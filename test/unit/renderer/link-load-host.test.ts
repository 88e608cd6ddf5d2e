// The worker's coverageLinkLoad request (links coloured by routed load on the globe): the load
// array is in the same link order as the topology the globe draws (LoadScenarioResult from the
// engine host), it conserves the served demand, and it answers honestly outside the window and
// before any evaluation.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { defaultLinkModel } from '../../../src-core/coverage';
import { buildPlusGrid } from '../../../src-core/network/isl';
import { NO_EVALUATOR, createPlanningHandlers } from '../../../src-renderer/engine/planningHost';
import { SessionHolder } from '../../../src-renderer/engine/sessionHolder';
import { kuiperScenario } from '../coverage/fixtures';

const task = { progress: () => {}, checkCancelled: () => {} };

describe('coverageLinkLoad through the worker host', () => {
  const scenario = kuiperScenario({ durationS: 10 * 60, stepS: 120, h3Resolution: 2 });

  it('uses the link order of the topology the globe draws', () => {
    const catalog = buildCatalog(scenario).catalog;
    const drawn = buildPlusGrid(catalog, scenario.isl, scenario.constellation.shells); // engine host (host.ts loadScenario)
    const routed = defaultLinkModel(scenario, catalog).topology; // coverage evaluator
    expect(routed.count).toBe(drawn.count);
    expect(Array.from(routed.a)).toEqual(Array.from(drawn.a));
    expect(Array.from(routed.b)).toEqual(Array.from(drawn.b));
  });

  it('fails with NO_EVALUATOR before coverageEvaluate', () => {
    const sessions = new SessionHolder();
    sessions.load(scenario, 1);
    const h = createPlanningHandlers(sessions);
    expect(() => h.coverageLinkLoad({ revision: 1, tUtcMs: Date.parse(scenario.analysis.startUtc) }, task)).toThrow(expect.objectContaining({ name: NO_EVALUATOR }));
  });

  it('answers the nearest step inside the window, conserving served demand, and step -1 outside', async () => {
    const sessions = new SessionHolder();
    sessions.load(scenario, 3);
    const h = createPlanningHandlers(sessions);
    const snap = (await h.coverageEvaluate({ revision: 3 }, task)).result;
    const t0 = Date.parse(scenario.analysis.startUtc);
    const r = (await h.coverageLinkLoad({ revision: 3, tUtcMs: t0 + 125_000 }, task)).result;
    expect(r.step).toBe(1);
    expect(r.stepUtcMs).toBe(t0 + 120_000);
    expect(r.linkLoad.length).toBe(r.linkCount);
    expect(r.linkCount).toBeGreaterThan(6000);
    expect(r.loadedLinks).toBeGreaterThan(0);
    expect(Math.max(...r.linkLoad)).toBe(Math.fround(r.maxLinkLoad)); // sent as float32
    expect(r.weighting).toBe('population');
    // Served weight at the step = demand-weighted served % of that step x total weight.
    const servedPct = snap.servedPctByStep[1]!;
    expect(r.servedWeight).toBeCloseTo((servedPct / 100) * snap.headline.totalWeight, 0);
    // No link can carry more than what is served.
    expect(r.maxLinkLoad).toBeLessThanOrEqual(r.servedWeight);
    const outside = (await h.coverageLinkLoad({ revision: 3, tUtcMs: t0 - 10 * 60_000 }, task)).result;
    expect(outside.step).toBe(-1);
    expect(outside.linkLoad.length).toBe(0);
  });
});
