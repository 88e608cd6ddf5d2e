// The launch schedule as the rollout bar needs it (slider span, step buttons), computed on the
// main thread from the scenario on screen: the Rollout tab's schedule of the same scenario object
// (schedule.ts scheduleOf, so the two never build it twice), memoised on that schedule, so the bar knows its span before the
// engine has answered a date.
import type { Scenario } from '../../../src-core/scenario/schema';
import type { RolloutSchedule } from '../../../src-core/rollout';
import { scheduleOf } from './schedule';

export interface RolloutSpan {
  /** False when the scenario has neither launches nor cadence (rollout view has nothing to show). */
  active: boolean;
  firstLaunchMs: number;
  /** Full deployment, or the last satellite's operational date when the cadence never fills every slot. */
  fullDeploymentMs: number;
  /** Distinct launch dates (UTC ms), ascending. */
  launchDatesMs: number[];
}

/** Kept for the schedule object it was derived from (scheduleOf keeps that while its sections are unchanged). */
let memo: { sched: RolloutSchedule; span: RolloutSpan } | null = null;

export function rolloutSpan(s: Scenario): RolloutSpan {
  const sched = scheduleOf(s);
  if (memo?.sched === sched) return memo.span;
  const launchDatesMs = [...new Set(sched.launches.map((l) => l.dateMs))].sort((a, b) => a - b);
  const endMs = Number.isFinite(sched.fullDeploymentMs) ? sched.fullDeploymentMs : lastOperationalMs(sched.operationalMs);
  const span: RolloutSpan = {
    active: sched.active && Number.isFinite(sched.firstLaunchMs) && endMs > sched.firstLaunchMs,
    firstLaunchMs: sched.firstLaunchMs,
    fullDeploymentMs: endMs,
    launchDatesMs,
  };
  memo = { sched, span };
  return span;
}

function lastOperationalMs(operationalMs: Float64Array): number {
  let last = Number.NaN;
  for (const t of operationalMs) if (Number.isFinite(t) && !(t <= last)) last = t;
  return last;
}

/** The launch date after (`dir` 1) or before (`dir` -1) `dateMs`, or null when there is none. */
export function stepLaunch(span: RolloutSpan, dateMs: number, dir: 1 | -1): number | null {
  const d = span.launchDatesMs;
  if (dir > 0) return d.find((x) => x > dateMs) ?? null;
  for (let i = d.length - 1; i >= 0; i--) if (d[i]! < dateMs) return d[i]!;
  return null;
}

export const clampDate = (span: RolloutSpan, ms: number): number => Math.min(span.fullDeploymentMs, Math.max(span.firstLaunchMs, ms));
