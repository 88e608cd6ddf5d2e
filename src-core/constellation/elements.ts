// Mean elements and SGP4 records. Converts between a nominal circular altitude and the Kozai mean
// motion that TLE/OMM carry, synthesises OMM records for planned (Walker) satellites, and turns any
// ElementSet (TLE lines or OMM record) into an initialised satellite.js SatRec.
//
// Altitude convention: a shell's `altitudeKm` is the SGP4 (Brouwer) mean semi-major axis minus the
// WGS84 equatorial radius. Geodetic height along the orbit then varies by about +-10 km (Earth
// flattening plus J2 short-period terms), which is what real shells do too.
import { constants, json2satrec, twoline2satrec, type OMMJsonObject, type SatRec } from 'satellite.js';
import type { ElementSet } from '../scenario/schema';
import { parseIsoStrict } from '../time/iso';
import { WGS84_A_KM } from '../units';

const TWO_PI = 2 * Math.PI;
/** SGP4 (WGS72) Earth radius, km, and xke (sqrt(mu) in Earth radii^1.5 per minute). */
const SGP4_RE_KM = constants.earthRadius;
const XKE = constants.xke;
const J2 = constants.j2;

/** Kozai-vs-Brouwer correction delta used by SGP4's initl for a Kozai mean motion (rad/min). */
function kozaiDelta(noKozaiRadMin: number, inclinationRad: number, eccentricity: number): number {
  const cosi = Math.cos(inclinationRad);
  const omeosq = 1 - eccentricity * eccentricity;
  const rteosq = Math.sqrt(omeosq);
  const ak = (XKE / noKozaiRadMin) ** (2 / 3);
  const d1 = (0.75 * J2 * (3 * cosi * cosi - 1)) / (rteosq * omeosq);
  let del = d1 / (ak * ak);
  const adel = ak * (1 - del * del - del * (1 / 3 + (134 * del * del) / 81));
  del = d1 / (adel * adel);
  return del;
}

/**
 * Kozai mean motion (rev/day, the TLE/OMM MEAN_MOTION) of an orbit whose SGP4 mean semi-major axis is
 * WGS84 a + `altitudeKm`. Inverts SGP4's un-Kozai step so that the propagated orbit really sits at that
 * altitude. K1 (630 km, 51.9 deg) -> ~14.80 rev/day.
 */
export function meanMotionRevPerDayFromAltitude(altitudeKm: number, inclinationRad: number, eccentricity = 0): number {
  const aEr = (WGS84_A_KM + altitudeKm) / SGP4_RE_KM;
  const nBrouwer = XKE / aEr ** 1.5; // rad/min
  // Fixed point n_kozai = n_brouwer * (1 + delta(n_kozai)); delta ~ 1e-4 so three passes are exact to 1e-15.
  let n = nBrouwer;
  for (let k = 0; k < 4; k++) n = nBrouwer * (1 + kozaiDelta(n, inclinationRad, eccentricity));
  return (n * 1440) / TWO_PI;
}

/** Mean altitude (km above the WGS84 equatorial radius) of an initialised SatRec: its SGP4 mean semi-major axis minus a. */
export function meanAltitudeKm(satrec: SatRec): number {
  return satrec.a * SGP4_RE_KM - WGS84_A_KM;
}

/** Orbital elements of one planned satellite (degrees at this edge, as OMM carries them). */
export interface MeanElements {
  epochMs: number;
  meanMotionRevPerDay: number;
  eccentricity: number;
  inclinationDeg: number;
  raanDeg: number;
  argPerigeeDeg: number;
  meanAnomalyDeg: number;
  /** B* drag term (1/Earth radii); 0 for planned satellites (station-kept, no decay). */
  bstar: number;
}

const wrapDeg = (d: number): number => ((d % 360) + 360) % 360;

/** A CelesTrak-style OMM JSON record for the given elements (numbers, UTC epoch with Z). */
export function ommFromElements(name: string, noradId: number, el: MeanElements, objectId = 'PLANNED'): OMMJsonObject {
  return {
    OBJECT_NAME: name,
    OBJECT_ID: objectId,
    EPOCH: new Date(el.epochMs).toISOString(),
    MEAN_MOTION: el.meanMotionRevPerDay,
    ECCENTRICITY: el.eccentricity,
    INCLINATION: el.inclinationDeg,
    RA_OF_ASC_NODE: wrapDeg(el.raanDeg),
    ARG_OF_PERICENTER: wrapDeg(el.argPerigeeDeg),
    MEAN_ANOMALY: wrapDeg(el.meanAnomalyDeg),
    EPHEMERIS_TYPE: 0,
    CLASSIFICATION_TYPE: 'U',
    NORAD_CAT_ID: noradId,
    ELEMENT_SET_NO: 999,
    REV_AT_EPOCH: 0,
    BSTAR: el.bstar,
    MEAN_MOTION_DOT: 0,
    MEAN_MOTION_DDOT: 0,
  };
}

/** Initialised SatRec for mean elements (goes through satellite.js json2satrec, no TLE precision loss). */
export function satrecFromElements(noradId: number, el: MeanElements): SatRec {
  return json2satrec(ommFromElements('', noradId, el));
}

const OMM_REQUIRED = [
  'EPOCH', 'MEAN_MOTION', 'ECCENTRICITY', 'INCLINATION', 'RA_OF_ASC_NODE', 'ARG_OF_PERICENTER', 'MEAN_ANOMALY',
  'NORAD_CAT_ID', 'BSTAR', 'MEAN_MOTION_DOT', 'MEAN_MOTION_DDOT',
] as const;
const OMM_NUMERIC = OMM_REQUIRED.filter((k) => k !== 'EPOCH');
const OMM_ANGLES = [['INCLINATION', 0, 180], ['RA_OF_ASC_NODE', 0, 360], ['ARG_OF_PERICENTER', 0, 360], ['MEAN_ANOMALY', 0, 360]] as const;
/**
 * Drag terms larger than a TLE field can hold (|ndot/2| < 1 rev/day^2; B* and nddot/6 are written
 * as .NNNNN with an exponent, and no satellite's B* reaches 1 per Earth radius): a broken record.
 */
const OMM_DRAG_LIMITS = [['BSTAR', 1, '1/ER'], ['MEAN_MOTION_DOT', 1, 'rev/day**2'], ['MEAN_MOTION_DDOT', 1, 'rev/day**3']] as const;

/** The units CCSDS 502.0 gives each OMM field this importer reads (KVN "[deg]", XML units="deg"). */
const OMM_UNITS: Record<string, string> = {
  INCLINATION: 'deg', RA_OF_ASC_NODE: 'deg', ARG_OF_PERICENTER: 'deg', MEAN_ANOMALY: 'deg', MEAN_MOTION: 'rev/day',
  MEAN_MOTION_DOT: 'rev/day**2', MEAN_MOTION_DDOT: 'rev/day**3', BSTAR: '1/er', SEMI_MAJOR_AXIS: 'km', GM: 'km**3/s**2',
};
const unitKey = (u: string): string => u.toLowerCase().replace(/\s+/g, '').replace(/\^/g, '**');

/**
 * A field written in other units than CCSDS's (INCLINATION [rad]): the value would be read wrongly,
 * so the record is refused. Null when the unit is the expected one, or the field has no fixed unit.
 */
export function ommUnitProblem(key: string, unit: string): string | null {
  const want = OMM_UNITS[key];
  if (want === undefined || unitKey(unit) === unitKey(want)) return null;
  return `${key} is given in [${unit}], but OMM ${key} is in [${want}]: convert the value and write [${want}] (or leave the unit out)`;
}

/**
 * Check an OMM record (JSON or XML fields, string or number values) for what SGP4 needs; returns
 * human problems ("missing MEAN_MOTION", "ECCENTRICITY is not a number"), empty when usable.
 */
export function ommProblems(omm: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const k of OMM_REQUIRED) {
    const v = omm[k];
    if (v === undefined || v === null || v === '') problems.push(`missing ${k}`);
  }
  for (const k of OMM_NUMERIC) {
    const v = omm[k];
    if (v !== undefined && v !== null && v !== '' && !Number.isFinite(Number(v))) problems.push(`${k} is not a number ("${String(v)}")`);
  }
  const epoch = omm.EPOCH;
  if (typeof epoch === 'string' && epoch !== '') {
    // CCSDS OMM epochs are UTC and usually carry no zone; the calendar must still be real.
    const r = parseIsoStrict(epoch, { assumeUtc: true });
    if (!r.ok) problems.push(`EPOCH ${r.message}`);
  } else if (epoch !== undefined && typeof epoch !== 'string') problems.push('EPOCH must be a string');
  // The same ranges as the TLE fields: an angle of 720 deg or an inclination of 200 deg is a broken
  // record, not an orbit.
  for (const [k, lo, hi] of OMM_ANGLES) {
    const v = Number(omm[k]);
    if (omm[k] !== undefined && omm[k] !== '' && Number.isFinite(v) && (v < lo || v > hi)) problems.push(`${k} ${v} is outside ${lo}..${hi} degrees`);
  }
  const id = Number(omm.NORAD_CAT_ID);
  if (omm.NORAD_CAT_ID !== undefined && omm.NORAD_CAT_ID !== '' && Number.isFinite(id) && !(Number.isInteger(id) && id >= 0 && id <= 999_999_999)) problems.push(`NORAD_CAT_ID ${id} must be a whole number from 0 to 999999999`);
  const ecc = Number(omm.ECCENTRICITY);
  if (Number.isFinite(ecc) && (ecc < 0 || ecc >= 1)) problems.push(`ECCENTRICITY ${ecc} is outside [0, 1)`);
  const n = Number(omm.MEAN_MOTION);
  if (Number.isFinite(n) && (n <= 0 || n > 100)) problems.push(`MEAN_MOTION ${n} must be in (0, 100] rev/day`);
  for (const [k, max, unit] of OMM_DRAG_LIMITS) {
    const v = Number(omm[k]);
    if (omm[k] !== '' && Number.isFinite(v) && Math.abs(v) >= max) problems.push(`${k} ${v} is outside (-${max}, ${max}) ${unit}: no element set has drag this large (check the exponent)`);
  }
  return problems;
}

/** What an element set yields: an initialised record, display name and catalogue number. */
export interface ResolvedElementSet {
  satrec: SatRec;
  name: string;
  noradId: number;
}

/** Decode a TLE satellite-number field, including Alpha-5 ("A0001" = 100001); NaN if malformed. */
export function decodeSatnum(field: string): number {
  const s = field.trim();
  if (/^\d{1,5}$/.test(s)) return Number(s);
  const m = /^([A-HJ-NP-Z])(\d{4})$/.exec(s);
  if (!m) return Number.NaN;
  const c = m[1]!.charCodeAt(0) - 65; // A=0
  // Alpha-5 skips I and O: A..H -> 10..17, J..N -> 18..22, P..Z -> 23..33.
  const value = 10 + c - (c > 8 ? 1 : 0) - (c > 14 ? 1 : 0);
  return value * 10000 + Number(m[2]);
}

/**
 * Turn a scenario ElementSet into an initialised SatRec. Throws an Error with a human sentence if
 * the set is unusable (bad OMM fields); SGP4 initialisation errors are left in `satrec.error` for
 * the caller to flag.
 */
export function resolveElementSet(set: ElementSet): ResolvedElementSet {
  if (set.format === 'tle') {
    const satrec = twoline2satrec(set.line1, set.line2);
    const noradId = decodeSatnum(set.line1.substring(2, 7));
    if (!Number.isFinite(satrec.no) || !Number.isFinite(satrec.jdsatepoch)) throw new Error('TLE fields could not be read as numbers');
    return { satrec, name: set.name.trim() || `NORAD ${set.line1.substring(2, 7).trim()}`, noradId };
  }
  const problems = ommProblems(set.omm);
  if (problems.length > 0) throw new Error(`OMM record: ${problems.join('; ')}`);
  const omm = { OBJECT_NAME: '', OBJECT_ID: '', ELEMENT_SET_NO: 999, ...set.omm } as unknown as OMMJsonObject;
  // json2satrec appends "Z" to the epoch; normalise offsets and missing zones to a Z time first.
  const ep = String(omm.EPOCH);
  if (/[+-]\d\d:?\d\d$/.test(ep)) omm.EPOCH = new Date(ep).toISOString();
  const satrec = json2satrec(omm);
  const noradId = Number(omm.NORAD_CAT_ID);
  return { satrec, name: String(omm.OBJECT_NAME || `NORAD ${noradId}`), noradId };
}
