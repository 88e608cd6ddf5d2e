// `validate` and `analyze` print the slot-matching summary of a scenario with a planned Walker
// shell and real element sets: matched, raising and unmatched, with reasons (docs/ROLLOUT.md).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanMotionRevPerDayFromAltitude, ommFromElements, type MeanElements } from '../../../src-core/constellation/elements';
import { walkerElements } from '../../../src-core/constellation/walker';
import { defaultScenario } from '../../../src-core/scenario/default';
import { DEG, parseIsoUtc } from '../../../src-core/units';
import { runMain } from './helpers';

const base = defaultScenario();
const shell = { ...base.constellation.shells[2]!, planes: 6, satsPerPlane: 6 };
const nominal = walkerElements(shell, parseIsoUtc(base.epochUtc));
const at = (k: number, altKm: number, incDeg = shell.inclinationDeg, uDeg = 0): MeanElements => ({
  ...nominal[k]!.elements,
  inclinationDeg: incDeg,
  meanAnomalyDeg: nominal[k]!.elements.meanAnomalyDeg + uDeg,
  meanMotionRevPerDay: meanMotionRevPerDayFromAltitude(altKm, incDeg * DEG, 0),
});
const set = (name: string, id: number, el: MeanElements) => ({ format: 'omm', omm: ommFromElements(name, id, el) });
const scenario = {
  ...base,
  name: 'matched',
  constellation: {
    shells: [shell],
    elementSets: [
      set('REAL A', 70001, at(0, shell.altitudeKm + 1, shell.inclinationDeg, 0.5)),
      set('REAL B', 70002, at(7, shell.altitudeKm - 2, shell.inclinationDeg, -0.4)),
      set('REAL C', 70003, at(20, shell.altitudeKm - 80)),
      set('SSO', 70004, at(3, 560, 97.6)),
    ],
  },
};
const dir = mkdtempSync(join(tmpdir(), 'leo-slots-'));
const path = join(dir, 'matched.json');
writeFileSync(path, JSON.stringify(scenario));

describe('CLI slot-matching summary', () => {
  it('validate: counts and reasons in text, every set in --json; unmatched sets do not fail the file', async () => {
    const text = await runMain('validate', path);
    expect(text.code).toBe(0);
    expect(text.out).toContain('slot matching: 2 real satellites in their planned slot, 1 raising, 1 unmatched');
    expect(text.out).toMatch(/constellation\.elementSets\[2\]: REAL C \(K3, plane 3\): 80 km below its shell/);
    expect(text.out).toMatch(/constellation\.elementSets\[3\]: SSO: no planned shell at inclination 97\.60 deg/);
    const json = await runMain('validate', path, '--json');
    const j = JSON.parse(json.out) as { ok: boolean; slotMatching: { matched: number; raising: number; unmatched: number; unmatchedSets: { path: string }[] } };
    expect(j.ok).toBe(true);
    expect(j.slotMatching).toMatchObject({ matched: 2, raising: 1, unmatched: 1 });
    expect(j.slotMatching.unmatchedSets[0]!.path).toBe('constellation.elementSets[3]');
  });

  it('analyze prints the same summary; scenarios without element sets print none', async () => {
    const r = await runMain('analyze', path, '--duration', '600', '--step', '120', '--grid-res', '1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { satellites: number; slotMatching: { matched: number; raising: number; unmatched: number } };
    expect(j.slotMatching).toEqual(expect.objectContaining({ matched: 2, raising: 1, unmatched: 1 }));
    expect(j.satellites).toBe(36 + 1 + 1);
    const plainPath = join(dir, 'plain.json');
    writeFileSync(plainPath, JSON.stringify({ ...scenario, constellation: { shells: [shell], elementSets: [] } }));
    const plain = await runMain('analyze', plainPath, '--duration', '600', '--step', '120', '--grid-res', '1');
    expect(plain.code).toBe(0);
    expect(plain.out).not.toContain('slot matching');
  });
});
