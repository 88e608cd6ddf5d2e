// The gateway optimizer's worker logic: builds its own coverage evaluator (optionally on a coarser
// time step: the optimizer's cost grows with steps x candidates), makes the candidate list
// (generated from demand + PoPs, or an imported CSV list), and runs the lazy-greedy optimizer,
// streaming every chosen site as it is found. It runs in a DEDICATED worker (optimizerWorker.ts)
// so that Cancel can simply terminate it: the client keeps the sites already streamed. Pure
// logic with a `post` callback, so the same code runs in Node tests.
import { buildCatalog } from '../../src-core/constellation/catalog';
import { createCoverageEvaluator } from '../../src-core/coverage';
import { countryAt, geoDemandSource, nearestCity } from '../../src-core/geo';
import { Propagator } from '../../src-core/orbit/propagator';
import { generateCandidates, importCandidates, type Candidate } from '../../src-core/planning/candidates';
import { optimizeGateways, type CheckedSet, type LatencyPhase, type PickPhase, type SiteImpact } from '../../src-core/planning/optimizer';
import { isLpBound } from '../../src-core/planning/explain';
import type { Gateway, Scenario } from '../../src-core/scenario/schema';

export interface OptimizeRequest {
  scenario: Scenario;
  /** How many gateways to suggest. */
  add: number;
  /** Imported candidate sites; null = generated candidates (demand-ranked land cells + points near PoPs). */
  importedSites: { name: string; latDeg: number; lonDeg: number }[] | null;
  /** Evaluate every k-th analysis step (1 = the scenario's own step). */
  stepFactor: number;
  /** Antenna settings of proposed gateways (mask, PoP...). */
  gatewayTemplate?: Partial<Gateway>;
  /** Served objective: stop once served demand is saturated instead of choosing the rest for latency. */
  stopAtSaturation?: boolean;
}

export interface SuggestedSite {
  rank: number;
  gateway: Gateway;
  candidateId: string;
  /** The objective that chose it ('latency' past saturation in a served run). */
  phase: PickPhase;
  countryName: string | null;
  source: Candidate['source'];
  marginalGain: number;
  objective: number;
  /** Upper bound on the optimum with `add` sites, valid when this site was chosen. */
  upperBound: number;
  /** The PoP a generated site sits next to, if any. */
  nearPop: string | null;
  /** The gain in the planner's terms (src-core/planning/explain.ts words it). */
  impact: SiteImpact;
}

export interface OptimizeSummary {
  /** Sites asked for. */
  add: number;
  /** What the chosen set does, relative to the existing gateways. */
  impact: SiteImpact;
  stepS: number;
  candidates: number;
  infeasibleAtStart: number;
  baseObjective: number;
  objective: number;
  upperBound: number;
  gapPct: number;
  gainGapPct: number;
  exhausted: boolean;
  /** Served: sites chosen when served demand saturated (null: it did not). */
  saturatedAfter: number | null;
  /** Served: the latency phase past saturation (null: it did not run). */
  latencyPhase: LatencyPhase | null;
  stopAtSaturation: boolean;
  /** The chosen set checked with the app's routing over the optimizer's steps (null: cancelled). */
  checked: CheckedSet | null;
  /** Latency bound: candidates whose per-sample gains did not fit in its memory (0: all did). */
  unkeptCandidates: number;
  /** The bound is the latency LP dual's (ExplainSummary.lpBound). */
  lpBound: boolean;
  evaluations: number;
  elapsedMs: number;
  steps: number;
}

export type OptimizerMessage =
  | { type: 'progress'; done: number; total: number; etaS: number; phase: string }
  | { type: 'chosen'; site: SuggestedSite }
  | { type: 'done'; summary: OptimizeSummary }
  | { type: 'error'; message: string };

const geo = {
  countryAt: (lat: number, lon: number) => countryAt(lat, lon),
  nearestCity: (lat: number, lon: number) => nearestCity(lat, lon),
};

export function runOptimizer(req: OptimizeRequest, post: (m: OptimizerMessage) => void): OptimizeSummary {
  const t0 = Date.now();
  const factor = Math.max(1, Math.floor(req.stepFactor));
  const scenario: Scenario = factor === 1 ? req.scenario : { ...req.scenario, analysis: { ...req.scenario.analysis, stepS: req.scenario.analysis.stepS * factor } };
  post({ type: 'progress', done: 0, total: 1, etaS: NaN, phase: 'candidates' });
  const candidates = req.importedSites ? importCandidates(req.importedSites, geo) : generateCandidates(geoDemandSource, geo, scenario.pops);
  post({ type: 'progress', done: 0, total: 1, etaS: NaN, phase: 'coverage of the current gateways' });
  const built = buildCatalog(scenario);
  const ev = createCoverageEvaluator(scenario, built.catalog, new Propagator(built.satrecs));
  let first = true;
  let saturated = false;
  const stopAtSaturation = req.stopAtSaturation === true;
  const result = optimizeGateways(ev, candidates, {
    add: req.add,
    constraints: scenario.planning,
    stopAtSaturation,
    ...(req.gatewayTemplate ? { gatewayTemplate: req.gatewayTemplate } : {}),
    onProgress: (done, total, etaS) => post({ type: 'progress', done, total, etaS, phase: `${saturated ? 'served demand saturated, latency: ' : ''}${first ? 'first pass over the candidates' : 'choosing sites'}` }),
    onSaturated: () => {
      saturated = true;
      first = true;
    },
    onChosen: (c, index, upperBound) => {
      first = false;
      post({
        type: 'chosen',
        site: { rank: index + 1, gateway: c.gateway, candidateId: c.candidate.id, phase: c.phase, countryName: c.candidate.countryName, source: c.candidate.source, marginalGain: c.marginalGain, objective: c.objective, upperBound, nearPop: c.candidate.nearPop, impact: c.impact },
      });
    },
  });
  const summary: OptimizeSummary = {
    add: req.add,
    impact: result.impact,
    stepS: result.stepS,
    candidates: candidates.length,
    infeasibleAtStart: result.infeasibleAtStart,
    baseObjective: result.baseObjective,
    objective: result.objective,
    upperBound: result.upperBound,
    gapPct: result.gapPct,
    gainGapPct: result.gainGapPct,
    exhausted: result.exhausted,
    saturatedAfter: result.saturatedAfter,
    latencyPhase: result.latencyPhase,
    stopAtSaturation,
    checked: result.checked,
    unkeptCandidates: result.dualStats?.scalars ?? 0,
    lpBound: isLpBound(result),
    evaluations: result.evaluations,
    elapsedMs: Date.now() - t0,
    steps: ev.stepCount,
  };
  post({ type: 'done', summary });
  return summary;
}
