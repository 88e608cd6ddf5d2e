// CPU culling of the constellation overlay (src-renderer/globe/overlay/culling.ts): nothing that
// could be visible is culled (checked against brute-force sampling with the exact occlusion and
// projection helpers), a real share is culled, and the ring level of detail keeps its stated
// pixel tolerance.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_MEAN_RADIUS_KM, WGS84_A_KM, WGS84_B_KM } from '../../../src-core/units';
import { RING_LODS, cullFootprints, footprintHalfAngleRad, ringChords, sphereMayBeVisible } from '../../../src-renderer/globe/overlay/culling';
import { hiddenByEllipsoid, projectRelative } from '../../../src-renderer/globe/overlay/projection';
import { camera as cameraAt } from './overlayCamera';

const W = 1280;
const H = 720;
const camera = (distKm: number, latDeg: number, lonDeg: number, lookAt = [0, 0, 0], fovDeg = 60) => cameraAt(distKm, latDeg, lonDeg, lookAt, fovDeg, W, H);
const MIN_ELEV = (35 * Math.PI) / 180;

/** Pseudo-random satellites on shells between 550 and 1,200 km altitude (deterministic). */
function satellites(count: number, seed = 7): Float64Array {
  let s = seed;
  const rnd = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
  const out = new Float64Array(3 * count);
  for (let i = 0; i < count; i++) {
    const z = 2 * rnd() - 1, phi = 2 * Math.PI * rnd(), r = EARTH_MEAN_RADIUS_KM + 550 + 650 * rnd();
    const rho = Math.sqrt(1 - z * z);
    out.set([r * rho * Math.cos(phi), r * rho * Math.sin(phi), r * z], 3 * i);
  }
  return out;
}

/** True when some sampled point of satellite i's footprint ring is in view and in front of the Earth. */
function ringVisibleBySampling(p: Float64Array, i: number, c: ReturnType<typeof camera>): boolean {
  const x = p[3 * i]!, y = p[3 * i + 1]!, z = p[3 * i + 2]!;
  const r = Math.hypot(x, y, z);
  const u = [x / r, y / r, z / r];
  const lam = footprintHalfAngleRad(r, MIN_ELEV, EARTH_MEAN_RADIUS_KM);
  const ref = Math.abs(u[2]!) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const e1r = [ref[1]! * u[2]! - ref[2]! * u[1]!, ref[2]! * u[0]! - ref[0]! * u[2]!, ref[0]! * u[1]! - ref[1]! * u[0]!];
  const l1 = Math.hypot(e1r[0]!, e1r[1]!, e1r[2]!);
  const e1 = e1r.map((v) => v / l1);
  const e2 = [u[1]! * e1[2]! - u[2]! * e1[1]!, u[2]! * e1[0]! - u[0]! * e1[2]!, u[0]! * e1[1]! - u[1]! * e1[0]!];
  for (let k = 0; k < 128; k++) {
    const phi = (2 * Math.PI * k) / 128;
    const d = [0, 1, 2].map((j) => Math.cos(lam) * u[j]! + Math.sin(lam) * (Math.cos(phi) * e1[j]! + Math.sin(phi) * e2[j]!));
    // On the ellipsoid, 2 km up (as the shader draws it).
    const kk = 1 / Math.sqrt((d[0]! ** 2 + d[1]! ** 2) / WGS84_A_KM ** 2 + d[2]! ** 2 / WGS84_B_KM ** 2) + 2;
    const g = d.map((v) => v * kk);
    if (hiddenByEllipsoid(c.cam[0]!, c.cam[1]!, c.cam[2]!, g[0]!, g[1]!, g[2]!, WGS84_A_KM - 5, WGS84_B_KM - 5)) continue;
    const q = projectRelative(c.view, c.proj, g[0]! - c.cam[0]!, g[1]! - c.cam[1]!, g[2]! - c.cam[2]!, W, H);
    if (q && q.x >= 0 && q.x <= W && q.y >= 0 && q.y <= H) return true;
  }
  return false;
}

function cull(p: Float64Array, c: ReturnType<typeof camera>) {
  let maxR = 0;
  for (let i = 0; i < p.length; i += 3) maxR = Math.max(maxR, Math.hypot(p[i]!, p[i + 1]!, p[i + 2]!));
  const out = new Float32Array((4 * p.length) / 3);
  const res = cullFootprints(
    { positionsKm: p, count: p.length / 3, cameraKm: c.cam, planes: c.planes, maxHalfAngleRad: footprintHalfAngleRad(maxR, MIN_ELEV, EARTH_MEAN_RADIUS_KM), meanRadiusKm: EARTH_MEAN_RADIUS_KM, horizonRadiusKm: WGS84_B_KM - 5, ringMaxRadiusKm: WGS84_A_KM + 2, focalPx: (c.proj[5]! * H) / 2 },
    out,
  );
  const kept = new Set<number>();
  for (let k = 0; k < res.count; k++) kept.add(out[4 * k + 3]!);
  return { ...res, kept, out };
}

describe('frustumSidePlanes / sphereMayBeVisible', () => {
  it('agrees with projectRelative for points in front of the camera', () => {
    const c = camera(20_000, 30, 10);
    fc.assert(
      fc.property(fc.double({ min: -15_000, max: 15_000, noNaN: true }), fc.double({ min: -15_000, max: 15_000, noNaN: true }), fc.double({ min: -15_000, max: 15_000, noNaN: true }), (x, y, z) => {
        const q = projectRelative(c.view, c.proj, x - c.cam[0]!, y - c.cam[1]!, z - c.cam[2]!, W, H);
        if (!q) return; // behind the eye: the side planes alone do not decide
        const inside = q.x >= 0.01 && q.x <= W - 0.01 && q.y >= 0.01 && q.y <= H - 0.01;
        const outside = q.x < -0.01 || q.x > W + 0.01 || q.y < -0.01 || q.y > H + 0.01;
        const may = sphereMayBeVisible(c.planes, x - c.cam[0]!, y - c.cam[1]!, z - c.cam[2]!, 0);
        if (inside) expect(may).toBe(true);
        if (outside) expect(may).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ringChords', () => {
  it('keeps every ring within the pixel tolerance with the fewest chords of RING_LODS', () => {
    for (const r of [1, 5, 12, 28, 29.3, 40, 120, 500, 2000]) {
      const s = ringChords(r);
      const sag = r * (1 - Math.cos(Math.PI / s));
      if (s !== RING_LODS[RING_LODS.length - 1]) expect(sag).toBeLessThanOrEqual(1);
      const i = RING_LODS.indexOf(s as (typeof RING_LODS)[number]);
      if (i > 0) expect(r * (1 - Math.cos(Math.PI / RING_LODS[i - 1]!))).toBeGreaterThan(1);
    }
    // A Kuiper footprint at a whole-Earth view (~28 px in radius): a 12-gon.
    expect(ringChords(28)).toBe(12);
    expect(ringChords(600)).toBeGreaterThanOrEqual(64);
  });
});

describe('cullFootprints', () => {
  const sats = satellites(3000);
  const views = [
    ['whole Earth', camera(20_000, 20, 15)],
    ['whole Earth, over the pole', camera(25_000, 89, 0)],
    ['regional, 3,000 km up', camera(EARTH_MEAN_RADIUS_KM + 3_000, 45, 5)],
    ['low, oblique', camera(EARTH_MEAN_RADIUS_KM + 800, 40, -70, [0, 0, 0], 40)],
  ] as const;
  for (const [name, c] of views) {
    it(`${name}: never culls a ring with a visible point, and culls a real share`, () => {
      const { kept, count, out } = cull(sats, c);
      let visible = 0;
      for (let i = 0; i < sats.length / 3; i++) {
        if (!ringVisibleBySampling(sats, i, c)) continue;
        visible++;
        expect(kept.has(i), `satellite ${i}'s ring is visible but was culled`).toBe(true);
      }
      expect(visible).toBeGreaterThan(0);
      // Culling removes at least 40% at these views (whole-Earth: the far hemisphere).
      expect(count).toBeLessThan(0.6 * (sats.length / 3));
      // Packed positions are eye-relative.
      const i0 = out[3]!;
      expect(out[0]).toBeCloseTo(sats[3 * i0]! - c.cam[0]!, 2);
    });
  }

  it('skips satellites without a position', () => {
    const p = satellites(10);
    for (let i = 0; i < 10; i++) p[3 * i] = Number.NaN;
    expect(cull(p, camera(20_000, 0, 0)).count).toBe(0);
  });
});

describe('hidden links', () => {
  it('a segment between two points hidden by the Earth is hidden all along (the shadow is convex)', () => {
    const c = camera(15_000, 10, 40);
    const pt = fc.tuple(fc.double({ min: -8_000, max: 8_000, noNaN: true }), fc.double({ min: -8_000, max: 8_000, noNaN: true }), fc.double({ min: -8_000, max: 8_000, noNaN: true }));
    const hid = (q: readonly number[]) => hiddenByEllipsoid(c.cam[0]!, c.cam[1]!, c.cam[2]!, q[0]!, q[1]!, q[2]!, WGS84_A_KM - 5, WGS84_B_KM - 5);
    let checked = 0;
    fc.assert(
      fc.property(pt, pt, (a, b) => {
        if (!hid(a) || !hid(b)) return;
        checked++;
        for (let k = 1; k < 16; k++) {
          const t = k / 16;
          expect(hid([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])])).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThan(100);
  });
});
