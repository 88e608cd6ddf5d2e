// visibleSatellites against brute force with the frames' lookAngles; with a sky index (only the
// satellites near the observer tested) against the full scan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { lookAngles, type TopocentricFrame } from '../../../src-core/frames';
import { groundFrame, skyIndex, visibleSatellites } from '../../../src-core/network/ground';
import { Propagator } from '../../../src-core/orbit/propagator';
import { kuiperScenario, T0_MS } from './fixtures';

/** visibleSatellites with a sky index gives the full scan's results, bit for bit (toEqual compares numbers with Object.is); returns how many. */
function expectIndexedIsFullScan(f: TopocentricFrame, p: Float64Array, mask: number, maxSlant: number | null, usable: Uint8Array | null): number {
  const n0 = p.length / 3;
  const out = () => ({ idx: new Int32Array(n0), slant: new Float64Array(n0), el: new Float64Array(n0) });
  const a = out(), b = out();
  const n = visibleSatellites(f, p, mask, maxSlant, a.idx, a.slant, a.el, usable);
  const m = visibleSatellites(f, p, mask, maxSlant, b.idx, b.slant, b.el, usable, skyIndex(p));
  expect(Array.from(b.idx.subarray(0, m))).toEqual(Array.from(a.idx.subarray(0, n)));
  expect(Array.from(b.slant.subarray(0, m))).toEqual(Array.from(a.slant.subarray(0, n)));
  expect(Array.from(b.el.subarray(0, m))).toEqual(Array.from(a.el.subarray(0, n)));
  return n;
}

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

  it('with a sky index: exactly what the full scan gives: same indices, slant and elevation (fast-check: observer, mask, slant cap, epoch, unusable and NaN satellites)', () => {
    const prop = new Propagator(satrecs);
    let seen = 0;
    fc.assert(fc.property(
      fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -0.4, max: 5, noNaN: true }),
      fc.double({ min: -5, max: 70, noNaN: true }), fc.option(fc.double({ min: 300, max: 4000, noNaN: true })), fc.integer({ min: 0, max: 6 * 3600 }),
      fc.array(fc.integer({ min: 0, max: N - 1 }), { maxLength: 40 }), fc.array(fc.integer({ min: 0, max: N - 1 }), { maxLength: 5 }),
      (lat, lon, alt, mask, maxSlant, dt, off, nan) => {
        const p = prop.positionsEcefKm(T0_MS + dt * 1000);
        for (const i of nan) p.fill(NaN, 3 * i, 3 * i + 3);
        const usable = new Uint8Array(N).fill(1);
        for (const i of off) usable[i] = 0;
        seen += expectIndexedIsFullScan(groundFrame(lat, lon, alt), p, mask, maxSlant, usable);
      },
    ), { numRuns: 300, seed: 22 });
    expect(seen).toBeGreaterThan(2000);
  });

  it('with a sky index, on satellites anywhere (polar orbits, over the poles, low and high): the full scan\'s results (fast-check)', () => {
    // Latitudes near the poles as often as elsewhere: a cap over a pole takes every longitude.
    const lat = fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: 70, max: 90, noNaN: true }), fc.double({ min: -90, max: -70, noNaN: true }));
    const sat = fc.tuple(lat, fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: 300, max: 2000, noNaN: true }));
    let seen = 0;
    fc.assert(fc.property(
      fc.array(sat, { minLength: 1, maxLength: 300 }), lat, fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -5, max: 60, noNaN: true }),
      (sats, la0, lo0, mask) => {
        const p = new Float64Array(3 * sats.length);
        sats.forEach(([la, lo, h], i) => p.set(Object.values(groundFrame(la, lo, h).posEcefKm), 3 * i));
        seen += expectIndexedIsFullScan(groundFrame(la0, lo0, 0), p, mask, null, null);
      },
    ), { numRuns: 400, seed: 22 });
    expect(seen).toBeGreaterThan(500);
  });
});
