// Camera math of the overlay, in float64 on the CPU: the depth range of the overlay's projection,
// projecting an ECEF point to canvas pixels exactly as the shaders do, and the Earth-occlusion test
// used by picking. Pure functions on plain arrays (column-major 4x4, as Cesium and three store
// them), unit-tested in Node.
//
// Frame: "eye-relative km". Every vertex the layer writes is (ECEF km - camera ECEF km), computed in
// float64 before the float32 store, and the view matrix is Cesium's with its translation removed.
// Float32 then only has to hold distances from the camera: ~0.1 m error at 2,000 km and
// sub-millimetre up close, instead of the ~0.5 m absolute steps (and camera-motion jitter) that
// float32 ECEF metres would give.

/** Column-major 4x4 matrix. */
export type Mat4 = Float64Array;

/**
 * Copy a perspective projection matrix replacing its depth range. Cesium's frustum has near 1 m and
 * far 5e8 m (it renders in several frustum slices); one depth buffer over that range has no
 * precision, so the overlay keeps Cesium's x/y terms (field of view, aspect, offsets) and sets
 * its own near/far. Only elements 10 and 14 depend on near/far in a GL perspective matrix.
 */
export function withDepthRange(src: ArrayLike<number>, nearKm: number, farKm: number, out: Mat4): Mat4 {
  for (let i = 0; i < 16; i++) out[i] = src[i]!;
  out[10] = -(farKm + nearKm) / (farKm - nearKm);
  out[14] = (-2 * farKm * nearKm) / (farKm - nearKm);
  return out;
}

/** Near/far ratio floor: 1e-3 keeps 24-bit depth at ~far * 6e-5 resolution (0.3 km at 5,000 km). */
export const NEAR_FAR_RATIO = 1e-3;

/**
 * Depth range (km) that contains everything the overlay can show: from the nearest possible
 * satellite to the farthest point not hidden by the Earth (horizon distance plus the distance
 * from the horizon out to the highest satellite).
 */
export function depthRangeKm(cameraDistanceKm: number, maxRadiusKm: number, earthMinRadiusKm: number): { near: number; far: number } {
  const d = cameraDistanceKm;
  const rMax = Math.max(maxRadiusKm, earthMinRadiusKm + 1);
  const horizon = Math.sqrt(Math.max(d * d - earthMinRadiusKm * earthMinRadiusKm, 0));
  const beyond = Math.sqrt(Math.max(rMax * rMax - earthMinRadiusKm * earthMinRadiusKm, 0));
  const far = Math.max(horizon + beyond, 1) * 1.02 + 10;
  const near = Math.max(d - rMax, far * NEAR_FAR_RATIO);
  return { near, far };
}

/** Remove the translation of a view matrix (the overlay draws eye-relative positions). */
export function rotationOnly(view: ArrayLike<number>, out: Mat4): Mat4 {
  for (let i = 0; i < 16; i++) out[i] = view[i]!;
  out[12] = out[13] = out[14] = 0;
  return out;
}

/**
 * Canvas CSS pixels of an eye-relative point (km), or null behind the camera. `viewRot` is the
 * rotation-only view, `proj` the projection; (0,0) is the canvas's top-left corner.
 */
export function projectRelative(viewRot: Mat4, proj: Mat4, rx: number, ry: number, rz: number, cssWidth: number, cssHeight: number): { x: number; y: number } | null {
  const v = viewRot;
  const ex = v[0]! * rx + v[4]! * ry + v[8]! * rz;
  const ey = v[1]! * rx + v[5]! * ry + v[9]! * rz;
  const ez = v[2]! * rx + v[6]! * ry + v[10]! * rz;
  const p = proj;
  const cx = p[0]! * ex + p[4]! * ey + p[8]! * ez + p[12]!;
  const cy = p[1]! * ex + p[5]! * ey + p[9]! * ez + p[13]!;
  const cw = p[3]! * ex + p[7]! * ey + p[11]! * ez + p[15]!;
  if (!(cw > 1e-9)) return null;
  return { x: ((cx / cw + 1) / 2) * cssWidth, y: ((1 - cy / cw) / 2) * cssHeight };
}

/**
 * True when the straight segment camera -> point passes through the ellipsoid with equatorial
 * radius `a` and polar radius `b` (km) before reaching the point: the point is behind the Earth.
 * Points inside the ellipsoid count as hidden.
 */
export function hiddenByEllipsoid(cx: number, cy: number, cz: number, px: number, py: number, pz: number, a: number, b: number): boolean {
  // Scale to the unit sphere, then solve |c + t (p - c)|^2 = 1 for t in (0, 1).
  const ox = cx / a, oy = cy / a, oz = cz / b;
  const dx = px / a - ox, dy = py / a - oy, dz = pz / b - oz;
  const A = dx * dx + dy * dy + dz * dz;
  const B = 2 * (ox * dx + oy * dy + oz * dz);
  const C = ox * ox + oy * oy + oz * oz - 1;
  if (C < 0) return true; // camera inside the Earth: nothing meaningful is visible
  const endInside = (ox + dx) ** 2 + (oy + dy) ** 2 + (oz + dz) ** 2 < 1;
  if (endInside) return true;
  const disc = B * B - 4 * A * C;
  if (disc <= 0 || A === 0) return false;
  const t = (-B - Math.sqrt(disc)) / (2 * A);
  return t > 0 && t < 1;
}
