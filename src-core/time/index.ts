// Time scales for the orbit engine: UTC milliseconds <-> Julian dates, and Greenwich mean sidereal
// time (IAU-82, the model SGP4 and TEME are defined with). Approximation made here and everywhere
// downstream: UT1 is taken as UTC (|UT1 - UTC| < 0.9 s, i.e. < ~0.5 km of Earth rotation at LEO
// radius). No leap-second table is needed because UtcMs already counts UTC (POSIX) time.
import type { UtcMs } from '../units';

/** Milliseconds per day. */
export const MS_PER_DAY = 86_400_000;
/** Julian date of the POSIX epoch 1970-01-01T00:00:00Z. */
export const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian date of J2000.0 (2000-01-01T12:00:00, here in UT1 ~ UTC). */
export const JD_J2000 = 2_451_545.0;
/** Earth rotation rate (IERS conventional), rad/s. Used for ECEF velocities. */
export const EARTH_ROTATION_RAD_S = 7.292115146706979e-5;

const TWO_PI = 2 * Math.PI;

/** Julian date (days) of a UTC time given in milliseconds since 1970 (UT1 taken as UTC). */
export function julianDateFromUtcMs(t: UtcMs | number): number {
  return t / MS_PER_DAY + JD_UNIX_EPOCH;
}

/** UTC milliseconds of a Julian date (days). Inverse of `julianDateFromUtcMs`. */
export function utcMsFromJulianDate(jd: number): UtcMs {
  return ((jd - JD_UNIX_EPOCH) * MS_PER_DAY) as UtcMs;
}

/**
 * Greenwich mean sidereal time (radians, in [0, 2*pi)) for a UT1 Julian date, IAU-82 model
 * (Vallado 2006 `gstime`, identical to satellite.js `gstime`). This is the angle that rotates
 * TEME into the pseudo-Earth-fixed frame.
 */
export function gmstFromJulianDate(jdUt1: number): number {
  const tut1 = (jdUt1 - JD_J2000) / 36525.0;
  // Seconds of sidereal time; the cubic polynomial of IAU-82.
  let seconds = -6.2e-6 * tut1 * tut1 * tut1 + 0.093104 * tut1 * tut1 + (876600.0 * 3600 + 8640184.812866) * tut1 + 67310.54841;
  // 360 deg / 86400 s = 1/240 deg per second.
  seconds = ((seconds * (Math.PI / 180)) / 240.0) % TWO_PI;
  return seconds < 0 ? seconds + TWO_PI : seconds;
}

/** GMST (radians, [0, 2*pi)) at a UTC time in ms. UT1 taken as UTC. */
export function gmstRad(t: UtcMs | number): number {
  return gmstFromJulianDate(julianDateFromUtcMs(t));
}

/** Minutes elapsed from a Julian-date epoch to UTC time `t` (SGP4's `tsince`). */
export function minutesSinceJulianDate(t: UtcMs | number, epochJd: number): number {
  return (julianDateFromUtcMs(t) - epochJd) * 1440.0;
}

/** Evenly spaced UTC times `startMs, startMs + stepS*1000, ...` (count values), as a Float64Array of ms. */
export function timeGrid(startMs: UtcMs | number, stepS: number, count: number): Float64Array {
  const out = new Float64Array(Math.max(0, Math.floor(count)));
  for (let i = 0; i < out.length; i++) out[i] = startMs + i * stepS * 1000;
  return out;
}

/** Number of steps of `stepS` seconds that fit in `durationS`, counting both ends (>= 1). */
export function stepCount(durationS: number, stepS: number): number {
  if (!(stepS > 0)) throw new RangeError(`step must be positive seconds, got ${stepS}`);
  return Math.floor(durationS / stepS + 1e-9) + 1;
}
export { parseIsoStrict, type IsoParse } from './iso';
