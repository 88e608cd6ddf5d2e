// Allocation-free SGP4 for near-Earth satellites (period < 225 min, satellite.js method 'n') over a
// packed Float64Array of per-satellite constants. The arithmetic is a line-for-line port of
// satellite.js 7.1 `sgp4()` (MIT, itself Vallado's 2006/2020 reference code) for the near-Earth
// branch, in the same operation order, so results are bit-identical to satellite.js (tested); what
// it saves is the per-call result objects (3 objects per satellite per step: GC pauses at 30k) and
// property lookups on the large SatRec objects. Deep-space records stay on satellite.js `sgp4()`.
import { constants, type SatRec } from 'satellite.js';

const { xke: XKE, j2: J2, earthRadius: RE_KM, vkmpersec: VKMPERSEC, x2o3: X2O3 } = constants;
const TWO_PI = 2 * Math.PI;

// Field offsets in the packed record (stride STRIDE).
const MO = 0, MDOT = 1, ARGPO = 2, ARGPDOT = 3, NODEO = 4, NODEDOT = 5, NODECF = 6, CC1 = 7, BSTAR = 8, CC4 = 9,
  T2COF = 10, ISIMP = 11, OMGCOF = 12, ETA = 13, XMCOF = 14, DELMO = 15, D2 = 16, D3 = 17, D4 = 18, CC5 = 19,
  SINMAO = 20, T3COF = 21, T4COF = 22, T5COF = 23, NO = 24, ECCO = 25, INCLO = 26, AYCOF = 27, XLCOF = 28,
  CON41 = 29, X1MTH2 = 30, X7THM1 = 31, SINIM = 32, COSIM = 33;
/** Number of float64 values per packed near-Earth record. */
export const STRIDE = 34;

/** Copy the constants of near-Earth SatRecs (method 'n') into one packed array. */
export function packNearEarth(satrecs: readonly SatRec[]): Float64Array {
  const out = new Float64Array(satrecs.length * STRIDE);
  satrecs.forEach((s, i) => {
    const o = i * STRIDE;
    out[o + MO] = s.mo; out[o + MDOT] = s.mdot; out[o + ARGPO] = s.argpo; out[o + ARGPDOT] = s.argpdot;
    out[o + NODEO] = s.nodeo; out[o + NODEDOT] = s.nodedot; out[o + NODECF] = s.nodecf; out[o + CC1] = s.cc1;
    out[o + BSTAR] = s.bstar; out[o + CC4] = s.cc4; out[o + T2COF] = s.t2cof; out[o + ISIMP] = s.isimp;
    out[o + OMGCOF] = s.omgcof; out[o + ETA] = s.eta; out[o + XMCOF] = s.xmcof; out[o + DELMO] = s.delmo;
    out[o + D2] = s.d2; out[o + D3] = s.d3; out[o + D4] = s.d4; out[o + CC5] = s.cc5; out[o + SINMAO] = s.sinmao;
    out[o + T3COF] = s.t3cof; out[o + T4COF] = s.t4cof; out[o + T5COF] = s.t5cof; out[o + NO] = s.no;
    out[o + ECCO] = s.ecco; out[o + INCLO] = s.inclo; out[o + AYCOF] = s.aycof; out[o + XLCOF] = s.xlcof;
    out[o + CON41] = s.con41; out[o + X1MTH2] = s.x1mth2; out[o + X7THM1] = s.x7thm1;
    out[o + SINIM] = Math.sin(s.inclo); out[o + COSIM] = Math.cos(s.inclo);
  });
  return out;
}

/**
 * Propagate packed record `k` to `tsince` minutes from its epoch; writes TEME position (km) at
 * pos[j..j+2] and, if `vel` is given, velocity (km/s) at vel[j..j+2]. Returns 0 on success or the
 * SGP4 error code (1 eccentricity, 2 mean motion, 4 semi-latus rectum, 6 decayed) without writing.
 */
export function sgp4NearEarth(rec: Float64Array, k: number, tsince: number, pos: Float64Array, vel: Float64Array | undefined, j: number): number {
  const o = k * STRIDE;
  const t = tsince;
  const xmdf = rec[o + MO]! + rec[o + MDOT]! * t;
  const argpdf = rec[o + ARGPO]! + rec[o + ARGPDOT]! * t;
  const nodedf = rec[o + NODEO]! + rec[o + NODEDOT]! * t;
  let argpm = argpdf;
  let mm = xmdf;
  const t2 = t * t;
  let nodem = nodedf + rec[o + NODECF]! * t2;
  let tempa = 1.0 - rec[o + CC1]! * t;
  const bstar = rec[o + BSTAR]!;
  let tempe = bstar * rec[o + CC4]! * t;
  let templ = rec[o + T2COF]! * t2;
  if (rec[o + ISIMP] !== 1) {
    const delomg = rec[o + OMGCOF]! * t;
    const delmtemp = 1.0 + rec[o + ETA]! * Math.cos(xmdf);
    const delm = rec[o + XMCOF]! * (delmtemp * delmtemp * delmtemp - rec[o + DELMO]!);
    const temp = delomg + delm;
    mm = xmdf + temp;
    argpm = argpdf - temp;
    const t3 = t2 * t;
    const t4 = t3 * t;
    tempa = tempa - rec[o + D2]! * t2 - rec[o + D3]! * t3 - rec[o + D4]! * t4;
    tempe += bstar * rec[o + CC5]! * (Math.sin(mm) - rec[o + SINMAO]!);
    templ = templ + rec[o + T3COF]! * t3 + t4 * (rec[o + T4COF]! + t * rec[o + T5COF]!);
  }
  const no = rec[o + NO]!;
  let nm = no;
  let em = rec[o + ECCO]!;
  if (nm <= 0.0) return 2;
  const am = (XKE / nm) ** X2O3 * tempa * tempa;
  nm = XKE / am ** 1.5;
  em -= tempe;
  if (em >= 1.0 || em < -0.001) return 1;
  if (em < 1.0e-6) em = 1.0e-6;
  mm += no * templ;
  let xlm = mm + argpm + nodem;
  nodem %= TWO_PI;
  argpm %= TWO_PI;
  xlm %= TWO_PI;
  mm = (xlm - argpm - nodem) % TWO_PI;
  const sinip = rec[o + SINIM]!;
  const cosip = rec[o + COSIM]!;
  const ep = em;
  const argpp = argpm;
  const nodep = nodem;
  const mp = mm;
  const xincp = rec[o + INCLO]!;

  const axnl = ep * Math.cos(argpp);
  let temp = 1.0 / (am * (1.0 - ep * ep));
  const aynl = ep * Math.sin(argpp) + temp * rec[o + AYCOF]!;
  const xl = mp + argpp + nodep + temp * rec[o + XLCOF]! * axnl;
  const u = (xl - nodep) % TWO_PI;
  let eo1 = u;
  let tem5 = 9999.9;
  let ktr = 1;
  let sineo1 = 0;
  let coseo1 = 0;
  while (Math.abs(tem5) >= 1.0e-12 && ktr <= 10) {
    sineo1 = Math.sin(eo1);
    coseo1 = Math.cos(eo1);
    tem5 = 1.0 - coseo1 * axnl - sineo1 * aynl;
    tem5 = (u - aynl * coseo1 + axnl * sineo1 - eo1) / tem5;
    if (Math.abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
    eo1 += tem5;
    ktr += 1;
  }
  const ecose = axnl * coseo1 + aynl * sineo1;
  const esine = axnl * sineo1 - aynl * coseo1;
  const el2 = axnl * axnl + aynl * aynl;
  const pl = am * (1.0 - el2);
  if (pl < 0.0) return 4;
  const rl = am * (1.0 - ecose);
  const rdotl = (Math.sqrt(am) * esine) / rl;
  const rvdotl = Math.sqrt(pl) / rl;
  const betal = Math.sqrt(1.0 - el2);
  temp = esine / (1.0 + betal);
  const sinu = (am / rl) * (sineo1 - aynl - axnl * temp);
  const cosu = (am / rl) * (coseo1 - axnl + aynl * temp);
  let su = Math.atan2(sinu, cosu);
  const sin2u = (cosu + cosu) * sinu;
  const cos2u = 1.0 - 2.0 * sinu * sinu;
  temp = 1.0 / pl;
  const temp1 = 0.5 * J2 * temp;
  const temp2 = temp1 * temp;
  const con41 = rec[o + CON41]!;
  const x1mth2 = rec[o + X1MTH2]!;
  const mrt = rl * (1.0 - 1.5 * temp2 * betal * con41) + 0.5 * temp1 * x1mth2 * cos2u;
  if (mrt < 1.0) return 6;
  su -= 0.25 * temp2 * rec[o + X7THM1]! * sin2u;
  const xnode = nodep + 1.5 * temp2 * cosip * sin2u;
  const xinc = xincp + 1.5 * temp2 * cosip * sinip * cos2u;
  const sinsu = Math.sin(su);
  const cossu = Math.cos(su);
  const snod = Math.sin(xnode);
  const cnod = Math.cos(xnode);
  const sini = Math.sin(xinc);
  const cosi = Math.cos(xinc);
  const xmx = -snod * cosi;
  const xmy = cnod * cosi;
  const ux = xmx * sinsu + cnod * cossu;
  const uy = xmy * sinsu + snod * cossu;
  const uz = sini * sinsu;
  pos[j] = mrt * ux * RE_KM;
  pos[j + 1] = mrt * uy * RE_KM;
  pos[j + 2] = mrt * uz * RE_KM;
  if (vel) {
    const mvt = rdotl - (nm * temp1 * x1mth2 * sin2u) / XKE;
    const rvdot = rvdotl + (nm * temp1 * (x1mth2 * cos2u + 1.5 * con41)) / XKE;
    const vx = xmx * cossu - cnod * sinsu;
    const vy = xmy * cossu - snod * sinsu;
    const vz = sini * cossu;
    vel[j] = (mvt * ux + rvdot * vx) * VKMPERSEC;
    vel[j + 1] = (mvt * uy + rvdot * vy) * VKMPERSEC;
    vel[j + 2] = (mvt * uz + rvdot * vz) * VKMPERSEC;
  }
  return 0;
}
