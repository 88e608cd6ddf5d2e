// The "Suggest gateways" panel's text model: the shared explanation (src-core/planning/explain.ts,
// the same words and numbers `leo-planner optimize` prints) of the streamed sites and, once the run
// is done, its summary. Pure, so a unit test can compare it with the CLI's output.
import { explainOptimization, type Explanation } from '../../../src-core/planning/explain';
import type { PlacementObjectiveKind } from '../../../src-core/planning/constraints';
import type { OptimizeSummary, SuggestedSite } from '../../engine/optimizerHost';

export function optimizerExplanation(sites: readonly SuggestedSite[], summary: OptimizeSummary | null, kind: PlacementObjectiveKind = 'latency'): Explanation {
  const items = sites.map((s) => ({ rank: s.rank, name: s.gateway.name, countryCode: s.gateway.countryCode, nearPop: s.nearPop, impact: s.impact, phase: s.phase }));
  if (summary) return explainOptimization(items, { ...summary, kind });
  // Still running or cancelled: per-site lines only (the set's totals come with the summary).
  const none = { meanLatencyBeforeMs: NaN, meanLatencyAfterMs: NaN, peopleFaster: 0, fasterByMs: NaN, peopleNewlyServed: 0, servedGbps: null };
  const partial = explainOptimization(items, { add: sites.length, baseObjective: 0, objective: 0, upperBound: NaN, impact: none, steps: 0, stepS: 0, exhausted: false, kind });
  return { ...partial, headline: '', saturation: '', checked: '', bound: '', basis: '' };
}
