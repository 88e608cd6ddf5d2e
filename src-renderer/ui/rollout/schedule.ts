// The launch schedule as the Rollout tab shows it: src-core/rollout's buildSchedule on the scenario
// on screen (pure and fast: no orbits), kept while the sections it reads are unchanged. The table's summary (launches,
// projected launches, full deployment, slots left) and the charts' default range come from it, so
// every edit of the schedule shows its effect at once, before the engine's figures arrive.
import { buildSchedule, type RolloutSchedule } from '../../../src-core/rollout';
import type { Scenario } from '../../../src-core/scenario/schema';
import type { SeriesRange } from './rolloutPlanStore';

const MS_PER_DAY = 86_400_000;
/** The charts' end when some slot is never launched (no full deployment date): five years after the first launch. */
const FALLBACK_SPAN_MS = 5 * 365 * MS_PER_DAY;
/** Most dates the charts ask for (the worker's limit is larger; a chart wants far fewer). */
export const MAX_CHART_DATES = 400;

/**
 * Kept per rollout section, for its constellation: buildSchedule reads nothing else, and an edit
 * leaves the sections it does not touch as they were (the same objects). A gateway edit makes a
 * new scenario object but keeps the schedule (rebuilding it took ~8 ms of every gateway add).
 */
const cache = new WeakMap<Scenario['rollout'], { constellation: Scenario['constellation']; schedule: RolloutSchedule }>();

export function scheduleOf(s: Scenario): RolloutSchedule {
  const hit = cache.get(s.rollout);
  if (hit && hit.constellation === s.constellation) return hit.schedule;
  const schedule = buildSchedule(s);
  cache.set(s.rollout, { constellation: s.constellation, schedule });
  return schedule;
}

export type ResolvedRange = { ok: true; fromMs: number; toMs: number; stepDays: number } | { ok: false; message: string };

/** The dates the charts cover: the range as set, its open ends from the schedule. */
export function seriesRangeOf(sch: RolloutSchedule, r: SeriesRange): ResolvedRange {
  if (!sch.active) return { ok: false, message: 'This scenario has no launch schedule: add a launch or a cadence row above.' };
  const fromMs = r.fromMs ?? sch.firstLaunchMs;
  const toMs = r.toMs ?? (Number.isFinite(sch.fullDeploymentMs) ? sch.fullDeploymentMs : fromMs + FALLBACK_SPAN_MS);
  if (!Number.isFinite(fromMs)) return { ok: false, message: 'No launch places a satellite yet: set a start date for the charts.' };
  if (toMs < fromMs) return { ok: false, message: `The charts' end ${new Date(toMs).toISOString().slice(0, 10)} is before their start ${new Date(fromMs).toISOString().slice(0, 10)}: move one of them.` };
  const count = Math.floor((toMs - fromMs) / (r.stepDays * MS_PER_DAY)) + 1;
  if (count > MAX_CHART_DATES) return { ok: false, message: `${count} dates at a ${r.stepDays}-day step: at most ${MAX_CHART_DATES}; use a larger step.` };
  return { ok: true, fromMs, toMs, stepDays: r.stepDays };
}
