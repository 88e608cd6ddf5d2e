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
 * Estimates the playback rate from successive setTime calls over a window of about `windowMs` of
 * wall time (single frames are too noisy: rAF bunching after a stall looks like a burst of speed),
 * ignoring seeks (jumps faster than `maxRate`, which restart the window) and pauses (no change:
 * the previous rate is kept, so pausing does not throw away the cached snapshots).
 */
export class RateEstimator {
  private readonly wall: number[] = [];
  private readonly sim: number[] = [];
  /** Sim ms per wall ms over the window (signed: negative = playing backwards). */
  rate = 0;
  constructor(
    private readonly maxRate = 5000,
    private readonly windowMs = 1000,
  ) {}

  update(simMs: number, wallMs: number): void {
    const k = this.sim.length - 1;
    if (k >= 0) {
      const dSim = simMs - this.sim[k]!;
      const dWall = wallMs - this.wall[k]!;
      if (dSim === 0) return; // paused, or the same time again
      if (!(dWall > 0) || Math.abs(dSim / Math.max(dWall, 1)) > this.maxRate) {
        // A seek: start a new window from here.
        this.sim.length = 0;
        this.wall.length = 0;
      }
    }
    this.sim.push(simMs);
    this.wall.push(wallMs);
    while (this.wall.length > 2 && wallMs - this.wall[1]! >= this.windowMs) {
      this.wall.shift();
      this.sim.shift();
    }
    const span = wallMs - this.wall[0]!;
    if (span > 0) this.rate = (simMs - this.sim[0]!) / span;
  }

  get direction(): 1 | -1 {
    return this.rate < 0 ? -1 : 1;
  }
}

/**
 * Step hysteresis: a larger step is taken at once (faster playback must not starve), a smaller one
 * only after it has been wanted for `holdMs` of wall time, so noise near a boundary does not flip
 * the snapshot grid (each flip costs new snapshot requests).
 */
export class StepPolicy {
  stepMs = STEP_CHOICES_S[0] * 1000;
  private smallerSince = Number.NaN;
  constructor(private readonly holdMs = 1000) {}

  update(simPerWall: number, wallMs: number): number {
    const want = stepMsForRate(simPerWall);
    if (want > this.stepMs) {
      this.stepMs = want;
      this.smallerSince = Number.NaN;
    } else if (want < this.stepMs) {
      if (Number.isNaN(this.smallerSince)) this.smallerSince = wallMs;
      else if (wallMs - this.smallerSince >= this.holdMs) {
        this.stepMs = want;
        this.smallerSince = Number.NaN;
      }
    } else {
      this.smallerSince = Number.NaN;
    }
    return this.stepMs;
  }
}
