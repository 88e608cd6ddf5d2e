// The layer's small cache of engine snapshots (positions at step times) and the decision of which
// snapshot to ask the worker for next. Pure logic, unit-tested in Node; the layer owns one cache
// per scenario revision.
//
// Snapshot times sit on a grid of `stepMs` (k * stepMs), so scrubbing back and forth reuses them.
// At most one positions request is in flight (the client's latest-wins lane), so `nextNeeded`
// returns one time, most urgent first: the snapshot at or before t, the one after t, then one
// step further in the playback direction (prefetch, so playback never waits on the worker).
import { extrapolateInto, hermiteInto, lerpInto } from './interpolate';

export interface Snapshot {
  tUtcMs: number;
  positionsEcefKm: Float64Array;
  velocitiesEcefKmS: Float64Array | null;
  islActive: Uint8Array;
  /** Largest geocentric radius among the satellites (km), for the camera's far plane. */
  maxRadiusKm: number;
}

/** How a frame's positions were obtained (for stats and tests). */
export type FrameSource = 'none' | 'exact' | 'hermite' | 'linear' | 'extrapolated';

/** Extrapolating with velocity further than this from a snapshot is not trusted: positions are held. */
export const MAX_EXTRAPOLATE_MS = 30_000;

export function maxRadiusKm(positionsEcefKm: Float64Array): number {
  let m2 = 0;
  for (let i = 0; i + 2 < positionsEcefKm.length; i += 3) {
    const x = positionsEcefKm[i]!, y = positionsEcefKm[i + 1]!, z = positionsEcefKm[i + 2]!;
    const r2 = x * x + y * y + z * z;
    if (r2 > m2) m2 = r2; // NaN compares false: failed satellites are skipped
  }
  return Math.sqrt(m2);
}

export class SnapshotCache {
  private items: Snapshot[] = [];

  constructor(private readonly capacity = 8) {}

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items = [];
  }

  /** Add a snapshot (replacing one at the same time); evicts the one farthest from `nearMs` when full. */
  add(s: Snapshot, nearMs: number): void {
    this.items = this.items.filter((x) => x.tUtcMs !== s.tUtcMs);
    this.items.push(s);
    this.items.sort((a, b) => a.tUtcMs - b.tUtcMs);
    while (this.items.length > this.capacity) {
      let worst = 0;
      for (let i = 1; i < this.items.length; i++) if (Math.abs(this.items[i]!.tUtcMs - nearMs) > Math.abs(this.items[worst]!.tUtcMs - nearMs)) worst = i;
      this.items.splice(worst, 1);
    }
  }

  has(tUtcMs: number): boolean {
    return this.items.some((x) => x.tUtcMs === tUtcMs);
  }

  /** The latest snapshot at or before t and the earliest at or after t (equal when one sits exactly at t). */
  bracket(t: number): { lo: Snapshot | null; hi: Snapshot | null } {
    let lo: Snapshot | null = null;
    let hi: Snapshot | null = null;
    for (const s of this.items) {
      if (s.tUtcMs <= t) lo = s;
      if (s.tUtcMs >= t && hi === null) hi = s;
    }
    return { lo, hi };
  }

  /** The snapshot nearest to t. */
  nearest(t: number): Snapshot | null {
    let best: Snapshot | null = null;
    for (const s of this.items) if (!best || Math.abs(s.tUtcMs - t) < Math.abs(best.tUtcMs - t)) best = s;
    return best;
  }

  /**
   * The next snapshot time to request for showing time t with snapshots `stepMs` apart, or null
   * when everything needed is cached (or `inFlightMs` is already being computed).
   */
  nextNeeded(t: number, stepMs: number, direction: 1 | -1, inFlightMs: number | null): number | null {
    const ta = Math.floor(t / stepMs) * stepMs;
    const tb = ta === t ? ta : ta + stepMs;
    const { lo, hi } = this.bracket(t);
    const bracketed = lo !== null && hi !== null && hi.tUtcMs - lo.tUtcMs <= 2 * stepMs;
    const candidates = bracketed ? [] : [ta, tb];
    candidates.push(direction > 0 ? tb + stepMs : ta - stepMs);
    for (const c of candidates) if (c !== inFlightMs && !this.has(c)) return c;
    return null;
  }

  /**
   * Positions at time t into `out` (3N), from the best snapshots available. `maxGapMs`: the widest
   * pair of snapshots interpolated between (wider gaps fall back to the nearest snapshot).
   */
  evaluate(t: number, out: Float64Array, maxGapMs: number): { source: FrameSource; snapshot: Snapshot | null } {
    const { lo, hi } = this.bracket(t);
    if (lo && lo === hi) {
      out.set(lo.positionsEcefKm);
      return { source: 'exact', snapshot: lo };
    }
    if (lo && hi && hi.tUtcMs - lo.tUtcMs <= maxGapMs) {
      const dtMs = hi.tUtcMs - lo.tUtcMs;
      const s = (t - lo.tUtcMs) / dtMs;
      const near = s < 0.5 ? lo : hi;
      if (lo.velocitiesEcefKmS && hi.velocitiesEcefKmS) {
        hermiteInto(out, lo.positionsEcefKm, lo.velocitiesEcefKmS, hi.positionsEcefKm, hi.velocitiesEcefKmS, dtMs / 1000, s);
        return { source: 'hermite', snapshot: near };
      }
      lerpInto(out, lo.positionsEcefKm, hi.positionsEcefKm, s);
      return { source: 'linear', snapshot: near };
    }
    const n = this.nearest(t);
    if (!n) return { source: 'none', snapshot: null };
    const dtMs = Math.max(-MAX_EXTRAPOLATE_MS, Math.min(MAX_EXTRAPOLATE_MS, t - n.tUtcMs));
    extrapolateInto(out, n.positionsEcefKm, n.velocitiesEcefKmS, dtMs / 1000);
    return { source: 'extrapolated', snapshot: n };
  }
}
