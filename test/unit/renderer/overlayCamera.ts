// Test cameras for the overlay's CPU math (Cesium's conventions: column-major, rotation-only view).
import { frustumSidePlanes } from '../../../src-renderer/globe/overlay/culling';
import { withDepthRange } from '../../../src-renderer/globe/overlay/projection';

/** Column-major rotation-only view looking from `eye` towards `target` (km), +Z up, as Cesium's. */
export function viewLookingAt(eye: number[], target: number[]): Float64Array {
  const f = [target[0]! - eye[0]!, target[1]! - eye[1]!, target[2]! - eye[2]!];
  const fl = Math.hypot(f[0]!, f[1]!, f[2]!);
  const fwd = f.map((x) => x / fl);
  let up = [0, 0, 1];
  if (Math.abs(fwd[2]!) > 0.99) up = [1, 0, 0];
  const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];
  const rRaw = cross(fwd, up);
  const rl = Math.hypot(rRaw[0]!, rRaw[1]!, rRaw[2]!);
  const r = rRaw.map((x) => x / rl);
  const u = cross(r, fwd);
  // Rows: right, up, -forward.
  const m = new Float64Array(16);
  for (let k = 0; k < 3; k++) {
    m[k * 4] = r[k]!;
    m[k * 4 + 1] = u[k]!;
    m[k * 4 + 2] = -fwd[k]!;
  }
  m[15] = 1;
  return m;
}

export function perspective(fovYRad: number, aspect: number, near: number, far: number): Float64Array {
  const f = 1 / Math.tan(fovYRad / 2);
  const m = new Float64Array(16);
  m[0] = f / aspect;
  m[5] = f;
  m[11] = -1;
  return withDepthRange(m, near, far, m);
}

/** A camera at `distKm` from the Earth's centre over (lat, lon), looking at `lookAt`. */
export function camera(distKm: number, latDeg: number, lonDeg: number, lookAt = [0, 0, 0], fovDeg = 60, W = 1280, H = 720) {
  const la = (latDeg * Math.PI) / 180, lo = (lonDeg * Math.PI) / 180;
  const cam = [distKm * Math.cos(la) * Math.cos(lo), distKm * Math.cos(la) * Math.sin(lo), distKm * Math.sin(la)];
  const view = viewLookingAt(cam, lookAt);
  const proj = perspective((fovDeg * Math.PI) / 180, W / H, 10, 2 * distKm + 20_000);
  return { cam, view, proj, planes: frustumSidePlanes(view, proj, new Float64Array(16)) };
}

