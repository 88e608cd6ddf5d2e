// The launch schedule of a scenario: which Walker slot each launched satellite fills, when it is
// released and when it reaches its slot (docs/ROLLOUT.md).
//   - Launches: the scenario's launches (by date), then the cadence's projected launches (each
//     vehicle from its fromUtc, every 1/launchesPerMonth months) until every Walker slot is filled.
//   - A launch fills its shell (shellId, or the first shell with free slots) plane by plane: its
//     `planes` first, then the policy's order ('plane-by-plane': 0, 1, 2...; 'spread': bit-reversed,
//     so early planes are spread around the RAAN circle); within a plane, slots 0, 1, 2...
//   - A satellite is raising from its launch date for `raisingWeeks`, then operational.
//   - Slots taken by real satellites (slot matching; `takenSlots`) are never launched into: the
//     launches fill the remaining slots.
// A scenario with neither launches nor cadence has no schedule: every satellite keeps its status.
import type { Scenario } from '../scenario/schema';
import { parseIsoUtc } from '../units';

export const MS_PER_DAY = 86_400_000;
/** Mean month (365.2425 / 12 days), for launches per month. */
export const MS_PER_MONTH = (365.2425 / 12) * MS_PER_DAY;
const MS_PER_WEEK = 7 * MS_PER_DAY;
/** Projected launches stop here even if slots are left (a cadence that cannot fill the shells). */
export const MAX_PROJECTED_LAUNCHES = 2000;

/** One launch as scheduled (explicit or projected). */
export interface ScheduledLaunch {
  id: string;
  vehicle: string;
  dateMs: number;
  satellites: number;
  /** Satellites actually placed (fewer when the shells are full). */
  placed: number;
  shellId: string | null;
  projected: boolean;
}

/** Per Walker satellite (catalogue order of buildCatalog: shell, plane, slot): launch and operational dates, NaN = never launched. */
export interface RolloutSchedule {
  /** False when the scenario has neither launches nor cadence (statuses come from the scenario). */
  active: boolean;
  walkerCount: number;
  launchMs: Float64Array;
  operationalMs: Float64Array;
  /** Launch index per satellite (-1 = never launched). */
  launchIndex: Int32Array;
  /** 1 for the Walker slots a real satellite took (not scheduled: launchMs NaN). */
  taken: Uint8Array;
  launches: ScheduledLaunch[];
  /** Last satellite's operational date (NaN if some slot is never filled). */
  fullDeploymentMs: number;
  firstLaunchMs: number;
  /** Problems found (unknown shell, cadence that cannot fill the shells). */
  problems: string[];
}

/** Bit-reversed order of 0..n-1 (van der Corput): each next plane splits the largest RAAN gap left. */
export function spreadOrder(n: number): number[] {
  const bits = Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));
  const out: number[] = [];
  for (let k = 0; k < 1 << bits; k++) {
    let r = 0;
    for (let b = 0; b < bits; b++) if (k & (1 << b)) r |= 1 << (bits - 1 - b);
    if (r < n) out.push(r);
  }
  return out;
}

interface LaunchInput {
  id: string;
  vehicle: string;
  dateMs: number;
  satellites: number;
  shellId: string | null;
  planes: readonly number[];
  projected: boolean;
}

/** Free-slot bookkeeping of one shell. */
class ShellSlots {
  readonly filled: Uint8Array;
  free: number;
  constructor(readonly id: string, readonly base: number, readonly planes: number, readonly satsPerPlane: number, readonly order: number[]) {
    this.filled = new Uint8Array(planes * satsPerPlane);
    this.free = planes * satsPerPlane;
  }
  /** Mark catalogue index i as filled (a real satellite's slot). */
  reserve(i: number): void {
    const k = i - this.base;
    if (k < 0 || k >= this.filled.length || this.filled[k]) return;
    this.filled[k] = 1;
    this.free--;
  }
  /** Take up to n free slots, preferred planes first; returns catalogue indices. */
  take(n: number, preferred: readonly number[]): number[] {
    const out: number[] = [];
    const S = this.satsPerPlane;
    const visit = (p: number): void => {
      for (let s = 0; s < S && out.length < n; s++) {
        const k = p * S + s;
        if (this.filled[k]) continue;
        this.filled[k] = 1;
        this.free--;
        out.push(this.base + k);
      }
    };
    for (const p of preferred) if (p >= 0 && p < this.planes) visit(p);
    for (const p of this.order) if (out.length < n) visit(p);
    return out;
  }
}

function explicitLaunches(s: Scenario): LaunchInput[] {
  return s.rollout.launches
    .map((l) => ({ id: l.id, vehicle: l.vehicle, dateMs: parseIsoUtc(l.dateUtc), satellites: l.satellites, shellId: l.shellId, planes: l.planes, projected: false }))
    .sort((a, b) => a.dateMs - b.dateMs);
}

/** Next projected launch of each cadence entry, merged by date, until `remaining` satellites are placed. */
function projectedLaunches(s: Scenario, afterMs: number, remaining: number): LaunchInput[] {
  const out: LaunchInput[] = [];
  const cad = s.rollout.cadence;
  if (cad.length === 0) return out;
  const next = cad.map((c) => Math.max(parseIsoUtc(c.fromUtc), afterMs));
  const count = cad.map(() => 0);
  let left = remaining;
  while (left > 0 && out.length < MAX_PROJECTED_LAUNCHES) {
    let k = 0;
    for (let j = 1; j < cad.length; j++) if (next[j]! < next[k]!) k = j;
    const c = cad[k]!;
    count[k]!++;
    out.push({ id: `${c.vehicle}-P${String(count[k]).padStart(3, '0')}`, vehicle: c.vehicle, dateMs: next[k]!, satellites: c.satellitesPerLaunch, shellId: c.shellId, planes: [], projected: true });
    left -= c.satellitesPerLaunch;
    next[k] = next[k]! + MS_PER_MONTH / c.launchesPerMonth;
  }
  return out;
}

/**
 * The schedule of a (validated) scenario. Deterministic; never throws. `takenSlots`: Walker
 * catalogue indices a real satellite already holds (BuiltCatalog.slotMatching.inSlot).
 */
export function buildSchedule(s: Scenario, takenSlots: readonly number[] = []): RolloutSchedule {
  const shells: ShellSlots[] = [];
  let base = 0;
  for (const sh of s.constellation.shells) {
    const order = s.rollout.planeFill === 'spread' ? spreadOrder(sh.planes) : Array.from({ length: sh.planes }, (_, p) => p);
    shells.push(new ShellSlots(sh.id, base, sh.planes, sh.satsPerPlane, order));
    base += sh.planes * sh.satsPerPlane;
  }
  const W = base;
  const launchMs = new Float64Array(W).fill(Number.NaN);
  const operationalMs = new Float64Array(W).fill(Number.NaN);
  const launchIndex = new Int32Array(W).fill(-1);
  const taken = new Uint8Array(W);
  for (const i of takenSlots) {
    if (i < 0 || i >= W) continue;
    taken[i] = 1;
    for (const sh of shells) sh.reserve(i);
  }
  const problems: string[] = [];
  const active = s.rollout.launches.length > 0 || s.rollout.cadence.length > 0;
  const raiseMs = s.rollout.raisingWeeks * MS_PER_WEEK;
  const launches: ScheduledLaunch[] = [];

  const place = (l: LaunchInput): void => {
    let n = l.satellites;
    const placedIdx: number[] = [];
    const targets = l.shellId === null ? shells : shells.filter((x) => x.id === l.shellId);
    if (l.shellId !== null && targets.length === 0) problems.push(`launch ${l.id}: shell "${l.shellId}" is not in the constellation; its satellites are not placed`);
    for (const sh of targets) {
      if (n <= 0) break;
      const got = sh.take(n, l.planes);
      n -= got.length;
      placedIdx.push(...got);
    }
    for (const i of placedIdx) {
      launchMs[i] = l.dateMs;
      operationalMs[i] = l.dateMs + raiseMs;
      launchIndex[i] = launches.length;
    }
    launches.push({ id: l.id, vehicle: l.vehicle, dateMs: l.dateMs, satellites: l.satellites, placed: placedIdx.length, shellId: l.shellId, projected: l.projected });
  };

  if (active) {
    const explicit = explicitLaunches(s);
    explicit.forEach(place);
    const free = shells.reduce((n, sh) => n + sh.free, 0);
    const lastMs = explicit.length ? explicit[explicit.length - 1]!.dateMs + 1 : -Infinity;
    projectedLaunches(s, lastMs, free).forEach(place);
    const left = shells.reduce((n, sh) => n + sh.free, 0);
    if (left > 0) problems.push(`${left} Walker slots are never launched: add launches or a cadence (launches per month per vehicle) that reaches every shell`);
  }
  let full = -Infinity;
  let first = Infinity;
  let unlaunched = 0;
  for (let i = 0; i < W; i++) {
    if (Number.isNaN(launchMs[i]!)) {
      if (!taken[i]) unlaunched++;
      continue;
    }
    full = Math.max(full, operationalMs[i]!);
    first = Math.min(first, launchMs[i]!);
  }
  return {
    active,
    walkerCount: W,
    launchMs,
    operationalMs,
    launchIndex,
    taken,
    launches,
    fullDeploymentMs: W > 0 && Number.isFinite(full) && unlaunched === 0 ? full : Number.NaN,
    firstLaunchMs: Number.isFinite(first) ? first : Number.NaN,
    problems,
  };
}
