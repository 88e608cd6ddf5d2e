// Smooth motion between engine snapshots: cubic Hermite interpolation of ECEF positions using the
// ECEF velocities the worker returns with each snapshot, and the policy that picks the snapshot
// step from the playback rate. Pure math on typed arrays (no three, no Cesium) so it is unit-tested
// in Node.
//
// Why Hermite: a satellite at ~7,000 km radius turns about 0.064 rad per minute. Between snapshots
// h apart, the straight chord (linear interpolation) sags by r(1 - cos(theta/2)) ~ r theta^2 / 8:
// 3.6 km for h = 60 s, visible at regional zoom. The cubic Hermite with end velocities is exact to
// O(theta^4): ~0.3 m at 60 s, ~0.2 km at 300 s. So snapshots can be far apart in sim time at high
// playback speeds and the worker stays mostly idle.

/**
 * out = Hermite(p0, v0, p1, v1) at fraction s in [0, 1] of an interval of `dtS` seconds.
 * Positions km, velocities km/s, all xyz-interleaved 3N. NaN inputs give NaN outputs (failed
 * propagation): the caller hides those satellites.
 */
export function hermiteInto(out: Float64Array, p0: Float64Array, v0: Float64Array, p1: Float64Array, v1: Float64Array, dtS: number, s: number): void {
  const s2 = s * s;
  const s3 = s2 * s;
  const h00 = 2 * s3 - 3 * s2 + 1;
  const h10 = (s3 - 2 * s2 + s) * dtS;
  const h01 = -2 * s3 + 3 * s2;
  const h11 = (s3 - s2) * dtS;
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = h00 * p0[i]! + h10 * v0[i]! + h01 * p1[i]! + h11 * v1[i]!;
}

/** out = p0 + (p1 - p0) s: the fallback when a snapshot has no velocities. */
export function lerpInto(out: Float64Array, p0: Float64Array, p1: Float64Array, s: number): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = p0[i]! + (p1[i]! - p0[i]!) * s;
}

/** out = p + v dt: first-order extrapolation while the next snapshot is on its way. */
export function extrapolateInto(out: Float64Array, p: Float64Array, v: Float64Array | null, dtS: number): void {
  const n = out.length;
  if (!v || dtS === 0) {
    out.set(p.subarray(0, n));
    return;
  }
  for (let i = 0; i < n; i++) out[i] = p[i]! + v[i]! * dtS;
}

/** Snapshot steps in sim seconds: "nice" values so grids line up across nearby playback rates. */
export const STEP_CHOICES_S = [1, 2, 5, 10, 15, 30, 60, 120] as const;
/** Wall-clock time one snapshot step should last: ~3 snapshots per second of wall time. */
export const WALL_MS_PER_STEP = 350;

/**
 * Snapshot step (ms of sim time) for a playback rate (sim ms per wall ms). 1x -> 1 s, 60x -> 30 s,
 * 300x and faster -> 120 s (Hermite keeps 120 s steps sub-metre; see the header).
 */
export function stepMsForRate(simPerWall: number): number {
  const want = Math.abs(simPerWall) * WALL_MS_PER_STEP;
  for (const s of STEP_CHOICES_S) if (s * 1000 >= want) return s * 1000;
  return STEP_CHOICES_S[STEP_CHOICES_S.length - 1]! * 1000;
}

/**
 * Estimates the playback rate from successive setTime calls, ignoring seeks (jumps faster than
 * `maxRate`) and pauses (no change: the previous rate and step are kept, so pausing does not
 * throw away the cached snapshots).
 */
export class RateEstimator {
  private lastSim = Number.NaN;
  private lastWall = Number.NaN;
  /** Smoothed sim ms per wall ms (signed: negative = playing backwards). */
  rate = 0;
  constructor(private readonly maxRate = 5000) {}

  update(simMs: number, wallMs: number): void {
    const dSim = simMs - this.lastSim;
    const dWall = wallMs - this.lastWall;
    this.lastSim = simMs;
    this.lastWall = wallMs;
    if (!(dWall > 0) || !Number.isFinite(dSim) || dSim === 0) return;
    const r = dSim / dWall;
    if (Math.abs(r) > this.maxRate) return; // a seek, not playback
    // Frames arrive every ~16 ms; smoothing over a few of them steadies the step choice.
    this.rate = this.rate === 0 ? r : this.rate + (r - this.rate) * 0.25;
  }

  get direction(): 1 | -1 {
    return this.rate < 0 ? -1 : 1;
  }
}
