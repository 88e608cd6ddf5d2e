// Plane and slot inference for element sets (TLE/OMM) that carry no Walker grid, and matching of
// real satellites to planned Walker slots (docs/ROLLOUT.md, "Planes and slots").
//
// Every set is brought to one common epoch with SGP4's own secular J2 rates (satrec nodedot,
// argpdot, mdot): RAAN(t0) = RAAN + nodedot dt, argument of latitude u(t0) = argp + M + (argpdot +
// mdot) dt (near-circular orbits: u = argp + true anomaly ~ argp + M). Then:
//   1. shells: sort by inclination, split at gaps above incGapDeg; within an inclination group the
//      highest altitude cluster (gaps up to altGapKm) is the shell, and every satellite more than
//      raisingMarginKm below it is raising towards it;
//   2. planes: the shell satellites' RAANs split at circular gaps above planeGapDeg; the plane
//      spacing is the smallest gap between plane centres, P = 360 / spacing (empty planes of a
//      partial rollout keep their numbers); plane 0 is the plane nearest the mean RAAN phase;
//   3. slots: within planes, the typical u gap gives S; the Walker phasing F is the one that lines
//      the planes' slots up best (u - 360 F p / T on one lattice of step 360/S); slot numbers
//      count from that lattice's mean phase.
// Raising satellites get the plane whose RAAN they share (within a quarter spacing), no slot.
import type { SatRec } from 'satellite.js';
import { JD_UNIX_EPOCH, MS_PER_DAY } from '../time/index';
import { radToDeg, type UtcMs } from '../units';
import { meanAltitudeKm } from './elements';

export interface PlaneInferenceOptions {
  incGapDeg: number;
  altGapKm: number;
  raisingMarginKm: number;
  planeGapDeg: number;
}

/** Fewest satellites at a shell's altitude for it to get a plane/slot grid (and lasers). */
export const MIN_GRID_SATELLITES = 4;

export const PLANE_INFERENCE_DEFAULTS: PlaneInferenceOptions = { incGapDeg: 0.2, altGapKm: 5, raisingMarginKm: 10, planeGapDeg: 1 };

/** One set's elements at the common epoch (degrees, km). */
export interface EpochElements {
  incDeg: number;
  altKm: number;
  raanDeg: number;
  /** Argument of latitude, deg in [0, 360). */
  uDeg: number;
}

export interface InferredShell {
  altitudeKm: number;
  inclinationDeg: number;
  /** 0 (and satsPerPlane 0) when the shell has fewer than MIN_GRID_SATELLITES at its altitude. */
  planes: number;
  satsPerPlane: number;
  phasingF: number;
  /** Indices (into the input) of the satellites of this shell, raising ones included. */
  members: number[];
}

export interface PlaneInference {
  shells: InferredShell[];
  /** Per input set: shell index (-1 = unusable elements), plane (-1 unknown), slot (-1 none), raising flag. */
  shell: Int32Array;
  plane: Int32Array;
  slot: Int32Array;
  raising: Uint8Array;
}

const wrap360 = (d: number): number => ((d % 360) + 360) % 360;
/** Signed difference a - b folded into (-period/2, period/2]. */
const fold = (a: number, b: number, period: number): number => {
  const d = (((a - b) % period) + period) % period;
  return d > period / 2 ? d - period : d;
};

/** Elements of an initialised SatRec at `epochMs` (NaN fields when the record is unusable). */
export function elementsAtEpoch(r: SatRec, epochMs: UtcMs | number): EpochElements {
  if (r.error !== 0 || !Number.isFinite(r.a)) return { incDeg: NaN, altKm: NaN, raanDeg: NaN, uDeg: NaN };
  const dtMin = (epochMs - (r.jdsatepoch - JD_UNIX_EPOCH) * MS_PER_DAY) / 60_000;
  return {
    incDeg: radToDeg(r.inclo),
    altKm: meanAltitudeKm(r),
    raanDeg: wrap360(radToDeg(r.nodeo + r.nodedot * dtMin)),
    uDeg: wrap360(radToDeg(r.argpo + r.mo + (r.argpdot + r.mdot) * dtMin)),
  };
}

/** Split sorted values into runs whose consecutive gaps are at most `gap`. */
function runs(sortedIdx: number[], value: (i: number) => number, gap: number): number[][] {
  const out: number[][] = [];
  for (const i of sortedIdx) {
    const last = out[out.length - 1];
    if (last && value(i) - value(last[last.length - 1]!) <= gap) last.push(i);
    else out.push([i]);
  }
  return out;
}

/** Circular clusters of angles (deg): split at gaps above `gap`. */
function circularClusters(idx: number[], angle: (i: number) => number, gap: number): number[][] {
  if (idx.length === 0) return [];
  const sorted = [...idx].sort((a, b) => angle(a) - angle(b));
  const n = sorted.length;
  // Start after the largest gap so no cluster straddles the cut.
  let start = 0, widest = -1;
  for (let k = 0; k < n; k++) {
    const g = wrap360(angle(sorted[(k + 1) % n]!) - angle(sorted[k]!)) || (n === 1 ? 360 : 0);
    if (g > widest) { widest = g; start = (k + 1) % n; }
  }
  const out: number[][] = [];
  for (let k = 0; k < n; k++) {
    const i = sorted[(start + k) % n]!;
    const last = out[out.length - 1];
    if (last && wrap360(angle(i) - angle(last[last.length - 1]!)) <= gap) last.push(i);
    else out.push([i]);
  }
  return out;
}

/** Circular mean of angles (deg) taken modulo `period`, and how tightly they agree (0..1). */
function meanPhase(values: number[], period: number): { phase: number; strength: number } {
  let x = 0, y = 0;
  for (const v of values) {
    const a = (2 * Math.PI * v) / period;
    x += Math.cos(a);
    y += Math.sin(a);
  }
  // Folded into (-period/2, period/2] so that a lattice at phase ~0 numbers from 0.
  const phase = (Math.atan2(y, x) / (2 * Math.PI)) * period;
  return { phase, strength: Math.hypot(x, y) / Math.max(1, values.length) };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

/** Number the planes of one shell; returns P and plane per member (-1 = not in a plane). */
function inferPlanes(members: number[], el: EpochElements[], o: PlaneInferenceOptions, plane: Int32Array): number {
  const clusters = circularClusters(members, (i) => el[i]!.raanDeg, o.planeGapDeg);
  const centres = clusters.map((c) => {
    const base = el[c[0]!]!.raanDeg;
    let s = 0;
    for (const i of c) s += fold(el[i]!.raanDeg, base, 360);
    return wrap360(base + s / c.length);
  });
  if (centres.length <= 1) {
    for (const i of members) plane[i] = 0;
    return 1;
  }
  const sorted = [...centres].sort((a, b) => a - b);
  const gaps = sorted.map((c, k) => wrap360(sorted[(k + 1) % sorted.length]! - c) || 360);
  const spacingEst = Math.min(...gaps);
  const P = Math.max(1, gaps.reduce((n, g) => n + Math.max(1, Math.round(g / spacingEst)), 0));
  const spacing = 360 / P;
  const { phase } = meanPhase(centres, spacing);
  clusters.forEach((c, k) => {
    const p = ((Math.round(fold(centres[k]!, phase, 360) / spacing) % P) + P) % P;
    for (const i of c) plane[i] = p;
  });
  return P;
}

/** Slots of one shell's planed members: S, F and slot per member (conflicts: the closer one keeps the slot). */
function inferSlots(members: number[], el: EpochElements[], P: number, plane: Int32Array, slot: Int32Array): { S: number; F: number } {
  const gaps: number[] = [];
  for (let p = 0; p < P; p++) {
    const us = members.filter((i) => plane[i] === p).map((i) => el[i]!.uDeg).sort((a, b) => a - b);
    for (let k = 0; k + 1 < us.length; k++) gaps.push(us[k + 1]! - us[k]!);
    if (us.length > 1) gaps.push(360 - us[us.length - 1]! + us[0]!);
  }
  const g = median(gaps.filter((x) => x > 1e-6));
  const S = Number.isFinite(g) ? Math.max(1, Math.round(360 / g)) : 1;
  const step = 360 / S;
  const T = P * S;
  let best = { F: 0, strength: -1, phase: 0 };
  for (let F = 0; F < P; F++) {
    const m = meanPhase(members.map((i) => el[i]!.uDeg - (360 * F * plane[i]!) / T), step);
    if (m.strength > best.strength + 1e-12) best = { F, strength: m.strength, phase: m.phase };
  }
  const owner = new Map<number, { i: number; err: number }>();
  for (const i of members) {
    const psi = el[i]!.uDeg - (360 * best.F * plane[i]!) / T - best.phase;
    const k = Math.round(psi / step);
    const s = ((k % S) + S) % S;
    const err = Math.abs(psi - k * step);
    const key = plane[i]! * S + s;
    const prev = owner.get(key);
    if (prev && prev.err <= err) continue;
    if (prev) slot[prev.i] = -1;
    owner.set(key, { i, err });
    slot[i] = s;
  }
  return { S, F: best.F };
}

/** Infer shells, planes and slots of element sets (satrecs; see the file comment). `epochMs`: the common epoch. */
export function inferPlanesAndSlots(satrecs: readonly SatRec[], epochMs: UtcMs | number, options: Partial<PlaneInferenceOptions> = {}): PlaneInference {
  const o = { ...PLANE_INFERENCE_DEFAULTS, ...options };
  const n = satrecs.length;
  const el = satrecs.map((r) => elementsAtEpoch(r, epochMs));
  const shell = new Int32Array(n).fill(-1);
  const plane = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n).fill(-1);
  const raising = new Uint8Array(n);
  const shells: InferredShell[] = [];
  const usable = el.map((_, i) => i).filter((i) => Number.isFinite(el[i]!.incDeg) && Number.isFinite(el[i]!.altKm));
  const byInc = runs([...usable].sort((a, b) => el[a]!.incDeg - el[b]!.incDeg), (i) => el[i]!.incDeg, o.incGapDeg);
  for (const group of byInc) {
    const byAlt = runs([...group].sort((a, b) => el[a]!.altKm - el[b]!.altKm), (i) => el[i]!.altKm, o.altGapKm);
    const top = byAlt[byAlt.length - 1]!;
    const altitudeKm = median(top.map((i) => el[i]!.altKm));
    const inShell = group.filter((i) => el[i]!.altKm >= altitudeKm - o.raisingMarginKm);
    const below = group.filter((i) => el[i]!.altKm < altitudeKm - o.raisingMarginKm);
    const si = shells.length;
    for (const i of group) shell[i] = si;
    if (inShell.length < MIN_GRID_SATELLITES) {
      // Too few to tell planes and slots apart: no grid (no lasers), raising still marked.
      for (const i of below) raising[i] = 1;
      shells.push({ altitudeKm, inclinationDeg: median(group.map((i) => el[i]!.incDeg)), planes: 0, satsPerPlane: 0, phasingF: 0, members: group });
      continue;
    }
    const P = inferPlanes(inShell, el, o, plane);
    const { S, F } = inferSlots(inShell, el, P, plane, slot);
    // Raising satellites: the plane whose RAAN they share, if any.
    const centreOf = new Map<number, number>();
    for (const i of inShell) if (!centreOf.has(plane[i]!)) centreOf.set(plane[i]!, el[i]!.raanDeg);
    for (const i of below) {
      raising[i] = 1;
      for (const [p, c] of centreOf) if (Math.abs(fold(el[i]!.raanDeg, c, 360)) <= 90 / P) plane[i] = p;
    }
    shells.push({ altitudeKm, inclinationDeg: median(group.map((i) => el[i]!.incDeg)), planes: P, satsPerPlane: S, phasingF: F, members: group });
  }
  return { shells, shell, plane, slot, raising };
}

/** A planned Walker shell as matchToSlots needs it (the scenario's WalkerShell fits). */
export interface PlannedShell {
  id: string;
  altitudeKm: number;
  inclinationDeg: number;
  planes: number;
  satsPerPlane: number;
  phasingF: number;
  raanSpreadDeg: number;
  raanOffsetDeg: number;
}

export interface SlotMatch {
  /** Index into plannedShells, -1 = no shell (inclination or altitude off). */
  shell: number;
  plane: number;
  slot: number;
  status: 'operational' | 'raising' | 'unmatched';
  reason: string;
}

/** Tolerances of matchToSlots: inclination, altitude band, and the share of a plane/slot spacing a set may be off. */
export const MATCH_TOLERANCES = { incDeg: 0.5, altKm: 10, spacingShare: 0.25 } as const;

/**
 * Real satellites (element sets) matched to planned Walker slots at the planned shells' epoch:
 * plane by RAAN and inclination, slot by argument of latitude. A set within altKm of its shell's
 * altitude and within a quarter slot spacing of a free slot is operational in that slot; a set
 * below its shell (or between slots) is raising, with its plane when its RAAN matches one.
 * `taken` (keys "shellId:plane:slot") carries the slots already filled across calls; first come, first served.
 */
export function matchToSlots(satrecs: readonly SatRec[], planned: readonly PlannedShell[], epochMs: UtcMs | number, taken = new Set<string>()): SlotMatch[] {
  return satrecs.map((r) => {
    const e = elementsAtEpoch(r, epochMs);
    if (!Number.isFinite(e.incDeg)) return { shell: -1, plane: -1, slot: -1, status: 'unmatched', reason: 'elements SGP4 cannot use' };
    const si = planned.findIndex((s) => Math.abs(s.inclinationDeg - e.incDeg) <= MATCH_TOLERANCES.incDeg && e.altKm <= s.altitudeKm + MATCH_TOLERANCES.altKm);
    if (si < 0) return { shell: -1, plane: -1, slot: -1, status: 'unmatched', reason: `no planned shell at inclination ${e.incDeg.toFixed(2)} deg and altitude ${e.altKm.toFixed(0)} km or below` };
    const s = planned[si]!;
    const dRaan = s.raanSpreadDeg / s.planes;
    const kp = Math.round(fold(e.raanDeg, s.raanOffsetDeg, 360) / dRaan);
    const p = ((kp % s.planes) + s.planes) % s.planes;
    const planeOk = Math.abs(fold(e.raanDeg, s.raanOffsetDeg + kp * dRaan, 360)) <= MATCH_TOLERANCES.spacingShare * dRaan;
    if (!planeOk) return { shell: si, plane: -1, slot: -1, status: 'raising', reason: `RAAN ${e.raanDeg.toFixed(1)} deg is between planes (drifting to its plane)` };
    const raisingBelow = e.altKm < s.altitudeKm - MATCH_TOLERANCES.altKm;
    if (raisingBelow) return { shell: si, plane: p, slot: -1, status: 'raising', reason: `${(s.altitudeKm - e.altKm).toFixed(0)} km below its shell` };
    const T = s.planes * s.satsPerPlane;
    const du = 360 / s.satsPerPlane;
    const psi = e.uDeg - (360 * s.phasingF * p) / T;
    const k = Math.round(psi / du);
    const slot = ((k % s.satsPerPlane) + s.satsPerPlane) % s.satsPerPlane;
    const key = `${s.id}:${p}:${slot}`;
    if (Math.abs(psi - k * du) > MATCH_TOLERANCES.spacingShare * du || taken.has(key)) return { shell: si, plane: p, slot: -1, status: 'raising', reason: 'in its plane but not yet in a free slot (phasing)' };
    taken.add(key);
    return { shell: si, plane: p, slot, status: 'operational', reason: '' };
  });
}
