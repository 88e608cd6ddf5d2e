// Footprint rings rasterised on the CPU (src-renderer/globe/overlay/ringRaster.ts, lean quality):
// the pixels lie on the ring src-core's coverage model gives (within 1 px), the Earth hides the far
// side, chords crossing the near plane or the viewport edge are clipped, overlaps count, and a
// redraw clears what the previous frame wrote.
import { describe, expect, it } from 'vitest';
import { coverageHalfAngleRad } from '../../../src-core/frames/spherical';
import { EARTH_MEAN_RADIUS_KM, WGS84_A_KM, WGS84_B_KM } from '../../../src-core/units';
import { ringChords } from '../../../src-renderer/globe/overlay/culling';
import { hiddenByEllipsoid, projectRelative } from '../../../src-renderer/globe/overlay/projection';
import { RingRaster, type RingRasterFrame } from '../../../src-renderer/globe/overlay/ringRaster';
import { footprintRingEcef } from '../../../src-renderer/globe/overlay/footprintRing';
import { camera } from './overlayCamera';

const W = 640;
const H = 400;
const MIN_ELEV = (35 * Math.PI) / 180;
const OCC = 5; // km under the surface, as the layer's occluder
const LIFT = 2;

/** Satellites at `altKm` over (lat, lon) degrees, ECEF km. */
function sats(list: [number, number][], altKm = 630): Float64Array {
  const out = new Float64Array(3 * list.length);
  list.forEach(([la, lo], i) => {
    const a = (la * Math.PI) / 180, o = (lo * Math.PI) / 180, r = EARTH_MEAN_RADIUS_KM + altKm;
    out.set([r * Math.cos(a) * Math.cos(o), r * Math.cos(a) * Math.sin(o), r * Math.sin(a)], 3 * i);
  });
  return out;
}

function frame(positionsKm: Float64Array, cam: ReturnType<typeof camera>, chords: number, nearKm = 10): RingRasterFrame {
  const count = positionsKm.length / 3;
  const rings = new Float32Array(4 * count);
  for (let i = 0; i < count; i++) rings[4 * i + 3] = i;
  return {
    positionsKm,
    rings,
    count,
    chords,
    cameraKm: cam.cam,
    viewRot: cam.view,
    proj: cam.proj,
    minElevationRad: MIN_ELEV,
    meanRadiusKm: EARTH_MEAN_RADIUS_KM,
    ellipsoidAKm: WGS84_A_KM,
    ellipsoidBKm: WGS84_B_KM,
    liftKm: LIFT,
    occluderAKm: WGS84_A_KM - OCC,
    occluderBKm: WGS84_B_KM - OCC,
    nearKm,
  };
}

/** Points of the exact ring (not chords) of satellite p, on the ellipsoid plus the lift, eye-relative. */
function exactRing(p: ArrayLike<number>, camKm: number[], n: number): { rel: number[]; hidden: boolean }[] {
  const r = Math.hypot(p[0]!, p[1]!, p[2]!);
  const lam = coverageHalfAngleRad(r - EARTH_MEAN_RADIUS_KM, MIN_ELEV);
  return footprintRingEcef(p, lam, n, LIFT).map((g) => ({
    rel: g.map((x, j) => x - camKm[j]!),
    hidden: hiddenByEllipsoid(camKm[0]!, camKm[1]!, camKm[2]!, g[0], g[1], g[2], WGS84_A_KM - OCC, WGS84_B_KM - OCC),
  }));
}

const near1px = (r: RingRaster, x: number, y: number): boolean => {
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const xi = Math.floor(x) + dx, yi = Math.floor(y) + dy;
      if (xi >= 0 && yi >= 0 && xi < r.width && yi < r.height && r.counts[yi * r.width + xi]! > 0) return true;
    }
  }
  return false;
};

describe('RingRaster', () => {
  it('draws a satellite\'s footprint on the coverage half-angle, within 1 px, and nothing far from it', () => {
    const cam = camera(EARTH_MEAN_RADIUS_KM + 3500, 20, 10, undefined, 60, W, H);
    const p = sats([[20, 10]]);
    const raster = new RingRaster();
    raster.resize(W, H);
    // Chords from the ring's size on screen, as the layer (1 px sag).
    const ring = exactRing(p, cam.cam, 90);
    const px = ring.map((q) => projectRelative(cam.view, cam.proj, q.rel[0]!, q.rel[1]!, q.rel[2]!, W, H)!);
    const cx = px.reduce((a, q) => a + q.x, 0) / px.length, cy = px.reduce((a, q) => a + q.y, 0) / px.length;
    const radiusPx = Math.max(...px.map((q) => Math.hypot(q.x - cx, q.y - cy)));
    raster.draw(frame(p, cam, ringChords(radiusPx)));
    expect(radiusPx).toBeGreaterThan(60);
    expect(px.every((q) => near1px(raster, q.x, q.y))).toBe(true);
    // Every pixel written is within 1.5 px of the exact ring (sag <= 1 px plus the pixel grid).
    let far = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        if (raster.counts[y * W + x] === 0) continue;
        const d = Math.min(...px.map((q, k) => {
          const b = px[(k + 1) % px.length]!;
          const t = Math.max(0, Math.min(1, ((x + 0.5 - q.x) * (b.x - q.x) + (y + 0.5 - q.y) * (b.y - q.y)) / ((b.x - q.x) ** 2 + (b.y - q.y) ** 2)));
          return Math.hypot(x + 0.5 - q.x - t * (b.x - q.x), y + 0.5 - q.y - t * (b.y - q.y));
        }));
        if (d > 1.5) far++;
      }
    }
    expect(far).toBe(0);
    expect(raster.pixels).toBeGreaterThan(2 * Math.PI * radiusPx * 0.9);
    const w = raster.written;
    expect(w.x0).toBeLessThanOrEqual(Math.min(...px.map((q) => q.x)));
    expect(w.x1).toBeGreaterThanOrEqual(Math.max(...px.map((q) => q.x)));
  });

  it('hides what the Earth hides: nothing for a satellite on the far side, a cut ring at the limb', () => {
    const cam = camera(EARTH_MEAN_RADIUS_KM + 12000, 0, 0, undefined, 60, W, H);
    const raster = new RingRaster();
    raster.resize(W, H);
    raster.draw(frame(sats([[0, 180]]), cam, 32));
    expect(raster.pixels).toBe(0);
    expect(raster.written.x1).toBe(0);
    // A ring straddling the limb: its visible points are drawn, its hidden ones are not.
    const p = sats([[0, 78]]);
    raster.draw(frame(p, cam, 64));
    const ring = exactRing(p, cam.cam, 120);
    const vis = ring.filter((q) => !q.hidden), hid = ring.filter((q) => q.hidden);
    expect(vis.length).toBeGreaterThan(10);
    expect(hid.length).toBeGreaterThan(10);
    const hits = (qs: typeof ring) => qs.filter((q) => {
      const s = projectRelative(cam.view, cam.proj, q.rel[0]!, q.rel[1]!, q.rel[2]!, W, H);
      return s !== null && near1px(raster, s.x, s.y);
    }).length;
    expect(hits(vis) / vis.length).toBeGreaterThan(0.95);
    // Hidden points project onto the disc behind the limb: none of them is painted.
    expect(hits(hid.filter((q) => {
      const s = projectRelative(cam.view, cam.proj, q.rel[0]!, q.rel[1]!, q.rel[2]!, W, H)!;
      return vis.every((v) => {
        const t = projectRelative(cam.view, cam.proj, v.rel[0]!, v.rel[1]!, v.rel[2]!, W, H)!;
        return Math.hypot(s.x - t.x, s.y - t.y) > 3;
      });
    }))).toBe(0);
  });

  it('counts overlapping rings, clears the previous frame, and clips to the near plane and the viewport', () => {
    const cam = camera(EARTH_MEAN_RADIUS_KM + 6000, 20, 10, undefined, 60, W, H);
    const raster = new RingRaster();
    raster.resize(W, H);
    const one = new RingRaster();
    one.resize(W, H);
    one.draw(frame(sats([[20, 10]]), cam, 64));
    raster.draw(frame(sats([[20, 10], [20, 10], [20, 10]]), cam, 64));
    let same = 0, total = 0;
    for (let i = 0; i < W * H; i++) {
      if (one.counts[i]! > 0) {
        total++;
        if (raster.counts[i] === 3 * one.counts[i]!) same++;
      }
    }
    expect(total).toBeGreaterThan(100);
    expect(same).toBe(total);
    // A redraw with nothing to draw leaves a clean raster.
    raster.draw(frame(new Float64Array(0), cam, 64));
    expect(raster.counts.every((c) => c === 0)).toBe(true);
    // From 300 km up inside a footprint, looking along the ground: chords cross the near plane
    // and the viewport edges; the walk stays inside the raster and writes something.
    const low = camera(EARTH_MEAN_RADIUS_KM + 300, 20, 10, [0, 0, 0].map((_, j) => sats([[20, 14]], 0)[j]!), 90, W, H);
    const pos = sats([[20, 10], [21, 12], [19, 13], [22, 9]]);
    raster.draw(frame(pos, low, 128, 50));
    expect(raster.pixels).toBeGreaterThan(0);
    const w = raster.written;
    expect(w.x0).toBeGreaterThanOrEqual(0);
    expect(w.y0).toBeGreaterThanOrEqual(0);
    expect(w.x1).toBeLessThanOrEqual(W);
    expect(w.y1).toBeLessThanOrEqual(H);
    let painted = 0;
    for (let i = 0; i < W * H; i++) painted += raster.counts[i]! > 0 ? 1 : 0;
    expect(painted).toBeGreaterThan(0);
    expect(painted).toBeLessThanOrEqual(raster.pixels);
  });
});
