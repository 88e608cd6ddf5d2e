// The latency bound's data: first-pass per-sample gains of the candidates (docs/OPTIMIZER.md, "LP dual").
import type { SampleGains } from './bound';
import type { SampleCapture } from './objective';

/** Per-sample gains kept for the latency bound's dual, at most this many (sample, gain) pairs (about 12 bytes each). */
export const MAX_KEPT_SAMPLES = 6_000_000;

/**
 * First-pass per-sample gains of the candidates with the largest gains, within MAX_KEPT_SAMPLES.
 * Appended to one growing buffer (no copy per candidate, none at the end unless some were
 * evicted); sample ids are renumbered densely as they arrive (the dual's per-sample arrays span them).
 */
export class KeptSamples {
  private readonly entries = new Map<number, { off: number; len: number; gain: number }>();
  private readonly dense: Int32Array;
  private ids = 0;
  private total = 0; // pairs of the kept entries
  private used = 0; // pairs in the buffer (evicted ones included)
  private idx = new Int32Array(1 << 16);
  private val = new Float64Array(1 << 16);

  /** `sampleCount`: the sample id range (steps x cells); `maxPairs`: the memory cap. */
  constructor(sampleCount: number, private readonly maxPairs = MAX_KEPT_SAMPLES) {
    this.dense = new Int32Array(sampleCount).fill(-1);
  }

  offer(j: number, gain: number, c: SampleCapture): void {
    const n = c.length;
    while (this.total + n > this.maxPairs) {
      let worst = -1, wg = Infinity;
      for (const [k, v] of this.entries) if (v.gain < wg) { wg = v.gain; worst = k; }
      if (worst < 0 || wg >= gain) return;
      this.total -= this.entries.get(worst)!.len;
      this.entries.delete(worst);
    }
    if (this.used + n > this.idx.length) this.grow(this.used + n);
    const { idx, dense } = this;
    for (let k = 0; k < n; k++) {
      const s = c.idx[k]!;
      if (dense[s]! < 0) dense[s] = this.ids++;
      idx[this.used + k] = dense[s]!;
    }
    this.val.set(c.val.subarray(0, n), this.used);
    this.entries.set(j, { off: this.used, len: n, gain });
    this.used += n;
    this.total += n;
  }

  /** Room for `need` pairs in all (`used` counted): drops the evicted entries' pairs; doubles when that is not enough. */
  private grow(need: number): void {
    const live = [...this.entries.values()];
    const required = this.total + (need - this.used);
    const size = required <= this.idx.length ? this.idx.length : Math.max(2 * this.idx.length, required);
    const idx = new Int32Array(size), val = new Float64Array(size);
    let p = 0;
    for (const e of live) {
      idx.set(this.idx.subarray(e.off, e.off + e.len), p);
      val.set(this.val.subarray(e.off, e.off + e.len), p);
      e.off = p;
      p += e.len;
    }
    this.idx = idx;
    this.val = val;
    this.used = p;
  }

  has(j: number): boolean {
    return this.entries.has(j);
  }

  /** CSR of the kept candidates (in the order they came; dense sample ids), and per dense id the best gain among `chosen` (the dual's start). */
  gains(chosen: readonly number[]): { gains: SampleGains; start: Float64Array } {
    if (this.total !== this.used) this.grow(this.used); // evictions left holes: compact
    const list = [...this.entries.values()]; // insertion order = buffer order
    const start = new Int32Array(list.length + 1);
    list.forEach((e, i) => (start[i + 1] = start[i]! + e.len));
    const best = new Float64Array(this.ids);
    for (const j of chosen) {
      const e = this.entries.get(j);
      if (!e) continue;
      for (let k = e.off; k < e.off + e.len; k++) if (this.val[k]! > best[this.idx[k]!]!) best[this.idx[k]!] = this.val[k]!;
    }
    return { gains: { start, idx: this.idx.subarray(0, this.used), val: this.val.subarray(0, this.used) }, start: best };
  }
}
