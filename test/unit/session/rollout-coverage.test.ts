// The rollout view's coverage equals the scenario's own coverage when the date's network is the
// written one (docs/ROLLOUT.md "The whole app follows the date"): after full deployment, with every
// gateway in service, the RolloutEngine's figures and per-cell answer are EXACTLY the session's
// coverage (tolerance 0: the same definitions over the same samples; the rollout engine derives its
// cache from the whole constellation's, the session builds its own). The bar's "pop. served" is
// headline.servedPct (every populated cell), the panel's "Area served" headline.serviceArea.servedPct;
// the worker's rolloutAt answers both from one evaluator.
import { afterEach, describe, expect, it } from 'vitest';
import { RolloutEngine } from '../../../src-core/rollout';
import { defaultScenario } from '../../../src-core/scenario/default';
import type { Scenario } from '../../../src-core/scenario/schema';
import { EngineSession } from '../../../src-core/session';
import { EngineClient } from '../../../src-renderer/engine/client';
import { assetGeo, gateway, GATEWAYS, kuiperScenario } from '../coverage/fixtures';
import { inProcessEngine } from '../renderer/fake-workers';

const DAY_MS = 86_400_000;
const EARLY = Date.parse('2025-12-01T00:00:00Z');

/** Full Kuiper with the default launch schedule; one gateway dated before the analysis window (in service throughout it). */
const scenario = (): Scenario =>
  kuiperScenario(
    { durationS: 4 * 60, stepS: 120, h3Resolution: 2 },
    { rollout: defaultScenario().rollout, gateways: [...GATEWAYS, gateway('gw-singapore', 1.3, 103.8, { inServiceDate: '2025-06-01T00:00:00Z' })] },
  );

describe('rollout coverage = session coverage at full deployment', () => {
  const s = scenario();
  const session = new EngineSession(s, { demand: assetGeo });
  const written = session.coverage().result;
  const engine = new RolloutEngine(s, { grid: session.grid() });
  const after = engine.schedule.fullDeploymentMs + DAY_MS;

  it('headline figures are exactly the session coverage', () => {
    const f = engine.figuresAt(after);
    expect(f.operational).toBe(engine.built.catalog.count);
    expect(f.gatewaysInService).toBe(s.gateways.length);
    expect(f.servedPct).toBe(written.headline.servedPct);
    expect(f.coveredPct).toBe(written.headline.coveredPct);
    expect(f.p95LatencyMs).toBe(written.headline.p95LatencyMs);
    // The two served figures answer different questions: over every populated cell, and over the service area.
    expect(written.headline.serviceArea.outsidePopulation).toBeGreaterThan(0);
    expect(written.headline.servedPct).toBeLessThan(written.headline.serviceArea.servedPct);
  });

  it('the per-cell answer and the service-area figures are exactly the session coverage', () => {
    const r = engine.evaluatorAt(after).ev.result();
    expect(r.headline.serviceArea).toEqual(written.headline.serviceArea);
    expect(r.headline.p50LatencyMs).toBe(written.headline.p50LatencyMs);
    expect(Array.from(r.cells.servedPct)).toEqual(Array.from(written.cells.servedPct));
    expect(Array.from(r.cells.p50LatencyMs)).toEqual(Array.from(written.cells.p50LatencyMs));
    expect(Array.from(r.servedPctByStep)).toEqual(Array.from(written.servedPctByStep));
  });
});

describe('worker rolloutAt with coverage', () => {
  const clients: EngineClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.dispose();
  });

  it("answers the date's coverage snapshot from the bar's evaluator; at full deployment it equals coverageEvaluate", async () => {
    const client = new EngineClient({ spawn: inProcessEngine() });
    clients.push(client);
    const s = scenario();
    await client.loadScenario(s, 1);
    const written = await client.request('coverageEvaluate', { revision: 1 });
    const full = new RolloutEngine(s, { grid: new EngineSession(s, { demand: assetGeo }).grid() }).schedule.fullDeploymentMs + DAY_MS;

    const plain = await client.request('rolloutAt', { revision: 1, dateMs: full });
    expect(plain.coverage).toBeNull();
    const a = await client.request('rolloutAt', { revision: 1, dateMs: full, coverage: true });
    expect(a.coverage).not.toBeNull();
    const c = a.coverage!;
    expect(c.asOfDateMs).toBe(full);
    expect(c.revision).toBe(1);
    expect(c.headline.servedPct).toBe(a.figures.servedPct);
    expect(c.headline).toEqual(written.headline);
    expect(Array.from(c.cells.servedPct)).toEqual(Array.from(written.cells.servedPct));
    expect(Array.from(c.latencyHist.weights)).toEqual(Array.from(written.latencyHist.weights));

    const early = await client.request('rolloutAt', { revision: 1, dateMs: EARLY, coverage: true });
    expect(early.coverage!.headline.servedPct).toBe(early.figures.servedPct);
    expect(early.coverage!.headline.servedPct).toBeLessThan(c.headline.servedPct);
    expect(early.coverage!.cells.servedPct.length).toBe(written.grid.ids.length);
  }, 120_000);
});
