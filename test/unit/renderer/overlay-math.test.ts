// The constellation layer's pure math: Hermite interpolation against real SGP4, the snapshot
// cache/scheduler, the playback-rate step policy, and the camera projection/occlusion helpers.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { kuiperShells } from '../../../src-core/constellation/presets';
import { Propagator } from '../../../src-core/orbit/propagator';
import { makeScenario } from '../../../src-core/scenario/schema';
import { WGS84_A_KM, WGS84_B_KM } from '../../../src-core/units';
import { RateEstimator, StepPolicy, extrapolateInto, hermiteInto, lerpInto, stepMsForRate } from '../../../src-renderer/globe/overlay/interpolate';
import { FOOTPRINT_MAX_OPACITY, FOOTPRINT_OPACITY, FOOTPRINT_REFERENCE_RADIUS_PX, LINK_RAMP, footprintOpacity, linkColor, satelliteColor, shellColor } from '../../../src-renderer/globe/overlay/palette';
import { depthRangeKm, hiddenByEllipsoid, projectRelative, rotationOnly, withDepthRange } from '../../../src-renderer/globe/overlay/projection';
import { SnapshotCache, maxRadiusKm, type Snapshot } from '../../../src-renderer/globe/overlay/snapshots';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const kuiper = buildCatalog(makeScenario({ formatVersion: 1, epochUtc: '2026-01-01T00:00:00Z', constellation: { shells: kuiperShells(), elementSets: [] } }));

function snapshotAt(prop: Propagator, t: number): Snapshot {
  const p = new Float64Array(3 * prop.count);
  const v = new Float64Array(3 * prop.count);
  prop.propagateEcef(t, p, v);
  return { tUtcMs: t, positionsEcefKm: p, velocitiesEcefKmS: v, islActive: new Uint8Array(0), maxRadiusKm: maxRadiusKm(p) };
}

function maxErrKm(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i += 3) m = Math.max(m, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!, a[i + 2]! - b[i + 2]!));
  return m;
}

describe('hermiteInto', () => {
  it('reproduces a cubic exactly and hits the end points', () => {
    // x(t) = 2 + 3t - t^2 + 0.5 t^3 over [0, 4] s; x' = 3 - 2t + 1.5 t^2
    const x = (t: number) => 2 + 3 * t - t * t + 0.5 * t ** 3;
    const dx = (t: number) => 3 - 2 * t + 1.5 * t * t;
    const out = new Float64Array(1);
    for (const s of [0, 0.25, 0.5, 0.9, 1]) {
      hermiteInto(out, Float64Array.of(x(0)), Float64Array.of(dx(0)), Float64Array.of(x(4)), Float64Array.of(dx(4)), 4, s);
      expect(out[0]).toBeCloseTo(x(4 * s), 10);
    }
  });

  it('tracks SGP4 for full Kuiper within 10 m over 120 s steps, where linear is off by km', () => {
    const prop = new Propagator(kuiper.satrecs);
    const a = snapshotAt(prop, T0);
    const b = snapshotAt(prop, T0 + 120_000);
    const mid = new Float64Array(3 * prop.count);
    prop.propagateEcef(T0 + 60_000, mid);
    const h = new Float64Array(mid.length);
    hermiteInto(h, a.positionsEcefKm, a.velocitiesEcefKmS!, b.positionsEcefKm, b.velocitiesEcefKmS!, 120, 0.5);
    const l = new Float64Array(mid.length);
    lerpInto(l, a.positionsEcefKm, b.positionsEcefKm, 0.5);
    expect(maxErrKm(h, mid)).toBeLessThan(0.01);
    expect(maxErrKm(l, mid)).toBeGreaterThan(10);
  });

  it('propagates NaN (failed satellites stay hidden)', () => {
    const out = new Float64Array(3);
    hermiteInto(out, Float64Array.of(NaN, 1, 1), new Float64Array(3), new Float64Array(3), new Float64Array(3), 1, 0.5);
    expect(Number.isNaN(out[0])).toBe(true);
  });

  it('extrapolates with velocity, or holds without one', () => {
    const out = new Float64Array(3);
    extrapolateInto(out, Float64Array.of(1, 2, 3), Float64Array.of(1, 0, -1), 2);
    expect(Array.from(out)).toEqual([3, 2, 1]);
    extrapolateInto(out, Float64Array.of(1, 2, 3), null, 2);
    expect(Array.from(out)).toEqual([1, 2, 3]);
  });
});

describe('step policy', () => {
  it('maps the app speeds to nice steps (~3 snapshots per wall second, 1..120 s)', () => {
    expect([1, 10, 60, 300, 1200].map((x) => stepMsForRate(x) / 1000)).toEqual([1, 5, 30, 120, 120]);
    expect(stepMsForRate(0)).toBe(1000);
    expect(stepMsForRate(-60)).toBe(30_000);
  });

  it('RateEstimator follows playback, ignores seeks and keeps the rate while paused', () => {
    const r = new RateEstimator();
    let sim = T0;
    for (let wall = 0; wall <= 1000; wall += 16) {
      r.update(sim, wall);
      sim += 16 * 60;
    }
    expect(r.rate).toBeCloseTo(60, 6);
    r.update(sim + 86_400_000, 1100); // a seek: one day in 100 ms
    expect(r.rate).toBeCloseTo(60, 6);
    r.update(sim + 86_400_000, 1200); // paused: no change in sim time
    r.update(sim + 86_400_000, 1300);
    expect(r.rate).toBeCloseTo(60, 6);
    expect(r.direction).toBe(1);
  });

  it('RateEstimator is steady when frames bunch up after a stall', () => {
    const r = new RateEstimator();
    let wall = 0;
    for (let i = 0; i < 100; i++) {
      // Alternating 2 ms and 198 ms frame gaps, sim advancing 60x the wall time.
      wall += i % 2 ? 2 : 198;
      r.update(T0 + wall * 60, wall);
    }
    expect(r.rate).toBeCloseTo(60, 6);
  });

  it('StepPolicy grows at once and shrinks only after the hold time', () => {
    const p = new StepPolicy(1000);
    expect(p.update(60, 0)).toBe(30_000);
    expect(p.update(1, 100)).toBe(30_000);
    expect(p.update(1, 900)).toBe(30_000);
    expect(p.update(1, 1100)).toBe(1000);
    expect(p.update(1200, 1200)).toBe(120_000);
  });
});

describe('SnapshotCache', () => {
  const snap = (t: number, x = t / 1000): Snapshot => ({ tUtcMs: t, positionsEcefKm: Float64Array.of(x, 0, 7000), velocitiesEcefKmS: Float64Array.of(1, 0, 0), islActive: new Uint8Array(0), maxRadiusKm: 7000 });

  it('asks for the bracket first, then prefetches in the playback direction', () => {
    const c = new SnapshotCache();
    const t = 10_500;
    expect(c.nextNeeded(t, 1000, 1, null)).toBe(10_000);
    c.add(snap(10_000), t);
    expect(c.nextNeeded(t, 1000, 1, null)).toBe(11_000);
    // The one in flight is not asked again.
    expect(c.nextNeeded(t, 1000, 1, 11_000)).toBe(12_000);
    c.add(snap(11_000), t);
    expect(c.nextNeeded(t, 1000, 1, null)).toBe(12_000);
    expect(c.nextNeeded(t, 1000, -1, null)).toBe(9_000);
    c.add(snap(12_000), t);
    expect(c.nextNeeded(t, 1000, 1, null)).toBeNull();
  });

  it('evaluates exact, Hermite and extrapolated frames', () => {
    const c = new SnapshotCache();
    const out = new Float64Array(3);
    expect(c.evaluate(0, out, 2000).source).toBe('none');
    c.add(snap(0, 0), 0);
    expect(c.evaluate(0, out, 2000).source).toBe('exact');
    const e = c.evaluate(500, out, 2000);
    expect(e.source).toBe('extrapolated');
    expect(out[0]).toBeCloseTo(0.5, 12); // 1 km/s for 0.5 s
    c.add(snap(1000, 1), 500);
    const h = c.evaluate(500, out, 2000);
    expect(h.source).toBe('hermite');
    expect(out[0]).toBeCloseTo(0.5, 12);
    // Too wide a gap is not interpolated.
    c.add(snap(10_000, 10), 500);
    expect(c.evaluate(5000, out, 2000).source).toBe('extrapolated');
  });

  it('evicts the snapshot farthest from the shown time', () => {
    const c = new SnapshotCache(3);
    for (const t of [0, 1000, 2000, 3000]) c.add(snap(t), 2500);
    expect(c.size).toBe(3);
    expect(c.has(0)).toBe(false);
  });
});

describe('projection helpers', () => {
  // A camera on +X at 20,000 km looking at the Earth's centre, +Z up (GL: looks down -Z in eye space).
  const camX = 20_000;
  // World -> eye: eye x = world y, eye y = world z, eye z = world x - camX (column-major, rotation part).
  const view = Float64Array.from([0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, -camX, 1]);
  const fovy = Math.PI / 3;
  const f = 1 / Math.tan(fovy / 2);
  const cesiumLike = Float64Array.from([f, 0, 0, 0, 0, f, 0, 0, 0, 0, -1.000000004, -1, 0, 0, -2, 0]);

  it('replaces only the depth range and maps near/far to -1/+1', () => {
    const p = withDepthRange(cesiumLike, 100, 30_000, new Float64Array(16));
    expect(p[0]).toBe(f);
    expect(p[11]).toBe(-1);
    const ndcZ = (d: number) => (p[10]! * -d + p[14]!) / d;
    expect(ndcZ(100)).toBeCloseTo(-1, 9);
    expect(ndcZ(30_000)).toBeCloseTo(1, 9);
  });

  it('projects the Earth centre to the canvas centre and hides what is behind the Earth', () => {
    const proj = withDepthRange(cesiumLike, 100, 30_000, new Float64Array(16));
    const rot = rotationOnly(view, new Float64Array(16));
    expect(Array.from(rot.subarray(12, 15))).toEqual([0, 0, 0]);
    const c = projectRelative(rot, proj, -camX, 0, 0, 800, 600)!;
    expect(c.x).toBeCloseTo(400, 9);
    expect(c.y).toBeCloseTo(300, 9);
    // North is up on screen.
    expect(projectRelative(rot, proj, -camX, 0, 5000, 800, 600)!.y).toBeLessThan(300);
    // Behind the camera: no projection.
    expect(projectRelative(rot, proj, 1000, 0, 0, 800, 600)).toBeNull();
    // Occlusion: the far side of a 7,000 km shell is hidden, the near side and the limb are not.
    expect(hiddenByEllipsoid(camX, 0, 0, -7000, 0, 0, WGS84_A_KM, WGS84_B_KM)).toBe(true);
    expect(hiddenByEllipsoid(camX, 0, 0, 7000, 0, 0, WGS84_A_KM, WGS84_B_KM)).toBe(false);
    expect(hiddenByEllipsoid(camX, 0, 0, 0, 7000, 0, WGS84_A_KM, WGS84_B_KM)).toBe(false);
    expect(hiddenByEllipsoid(camX, 0, 0, 0, 0, 0, WGS84_A_KM, WGS84_B_KM)).toBe(true);
  });

  it('depth range contains every unoccluded satellite, with a bounded near/far ratio', () => {
    for (const d of [6_400, 6_800, 7_100, 12_000, 26_000, 100_000]) {
      const { near, far } = depthRangeKm(d, 7_050, 6_350);
      expect(near).toBeGreaterThan(0);
      expect(near / far).toBeGreaterThanOrEqual(1e-3 - 1e-12);
      // Nearest satellite possible: straight below at the shell (when the camera is above it).
      if (d > 7_050) expect(near).toBeLessThanOrEqual(d - 7_050 + 1e-9);
      // Farthest visible: just over the horizon at the shell's height.
      const horizon = Math.sqrt(d * d - 6_350 ** 2) + Math.sqrt(7_050 ** 2 - 6_350 ** 2);
      expect(far).toBeGreaterThanOrEqual(horizon);
    }
  });
});

describe('palette', () => {
  it('status tints the shell colour; operational is the shell colour itself', () => {
    expect(satelliteColor(1, 2)).toEqual(shellColor(1));
    expect(satelliteColor(1, 0)).not.toEqual(shellColor(1));
    expect(shellColor(9)).toEqual(shellColor(1)); // cycles
  });

  it('link ramp has the 5 stops the shader expects and interpolates between them', () => {
    expect(LINK_RAMP).toHaveLength(5);
    expect(linkColor(-5)).toEqual(LINK_RAMP[0]!.color);
    expect(linkColor(99_999)).toEqual(LINK_RAMP[4]!.color);
    const mid = linkColor(1500);
    for (let k = 0; k < 3; k++) expect(mid[k]).toBeCloseTo((LINK_RAMP[1]!.color[k]! + LINK_RAMP[2]!.color[k]!) / 2, 12);
  });
});

describe('footprintOpacity', () => {
  it('is the faint mesh value up to the whole-Earth ring size, grows with the radius, then caps', () => {
    expect(footprintOpacity(0)).toBe(FOOTPRINT_OPACITY);
    expect(footprintOpacity(FOOTPRINT_REFERENCE_RADIUS_PX)).toBeCloseTo(FOOTPRINT_OPACITY, 12);
    // Between the two limits, opacity x (outlines per pixel ~ 1 / radius) stays constant.
    const r = 2 * FOOTPRINT_REFERENCE_RADIUS_PX;
    expect(footprintOpacity(r) / r).toBeCloseTo(FOOTPRINT_OPACITY / FOOTPRINT_REFERENCE_RADIUS_PX, 12);
    expect(footprintOpacity(1e6)).toBe(FOOTPRINT_MAX_OPACITY);
    let last = 0;
    for (let px = 0; px < 1000; px += 7) {
      const a = footprintOpacity(px);
      expect(a).toBeGreaterThanOrEqual(last);
      last = a;
    }
  });
});

