// A satellite's footprint ring as points: at Earth-central half-angle `lam` around the satellite's
// direction, laid on the WGS84 ellipsoid (plus a lift), with the same ring frame as
// shaders/footprint.vert.glsl (point k at the azimuth of the shader's vertex k). The selected
// satellite's footprint (ground/groundLayer.ts) is drawn through it; the tests hold the shader's
// rings and the CPU raster (ringRaster.ts, which walks its own inlined copy for speed) to it.
import { WGS84_A_KM, WGS84_B_KM } from '../../../src-core/units';

/** `n` points (ECEF km) of the ring of the satellite at ECEF `p`, point k at azimuth 2 pi k / n. */
export function footprintRingEcef(p: ArrayLike<number>, lam: number, n: number, liftKm = 0): [number, number, number][] {
  const r = Math.hypot(p[0]!, p[1]!, p[2]!);
  const u = [p[0]! / r, p[1]! / r, p[2]! / r];
  const ref = Math.abs(u[2]!) < 0.9 ? [0, 0, 1] : [1, 0, 0];
  const e1n = [ref[1]! * u[2]! - ref[2]! * u[1]!, ref[2]! * u[0]! - ref[0]! * u[2]!, ref[0]! * u[1]! - ref[1]! * u[0]!];
  const l = Math.hypot(e1n[0]!, e1n[1]!, e1n[2]!);
  const e1 = e1n.map((x) => x / l);
  const e2 = [u[1]! * e1[2]! - u[2]! * e1[1]!, u[2]! * e1[0]! - u[0]! * e1[2]!, u[0]! * e1[1]! - u[1]! * e1[0]!];
  const out: [number, number, number][] = [];
  for (let k = 0; k < n; k++) {
    const phi = (2 * Math.PI * k) / n;
    const d = [0, 1, 2].map((j) => Math.cos(lam) * u[j]! + Math.sin(lam) * (Math.cos(phi) * e1[j]! + Math.sin(phi) * e2[j]!));
    const s = 1 / Math.sqrt((d[0]! ** 2 + d[1]! ** 2) / WGS84_A_KM ** 2 + d[2]! ** 2 / WGS84_B_KM ** 2) + liftKm;
    out.push([d[0]! * s, d[1]! * s, d[2]! * s]);
  }
  return out;
}
