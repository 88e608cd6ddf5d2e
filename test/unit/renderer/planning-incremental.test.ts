// The worker's edit path (diff the gateway lists -> evaluator add/remove/move) gives the same
// figures as a full evaluation of the edited scenario: exact equality (the evaluator's sums are
// over integer weights, so incremental and full are bit-identical).
import { describe, expect, it } from 'vitest';
import { createPlanningHandlers, diffGateways } from '../../../src-renderer/engine/planningHost';
import type { CoverageSnapshot } from '../../../src-renderer/engine/planningProtocol';
import type { Scenario } from '../../../src-core/scenario/schema';
import { gateway, kuiperScenario } from '../coverage/fixtures';

const task = { progress: () => {}, checkCancelled: () => {} };

function figures(s: CoverageSnapshot) {
  return { headline: s.headline, gatewayIds: s.gatewayIds, share: Array.from(s.gatewayShare), cells: s.cells, byStep: Array.from(s.servedPctByStep), hist: Array.from(s.latencyHist.weights) };
}

async function full(s: Scenario): Promise<CoverageSnapshot> {
  const h = createPlanningHandlers();
  const r = await h.coverageEvaluate({ revision: 1, scenario: s }, task);
  return r.result;
}

describe('diffGateways', () => {
  const a = gateway('a', 0, 0), b = gateway('b', 10, 10), c = gateway('c', 20, 20);
  it('removes (high index first), moves geometry changes, appends additions; renames are free', () => {
    expect(diffGateways([a, b, c], [a, { ...c, latDeg: 21 }, gateway('d', 5, 5)])).toEqual([
      { kind: 'remove', index: 1 },
      { kind: 'move', index: 1, gateway: { ...c, latDeg: 21 } },
      { kind: 'add', gateway: gateway('d', 5, 5) },
    ]);
    expect(diffGateways([a, b], [{ ...a, name: 'renamed', status: 'planned' }, b])).toEqual([]);
    expect(diffGateways([a, b], [b, a])).toBeNull();
  });
});

describe('incremental coverage edits through the worker host', () => {
  it('add, move, remove, attribute edit and a bulk add each equal a full recompute', async () => {
    const base = kuiperScenario({ durationS: 10 * 60, stepS: 120, h3Resolution: 2 });
    const h = createPlanningHandlers();
    const first = (await h.coverageEvaluate({ revision: 1, scenario: base }, task)).result;
    expect(first.mode).toBe('full');
    expect(figures(first)).toEqual(figures(await full(base)));

    const steps: [string, Scenario['gateways']][] = [];
    let gws = base.gateways;
    gws = [...gws, gateway('gw-chad', 12.1, 15.0)];
    steps.push(['add', gws]);
    gws = gws.map((g) => (g.id === 'gw-germany' ? { ...g, latDeg: 52.5, lonDeg: 13.4 } : g));
    steps.push(['move', gws]);
    gws = gws.filter((g) => g.id !== 'gw-tokyo');
    steps.push(['remove', gws]);
    gws = gws.map((g) => (g.id === 'gw-sydney' ? { ...g, minElevationDeg: 35, popId: 'ap-northeast-1' } : g));
    steps.push(['edit mask + PoP', gws]);
    gws = [...gws, gateway('x1', 1.3, 103.8), gateway('x2', -1.3, 36.8), gateway('x3', 6.5, 3.4), gateway('x4', 30, 31), gateway('x5', 55.7, 37.6)];
    steps.push(['bulk add', gws]);
    let revision = 2;
    for (const [what, list] of steps) {
      const inc = (await h.coverageApplyEdit({ revision: revision++, gateways: list }, task)).result;
      expect(inc.mode, what).toBe('incremental');
      expect(figures(inc), what).toEqual(figures(await full({ ...base, gateways: list })));
    }
    // Undo back to the start gives the first figures exactly.
    const back = (await h.coverageApplyEdit({ revision: revision++, gateways: base.gateways }, task)).result;
    expect(figures(back)).toEqual(figures(first));
  });

  it('describeSite: land, country and nearest city; sea is not land', async () => {
    const h = createPlanningHandlers();
    const paris = (await h.describeSite({ latDeg: 48.86, lonDeg: 2.35 }, task)).result;
    expect(paris).toMatchObject({ isLand: true, countryCode: 'FR' });
    expect(paris.nearestCity).toMatch(/Paris/);
    expect((await h.describeSite({ latDeg: 0, lonDeg: -30 }, task)).result.isLand).toBe(false);
  });
});
