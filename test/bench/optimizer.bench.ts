// Gateway optimizer: 300 sites from >= 3,000 generated candidates (demand-ranked land cells +
// PoP neighbourhoods) next to the 8 fixture gateways, full Kuiper, 24 one-minute steps, H3 res 3,
// with spacing/country constraints. One iteration (long); notes print the bound and the gap.
import { createCoverageEvaluator, type CoverageEvaluator } from '../../src-core/coverage';
import { countryAt, geoDemandSource, nearestCity } from '../../src-core/geo';
import { generateCandidates, optimizeGateways, type Candidate, type OptimizeResult } from '../../src-core/planning';
import { kuiperPropagator, kuiperScenario } from '../unit/coverage/fixtures';
import type { Bench } from './types';

const sc = kuiperScenario({ durationS: 24 * 60, stepS: 60, h3Resolution: 3 });
let setup: { ev: CoverageEvaluator; candidates: Candidate[] } | null = null;
let last: OptimizeResult | null = null;
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
];
