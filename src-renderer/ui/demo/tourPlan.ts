// The demo tour as pure functions of the tour's own clock (ms since the tour began), so the live
// tour, the video export and the tests all see the same camera and the same date at the same
// tour time, however fast the machine renders.
//
// A tour is a loop of stops. Stop i takes flightS (the camera flies from stop i-1 to stop i)
// plus dwellS (it stays over stop i). Meanwhile the app's date/time runs at simSpeed simulated
// seconds per tour second from the time the tour started at.
import type { Bookmark } from '../../state/bookmarkCommands';

export interface TourStop {
  name: string;
  latDeg: number;
  lonDeg: number;
  heightKm: number;
  headingDeg: number;
  pitchDeg: number;
}

export interface TourSettings {
  /** Seconds of tour time the camera flies from one stop to the next. */
  flightS: number;
  /** Seconds of tour time the camera stays over a stop. */
  dwellS: number;
  /** Simulated seconds per tour second (how fast the date/time advances). */
  simSpeed: number;
}

export const DEFAULT_TOUR: TourSettings = { flightS: 4, dwellS: 6, simSpeed: 120 };

/** Height of the built-in views: a region of about 5,000 km fills a 16:9 screen. */
export const BUILTIN_HEIGHT_KM = 7000;
/** Built-in views: at most this many, at least MIN_SEPARATION_DEG apart (great circle). */
const MAX_BUILTIN_STOPS = 6;
const MIN_SEPARATION_DEG = 40;
/** Population is summed in bins of this many degrees before the densest are picked. */
const BIN_DEG = 20;
/** Extra height at mid-flight, as a fraction of the flight's great-circle length in km. */
const FLIGHT_ARC = 0.35;
const EARTH_RADIUS_KM = 6371;
const DEG = Math.PI / 180;

export function stopFromBookmark(b: Bookmark): TourStop {
  return { name: b.name, latDeg: b.latDeg, lonDeg: b.lonDeg, heightKm: b.heightKm, headingDeg: b.headingDeg, pitchDeg: b.pitchDeg };
}

/** Great-circle angle between two points, degrees. */
export function separationDeg(latA: number, lonA: number, latB: number, lonB: number): number {
  const a = latA * DEG, b = latB * DEG, dl = (lonB - lonA) * DEG;
  const c = Math.sin(a) * Math.sin(b) + Math.cos(a) * Math.cos(b) * Math.cos(dl);
  return Math.acos(Math.min(1, Math.max(-1, c))) / DEG;
}

export interface WeightedPoints {
  latDeg: ArrayLike<number>;
  lonDeg: ArrayLike<number>;
  /** Population (or any demand) per point; omitted: 1 each. */
  weight?: ArrayLike<number>;
}

interface Bin {
  w: number;
  lat: number;
  /** Unit-vector sums so that a bin across the antimeridian averages correctly. */
  x: number;
  y: number;
}

function binPoints(points: WeightedPoints): Bin[] {
  const bins = new Map<number, Bin>();
  const cols = 360 / BIN_DEG;
  for (let i = 0; i < points.latDeg.length; i++) {
    const w = points.weight ? points.weight[i]! : 1;
    if (!(w > 0)) continue;
    const lat = points.latDeg[i]!, lon = points.lonDeg[i]!;
    const key = Math.floor((lat + 90) / BIN_DEG) * cols + Math.floor((((lon + 180) % 360) + 360) % 360 / BIN_DEG);
    const bin = bins.get(key) ?? { w: 0, lat: 0, x: 0, y: 0 };
    bin.w += w;
    bin.lat += w * lat;
    bin.x += w * Math.cos(lon * DEG);
    bin.y += w * Math.sin(lon * DEG);
    bins.set(key, bin);
  }
  return [...bins.values()];
}

/**
 * Built-in views over the most populated regions: population summed in BIN_DEG bins, the
 * heaviest bins picked greedily at least MIN_SEPARATION_DEG apart, each viewed from above its
 * population-weighted centre; ordered west to east so the tour circles the globe.
 */
export function builtinStops(points: WeightedPoints): TourStop[] {
  const centres = binPoints(points)
    .sort((p, q) => q.w - p.w)
    .map((b) => ({ latDeg: b.lat / b.w, lonDeg: Math.atan2(b.y, b.x) / DEG }));
  const picked: { latDeg: number; lonDeg: number }[] = [];
  for (const c of centres) {
    if (picked.length >= MAX_BUILTIN_STOPS) break;
    if (picked.every((p) => separationDeg(p.latDeg, p.lonDeg, c.latDeg, c.lonDeg) >= MIN_SEPARATION_DEG)) picked.push(c);
  }
  if (picked.length === 0) {
    // Nothing populated known yet: six views around the globe at 20°N.
    for (let k = 0; k < MAX_BUILTIN_STOPS; k++) picked.push({ latDeg: 20, lonDeg: -180 + (k + 0.5) * (360 / MAX_BUILTIN_STOPS) });
  }
  return picked
    .sort((p, q) => p.lonDeg - q.lonDeg)
    .map((p) => ({ name: regionName(p.latDeg, p.lonDeg), latDeg: round2(p.latDeg), lonDeg: round2(p.lonDeg), heightKm: BUILTIN_HEIGHT_KM, headingDeg: 0, pitchDeg: -90 }));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A readable name for a built-in view: its centre, e.g. "28.6°N 77.2°E". */
function regionName(latDeg: number, lonDeg: number): string {
  return `${Math.abs(latDeg).toFixed(1)}°${latDeg >= 0 ? 'N' : 'S'} ${Math.abs(lonDeg).toFixed(1)}°${lonDeg >= 0 ? 'E' : 'W'}`;
}

/** Tour ms one stop takes (flight in, then dwell). */
export function stopMs(settings: TourSettings): number {
  return (settings.flightS + settings.dwellS) * 1000;
}

/** Tour ms at which the flight into stop `index` begins (first loop). */
export function stopStartMs(settings: TourSettings, index: number): number {
  return index * stopMs(settings);
}

/** Which stop the tour is at (or flying to) at tour time `tourMs`; loops. */
export function stopIndexAt(stopCount: number, settings: TourSettings, tourMs: number): number {
  if (stopCount === 0) return 0;
  const k = Math.floor(Math.max(0, tourMs) / stopMs(settings));
  return k % stopCount;
}

const smoothstep = (u: number) => u * u * (3 - 2 * u);
const lerp = (a: number, b: number, u: number) => a + (b - a) * u;

/** Shortest signed longitude difference b - a in (-180, 180]. */
function lonDelta(a: number, b: number): number {
  const d = (((b - a) % 360) + 540) % 360 - 180;
  return d === -180 ? 180 : d;
}

/** The camera at tour time `tourMs`: flying between stops (eased, arcing up), or over a stop. */
export function poseAt(stops: readonly TourStop[], settings: TourSettings, tourMs: number): TourStop {
  if (stops.length === 0) throw new Error('the tour has no stops');
  const t = Math.max(0, tourMs);
  const k = Math.floor(t / stopMs(settings));
  const to = stops[k % stops.length]!;
  const from = stops[(k - 1 + stops.length) % stops.length]!;
  const inStopMs = t - k * stopMs(settings);
  const flightMs = settings.flightS * 1000;
  // The very first stop starts the tour where it is: no flight into it.
  if ((k === 0 && inStopMs < flightMs) || inStopMs >= flightMs || flightMs <= 0) {
    return { ...to };
  }
  const u = smoothstep(inStopMs / flightMs);
  const arcKm = FLIGHT_ARC * EARTH_RADIUS_KM * separationDeg(from.latDeg, from.lonDeg, to.latDeg, to.lonDeg) * DEG;
  const lon = from.lonDeg + lonDelta(from.lonDeg, to.lonDeg) * u;
  return {
    name: to.name,
    latDeg: lerp(from.latDeg, to.latDeg, u),
    lonDeg: ((lon + 540) % 360) - 180,
    heightKm: lerp(from.heightKm, to.heightKm, u) + arcKm * Math.sin(Math.PI * u),
    headingDeg: from.headingDeg + lonDelta(from.headingDeg, to.headingDeg) * u,
    pitchDeg: lerp(from.pitchDeg, to.pitchDeg, u),
  };
}

/** The app's date/time at tour time `tourMs` for a tour started at `startUtcMs`. */
export function simTimeAt(startUtcMs: number, settings: TourSettings, tourMs: number): number {
  return startUtcMs + Math.max(0, tourMs) * settings.simSpeed;
}
