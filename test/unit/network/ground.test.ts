// visibleSatellites against brute force with the frames' lookAngles.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { lookAngles } from '../../../src-core/frames';
import { groundFrame, visibleSatellites } from '../../../src-core/network/ground';
import { Propagator } from '../../../src-core/orbit/propagator';
import { kuiperScenario, T0_MS } from './fixtures';

describe('visibleSatellites', () => {
  const s = kuiperScenario();
  const { catalog, satrecs } = buildCatalog(s);
  const pos = new Propagator(satrecs).positionsEcefKm(T0_MS + 123_000);
  const N = catalog.count;

  it('matches lookAngles for every satellite (elevation within 1e-9 deg, slant within 1e-9 km)', () => {
    const idx = new Int32Array(N), slant = new Float64Array(N), el = new Float64Array(N);
    let total = 0;
    for (const [lat, lon, alt, mask, maxSlant] of [[47.6, -122.3, 0, 35, null], [-33.9, 151.2, 0.1, 25, null], [0, 0, 0, 10, 1500], [51.5, -0.1, 0, 35, null], [89.9, 0, 0, 0, null]] as const) {
      const f = groundFrame(lat, lon, alt);
      const n = visibleSatellites(f, pos, mask, maxSlant, idx, slant, el);
      total += n;
      const want: number[] = [];
      for (let i = 0; i < N; i++) {
        const la = lookAngles(f, { x: pos[3 * i]!, y: pos[3 * i + 1]!, z: pos[3 * i + 2]! });
        const elDeg = (la.elevationRad * 180) / Math.PI;
        if (elDeg >= mask && (maxSlant === null || la.rangeKm <= maxSlant)) want.push(i);
      }
      expect(Array.from(idx.subarray(0, n))).toEqual(want);
      for (let k = 0; k < n; k++) {
        const i = idx[k]!;
        const la = lookAngles(f, { x: pos[3 * i]!, y: pos[3 * i + 1]!, z: pos[3 * i + 2]! });
        expect(Math.abs(el[k]! - (la.elevationRad * 180) / Math.PI)).toBeLessThan(1e-9);
        expect(Math.abs(slant[k]! - la.rangeKm)).toBeLessThan(1e-9);
      }
    }
    expect(total).toBeGreaterThan(10);
  });

  it('skips unusable satellites and NaN positions', () => {
    const f = groundFrame(47.6, -122.3);
    const idx = new Int32Array(N), slant = new Float64Array(N);
    const n = visibleSatellites(f, pos, 0, null, idx, slant);
    expect(n).toBeGreaterThan(2);
    const usable = new Uint8Array(N).fill(1);
    usable[idx[0]!] = 0;
    const p2 = pos.slice();
    p2.fill(NaN, 3 * idx[1]!, 3 * idx[1]! + 3);
    const m = visibleSatellites(f, p2, 0, null, idx, slant, null, usable);
    expect(m).toBe(n - 2);
  });
});
