// The latency bound's data: first-pass per-sample gains of the candidates (docs/OPTIMIZER.md, "LP dual").
import type { SampleGains } from './bound';
import type { SampleCapture } from './objective';

/** Per-sample gains kept for the latency bound's dual, at most this many (sample, gain) pairs (8 bytes each). */
export const MAX_KEPT_SAMPLES = 6_000_000;

/**
 * Gains are stored as float32 (8 bytes a pair with the sample id instead of 12: on the bench 2.9 M
 * pairs, and first touches of fresh memory are what this costs), rounded up: x (1 + 2^-22) then
 * to nearest is >= the gain, and the dual's D only grows with the gains, so it stays an upper bound.
 */
const ROUND_UP = 1 + 2 ** -22;

/**
 * First-pass per-sample gains of the candidates with the largest gains, within MAX_KEPT_SAMPLES.
 * Appended to one buffer sized at the cap (no copy per candidate, none at the end unless some
 * were evicted: then the holes are compacted away).
 */
export class KeptSamples {
  private readonly entries = new Map<number, { off: number; len: number; gain: number }>();
  private total = 0; // pairs of the kept entries
  private used = 0; // pairs in the buffer (evicted ones included)
  // Allocated at the cap on the first offer: zero-filled pages are only mapped as they are
  // written, so this costs what is used, and nothing is copied to grow (doubling from 64 k had
  // cost ~130 ms a run on the bench's 2.9 M pairs, profiled under load).
  private idx = new Int32Array(0);
  private val = new Float32Array(0);

  /** `sampleCount`: the sample id range (steps x cells); `maxPairs`: the memory cap. */
  constructor(private readonly sampleCount: number, private readonly maxPairs = MAX_KEPT_SAMPLES) {}

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
    this.idx.set(c.idx.subarray(0, n), this.used);
    const val = this.val, from = c.val, at = this.used;
    for (let k = 0; k < n; k++) val[at + k] = Math.fround(from[k]! * ROUND_UP);
    this.entries.set(j, { off: this.used, len: n, gain });
    this.used += n;
    this.total += n;
  }

  /** Room for `need` pairs in all (`used` counted): drops the evicted entries' pairs; doubles when that is not enough. */
  private grow(need: number): void {
    const live = [...this.entries.values()];
    const required = this.total + (need - this.used);
    const size = required <= this.idx.length ? this.idx.length : Math.max(2 * this.idx.length, required, this.maxPairs);
    const idx = new Int32Array(size), val = new Float32Array(size);
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

  /** CSR of the kept candidates (in the order they came), and per sample id the best gain among `chosen` (the dual's start). */
  gains(chosen: readonly number[]): { gains: SampleGains; start: Float64Array } {
    if (this.total !== this.used) this.grow(this.used); // evictions left holes: compact
    const list = [...this.entries.values()]; // insertion order = buffer order
    const start = new Int32Array(list.length + 1);
    list.forEach((e, i) => (start[i + 1] = start[i]! + e.len));
    const best = new Float64Array(this.sampleCount);
    for (const j of chosen) {
      const e = this.entries.get(j);
      if (!e) continue;
      for (let k = e.off; k < e.off + e.len; k++) if (this.val[k]! > best[this.idx[k]!]!) best[this.idx[k]!] = this.val[k]!;
    }
    return { gains: { start, idx: this.idx.subarray(0, this.used), val: this.val.subarray(0, this.used) }, start: best };
  }
}
