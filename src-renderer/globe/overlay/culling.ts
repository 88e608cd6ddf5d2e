// CPU-side culling for the constellation overlay, run once per frame before the draw calls.
//
// Under software WebGL (SwiftShader: every CI machine and any PC without a usable GPU) the cost
// of the overlay is its primitive count, not its JavaScript: a satellite behind the Earth is still
// a sprite to set up and depth-test, a footprint ring behind it 32 line segments. Deciding on the
// CPU what cannot be seen costs about a microsecond per satellite and removes roughly half of
// all primitives at a whole-Earth view and most of them zoomed in:
// - satellites hidden by the Earth are parked at the eye (clipped by the near plane);
// - a link whose two ends are both hidden is entirely hidden (the region the Earth hides from a
//   point is convex), so it is clipped like an inactive link;
// - a footprint ring is drawn only when its spherical cap reaches over the horizon and its
//   bounding sphere meets the view frustum; the survivors are packed into one float texture that
//   shaders/footprint.vert.glsl reads by gl_VertexID (no instancing: SwiftShader runs each
//   instance of an instanced draw as a separate draw, a fixed ~25 us per ring);
// - the ring's chord count follows its size on screen (level of detail).
// Pure math on typed arrays: no DOM, no three.js, unit-tested in test/unit/renderer.

import type { Mat4 } from './projection';

const scratch = new Float64Array(16);

/**
 * The four side planes (left, right, bottom, top) of the view frustum for eye-relative points:
 * 4 planes x (nx, ny, nz, d) with unit normals pointing inwards, so a point p is inside when
 * n.p + d >= 0 for all four. `viewRot` is the rotation-only view, `proj` the projection.
 */
export function frustumSidePlanes(viewRot: Mat4, proj: Mat4, out: Float64Array): Float64Array {
  // m = proj * viewRot, rows of m as (r0, r1, r2, r3).
  const m = scratch;
  for (let c = 0; c < 4; c++) {
    for (let r = 0; r < 4; r++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += proj[k * 4 + r]! * viewRot[c * 4 + k]!;
      m[c * 4 + r] = s;
    }
  }
  const row = (r: number, k: number): number => m[k * 4 + r]!;
  // Gribb-Hartmann: left = r3 + r0, right = r3 - r0, bottom = r3 + r1, top = r3 - r1.
  const combos: Array<[number, number]> = [
    [0, 1],
    [0, -1],
    [1, 1],
    [1, -1],
  ];
  combos.forEach(([r, sign], p) => {
    const nx = row(3, 0) + sign * row(r, 0);
    const ny = row(3, 1) + sign * row(r, 1);
    const nz = row(3, 2) + sign * row(r, 2);
    const d = row(3, 3) + sign * row(r, 3);
    const len = Math.hypot(nx, ny, nz) || 1;
    out[4 * p] = nx / len;
    out[4 * p + 1] = ny / len;
    out[4 * p + 2] = nz / len;
    out[4 * p + 3] = d / len;
  });
  return out;
}

/** False when the sphere (eye-relative centre, radius) lies entirely outside one side plane. */
export function sphereMayBeVisible(planes: Float64Array, x: number, y: number, z: number, radius: number): boolean {
  for (let p = 0; p < 16; p += 4) {
    if (planes[p]! * x + planes[p + 1]! * y + planes[p + 2]! * z + planes[p + 3]! < -radius) return false;
  }
  return true;
}

/** Chord counts a footprint ring can be drawn with (templates packed one after another). */
export const RING_LODS = [8, 12, 16, 24, 32, 48, 64, 96, 128] as const;

/**
 * Fewest chords (from RING_LODS) for which a circle of `radiusPx` device pixels stays within
 * `sagPx` of its polygon: the sag of a chord spanning angle 2pi/s is r (1 - cos(pi/s)). One pixel
 * by default: a faint 1-px outline within a pixel of the true circle. At a whole-Earth view a
 * Kuiper footprint is ~28 px in radius: 12 chords (32 before; under SwiftShader every line
 * segment costs ~1.5 us of rasteriser setup, so this is most of the layer's cost).
 */
export function ringChords(radiusPx: number, sagPx = 1): number {
  for (const s of RING_LODS) if (radiusPx * (1 - Math.cos(Math.PI / s)) <= sagPx) return s;
  return RING_LODS[RING_LODS.length - 1]!;
}

/**
 * Angular radius (rad, at the Earth's centre) of the ground region where a satellite at
 * geocentric radius `radiusKm` is above `minElevationRad`: acos(R cos(eps) / r) - eps, as in
 * src-core/frames/spherical.ts and shaders/footprint.vert.glsl.
 */
export function footprintHalfAngleRad(radiusKm: number, minElevationRad: number, meanRadiusKm: number): number {
  const c = (meanRadiusKm * Math.cos(minElevationRad)) / radiusKm;
  return c >= 1 ? 0 : Math.acos(Math.max(-1, c)) - minElevationRad;
}

export interface FootprintCullInput {
  /** ECEF km, 3N (NaN x: no position). */
  positionsKm: Float64Array;
  count: number;
  cameraKm: ArrayLike<number>;
  planes: Float64Array;
  /** Largest footprint half-angle of any satellite this frame (rad). */
  maxHalfAngleRad: number;
  meanRadiusKm: number;
  /** Radius (km) of a sphere inside the occluder, used for the horizon: the smaller, the more is kept. */
  horizonRadiusKm: number;
  /** Largest geocentric radius (km) of a drawn ring point (equatorial radius + lift). */
  ringMaxRadiusKm: number;
  /** Device px per km at 1 km from the eye (projection focal length x half the drawing buffer height). */
  focalPx: number;
}

/**
 * Packs the eye-relative positions (float32, 4 floats per ring: x, y, z, satellite index) of the
 * satellites whose footprint may be visible into `out` (an RGBA float texture's data); returns
 * how many, and the largest on-screen ring radius (device px) among them.
 */
export function cullFootprints(input: FootprintCullInput, out: Float32Array): { count: number; maxRadiusPx: number } {
  const { positionsKm: p, cameraKm: c, planes, maxHalfAngleRad: lam, meanRadiusKm: R } = input;
  const cx = c[0]!, cy = c[1]!, cz = c[2]!;
  const d = Math.hypot(cx, cy, cz);
  const ux = cx / d, uy = cy / d, uz = cz / d;
  // A point at radius rho over a sphere of radius Rh is visible from distance d only within
  // acos(Rh / d) + acos(Rh / rho) of the sub-camera point (the two tangent angles). A cap of
  // half-angle lam is (partly) visible when its centre is within that plus lam; 0.01 rad spare.
  const Rh = input.horizonRadiusKm;
  const horizon = Math.acos(Math.min(1, Rh / d)) + Math.acos(Math.min(1, Rh / input.ringMaxRadiusKm));
  const cosLimit = Math.cos(Math.min(Math.PI, horizon + lam + 0.01));
  // Bounding sphere of a cap: centre R cos(lam) u, radius R sin(lam) (+ flattening margin).
  const capDist = R * Math.cos(lam);
  const capRadius = R * Math.sin(lam) + 25;
  let k = 0;
  let maxPx = 0;
  for (let i = 0; i < input.count; i++) {
    const x = p[3 * i]!;
    if (x !== x) continue;
    const y = p[3 * i + 1]!, z = p[3 * i + 2]!;
    const r = Math.sqrt(x * x + y * y + z * z);
    if ((x * ux + y * uy + z * uz) / r < cosLimit) continue;
    const s = capDist / r;
    const gx = x * s - cx, gy = y * s - cy, gz = z * s - cz;
    if (!sphereMayBeVisible(planes, gx, gy, gz, capRadius)) continue;
    out[4 * k] = x - cx;
    out[4 * k + 1] = y - cy;
    out[4 * k + 2] = z - cz;
    out[4 * k + 3] = i;
    k++;
    const dist = Math.sqrt(gx * gx + gy * gy + gz * gz);
    const px = ((capRadius - 25) * input.focalPx) / Math.max(dist, 1);
    if (px > maxPx) maxPx = px;
  }
  return { count: k, maxRadiusPx: maxPx };
}
