// Bulk SGP4 propagation of a whole catalogue into flat typed arrays (xyz-interleaved, 3N).
// Near-Earth satellites (every LEO shell) run through an allocation-free port of satellite.js's
// SGP4 over packed constants (sgp4-near-earth.ts, bit-identical results); deep-space records use
// satellite.js `sgp4()` directly. Epochs are precomputed in ms (no Date/jday work per satellite) and
// the TEME -> ECEF rotation is done once per step. The WASM BulkPropagator of satellite.js 7 was
// measured too (test/bench/propagation.bench.ts): it is about as fast as this path (within ~15%)
// but needs async set-up, Date arrays, manual disposal and gives TEME only, so it is not used.
// Failures (decayed, invalid elements) give NaN and failed[i] = 1.
import { sgp4, type SatRec } from 'satellite.js';
import type { UtcMs } from '../units';
import { gmstRad, JD_UNIX_EPOCH, MS_PER_DAY } from '../time/index';
import { temeToEcefBulkByGmst } from '../frames/teme';
import { packNearEarth, sgp4NearEarth } from './sgp4-near-earth';

/** errorCode value for a propagation that produced NaN without an SGP4 error code. */
export const NAN_RESULT = 255;

export class Propagator {
  /** Number of satellites (catalogue order). */
  readonly count: number;
  /** 1 where the latest propagation failed (positions are NaN there), else 0. */
  readonly failed: Uint8Array;
  /** satellite.js SatRecError of the latest propagation (0 = none, 6 = decayed, ...). */
  readonly errorCode: Uint8Array;
  private readonly satrecs: readonly SatRec[];
  /** Element-set epochs, UTC ms (from jdsatepoch), so tsince needs no Julian-date work per satellite. */
  private readonly epochMs: Float64Array;
  /** Catalogue indices of near-Earth records (packed) and of deep-space records (satellite.js path). */
  private readonly nearIndex: Int32Array;
  private readonly deepIndex: Int32Array;
  private readonly packed: Float64Array;
  /** Latest number of failed satellites. */
  failedCount = 0;

  constructor(satrecs: readonly SatRec[]) {
    this.satrecs = satrecs;
    this.count = satrecs.length;
    this.failed = new Uint8Array(this.count);
    this.errorCode = new Uint8Array(this.count);
    this.epochMs = new Float64Array(this.count);
    for (let i = 0; i < this.count; i++) this.epochMs[i] = (satrecs[i]!.jdsatepoch - JD_UNIX_EPOCH) * MS_PER_DAY;
    const near: number[] = [];
    const deep: number[] = [];
    satrecs.forEach((r, i) => (r.method === 'n' ? near : deep).push(i));
    this.nearIndex = Int32Array.from(near);
    this.deepIndex = Int32Array.from(deep);
    this.packed = packNearEarth(near.map((i) => satrecs[i]!));
  }

  /** Number of deep-space (SDP4) records, which take the slower satellite.js path. */
  get deepSpaceCount(): number {
    return this.deepIndex.length;
  }

  /**
   * SGP4 positions (km) and optionally velocities (km/s) in TEME at UTC time `t`, written
   * xyz-interleaved into `outPositionsTemeKm` (length >= 3N). Returns the number of failures.
   */
  propagateTeme(t: UtcMs | number, outPositionsTemeKm: Float64Array, outVelocityTemeKmS?: Float64Array): number {
    const n = this.count;
    if (outPositionsTemeKm.length < 3 * n) throw new RangeError(`positions array needs ${3 * n} values, got ${outPositionsTemeKm.length}`);
    if (outVelocityTemeKmS && outVelocityTemeKmS.length < 3 * n) throw new RangeError(`velocity array needs ${3 * n} values, got ${outVelocityTemeKmS.length}`);
    const satrecs = this.satrecs;
    const epochMs = this.epochMs;
    const failed = this.failed;
    const errorCode = this.errorCode;
    const out = outPositionsTemeKm;
    const outV = outVelocityTemeKmS;
    let failures = 0;
    const nearIndex = this.nearIndex;
    const packed = this.packed;
    for (let k = 0; k < nearIndex.length; k++) {
      const i = nearIndex[k]!;
      const j = 3 * i;
      const err = sgp4NearEarth(packed, k, (t - epochMs[i]!) / 60000, out, outV, j);
      if (err === 0 && out[j] === out[j]) {
        failed[i] = 0;
        errorCode[i] = 0;
        continue;
      }
      out[j] = out[j + 1] = out[j + 2] = Number.NaN;
      if (outV) outV[j] = outV[j + 1] = outV[j + 2] = Number.NaN;
      failed[i] = 1;
      errorCode[i] = err || NAN_RESULT;
      failures++;
    }
    const deepIndex = this.deepIndex;
    for (let k = 0; k < deepIndex.length; k++) {
      const i = deepIndex[k]!;
      const rec = satrecs[i]!;
      const j = 3 * i;
      // sgp4 returns null on error; a NaN result (non-numeric elements) is treated the same way.
      const r = sgp4(rec, (t - epochMs[i]!) / 60000);
      if (r === null || r.position.x !== r.position.x) {
        out[j] = out[j + 1] = out[j + 2] = Number.NaN;
        if (outV) outV[j] = outV[j + 1] = outV[j + 2] = Number.NaN;
        failed[i] = 1;
        errorCode[i] = rec.error || NAN_RESULT;
        failures++;
        continue;
      }
      const p = r.position;
      out[j] = p.x;
      out[j + 1] = p.y;
      out[j + 2] = p.z;
      if (outV) {
        const v = r.velocity;
        outV[j] = v.x;
        outV[j + 1] = v.y;
        outV[j + 2] = v.z;
      }
      failed[i] = 0;
      errorCode[i] = 0;
    }
    this.failedCount = failures;
    return failures;
  }

  /**
   * Positions (km) and optionally velocities (km/s, Earth-fixed: include -omega x r) in ECEF at UTC
   * time `t`, xyz-interleaved. TEME -> ECEF by GMST only (UT1 taken as UTC, polar motion neglected).
   * Returns the number of failures (NaN entries).
   */
  propagateEcef(t: UtcMs | number, outPositionsEcefKm: Float64Array, outVelocityEcefKmS?: Float64Array): number {
    const failures = this.propagateTeme(t, outPositionsEcefKm, outVelocityEcefKmS);
    temeToEcefBulkByGmst(gmstRad(t), outPositionsEcefKm, outPositionsEcefKm, outVelocityEcefKmS, outVelocityEcefKmS);
    return failures;
  }

  /** Convenience: a fresh 3N ECEF position array (km) at `t`. Prefer the `out` form in loops. */
  positionsEcefKm(t: UtcMs | number): Float64Array {
    const out = new Float64Array(3 * this.count);
    this.propagateEcef(t, out);
    return out;
  }
}
