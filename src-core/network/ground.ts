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
// are 25-35 deg, where it is ~0.03 deg).
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
 * satellites that cannot carry traffic.
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
): number {
  const ux = observer.up.x, uy = observer.up.y, uz = observer.up.z;
  const gx = observer.posEcefKm.x, gy = observer.posEcefKm.y, gz = observer.posEcefKm.z;
  const upDotGround = ux * gx + uy * gy + uz * gz;
  const sinMin = Math.sin(Math.max(0, minElevationDeg) * DEG);
  const sinMin2 = sinMin * sinMin;
  const maxSlant2 = maxSlantKm === null ? Infinity : maxSlantKm * maxSlantKm;
  const n = (positionsEcefKm.length / 3) | 0;
  let count = 0;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const sx = positionsEcefKm[o]!, sy = positionsEcefKm[o + 1]!, sz = positionsEcefKm[o + 2]!;
    // Height of the satellite above the observer's local horizontal plane (km).
    const zUp = ux * sx + uy * sy + uz * sz - upDotGround;
    if (!(zUp > 0)) continue; // also drops NaN positions
    if (usable !== null && !usable[i]) continue;
    const dx = sx - gx, dy = sy - gy, dz = sz - gz;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 > maxSlant2 || zUp * zUp < sinMin2 * d2) continue;
    const slantKm = Math.sqrt(d2);
    outIndex[count] = i;
    outSlantKm[count] = slantKm;
    if (outElevationDeg !== null) outElevationDeg[count] = Math.asin(Math.min(1, zUp / slantKm)) / DEG;
    count++;
  }
  return count;
}
