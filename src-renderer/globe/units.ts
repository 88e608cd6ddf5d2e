// The one place where engine units (km, radians, UTC ms) meet Cesium's (metres, degrees,
// JulianDate). Nothing else in globe/ multiplies by 1000.
import { Cartesian3, JulianDate } from '@cesium/engine';
import type { UtcMs } from '../../src-core/units';
import { utcMs } from '../../src-core/units';

export const M_PER_KM = 1000;

export const kmToM = (km: number): number => km * M_PER_KM;
export const mToKm = (m: number): number => m / M_PER_KM;

/** Geodetic degrees + height in km -> Cesium Cartesian3 (ECEF metres). */
export function cartesianFromDegreesKm(lonDeg: number, latDeg: number, heightKm = 0, result?: Cartesian3): Cartesian3 {
  return Cartesian3.fromDegrees(lonDeg, latDeg, kmToM(heightKm), undefined, result);
}

/** Interleaved ECEF km (3N) -> interleaved ECEF metres (3N), for Cesium geometry buffers. */
export function ecefKmToM(positionsEcefKm: Float64Array, out = new Float64Array(positionsEcefKm.length)): Float64Array {
  for (let i = 0; i < positionsEcefKm.length; i++) out[i] = positionsEcefKm[i]! * M_PER_KM;
  return out;
}

export const julianFromUtcMs = (t: UtcMs, result?: JulianDate): JulianDate => JulianDate.fromDate(new Date(t), result);
export const utcMsFromJulian = (jd: JulianDate): UtcMs => utcMs(JulianDate.toDate(jd).getTime());
