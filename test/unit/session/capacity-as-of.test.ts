// Capacity as of a rollout date (issue 14, the Capacity section while the Rollout view is on): the
// worker's capacity request with `asOfDateMs` answers from the session's rollout node, i.e. the
// date's network (operational satellites, gateways in service then), at the analysis step nearest
// the time shown. Checked against the rollout engine's own evaluator for that date (exact), and
// against the scenario as written once everything is deployed.
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCapacity, type CapacityStepResult } from '../../../src-core/capacity';
import { defaultScenario } from '../../../src-core/scenario/default';
import type { Scenario } from '../../../src-core/scenario/schema';
import { createCapacityHandlers, type CapacityView } from '../../../src-renderer/engine/capacityHost';
import { SessionHolder } from '../../../src-renderer/engine/sessionHolder';
import { kuiperScenario } from '../coverage/fixtures';

const EARLY = Date.parse('2025-12-01T00:00:00Z');
/** One gateway opens late: not in service as of EARLY. */
const LATE_ID = 'gw-tokyo';

describe('capacity as of a rollout date', () => {
  const k = kuiperScenario({ durationS: 4 * 60, stepS: 120, h3Resolution: 2 }, { rollout: defaultScenario().rollout });
  const scenario: Scenario = { ...k, gateways: k.gateways.map((g) => (g.id === LATE_ID ? { ...g, inServiceDate: '2027-06-01T00:00:00Z' } : g)) };
  const t = Date.parse(scenario.analysis.startUtc) + 120_000;
  const sessions = new SessionHolder();
  const host = createCapacityHandlers(sessions);
  const ask = async (asOfDateMs: number | null): Promise<CapacityView> => (await host.capacity({ revision: 1, tUtcMs: t, asOfDateMs })).result;
  let full = 0;

  beforeAll(() => {
    sessions.load(scenario, 1);
    full = Math.max(sessions.session!.rolloutEngine().schedule.fullDeploymentMs, Date.parse('2027-06-01T00:00:00Z'));
  }, 120_000);

  it('early on: only the gateways in service, the date labelled, figures equal to the rollout evaluator of that date', async () => {
    const v = await ask(EARLY);
    expect(v.asOfDateMs).toBe(EARLY);
    expect(v.gatewayIds).not.toContain(LATE_ID);
    expect(v.gatewayIds).toEqual(sessions.session!.rolloutEngine().gatewaysAt(EARLY).map((g) => g.id));
    let r: CapacityStepResult | null = null;
    analyzeCapacity(sessions.session!.rolloutEngine().evaluatorAt(EARLY).ev, { steps: [v.step], onStep: (_t, x) => (r = x) });
    expect(v.servedGbps).toBe((r! as CapacityStepResult).servedGbps);
    expect(Array.from(v.gatewayGbps)).toEqual(Array.from((r! as CapacityStepResult).gatewayGbps));
  });

  it('fully deployed: serves at least as much as early on, with every gateway', async () => {
    const early = await ask(EARLY);
    const late = await ask(full);
    expect(late.gatewayIds).toEqual(scenario.gateways.map((g) => g.id));
    expect(late.servedGbps).toBeGreaterThanOrEqual(early.servedGbps);
    expect(late.servedGbps).toBeGreaterThan(0);
  });

  it('rejects a date that is not a number', async () => {
    await expect(ask(Number.NaN)).rejects.toThrow(/finite UTC ms/);
  });
});
