// TEME (SGP4's output frame; satellite.js calls it "eci") to Earth-fixed ECEF, single and bulk.
// TEME -> PEF is a rotation by GMST (IAU-82) about z, exactly as Vallado et al. (2006) define it;
// PEF is then used as ECEF. Neglected: polar motion (PEF vs ITRF, <= ~15 m at LEO) and UT1 - UTC
// (UT1 taken as UTC: <= 0.9 s of Earth rotation, <= ~0.5 km at LEO). The equation of the equinoxes
// is likewise not applied (it belongs to TOD, not TEME; IAU-82 GMST is the documented TEME angle).
import type { UtcMs } from '../units';
import { EARTH_ROTATION_RAD_S, gmstRad } from '../time/index';
import type { Vec3 } from './types';

/**
 * Rotate a TEME position (km) into ECEF (km) at UTC time `t`. If `velTemeKmS` is given, also returns
 * the ECEF velocity (km/s), which includes the Earth-rotation term -omega x r.
 * Approximations: polar motion and equation of equinoxes neglected, UT1 taken as UTC.
 */
export function temeToEcef(t: UtcMs | number, posTemeKm: Vec3): Vec3;
export function temeToEcef(t: UtcMs | number, posTemeKm: Vec3, velTemeKmS: Vec3): { posEcefKm: Vec3; velEcefKmS: Vec3 };
export function temeToEcef(t: UtcMs | number, posTemeKm: Vec3, velTemeKmS?: Vec3): Vec3 | { posEcefKm: Vec3; velEcefKmS: Vec3 } {
  return temeToEcefByGmst(gmstRad(t), posTemeKm, velTemeKmS as Vec3);
}

/** As `temeToEcef`, with the GMST angle (radians) given directly (for callers that reuse it). */
export function temeToEcefByGmst(gmst: number, posTemeKm: Vec3): Vec3;
export function temeToEcefByGmst(gmst: number, posTemeKm: Vec3, velTemeKmS: Vec3): { posEcefKm: Vec3; velEcefKmS: Vec3 };
export function temeToEcefByGmst(gmst: number, p: Vec3, v?: Vec3): Vec3 | { posEcefKm: Vec3; velEcefKmS: Vec3 } {
  const c = Math.cos(gmst);
  const s = Math.sin(gmst);
  const pos = { x: c * p.x + s * p.y, y: -s * p.x + c * p.y, z: p.z };
  if (!v) return pos;
  const w = EARTH_ROTATION_RAD_S;
  return {
    posEcefKm: pos,
    velEcefKmS: { x: c * v.x + s * v.y + w * pos.y, y: -s * v.x + c * v.y - w * pos.x, z: v.z },
  };
}

/** Inverse of `temeToEcef` for positions (km). Same approximations. */
export function ecefToTeme(t: UtcMs | number, posEcefKm: Vec3): Vec3 {
  const g = gmstRad(t);
  const c = Math.cos(g);
  const s = Math.sin(g);
  return { x: c * posEcefKm.x - s * posEcefKm.y, y: s * posEcefKm.x + c * posEcefKm.y, z: posEcefKm.z };
}

/**
 * Bulk TEME -> ECEF on xyz-interleaved arrays (3N, km and km/s). `out*` may alias the inputs
 * (in-place rotation). NaN entries stay NaN. Velocities get the -omega x r term.
 */
export function temeToEcefBulk(
  t: UtcMs | number,
  posTemeKm: Float64Array,
  outPosEcefKm: Float64Array,
  velTemeKmS?: Float64Array,
  outVelEcefKmS?: Float64Array,
): void {
  temeToEcefBulkByGmst(gmstRad(t), posTemeKm, outPosEcefKm, velTemeKmS, outVelEcefKmS);
}

/** As `temeToEcefBulk` with the GMST angle (radians) given. */
export function temeToEcefBulkByGmst(
  gmst: number,
  p: Float64Array,
  outP: Float64Array,
  v?: Float64Array,
  outV?: Float64Array,
): void {
  const c = Math.cos(gmst);
  const s = Math.sin(gmst);
  const w = EARTH_ROTATION_RAD_S;
  const n = p.length - (p.length % 3);
  const doVel = v !== undefined && outV !== undefined;
  for (let i = 0; i < n; i += 3) {
    const x = p[i]!, y = p[i + 1]!, z = p[i + 2]!;
    const xe = c * x + s * y;
    const ye = -s * x + c * y;
    outP[i] = xe;
    outP[i + 1] = ye;
    outP[i + 2] = z;
    if (doVel) {
      const vx = v[i]!, vy = v[i + 1]!, vz = v[i + 2]!;
      outV[i] = c * vx + s * vy + w * ye;
      outV[i + 1] = -s * vx + c * vy - w * xe;
      outV[i + 2] = vz;
    }
  }
}
