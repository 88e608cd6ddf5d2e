// The Rollout tab's schedule (src-renderer/ui/rollout/schedule.ts scheduleOf) is rebuilt only when
// a section it reads changes: a gateway edit keeps it (it cost ~8 ms of every add), an edit of the
// rollout or the constellation rebuilds it, and the kept schedule equals a fresh build.
import { describe, expect, it } from 'vitest';
import { buildSchedule } from '../../../src-core/rollout';
import { defaultScenario } from '../../../src-core/scenario/default';
import { scheduleOf } from '../../../src-renderer/ui/rollout/schedule';

describe('scheduleOf', () => {
  const s = defaultScenario();

  it('keeps the schedule across a gateway edit (a new scenario object, same rollout and constellation)', () => {
    const before = scheduleOf(s);
    const edited = { ...s, gateways: [...s.gateways, { ...s.gateways[0]!, id: 'gw-extra', latDeg: 24.3, lonDeg: 54.6 }] };
    expect(scheduleOf(edited)).toBe(before);
    expect(scheduleOf(edited)).toEqual(buildSchedule(edited));
  });

  it('rebuilds it when the rollout changes', () => {
    const before = scheduleOf(s);
    const edited = { ...s, rollout: { ...s.rollout, raisingWeeks: s.rollout.raisingWeeks + 4 } };
    const after = scheduleOf(edited);
    expect(after).not.toBe(before);
    expect(after).toEqual(buildSchedule(edited));
  });

  it('rebuilds it when the constellation changes', () => {
    const before = scheduleOf(s);
    const [first, ...rest] = s.constellation.shells;
    const edited = { ...s, constellation: { ...s.constellation, shells: [{ ...first!, satsPerPlane: first!.satsPerPlane - 1 }, ...rest] } };
    const after = scheduleOf(edited);
    expect(after).not.toBe(before);
    expect(after).toEqual(buildSchedule(edited));
  });
});
