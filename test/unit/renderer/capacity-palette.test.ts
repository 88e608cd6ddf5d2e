// The utilisation palette (ui/capacity/palette.ts) and the capacity assumption commands
// (state/capacityCommands.ts): colours at and between the stops, clamping, and undoable edits that
// keep the scenario reference when nothing changes and refuse values the schema refuses.
import { describe, expect, it } from 'vitest';
import { setCapacityAssumptions, capacityProblem, CAPACITY_FIELDS } from '../../../src-renderer/state/capacityCommands';
import { UTILISATION_STOPS, utilisationRgb, utilisationGradientCss } from '../../../src-renderer/ui/capacity/palette';
import { defaultScenario } from '../../../src-core/scenario/default';
import { applyPatches } from '../../../src-core/session/patches';

describe('utilisation palette', () => {
  it('gives each stop its own colour and interpolates linearly between stops', () => {
    for (const s of UTILISATION_STOPS) expect(utilisationRgb(s.at)).toEqual(s.rgb);
    const [a, b] = [UTILISATION_STOPS[0]!, UTILISATION_STOPS[1]!];
    const mid = utilisationRgb((a.at + b.at) / 2);
    // Rounded to whole sRGB levels: within 0.5 of the exact midpoint.
    for (let k = 0; k < 3; k++) expect(Math.abs(mid[k]! - (a.rgb[k]! + b.rgb[k]!) / 2)).toBeLessThanOrEqual(0.5);
  });

  it('clamps below 0 and above 1 and treats NaN as idle', () => {
    expect(utilisationRgb(-1)).toEqual(UTILISATION_STOPS[0]!.rgb);
    expect(utilisationRgb(7)).toEqual(UTILISATION_STOPS.at(-1)!.rgb);
    expect(utilisationRgb(NaN)).toEqual(UTILISATION_STOPS[0]!.rgb);
  });

  it('runs from blue through green and yellow to red: the hue never rises as utilisation rises', () => {
    const hueDeg = ([r, g, b]: readonly number[]): number => {
      const [R, G, B] = [r!, g!, b!];
      const max = Math.max(R, G, B), min = Math.min(R, G, B), d = max - min;
      if (d === 0) return 0;
      const h = max === R ? ((G - B) / d) % 6 : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
      return (60 * h + 360) % 360;
    };
    let last = Infinity;
    for (let i = 0; i <= 100; i++) {
      const h = hueDeg(utilisationRgb(i / 100));
      // Whole sRGB levels: allow 1 degree of rounding wobble.
      expect(h).toBeLessThanOrEqual(last + 1);
      last = h;
    }
    expect(hueDeg(utilisationRgb(0))).toBeGreaterThan(180); // blue
    expect(hueDeg(utilisationRgb(1))).toBeLessThan(10); // red
    expect(utilisationGradientCss()).toMatch(/^linear-gradient\(to right, rgb\(/);
  });
});

describe('capacity assumption commands', () => {
  const s = defaultScenario();

  it('copies only the capacity settings, and emits no patch when nothing changes', () => {
    const next = applyPatches(s, setCapacityAssumptions({ feederGbpsPerAntenna: 5 }).patches(s));
    expect(next).not.toBe(s);
    expect(next.capacity.feederGbpsPerAntenna).toBe(5);
    expect(next.gateways).toBe(s.gateways);
    expect({ ...next.capacity, feederGbpsPerAntenna: s.capacity.feederGbpsPerAntenna }).toEqual(s.capacity);
    expect(setCapacityAssumptions({ feederGbpsPerAntenna: s.capacity.feederGbpsPerAntenna }).patches(s)).toEqual([]);
  });

  it('refuses values the scenario schema refuses, naming the field', () => {
    expect(() => setCapacityAssumptions({ takeRatePct: 101 })).toThrow(/Take rate/);
    expect(() => setCapacityAssumptions({ laserGbps: -1 })).toThrow(/Laser link/);
    expect(capacityProblem('busyHourMbpsPerSubscriber', NaN)).toMatch(/Busy-hour rate/);
    for (const f of CAPACITY_FIELDS) expect(capacityProblem(f.field, s.capacity[f.field])).toBeNull();
  });
});
