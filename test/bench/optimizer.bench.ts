// Gateway optimizer: 300 sites from >= 3,000 generated candidates (demand-ranked land cells +
// PoP neighbourhoods) next to the 8 fixture gateways, full Kuiper, 24 one-minute steps, H3 res 3,
// with spacing/country constraints. One iteration (long); notes print the bound and the gap.
// Also the app's "Suggest next 20" as it runs on the default scenario (16 gateways, its planning
// constraints, every 4th step: 24 steps of 4 min): few sites, so many candidates' per-sample gains
// fill the latency bound's memory cap and the kept set churns (KeptSamples evictions).
import { createCoverageEvaluator, type CoverageEvaluator } from '../../src-core/coverage';
import { countryAt, geoDemandSource, nearestCity } from '../../src-core/geo';
import { generateCandidates, optimizeGateways, type Candidate, type OptimizeResult } from '../../src-core/planning';
import { defaultScenario } from '../../src-core/scenario/default';
import { kuiperPropagator, kuiperScenario } from '../unit/coverage/fixtures';
import type { Bench } from './types';

const sc = kuiperScenario({ durationS: 24 * 60, stepS: 60, h3Resolution: 3 });
let setup: { ev: CoverageEvaluator; candidates: Candidate[] } | null = null;
let last: OptimizeResult | null = null;
let app: { ev: CoverageEvaluator; candidates: Candidate[] } | null = null;
let lastApp: OptimizeResult | null = null;
const constraints = { minSpacingKm: 50, excludedCountries: ['KP'], maxPerCountry: 40 };

export const benches: Bench[] = [
  {
    name: 'optimizeGateways: add 300 from >= 3,000 candidates, 24 steps',
    group: 'optimizer',
    iterations: 1,
    budget: { ms: 60_000 },
    fn: () => {
      if (!setup) {
        const { catalog, propagator } = kuiperPropagator(sc);
        const ev = createCoverageEvaluator(sc, catalog, propagator);
        const candidates = generateCandidates(geoDemandSource, { countryAt, nearestCity }, sc.pops, { demandCount: 3000 });
        setup = { ev, candidates };
      }
      last = optimizeGateways(setup.ev, setup.candidates, { add: 300, constraints });
    },
    notes: () =>
      last && setup
        ? [
            `candidates ${setup.candidates.length} (${last.infeasibleAtStart} infeasible), chosen ${last.chosen.length}, gain evaluations ${last.evaluations}`,
            `objective ${last.objective.toFixed(6)} (base ${last.baseObjective.toFixed(6)}), upper bound ${last.upperBound.toFixed(6)}, gap ${last.gapPct.toFixed(3)}% of f, ${last.gainGapPct.toFixed(1)}% of the gain`,
            `first picks: ${last.chosen.slice(0, 5).map((c) => c.candidate.name).join('; ')}`,
          ]
        : [],
  },
  {
    name: 'optimizeGateways: the app\'s Suggest next 20 on the default scenario, 24 steps',
    group: 'optimizer',
    iterations: 1,
    fn: () => {
      if (!app) {
        const d = defaultScenario();
        const s = { ...d, analysis: { ...d.analysis, stepS: d.analysis.stepS * 4 } };
        const { catalog, propagator } = kuiperPropagator(s);
        const ev = createCoverageEvaluator(s, catalog, propagator);
        app = { ev, candidates: generateCandidates(geoDemandSource, { countryAt, nearestCity }, s.pops, { demandCount: 3000 }) };
      }
      lastApp = optimizeGateways(app.ev, app.candidates, { add: 20 });
    },
    notes: () =>
      lastApp && app
        ? [
            `candidates ${app.candidates.length}, chosen ${lastApp.chosen.length}, gain evaluations ${lastApp.evaluations}, ${(lastApp.elapsedMs / 1000).toFixed(1)} s of which bound ${(lastApp.boundMs / 1000).toFixed(2)} s`,
            `bound above f: ${lastApp.gainGapPct.toFixed(2)}% of the gain${lastApp.dualStats ? `; dual ${lastApp.dualStats.iterations} iterations in ${lastApp.dualStats.rounds} round(s), ${lastApp.dualStats.pairs} pairs, ${lastApp.dualStats.scalars} candidates as one number${lastApp.dualStats.loweredFloor !== null ? `, floor ${lastApp.dualStats.loweredFloor} x the greedy set's gains` : ''}` : ''}`,
          ]
        : [],
  },
];
