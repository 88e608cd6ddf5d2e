// The worker's edit path (typed patches -> session -> evaluator add/remove/move) gives the same
// figures as a full evaluation of the edited scenario: exact equality (the evaluator's sums are
// over integer weights, so incremental and full are bit-identical).
import { describe, expect, it } from 'vitest';
import { createPlanningHandlers } from '../../../src-renderer/engine/planningHost';
import type { CoverageSnapshot } from '../../../src-renderer/engine/planningProtocol';
import { SessionHolder } from '../../../src-renderer/engine/sessionHolder';
import type { Scenario } from '../../../src-core/scenario/schema';
import { applyPatches, invertPatches, type ScenarioPatch } from '../../../src-core/session/patches';
import { gateway, kuiperScenario } from '../coverage/fixtures';

const task = { progress: () => {}, checkCancelled: () => {} };

function figures(s: CoverageSnapshot) {
  return { headline: s.headline, gatewayIds: s.gatewayIds, share: Array.from(s.gatewayShare), cells: s.cells, byStep: Array.from(s.servedPctByStep), hist: Array.from(s.latencyHist.weights) };
}

async function full(s: Scenario): Promise<CoverageSnapshot> {
  const sessions = new SessionHolder();
  sessions.load(s, 1);
  return (await createPlanningHandlers(sessions).coverageEvaluate({ revision: 1 }, task)).result;
}

const update = (s: Scenario, id: string, patch: Partial<Scenario['gateways'][number]>): ScenarioPatch => ({ op: 'gateway/update', id, gateway: { ...s.gateways.find((g) => g.id === id)!, ...patch } });

describe('incremental coverage edits through the worker host', () => {
  it('add, move, remove, attribute edit and a bulk add each equal a full recompute; undo gives the first figures', async () => {
    const base = kuiperScenario({ durationS: 10 * 60, stepS: 120, h3Resolution: 2 });
    const sessions = new SessionHolder();
    sessions.load(base, 1);
    const h = createPlanningHandlers(sessions);
    const first = (await h.coverageEvaluate({ revision: 1 }, task)).result;
    expect(first.mode).toBe('full');
    // Once the worker is idle after the evaluation, the cache's cell index (what a remove or move
    // reads) is built, so the first one costs no more than the next.
    const cache = sessions.session!.coverageCache();
    expect(cache.memory().cellIndex).toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.memory().cellIndex).toBeGreaterThan(0);
    expect(figures(first)).toEqual(figures(await full(base)));

    const steps: [string, (s: Scenario) => ScenarioPatch[], 'incremental' | 'full'][] = [
      ['add', () => [{ op: 'gateway/add', gateway: gateway('gw-chad', 12.1, 15.0) }], 'incremental'],
      ['move', (s) => [update(s, 'gw-germany', { latDeg: 52.5, lonDeg: 13.4 })], 'incremental'],
      ['remove', () => [{ op: 'gateway/remove', id: 'gw-tokyo' }], 'incremental'],
      ['edit mask + PoP', (s) => [update(s, 'gw-sydney', { minElevationDeg: 35, popId: 'ap-northeast-1' })], 'incremental'],
      ['bulk add (more than MAX_INCREMENTAL_OPS: one full re-route)', () => ['x1', 'x2', 'x3', 'x4', 'x5'].map((id, k): ScenarioPatch => ({ op: 'gateway/add', gateway: gateway(id, 10 * k - 20, 20 * k) })), 'full'],
    ];
    let revision = 1;
    let s = base;
    const undo: ScenarioPatch[][] = [];
    for (const [what, make, mode] of steps) {
      const patches = make(s);
      undo.push(invertPatches(s, patches));
      s = applyPatches(s, patches);
      sessions.patch(revision, revision + 1, patches);
      const inc = (await h.coverageApplyEdit({ revision: ++revision }, task)).result;
      expect(inc.mode, what).toBe(mode);
      expect(figures(inc), what).toEqual(figures(await full(s)));
    }
    // Undo step by step back to the start gives the first figures exactly.
    for (const inverse of undo.reverse()) sessions.patch(revision, ++revision, inverse);
    const back = (await h.coverageApplyEdit({ revision }, task)).result;
    expect(figures(back)).toEqual(figures(first));
  });

  it('a coverage request for a revision not yet patched in waits for it; an older one is stale', async () => {
    const base = kuiperScenario({ durationS: 4 * 60, stepS: 120, h3Resolution: 1 });
    const sessions = new SessionHolder();
    sessions.load(base, 1);
    const h = createPlanningHandlers(sessions);
    await h.coverageEvaluate({ revision: 1 }, task);
    const pending = h.coverageApplyEdit({ revision: 2 }, task);
    sessions.patch(1, 2, [{ op: 'gateway/add', gateway: gateway('gw-late', 0, 30) }]);
    expect((await pending).result.gatewayIds).toContain('gw-late');
    await expect(h.coverageApplyEdit({ revision: 1 }, task)).rejects.toMatchObject({ name: 'StaleResultError' });
  });

  it('describeSite: land, country and nearest city; sea is not land', async () => {
    const h = createPlanningHandlers(new SessionHolder());
    const paris = (await h.describeSite({ latDeg: 48.86, lonDeg: 2.35 }, task)).result;
    expect(paris).toMatchObject({ isLand: true, countryCode: 'FR' });
    expect(paris.nearestCity).toMatch(/Paris/);
    expect((await h.describeSite({ latDeg: 0, lonDeg: -30 }, task)).result.isLand).toBe(false);
  });
});
