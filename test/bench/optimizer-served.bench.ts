// The optimizer's served-demand objective and its bound (docs/OPTIMIZER.md): 300 sites from
// >= 3,000 generated candidates next to the 8 fixture gateways, full Kuiper, H3 res 3, with the
// spacing/country constraints of the optimizer bench. The window is 24 one-minute steps, the same
// as the latency bench; each bench is one (long) iteration.
//   - served: the served-demand objective (budget 60 s, issue 14), ratio against the latency run;
//   - latency without the tight bound: the baseline;
//   - latency with the tight bound (fresh end gains + LP dual): at most 1.10 x the baseline.
import { createCoverageEvaluator, type CoverageEvaluator } from '../../src-core/coverage';
import { countryAt, geoDemandSource, nearestCity } from '../../src-core/geo';
import { generateCandidates, optimizeGateways, type Candidate, type OptimizeResult } from '../../src-core/planning';
import { kuiperPropagator, kuiperScenario } from '../unit/coverage/fixtures';
import type { Bench } from './types';

const sc = kuiperScenario({ durationS: 24 * 60, stepS: 60, h3Resolution: 3 });
const constraints = { minSpacingKm: 50, excludedCountries: ['KP'], maxPerCountry: 40 };
const ADD = 300;
let setup: { ev: CoverageEvaluator; candidates: Candidate[] } | null = null;
const last: Record<string, OptimizeResult> = {};

function ready(): { ev: CoverageEvaluator; candidates: Candidate[] } {
  if (!setup) {
    const { catalog, propagator } = kuiperPropagator(sc);
    const ev = createCoverageEvaluator(sc, catalog, propagator);
    const candidates = generateCandidates(geoDemandSource, { countryAt, nearestCity }, sc.pops, { demandCount: 3000 });
    setup = { ev, candidates };
  }
  return setup;
}

const notes = (key: string) => (): string[] => {
  const r = last[key];
  if (!r || !setup) return [];
  const gain = r.objective - r.baseObjective;
  const pct = (b: number): string => (Number.isFinite(b) ? `${((100 * (b - r.objective)) / gain).toFixed(2)}%` : '-');
  const phases = r.saturatedAfter === null ? '' : `; served saturated after ${r.saturatedAfter} sites, latency phase ${r.latencyPhase?.sites ?? 0} sites (${r.latencyPhase?.evaluations ?? 0} evaluations, ${((r.latencyPhase?.elapsedMs ?? 0) / 1000).toFixed(1)} s)`;
  return [
    `${r.kind}: candidates ${setup.candidates.length} (${r.infeasibleAtStart} infeasible), chosen ${r.chosen.length}, gain evaluations ${r.evaluations}, ${(r.elapsedMs / 1000).toFixed(1)} s of which bound ${(r.boundMs / 1000).toFixed(2)} s${phases}`,
    `objective ${r.objective.toFixed(6)} (base ${r.baseObjective.toFixed(6)}); bound above f, in % of the gain: reported ${pct(r.upperBound)}, online ${pct(r.bounds.online)}, fresh ${pct(r.bounds.fresh)}, dual ${pct(r.bounds.dual)}`,
    ...(r.dualStats ? [`latency dual: ${r.dualStats.iterations} iterations in ${r.dualStats.rounds} round(s), ${r.dualStats.pairs} pairs, ${r.dualStats.samples} shared samples${r.dualStats.fixedFloor ? (r.dualStats.loweredFloor !== null && r.dualStats.rounds === 1 ? `, u >= ${r.dualStats.loweredFloor} x the greedy set's gains (from them)` : `, u >= the greedy set's gains${r.dualStats.loweredFloor !== null ? `, then >= ${r.dualStats.loweredFloor} x them` : ''}`) : ''}${r.dualStats.scalars > 0 ? `, ${r.dualStats.scalars} candidates as one number` : ''}`] : []),
  ];
};

const run = (key: string, opts: { kind: 'latency' | 'served'; tightBound: boolean }) => (): void => {
  const { ev, candidates } = ready();
  last[key] = optimizeGateways(ev, candidates, { add: ADD, constraints, ...opts });
};

export const benches: Bench[] = [
  {
    name: 'latency objective, no tight bound (baseline)',
    group: 'optimizer-served',
    iterations: 1,
    fn: run('base', { kind: 'latency', tightBound: false }),
    notes: notes('base'),
  },
  {
    name: 'latency objective with the tight bound (fresh end gains + LP dual)',
    group: 'optimizer-served',
    iterations: 1,
    baselineOf: 'latency objective, no tight bound (baseline)',
    budget: { slowdown: 1.1 },
    fn: run('tight', { kind: 'latency', tightBound: true }),
    notes: notes('tight'),
  },
  {
    name: 'served-demand objective: add 300 from >= 3,000 candidates, 24 steps',
    group: 'optimizer-served',
    iterations: 1,
    baselineOf: 'latency objective, no tight bound (baseline)',
    budget: { ms: 60_000 },
    fn: run('served', { kind: 'served', tightBound: true }),
    notes: notes('served'),
  },
];
