// Ground <-> satellite links: which satellites a ground antenna (user terminal or gateway) sees
// above its elevation mask, with slant range and elevation. Runs for every gateway and query point
// at every time step, so it works on typed arrays and writes into caller-owned buffers.
//
// Elevation is geodetic (measured from the plane normal to the WGS84 ellipsoid at the observer),
// the same quantity frames' lookAngles reports (atan2(u, horizontal) == asin(u / range)); the
// observer is frames' TopocentricFrame: sin(el) = up . (sat - ground) / |sat - ground|.
// Pre-filter: one dot product (up . d <= 0 means below the horizon, which rejects most of the
// constellation); the mask and slant tests are done on squares, so only satellites that pass pay
// for a sqrt and an asin. Refraction is ignored (it lifts low satellites by < 0.5 deg; masks here
// are 25-35 deg, where it is ~0.03 deg). With a step's `SkyIndex` only the satellites near the
// observer are tested (gateway seeds and point queries over a cached window); the results are the
// same as the full scan's.
import { topocentricFrame, type TopocentricFrame } from '../frames';
import { DEG } from '../units';

/** Topocentric frame (ECEF position + local up) of a ground antenna at latDeg/lonDeg/altKm. */
export function groundFrame(latDeg: number, lonDeg: number, altKm = 0): TopocentricFrame {
  return topocentricFrame({ latRad: latDeg * DEG, lonRad: lonDeg * DEG, heightKm: altKm });
}

/**
 * Satellites visible from `observer` at or above `minElevationDeg` and within `maxSlantKm`
 * (null = no cap). Writes indices ascending into outIndex and, at the same positions, slant range
 * (km) and elevation (deg); returns how many. The out arrays must hold as many entries as may be
 * visible (the satellite count is always safe). `usable` (optional, 1 = may serve) skips
 * satellites that cannot carry traffic. `index` (optional, `skyIndex` of these positions): test
 * only the satellites near the observer, with the same results.
 */
export function visibleSatellites(
  observer: TopocentricFrame,
  positionsEcefKm: Float64Array,
  minElevationDeg: number,
  maxSlantKm: number | null,
  outIndex: Int32Array,
  outSlantKm: Float64Array,
  outElevationDeg: Float64Array | null = null,
  usable: Uint8Array | null = null,
  index: SkyIndex | null = null,
): number {
  const v = sightOf(observer, minElevationDeg, maxSlantKm);
  const count = index === null ? fullScan(v, positionsEcefKm, usable, outIndex) : nearScan(v, index, minElevationDeg, usable, outIndex);
  look(v, positionsEcefKm, outIndex, count, outSlantKm, outElevationDeg);
  return count;
}

/** Every satellite tested, in index order. */
function fullScan(v: Sight, positionsEcefKm: Float64Array, usable: Uint8Array | null, outIndex: Int32Array): number {
  const { ux, uy, uz, gx, gy, gz, upDotGround, sinMin2, maxSlant2 } = v;
  const n = (positionsEcefKm.length / 3) | 0;
  let count = 0;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const sx = positionsEcefKm[o]!, sy = positionsEcefKm[o + 1]!, sz = positionsEcefKm[o + 2]!;
    // Height of the satellite above the observer's local horizontal plane (km); `sees`, inline.
    const zUp = ux * sx + uy * sy + uz * sz - upDotGround;
    if (!(zUp > 0)) continue; // also drops NaN positions
    if (usable !== null && !usable[i]) continue;
    const dx = sx - gx, dy = sy - gy, dz = sz - gz;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > maxSlant2 || zUp * zUp < sinMin2 * d2) continue;
    outIndex[count++] = i;
  }
  return count;
}

/** An observer and its mask, ready for `sees`. */
interface Sight {
  ux: number;
  uy: number;
  uz: number;
  gx: number;
  gy: number;
  gz: number;
  upDotGround: number;
  sinMin2: number;
  maxSlant2: number;
}

function sightOf(observer: TopocentricFrame, minElevationDeg: number, maxSlantKm: number | null): Sight {
  const ux = observer.up.x, uy = observer.up.y, uz = observer.up.z;
  const gx = observer.posEcefKm.x, gy = observer.posEcefKm.y, gz = observer.posEcefKm.z;
  const sinMin = Math.sin(Math.max(0, minElevationDeg) * DEG);
  return { ux, uy, uz, gx, gy, gz, upDotGround: ux * gx + uy * gy + uz * gz, sinMin2: sinMin * sinMin, maxSlant2: maxSlantKm === null ? Infinity : maxSlantKm * maxSlantKm };
}

/**
 * Whether the satellite at (sx, sy, sz) is above the mask and within the slant cap (NaN: not): the
 * test of `fullScan`, which has it inline (as a call the full scan took 1.25 x as long;
 * with the Sight object read in the loop, 1.7 x). A Sight's fields as arguments, held in locals.
 */
function sees(ux: number, uy: number, uz: number, upDotGround: number, gx: number, gy: number, gz: number, sinMin2: number, maxSlant2: number, sx: number, sy: number, sz: number): boolean {
  // Height of the satellite above the observer's local horizontal plane (km).
  const zUp = ux * sx + uy * sy + uz * sz - upDotGround;
  if (!(zUp > 0)) return false; // also drops NaN positions
  const dx = sx - gx, dy = sy - gy, dz = sz - gz;
  const d2 = dx * dx + dy * dy + dz * dz;
  return !(d2 > maxSlant2 || zUp * zUp < sinMin2 * d2);
}

/** Slant range (km) and elevation (deg) of the satellites outIndex[0..count), at the same positions. */
function look(v: Sight, positionsEcefKm: Float64Array, outIndex: Int32Array, count: number, outSlantKm: Float64Array, outElevationDeg: Float64Array | null): void {
  for (let c = 0; c < count; c++) {
    const o = 3 * outIndex[c]!;
    const sx = positionsEcefKm[o]!, sy = positionsEcefKm[o + 1]!, sz = positionsEcefKm[o + 2]!;
    const dx = sx - v.gx, dy = sy - v.gy, dz = sz - v.gz;
    const slantKm = Math.sqrt(dx * dx + dy * dy + dz * dz);
    outSlantKm[c] = slantKm;
    if (outElevationDeg !== null) outElevationDeg[c] = Math.asin(Math.min(1, (v.ux * sx + v.uy * sy + v.uz * sz - v.upDotGround) / slantKm)) / DEG;
  }
}

/** Sky index bins: BIN_DEG x BIN_DEG of geocentric latitude and longitude. */
const BIN_DEG = 5;
const LAT_BINS = 180 / BIN_DEG;
const LON_BINS = 360 / BIN_DEG;

/**
 * One step's satellites binned by the geocentric latitude and longitude of their direction (CSR,
 * ascending satellite index within a bin), for `visibleSatellites`: a visible satellite is
 * within the largest Earth-central angle of the observer's direction, so only the bins of that
 * cap's latitude-longitude box need the full test. `xyz` holds the positions in bin order (read in
 * sequence, not gathered); `maxRadiusKm` is the largest geocentric radius.
 */
export interface SkyIndex {
  start: Int32Array;
  order: Int32Array;
  xyz: Float64Array;
  maxRadiusKm: number;
}

const latBin = (latDeg: number): number => Math.min(LAT_BINS - 1, Math.max(0, Math.floor((latDeg + 90) / BIN_DEG)));
const lonBin = (lonDeg: number): number => ((Math.floor((lonDeg + 180) / BIN_DEG) % LON_BINS) + LON_BINS) % LON_BINS;

/** The sky index of one step's ECEF positions (x, y, z per satellite); NaN positions are left out. */
export function skyIndex(positionsEcefKm: Float64Array): SkyIndex {
  const n = (positionsEcefKm.length / 3) | 0;
  const bin = new Int32Array(n).fill(-1);
  const start = new Int32Array(LAT_BINS * LON_BINS + 1);
  let r2 = 0;
  for (let i = 0; i < n; i++) {
    const x = positionsEcefKm[3 * i]!, y = positionsEcefKm[3 * i + 1]!, z = positionsEcefKm[3 * i + 2]!;
    const q = x * x + y * y + z * z;
    if (!(q > 0)) continue; // NaN: never visible
    if (q > r2) r2 = q;
    const b = latBin(Math.asin(Math.max(-1, Math.min(1, z / Math.sqrt(q)))) / DEG) * LON_BINS + lonBin(Math.atan2(y, x) / DEG);
    bin[i] = b;
    start[b + 1]!++;
  }
  for (let b = 0; b < LAT_BINS * LON_BINS; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, -1);
  const order = new Int32Array(start[LAT_BINS * LON_BINS]!);
  const xyz = new Float64Array(3 * order.length);
  for (let i = 0; i < n; i++) {
    const b = bin[i]!;
    if (b < 0) continue;
    const k = fill[b]!++;
    order[k] = i;
    xyz[3 * k] = positionsEcefKm[3 * i]!;
    xyz[3 * k + 1] = positionsEcefKm[3 * i + 1]!;
    xyz[3 * k + 2] = positionsEcefKm[3 * i + 2]!;
  }
  return { start, order, xyz, maxRadiusKm: Math.sqrt(r2) };
}

/**
 * The elevation mask is geodetic; the cap below uses the geocentric elevation, which differs by at
 * most the deflection of the vertical (0.19 deg): this margin covers it. The cap's angle gets
 * ANGLE_MARGIN_DEG more for rounding.
 */
const CAP_ELEVATION_MARGIN_DEG = 0.5;
const ANGLE_MARGIN_DEG = 0.25;

/**
 * The satellites of `index` in the bins that can hold a visible one, then sorted by index (the full
 * scan's order). Seen from radius r at geocentric elevation e, a satellite at radius R is
 * acos((r / R) cos e) - e from the observer's direction (Earth-central angle), largest at the
 * lowest e and the largest R. With a 25 deg mask at Kuiper's altitudes that cap is about 11 deg: a
 * few dozen satellites are tested, not 3,236.
 */
function nearScan(v: Sight, index: SkyIndex, minElevationDeg: number, usable: Uint8Array | null, outIndex: Int32Array): number {
  const { ux, uy, uz, gx, gy, gz, upDotGround, sinMin2, maxSlant2 } = v;
  const r = Math.sqrt(gx * gx + gy * gy + gz * gz);
  const e = Math.max(0, minElevationDeg - CAP_ELEVATION_MARGIN_DEG) * DEG;
  const R = index.maxRadiusKm;
  const capDeg = (Math.acos(Math.min(1, (r / Math.max(R, r)) * Math.cos(e))) - e) / DEG + ANGLE_MARGIN_DEG;
  const latDeg = Math.asin(Math.max(-1, Math.min(1, gz / r))) / DEG, lonDeg = Math.atan2(gy, gx) / DEG;
  const b0 = latBin(latDeg - capDeg), b1 = latBin(latDeg + capDeg);
  // Longitudes within the cap: all of them where it reaches a pole (elsewhere at most 90.25 deg
  // either side, so the span never wraps onto itself).
  const poleward = 90 - Math.abs(latDeg);
  const dLon = capDeg >= poleward ? 180 : Math.asin(Math.min(1, Math.sin(capDeg * DEG) / Math.cos(latDeg * DEG))) / DEG + ANGLE_MARGIN_DEG;
  const l0 = dLon >= 180 ? 0 : lonBin(lonDeg - dLon);
  const span = dLon >= 180 ? LON_BINS : Math.min(LON_BINS, ((lonBin(lonDeg + dLon) - l0 + LON_BINS) % LON_BINS) + 1);
  const { start, order, xyz } = index;
  let count = 0;
  for (let bl = b0; bl <= b1; bl++) {
    for (let s = 0; s < span; s++) {
      const b = bl * LON_BINS + ((l0 + s) % LON_BINS);
      for (let k = start[b]!, end = start[b + 1]!; k < end; k++) {
        if (!sees(ux, uy, uz, upDotGround, gx, gy, gz, sinMin2, maxSlant2, xyz[3 * k]!, xyz[3 * k + 1]!, xyz[3 * k + 2]!)) continue;
        const i = order[k]!;
        if (usable !== null && !usable[i]) continue;
        outIndex[count++] = i;
      }
    }
  }
  // Ascending indices, as the full scan gives them (insertion sort: a few dozen).
  for (let c = 1; c < count; c++) {
    const x = outIndex[c]!;
    let p = c - 1;
    while (p >= 0 && outIndex[p]! > x) {
      outIndex[p + 1] = outIndex[p]!;
      p--;
    }
    outIndex[p + 1] = x;
  }
  return count;
}
