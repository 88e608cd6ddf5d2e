// The served objective's two phases (docs/OPTIMIZER.md "Past saturation: the latency phase").
//
// Served demand is lexicographic: Gbps first. Once no remaining candidate adds served demand
// (the served run's `exhausted`: every bound 0, the demand the network can reach is all carried),
// the remaining sites are chosen by the latency objective, started from the existing gateways
// PLUS the served picks (committed into it), under the same constraints against every site placed
// so far. That second phase is the latency optimizer's own lazy greedy on a second GainSource
// (optimizeGateways with `after` = the served picks), with the tight bound when the run asks for
// it (the default; the LP dual is cheap since the twelfth session), reported as the latency
// phase's bound. Every pick of phase 2 adds exactly 0 Gbps: its served bound
// was 0, and bounds only fall as the set grows (submodular).
import type { CoverageEvaluator } from '../coverage/evaluator';
import type { Candidate } from './candidates';
import type { PlacementObjectiveKind } from './constraints';
import type { ChosenSite, OptimizeOptions, OptimizeResult } from './optimizer';

/** Which objective chose a site: served Gbps, or latency (a latency run, or past saturation). */
export type PickPhase = PlacementObjectiveKind;

/** The latency phase of a served run, in the latency objective's units (docs/OPTIMIZER.md). */
export interface LatencyPhase {
  /** Sites it chose. */
  sites: number;
  /** Latency objective f(existing + served picks), and after the latency picks. */
  baseObjective: number;
  objective: number;
  /** Upper bound on the latency objective for these sites, given the served picks (the least of online, fresh and LP dual with the tight bound). */
  upperBound: number;
  /** That bound is the LP dual's (isLpBound), not a submodularity one. */
  lpBound: boolean;
  evaluations: number;
  /** The latency phase stopped early too: no candidate improves latency. */
  exhausted: boolean;
  elapsedMs: number;
}

export interface SaturationContext {
  evaluator: CoverageEvaluator;
  candidates: readonly Candidate[];
  /** Candidate indices of the served picks, in order. */
  chosenIdx: readonly number[];
  opts: OptimizeOptions;
  /** When the whole run started (Date.now()). */
  started: number;
}

/**
 * Whether an optimizer result's bound is the latency objective's LP dual (upperBound ===
 * bounds.dual): the facility-location LP relaxation's, not a submodularity bound. The explain
 * text names it (ExplainSummary.lpBound, LatencyPhase.lpBound).
 */
export function isLpBound(r: { kind: PlacementObjectiveKind; upperBound: number; bounds: { dual: number } }): boolean {
  return r.kind === 'latency' && Number.isFinite(r.bounds.dual) && r.upperBound === r.bounds.dual;
}

type Optimize = (evaluator: CoverageEvaluator, candidates: readonly Candidate[], opts: OptimizeOptions) => OptimizeResult;

/**
 * Continue a saturated served run with the latency objective for the sites still to place.
 * The served result's objective, bounds and gaps stay those of served demand (the primary
 * objective); the picks, the set's impact, `exhausted`, `cancelled` and the counts cover both phases.
 */
export function latencyAfterSaturation(primary: OptimizeResult, ctx: SaturationContext, optimize: Optimize): OptimizeResult {
  const { opts } = ctx;
  const first = primary.chosen.length;
  const add = Math.max(0, Math.floor(opts.add)) - first;
  opts.onSaturated?.(first, primary.objective);
  const asLatencyPick = (c: ChosenSite): ChosenSite => ({ ...c, phase: 'latency', impact: { ...c.impact, servedGbps: 0 } });
  const second = optimize(ctx.evaluator, ctx.candidates, {
    add,
    kind: 'latency',
    tightBound: opts.tightBound ?? true,
    after: ctx.chosenIdx,
    ...(opts.constraints ? { constraints: opts.constraints } : {}),
    ...(opts.objective ? { objective: opts.objective } : {}),
    ...(opts.gatewayTemplate ? { gatewayTemplate: opts.gatewayTemplate } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    // The bound passed on stays the served one (the primary objective's): every later site adds 0 Gbps.
    onChosen: (site, index) => opts.onChosen?.(asLatencyPick(site), first + index, primary.upperBound),
  });
  return {
    ...primary,
    chosen: [...primary.chosen, ...second.chosen.map(asLatencyPick)],
    // The latency objective started from the existing gateways and committed the served picks: its impact covers both phases.
    impact: { ...second.impact, servedGbps: primary.impact.servedGbps },
    cancelled: second.cancelled,
    exhausted: second.exhausted,
    // The latency run checked existing + served picks + its own picks: the whole set.
    checked: second.checked,
    latencyPhase: {
      sites: second.chosen.length,
      baseObjective: second.baseObjective,
      objective: second.objective,
      upperBound: second.upperBound,
      lpBound: isLpBound(second),
      evaluations: second.evaluations,
      exhausted: second.exhausted,
      elapsedMs: second.elapsedMs,
    },
    evaluations: primary.evaluations + second.evaluations,
    estimates: primary.estimates + second.estimates,
    elapsedMs: Date.now() - ctx.started,
  };
}
