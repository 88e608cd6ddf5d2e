// WGS84 geodetic <-> ECEF conversions, single and bulk (km, radians).
// ecefToGeodetic uses Bowring's parametric-latitude iteration (two passes give sub-millimetre
// accuracy from the surface to GEO) and is well behaved at the poles, unlike the h = p/cos(lat) form.
import { WGS84_A_KM, WGS84_B_KM, WGS84_E2, WGS84_F } from '../units';
import type { Geodetic, Vec3 } from './types';

const E2 = WGS84_E2;
/** Second eccentricity squared e'^2 = (a^2 - b^2) / b^2. */
const EP2 = E2 / (1 - E2);

/** ECEF position (km) of a WGS84 geodetic point (latitude/longitude radians, height km). */
export function geodeticToEcef(g: Geodetic): Vec3 {
  const sLat = Math.sin(g.latRad);
  const cLat = Math.cos(g.latRad);
  const n = WGS84_A_KM / Math.sqrt(1 - E2 * sLat * sLat);
  const r = (n + g.heightKm) * cLat;
  return { x: r * Math.cos(g.lonRad), y: r * Math.sin(g.lonRad), z: (n * (1 - E2) + g.heightKm) * sLat };
}

/** WGS84 geodetic coordinates (radians, km) of an ECEF position (km). */
export function ecefToGeodetic(p: Vec3): Geodetic {
  const out = { latRad: 0, lonRad: 0, heightKm: 0 };
  ecefToGeodeticInto(p.x, p.y, p.z, out);
  return out;
}

/** Allocation-free core of `ecefToGeodetic`; writes into `out` and returns it. */
export function ecefToGeodeticInto(x: number, y: number, z: number, out: Geodetic): Geodetic {
  const p = Math.sqrt(x * x + y * y);
  const lon = Math.atan2(y, x);
  // Parametric (reduced) latitude start, then Bowring's formula, refined once.
  let beta = Math.atan2(z, (1 - WGS84_F) * p);
  let lat = 0;
  for (let k = 0; k < 2; k++) {
    const sb = Math.sin(beta);
    const cb = Math.cos(beta);
    lat = Math.atan2(z + EP2 * WGS84_B_KM * sb * sb * sb, p - E2 * WGS84_A_KM * cb * cb * cb);
    beta = Math.atan2((1 - WGS84_F) * Math.sin(lat), Math.cos(lat));
  }
  const sLat = Math.sin(lat);
  const cLat = Math.cos(lat);
  // Height projected on the ellipsoid normal (a^2/N = a*sqrt(1 - e^2 sin^2 lat)): stable at all
  // latitudes, poles included.
  out.latRad = lat;
  out.lonRad = lon;
  out.heightKm = p * cLat + z * sLat - WGS84_A_KM * Math.sqrt(1 - E2 * sLat * sLat);
  return out;
}

/**
 * Bulk ECEF (xyz-interleaved 3N, km) -> geodetic. Writes latitude (rad), longitude (rad) and height (km)
 * into the given N-length arrays (any may be omitted by passing undefined).
 */
export function ecefToGeodeticBulk(
  positionsEcefKm: Float64Array,
  outLatRad?: Float64Array,
  outLonRad?: Float64Array,
  outHeightKm?: Float64Array,
): void {
  const g: Geodetic = { latRad: 0, lonRad: 0, heightKm: 0 };
  const n = Math.floor(positionsEcefKm.length / 3);
  for (let i = 0; i < n; i++) {
    ecefToGeodeticInto(positionsEcefKm[3 * i]!, positionsEcefKm[3 * i + 1]!, positionsEcefKm[3 * i + 2]!, g);
    if (outLatRad) outLatRad[i] = g.latRad;
    if (outLonRad) outLonRad[i] = g.lonRad;
    if (outHeightKm) outHeightKm[i] = g.heightKm;
  }
}

/** Bulk geodetic (N-length lat/lon radians, height km) -> ECEF xyz-interleaved (3N, km). */
export function geodeticToEcefBulk(latRad: ArrayLike<number>, lonRad: ArrayLike<number>, heightKm: ArrayLike<number> | number, outPositionsEcefKm: Float64Array): void {
  const n = latRad.length;
  for (let i = 0; i < n; i++) {
    const sLat = Math.sin(latRad[i]!);
    const cLat = Math.cos(latRad[i]!);
    const h = typeof heightKm === 'number' ? heightKm : heightKm[i]!;
    const nn = WGS84_A_KM / Math.sqrt(1 - E2 * sLat * sLat);
    const r = (nn + h) * cLat;
    outPositionsEcefKm[3 * i] = r * Math.cos(lonRad[i]!);
    outPositionsEcefKm[3 * i + 1] = r * Math.sin(lonRad[i]!);
    outPositionsEcefKm[3 * i + 2] = (nn * (1 - E2) + h) * sLat;
  }
}
