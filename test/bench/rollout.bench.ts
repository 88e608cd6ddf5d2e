// Rollout (src-core/rollout), default scenario: full Kuiper (3,236 satellites), 16 gateways, the
// default analysis window (96 steps of 60 s, H3 res 3). "One date" recomputes the headline figures
// (served %, served Gbps on the sampled capacity steps, p95 latency) of a fully deployed network
// from scratch except what the window fixes: the positions and the whole constellation's coverage
// cache, which each date filters to its operational satellites (what a new date costs; the
// engine's per-date evaluators and figures are cleared before each iteration). "Whole series" is the CLI's default series: first launch to full
// deployment every 30 days, set-up (catalogue, propagation over the window, grid) included.
import { RolloutEngine, rolloutSeries, type RolloutSeries } from '../../src-core/rollout';
import { defaultScenario } from '../../src-core/scenario/default';
import type { Bench } from './types';

const GROUP = 'rollout: default Kuiper scenario (3,236 sats, 96 steps, H3 res 3)';
const STEP_DAYS = 30;
const scenario = defaultScenario();
let engine: RolloutEngine | null = null;
const eng = (): RolloutEngine => (engine ??= new RolloutEngine(scenario));
let last: RolloutSeries | null = null;
let lastDate = '';

export const benches: Bench[] = [
  {
    name: 'headline figures for one date, full constellation (recompute; window positions and whole-constellation cache reused)',
    group: GROUP,
    budget: { ms: 1000 },
    iterations: 5,
    fn: () => {
      const e = eng();
      e.clearDateCache();
      const f = e.figuresAt(e.schedule.fullDeploymentMs);
      lastDate = `operational ${f.operational}, served ${f.servedPct.toFixed(2)} %, ${f.servedGbps.toFixed(0)} Gbps, p95 ${f.p95LatencyMs.toFixed(1)} ms`;
    },
    notes: () => [lastDate],
  },
  {
    name: `whole default rollout series (every ${STEP_DAYS} days, set-up included)`,
    group: GROUP,
    budget: { ms: 60_000 },
    iterations: 1,
    fn: () => {
      const e = new RolloutEngine(scenario);
      last = rolloutSeries(scenario, e.schedule.firstLaunchMs, e.schedule.fullDeploymentMs, STEP_DAYS, { engine: e });
    },
    notes: () => (last ? [`${last.rows.length} dates, ${last.rows.filter((r) => r.recomputed === 'network').length} network recomputes; full deployment ${last.fullDeploymentUtc}`] : []),
  },
];
