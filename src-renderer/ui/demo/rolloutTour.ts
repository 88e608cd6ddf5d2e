// The rollout part of the demo tour (docs/DEMO.md, "Rollout tour"), as pure functions of the
// tour's clock like tourPlan.ts: while the camera visits the stops, the app's rollout date steps
// from the first launch to full deployment (rolloutSteps + 1 dates, one every rolloutStepS of tour
// time), holds there for HOLD_STEPS dates, and starts again. The date moves in steps, not every
// frame, so the engine can answer each date with its figures before the next one comes.
import type { RolloutSchedule } from '../../../src-core/rollout/schedule';

export interface RolloutTourSettings {
  /** Dates after the first launch's, evenly spaced up to full deployment. */
  rolloutSteps: number;
  /** Seconds of tour time each date is shown. */
  rolloutStepS: number;
}

export const DEFAULT_ROLLOUT_TOUR: RolloutTourSettings = { rolloutSteps: 24, rolloutStepS: 2.5 };
/** Dates the tour stays at full deployment before it starts again from the first launch. */
export const HOLD_STEPS = 2;

export interface RolloutTourLaunch {
  dateMs: number;
  /** "Launch 7: Atlas V, 27 satellites" ("(projected)" for the cadence's launches). */
  label: string;
}

export interface RolloutTourPlan {
  /** First launch (UTC ms). */
  fromMs: number;
  /** Full deployment: the last satellite operational (UTC ms). */
  toMs: number;
  launches: RolloutTourLaunch[];
}

/** "Launch 7: Atlas V, 27 satellites". */
export function launchLabel(n: number, vehicle: string, satellites: number, projected: boolean): string {
  const what = vehicle.trim() || 'unnamed vehicle';
  return `Launch ${n}: ${what}, ${satellites.toLocaleString('en-US')} satellite${satellites === 1 ? '' : 's'}${projected ? ' (projected)' : ''}`;
}

/** The tour's span and launches from the scenario's schedule; null when nothing is ever launched. */
export function rolloutTourPlan(schedule: RolloutSchedule): RolloutTourPlan | null {
  if (!schedule.active || !Number.isFinite(schedule.firstLaunchMs)) return null;
  let lastOperational = -Infinity;
  for (const t of schedule.operationalMs) if (t > lastOperational) lastOperational = t;
  // A cadence that never fills every slot has no full deployment: the tour ends at the last satellite operational.
  const toMs = Number.isFinite(schedule.fullDeploymentMs) ? schedule.fullDeploymentMs : lastOperational;
  const launches = schedule.launches.map((l, k) => ({ dateMs: l.dateMs, label: launchLabel(k + 1, l.vehicle, l.satellites, l.projected) }));
  return { fromMs: schedule.firstLaunchMs, toMs: Math.max(toMs, schedule.firstLaunchMs), launches };
}

/** The rollout step shown at tour time `tourMs`: 0 = first launch ... rolloutSteps = full deployment (held, then looping). */
export function rolloutStepAt(settings: RolloutTourSettings, tourMs: number): number {
  const steps = Math.max(1, Math.round(settings.rolloutSteps));
  const k = Math.floor(Math.max(0, tourMs) / (settings.rolloutStepS * 1000)) % (steps + 1 + HOLD_STEPS);
  return Math.min(k, steps);
}

/** Days between two of the tour's dates. */
export function rolloutStepMs(plan: RolloutTourPlan, settings: RolloutTourSettings): number {
  return (plan.toMs - plan.fromMs) / Math.max(1, Math.round(settings.rolloutSteps));
}

/** The rollout date (UTC ms) at tour time `tourMs`. */
export function rolloutDateAt(plan: RolloutTourPlan, settings: RolloutTourSettings, tourMs: number): number {
  return Math.round(plan.fromMs + rolloutStepAt(settings, tourMs) * rolloutStepMs(plan, settings));
}

/**
 * The launch that just happened at `dateMs`: the latest launch since the tour's previous date
 * (on or before the first date for the first one), with how many others it passed; null if none.
 */
export function launchCaption(plan: RolloutTourPlan, settings: RolloutTourSettings, dateMs: number): string | null {
  const afterMs = dateMs <= plan.fromMs ? -Infinity : dateMs - rolloutStepMs(plan, settings);
  const passed = plan.launches.filter((l) => l.dateMs > afterMs && l.dateMs <= dateMs);
  if (passed.length === 0) return null;
  const last = passed[passed.length - 1]!;
  return passed.length === 1 ? last.label : `${last.label} (and ${passed.length - 1} more since the last date)`;
}
