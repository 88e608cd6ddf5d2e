// Topocentric look angles (azimuth, elevation, range) from a ground observer to ECEF targets.
// The horizon is the plane normal to the WGS84 ellipsoid at the observer (geodetic up), as for a
// terminal or gateway antenna. Refraction is not modelled (geometric elevation).
import { geodeticToEcef } from './geodetic';
import type { Geodetic, LookAngles, Vec3 } from './types';

const TWO_PI = 2 * Math.PI;

/** Precomputed observer frame: ECEF position (km) and east/north/up unit vectors. */
export interface TopocentricFrame {
  posEcefKm: Vec3;
  east: Vec3;
  north: Vec3;
  up: Vec3;
}

/** Build the topocentric (ENU) frame of an observer (radians, km). Reuse it in hot loops. */
export function topocentricFrame(observer: Geodetic): TopocentricFrame {
  const sLat = Math.sin(observer.latRad);
  const cLat = Math.cos(observer.latRad);
  const sLon = Math.sin(observer.lonRad);
  const cLon = Math.cos(observer.lonRad);
  return {
    posEcefKm: geodeticToEcef(observer),
    east: { x: -sLon, y: cLon, z: 0 },
    north: { x: -sLat * cLon, y: -sLat * sLon, z: cLat },
    up: { x: cLat * cLon, y: cLat * sLon, z: sLat },
  };
}

/** Azimuth (rad, clockwise from north), elevation (rad) and range (km) from `observer` to an ECEF target (km). */
export function lookAngles(observer: Geodetic | TopocentricFrame, targetEcefKm: Vec3): LookAngles {
  const f = 'up' in observer ? observer : topocentricFrame(observer);
  const dx = targetEcefKm.x - f.posEcefKm.x;
  const dy = targetEcefKm.y - f.posEcefKm.y;
  const dz = targetEcefKm.z - f.posEcefKm.z;
  const e = dx * f.east.x + dy * f.east.y;
  const n = dx * f.north.x + dy * f.north.y + dz * f.north.z;
  const u = dx * f.up.x + dy * f.up.y + dz * f.up.z;
  let az = Math.atan2(e, n);
  if (az < 0) az += TWO_PI;
  return { azimuthRad: az, elevationRad: Math.atan2(u, Math.sqrt(e * e + n * n)), rangeKm: Math.sqrt(dx * dx + dy * dy + dz * dz) };
}

/**
 * Bulk look angles from one observer to N targets (xyz-interleaved 3N ECEF km). Any output
 * (N-length; azimuth rad, elevation rad, range km) may be omitted. NaN targets give NaN.
 */
export function lookAnglesBulk(
  observer: Geodetic | TopocentricFrame,
  positionsEcefKm: Float64Array,
  out: { azimuthRad?: Float64Array; elevationRad?: Float64Array; rangeKm?: Float64Array },
): void {
  const f = 'up' in observer ? observer : topocentricFrame(observer);
  const ox = f.posEcefKm.x, oy = f.posEcefKm.y, oz = f.posEcefKm.z;
  const ex = f.east.x, ey = f.east.y;
  const nx = f.north.x, ny = f.north.y, nz = f.north.z;
  const ux = f.up.x, uy = f.up.y, uz = f.up.z;
  const { azimuthRad, elevationRad, rangeKm } = out;
  const count = Math.floor(positionsEcefKm.length / 3);
  for (let i = 0; i < count; i++) {
    const dx = positionsEcefKm[3 * i]! - ox;
    const dy = positionsEcefKm[3 * i + 1]! - oy;
    const dz = positionsEcefKm[3 * i + 2]! - oz;
    const e = dx * ex + dy * ey;
    const n = dx * nx + dy * ny + dz * nz;
    const u = dx * ux + dy * uy + dz * uz;
    if (elevationRad) elevationRad[i] = Math.atan2(u, Math.sqrt(e * e + n * n));
    if (azimuthRad) {
      const az = Math.atan2(e, n);
      azimuthRad[i] = az < 0 ? az + TWO_PI : az;
    }
    if (rangeKm) rangeKm[i] = Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}

/**
 * Sine of the elevation (dimensionless) from an observer to N targets: the cheap form for
 * visibility tests (`sinEl >= sin(mask)`), no trigonometry per target.
 */
export function sinElevationBulk(observer: Geodetic | TopocentricFrame, positionsEcefKm: Float64Array, outSinElevation: Float64Array): void {
  const f = 'up' in observer ? observer : topocentricFrame(observer);
  const ox = f.posEcefKm.x, oy = f.posEcefKm.y, oz = f.posEcefKm.z;
  const ux = f.up.x, uy = f.up.y, uz = f.up.z;
  const count = Math.floor(positionsEcefKm.length / 3);
  for (let i = 0; i < count; i++) {
    const dx = positionsEcefKm[3 * i]! - ox;
    const dy = positionsEcefKm[3 * i + 1]! - oy;
    const dz = positionsEcefKm[3 * i + 2]! - oz;
    outSinElevation[i] = (dx * ux + dy * uy + dz * uz) / Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
