// The bulk Propagator against satellite.js's own per-satellite path, ECEF velocities against finite
// differences, failure flags for decayed satellites, and the synthetic 30k constellation.
import { eciToEcf, gstime, propagate, sgp4, twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import { buildCatalog, kuiperShells } from '../../../src-core/constellation/index';
import { NAN_RESULT, Propagator } from '../../../src-core/orbit/propagator';
import { makeScenario } from '../../../src-core/scenario/schema';
import { parseIsoUtc } from '../../../src-core/units';
import { synthetic30kCatalog } from './helpers/synthetic30k';

const EPOCH = '2026-01-01T00:00:00Z';
const built = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: EPOCH, constellation: { shells: kuiperShells(), elementSets: [] } }));
const t0 = parseIsoUtc(EPOCH);

describe('Propagator', () => {
  it('full Kuiper ECEF equals satellite.js propagate() + eciToEcf() to 1 m (different time arithmetic: <= ~40 us)', () => {
    const prop = new Propagator(built.satrecs);
    const pos = new Float64Array(3 * prop.count);
    const t = t0 + 3 * 3600_000 + 17_250;
    expect(prop.propagateEcef(t, pos)).toBe(0);
    const date = new Date(t);
    const g = gstime(date);
    let worst = 0;
    built.satrecs.forEach((rec, i) => {
      const r = propagate(rec, date)!;
      const e = eciToEcf(r.position, g);
      worst = Math.max(worst, Math.hypot(e.x - pos[3 * i]!, e.y - pos[3 * i + 1]!, e.z - pos[3 * i + 2]!));
    });
    expect(worst).toBeLessThan(1e-3);
  });

  // SGP4's analytic velocity is not exactly the time derivative of its position (short-period terms
  // are differentiated approximately): they differ by ~1e-4 km/s, so the tolerance is 5e-4 km/s. A
  // missing or wrong Earth-rotation term would show up as ~0.5 km/s.
  it('ECEF velocity equals the finite difference of ECEF positions (5e-4 km/s)', () => {
    const prop = new Propagator(built.satrecs.slice(0, 200));
    const n = prop.count;
    const a = new Float64Array(3 * n), b = new Float64Array(3 * n), p = new Float64Array(3 * n), v = new Float64Array(3 * n);
    const t = t0 + 1234_000;
    prop.propagateEcef(t - 50, a);
    prop.propagateEcef(t + 50, b);
    prop.propagateEcef(t, p, v);
    for (let k = 0; k < 3 * n; k++) expect(Math.abs((b[k]! - a[k]!) / 0.1 - v[k]!)).toBeLessThan(5e-4);
    // ~7.56 km/s inertial at 630 km; Earth-fixed speed differs by up to omega * r ~ 0.5 km/s.
    const speed = Math.hypot(v[0]!, v[1]!, v[2]!);
    expect(speed).toBeGreaterThan(7.0);
    expect(speed).toBeLessThan(8.1);
  });

  it('decayed satellites get NaN positions and velocities and a failure flag; others are unaffected', () => {
    const decaying = twoline2satrec('1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534', '2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708');
    const epochMs = (decaying.jdsatepoch - 2440587.5) * 86400000;
    const prop = new Propagator([built.satrecs[0]!, decaying, built.satrecs[1]!]);
    const pos = new Float64Array(9), vel = new Float64Array(9);
    expect(prop.propagateEcef(epochMs + 10 * 60000, pos, vel)).toBe(0);
    expect(Array.from(prop.failed)).toEqual([0, 0, 0]);
    expect(prop.propagateEcef(epochMs + 60 * 60000, pos, vel)).toBe(1);
    expect(Array.from(prop.failed)).toEqual([0, 1, 0]);
    expect(prop.errorCode[1]).toBe(6);
    expect(prop.failedCount).toBe(1);
    expect([pos[3], pos[4], pos[5], vel[3]].every(Number.isNaN)).toBe(true);
    expect(Number.isFinite(pos[0]!) && Number.isFinite(pos[8]!)).toBe(true);
    expect(NAN_RESULT).toBe(255);
  });

  it('the packed near-Earth kernel is bit-identical to satellite.js sgp4() (Kuiper + 30k sample + drag TLEs, 3 days)', () => {
    const drag = [
      twoline2satrec('1 06251U 62025E   06176.82412014  .00008885  00000-0  12808-3 0  3985', '2 06251  58.0579  54.0425 0030035 139.1568 221.1854 15.56387291  6774'),
      twoline2satrec('1 28057U 03049A   06177.78615833  .00000060  00000-0  35940-4 0  1836', '2 28057  98.4283 247.6961 0000884  88.1964 271.9322 14.35478080140550'),
    ];
    const big = synthetic30kCatalog().satrecs.filter((_, i) => i % 50 === 0);
    // Each group is propagated relative to its own epoch (the drag TLEs are from 2006).
    for (const recs of [[...built.satrecs, ...big], [drag[0]!], [drag[1]!]]) {
      const prop = new Propagator(recs);
      expect(prop.deepSpaceCount).toBe(0);
      const epoch0 = (recs[0]!.jdsatepoch - 2440587.5) * 86400000;
      const pos = new Float64Array(3 * recs.length), vel = new Float64Array(3 * recs.length);
      for (const dtMin of [-30, 0, 97.3, 1440, 2880]) {
        const t = epoch0 + dtMin * 60000;
        expect(prop.propagateTeme(t, pos, vel)).toBe(0);
        recs.forEach((rec, i) => {
          const epochMs = (rec.jdsatepoch - 2440587.5) * 86400000;
          const r = sgp4(rec, (t - epochMs) / 60000)!;
          expect([pos[3 * i], pos[3 * i + 1], pos[3 * i + 2], vel[3 * i], vel[3 * i + 1], vel[3 * i + 2]]).toEqual([r.position.x, r.position.y, r.position.z, r.velocity.x, r.velocity.y, r.velocity.z]);
        });
      }
    }
  });

  it('rejects output arrays that are too short', () => {
    const prop = new Propagator(built.satrecs.slice(0, 10));
    expect(() => prop.propagateEcef(t0, new Float64Array(29))).toThrow(/needs 30 values/);
  });

  it('synthetic 30k (29,988 satellites) propagates with no failures, all within 300..700 km', () => {
    const { catalog, satrecs } = synthetic30kCatalog();
    expect(catalog.count).toBe(29988);
    const prop = new Propagator(satrecs);
    const pos = prop.positionsEcefKm(t0 + 600_000);
    expect(prop.failedCount).toBe(0);
    for (let i = 0; i < prop.count; i += 97) {
      const r = Math.hypot(pos[3 * i]!, pos[3 * i + 1]!, pos[3 * i + 2]!) - 6378.137;
      expect(r).toBeGreaterThan(300);
      expect(r).toBeLessThan(700);
    }
  });
});
