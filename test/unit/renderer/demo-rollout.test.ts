// Demo mode's rollout tour (ui/demo/rolloutTour.ts) and its captions (ui/demo/captions.ts): the
// date steps from the first launch to full deployment on the tour's clock, the launch that just
// happened is named, and the captions show useRollout's figures of that very date ("—" until the
// engine answers for it, never an older date's figures).
import { afterEach, describe, expect, it } from 'vitest';
import type { RolloutFigures } from '../../../src-core/rollout/engine';
import { buildSchedule } from '../../../src-core/rollout/schedule';
import { defaultScenario } from '../../../src-core/scenario/default';
import { currentCaptions, PENDING, ROLLOUT_CAPTION_LABELS } from '../../../src-renderer/ui/demo/captions';
import { demoStore } from '../../../src-renderer/ui/demo/demoStore';
import { DEFAULT_ROLLOUT_TOUR, HOLD_STEPS, launchCaption, rolloutDateAt, rolloutStepAt, rolloutTourPlan } from '../../../src-renderer/ui/demo/rolloutTour';
import { useRollout } from '../../../src-renderer/ui/rollout/rolloutStore';

const schedule = buildSchedule(defaultScenario());
const plan = rolloutTourPlan(schedule)!;
const R = DEFAULT_ROLLOUT_TOUR;
const STEP_MS = R.rolloutStepS * 1000;
const FIRST_LAUNCH_MS = Date.parse('2025-04-28T00:00:00Z');

describe('rollout tour plan', () => {
  it('spans the default schedule: first launch (KA-01) to full deployment, every launch labelled', () => {
    expect(plan.fromMs).toBe(FIRST_LAUNCH_MS);
    expect(plan.toMs).toBe(schedule.fullDeploymentMs);
    expect(plan.toMs).toBeGreaterThan(Date.parse('2027-01-01T00:00:00Z'));
    expect(plan.launches).toHaveLength(schedule.launches.length);
    expect(plan.launches[0]).toEqual({ dateMs: FIRST_LAUNCH_MS, label: 'Launch 1: Atlas V, 27 satellites' });
    expect(plan.launches[2]!.label).toBe('Launch 3: Falcon 9, 24 satellites');
    expect(plan.launches[6]!.label).toMatch(/^Launch 7: .+, \d+ satellites \(projected\)$/);
  });

  it('no launches and no cadence: no rollout tour', () => {
    const s = defaultScenario();
    expect(rolloutTourPlan(buildSchedule({ ...s, rollout: { ...s.rollout, launches: [], cadence: [] } }))).toBeNull();
  });

  it('the date steps evenly from the first launch to full deployment, holds, then starts again', () => {
    const steps = R.rolloutSteps;
    const span = plan.toMs - plan.fromMs;
    expect(rolloutDateAt(plan, R, 0)).toBe(plan.fromMs);
    expect(rolloutDateAt(plan, R, STEP_MS - 1)).toBe(plan.fromMs);
    expect(rolloutDateAt(plan, R, STEP_MS)).toBe(Math.round(plan.fromMs + span / steps));
    expect(rolloutDateAt(plan, R, steps * STEP_MS)).toBe(plan.toMs);
    expect(rolloutDateAt(plan, R, (steps + HOLD_STEPS) * STEP_MS)).toBe(plan.toMs);
    expect(rolloutStepAt(R, (steps + HOLD_STEPS + 1) * STEP_MS)).toBe(0);
    let last = -Infinity;
    for (let k = 0; k <= steps; k++) {
      const d = rolloutDateAt(plan, R, k * STEP_MS + 1);
      expect(d).toBeGreaterThan(last);
      last = d;
    }
  });

  it('names the launch that just happened: the first at the first date, the latest since the previous date after', () => {
    expect(launchCaption(plan, R, plan.fromMs)).toBe('Launch 1: Atlas V, 27 satellites');
    // With weekly dates (200 steps), 2025-06-23 (KA-02) is the only launch in the week before 2025-06-25.
    const weekly = { ...R, rolloutSteps: 200 };
    const onlyKa02 = Date.parse('2025-06-25T00:00:00Z');
    expect(launchCaption(plan, weekly, onlyKa02)).toBe('Launch 2: Atlas V, 27 satellites');
    expect(launchCaption(plan, weekly, Date.parse('2025-06-15T00:00:00Z'))).toBeNull();
    // Several launches in one step: the latest, with how many others.
    const d = rolloutDateAt(plan, R, 12 * STEP_MS);
    const since = plan.launches.filter((l) => l.dateMs > d - (plan.toMs - plan.fromMs) / R.rolloutSteps && l.dateMs <= d);
    expect(since.length).toBeGreaterThan(1);
    expect(launchCaption(plan, R, d)).toBe(`${since[since.length - 1]!.label} (and ${since.length - 1} more since the last date)`);
  });
});

describe('captions at a rollout date', () => {
  afterEach(() => {
    useRollout.getState().setDate(null);
    demoStore.setState({ active: false, rollout: null });
  });

  const figures = (dateMs: number): RolloutFigures => ({
    dateMs, inOrbit: 1234, raising: 134, operational: 1100, gatewaysInService: 9, servedPct: 42.04, coveredPct: 80, servedGbps: 1, demandGbps: 2, p95LatencyMs: 30, recomputed: 'network',
  });

  it('show the date at once, "—" until the engine answers for that date, then its figures; a new date is "—" again', () => {
    demoStore.setState({ active: true, rollout: plan });
    const d1 = rolloutDateAt(plan, R, 0);
    useRollout.getState().setDate(d1);
    let c = currentCaptions();
    expect(c.labels).toBe(ROLLOUT_CAPTION_LABELS);
    expect([c.date, c.satellites, c.served]).toEqual(['2025-04-28', PENDING, PENDING]);
    expect(c.launch).toBe('Launch 1: Atlas V, 27 satellites');
    useRollout.getState().setAnswer(d1, figures(d1), new Uint8Array(3236));
    c = currentCaptions();
    expect([c.satellites, c.served]).toEqual(['1,234 / 1,100', '42.0 %']);
    const d2 = rolloutDateAt(plan, R, 5 * STEP_MS);
    useRollout.getState().setDate(d2);
    // A late answer for the old date is ignored by the store; the captions never show it as d2's.
    useRollout.getState().setAnswer(d1, figures(d1), new Uint8Array(3236));
    c = currentCaptions();
    expect(c.date).toBe(new Date(d2).toISOString().slice(0, 10));
    expect([c.satellites, c.served]).toEqual([PENDING, PENDING]);
  });

  it('rollout date set outside demo mode (the rollout bar): rollout captions without a launch line', () => {
    useRollout.getState().setDate(Date.parse('2026-07-30T00:00:00Z'));
    const c = currentCaptions();
    expect(c.date).toBe('2026-07-30');
    expect(c.launch).toBeNull();
  });
});
