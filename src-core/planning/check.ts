// The optimizer's chosen set, checked with the one router (issue 14, "one routing model").
//
// The latency objective (objective.ts) is a relaxation: new gateways improve satellite distances
// with `DistRouter`, which ignores ground relay, and the cells take no hop limit, because with
// either the objective stops being monotone submodular (docs/OPTIMIZER.md). Coverage and routes use
// the one router (`LabelRouter` under `routerOptionsOf(scenario.routing)`). So after the picks, the
// existing gateways and existing + chosen are evaluated by the SAME CoverageEvaluator machinery
// that coverage uses, under the optimizer evaluator's router options, over its analysis steps: the
// figures the app shows once the planner adds the chosen sites (on the app's own steps when the
// optimizer ran on the scenario's step). The picks and the objective are not touched.
import type { CoverageEvaluator, HeadlineFigures } from '../coverage/evaluator';
import type { RouterOptions } from '../network/router';
import type { Gateway } from '../scenario/schema';

/** Coverage's headline figures of one gateway set (demand-weighted, over the optimizer's steps). */
export interface CheckedFigures {
  /** % of demand-weighted samples served (coverage's headline servedPct). */
  servedPct: number;
  /** Mean and 95th percentile one-way latency over served samples, ms. */
  meanLatencyMs: number;
  p95LatencyMs: number;
}

/** The optimizer's own model figures of one gateway set (the objective's samples; relay and hop limit as in objective.ts). */
export interface ModelFigures {
  servedPct: number;
  meanLatencyMs: number;
}

export interface CheckedSet {
  /** The router options of the check (the scenario's routing: relay, hop limit, bent pipe). */
  options: RouterOptions;
  /** The objective ignored ground relay or the hop limit that `options` apply (its figures and bound are on a relaxed model). */
  relaxed: boolean;
  /** Coverage with the existing gateways, and with existing + chosen. */
  before: CheckedFigures;
  after: CheckedFigures;
  /** The optimizer's model figures of the same two sets, for comparison. */
  model: { before: ModelFigures; after: ModelFigures };
  /** Time the check took, ms (part of the run's elapsedMs). */
  ms: number;
}

/**
 * The objective ignores ground relay for new gateways and the hop limit everywhere: relaxed when
 * the options use either (bent pipe without relay: every route has one satellite, no limit binds).
 */
export function isRelaxed(options: RouterOptions): boolean {
  return options.groundRelay || (options.maxSatelliteHops !== null && !options.bentPipe);
}

function figuresOf(h: HeadlineFigures): CheckedFigures {
  return { servedPct: h.servedPct, meanLatencyMs: h.meanLatencyMs, p95LatencyMs: h.p95LatencyMs };
}

/**
 * Coverage's figures of the evaluator's gateways (before) and of those plus `added` (after), by a
 * fresh evaluator over the same cache (`withGateways`: one full routing of every step); the
 * evaluator itself is not changed. `model` is the optimizer's own figures of the same sets.
 */
export function checkChosenSet(evaluator: CoverageEvaluator, added: readonly Gateway[], model: CheckedSet['model']): CheckedSet {
  const started = Date.now();
  const before = figuresOf(evaluator.result().headline);
  const after = added.length === 0 ? before : figuresOf(evaluator.withGateways([...evaluator.gateways, ...added]).result().headline);
  const options = { ...evaluator.routerOptions };
  return { options, relaxed: isRelaxed(options), before, after, model, ms: Date.now() - started };
}
