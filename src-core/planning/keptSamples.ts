// The latency bound's data: first-pass per-sample gains of the candidates (docs/OPTIMIZER.md, "LP dual").
import type { SampleGains } from './bound';
import type { SampleCapture } from './objective';

/**
 * Per-sample gains kept for the latency bound's dual, at most this many (sample, gain) pairs (8
 * bytes each, 384 MB; the buffer grows to it only as offers need, see INITIAL_PAIRS). On the
 * default scenario, Suggest next 20 offers 10.0 M pairs at the app's default 24 steps and 40 M at
 * the default window's 96 (the CLI's): with every candidate kept the bound is 1.10 % and 1.19 % of
 * the gain. At 12 M the 96-step bound was 2.96 % (2,251 candidates held as one number), 6 M had
 * left 24 steps at 2.75 % (docs/OPTIMIZER.md).
 */
export const MAX_KEPT_SAMPLES = 48_000_000;

/**
 * The buffer's first size in pairs (128 MB; pages are mapped only as written), and at the first
 * offer that does not fit, the cap plus SLACK (one copy): the bench (2.9 M) and the app's 24 steps
 * (10.0 M) never grow, 96 steps grows once (16 M pairs copied; doubling copied 48 M, 181 ms in a
 * profile of a ~27 s run), and a small run does not reserve the whole cap.
 */
export const INITIAL_PAIRS = 16_000_000;

/**
 * Gains are stored as float32 (8 bytes a pair with the sample id instead of 12: on the bench 2.9 M
 * pairs, and first touches of fresh memory are what this costs), rounded up: x (1 + 2^-22) then
 * to nearest is >= the gain, and the dual's D only grows with the gains, so it stays an upper bound.
 */
export const ROUND_UP = 1 + 2 ** -22;

/**
 * Room in the buffer beyond the cap, as a share of it: evictions leave holes, and the buffer is
 * compacted (in place) only when an offer does not fit, so each compaction is paid for by at least
 * this share of the cap appended since the one before. With none, once evictions began every offer
 * compacted the whole buffer: the app's "Suggest next 20" on the default scenario (6 M pairs, the
 * cap) spent 5.4 s compacting and 3.6 s collecting the copies' garbage in a 20 s run.
 */
const SLACK = 0.25;

interface Entry {
  j: number;
  off: number;
  len: number;
  gain: number;
  /** Offer order: ties in gain evict the earlier one first. */
  seq: number;
}

/**
 * First-pass per-sample gains of the candidates with the largest gains, within MAX_KEPT_SAMPLES.
 * Appended to one buffer, grown once to the cap plus SLACK if need be: no copy per candidate,
 * none at the end unless some were evicted (then the holes are compacted away, in place). The kept
 * entry with the smallest gain is found with a min-heap.
 */
export class KeptSamples {
  private readonly entries = new Map<number, Entry>();
  private readonly heap: Entry[] = []; // min-heap of the kept entries by (gain, seq)
  private seq = 0;
  private total = 0; // pairs of the kept entries
  private used = 0; // pairs in the buffer (evicted ones included)
  // Allocated on the first offer at INITIAL_PAIRS (the cap plus SLACK if less, the offer's size if
  // more): zero-filled pages are only mapped as they are written, so this costs what is used
  // (doubling from 64 k had cost ~130 ms a run on the bench's 2.9 M pairs, profiled under load).
  private idx = new Int32Array(0);
  private val = new Float32Array(0);
  private readonly size: number; // the buffer's largest size: the cap plus SLACK

  /** `sampleCount`: the sample id range (steps x cells); `maxPairs`: the memory cap; `initialPairs`: the buffer's first size. */
  constructor(private readonly sampleCount: number, private readonly maxPairs = MAX_KEPT_SAMPLES, private readonly initialPairs = INITIAL_PAIRS) {
    this.size = maxPairs + Math.ceil(SLACK * maxPairs);
  }

  /** Every candidate offered so far is kept (none refused or evicted). */
  get complete(): boolean {
    return !this.dropped;
  }

  private dropped = false;

  offer(j: number, gain: number, c: SampleCapture): void {
    const n = c.length;
    while (this.total + n > this.maxPairs) {
      this.dropped = true;
      const worst = this.heap[0];
      if (worst === undefined || worst.gain >= gain) return;
      this.popWorst();
      this.total -= worst.len;
      this.entries.delete(worst.j);
    }
    if (this.idx.length === 0) this.resize(Math.min(this.size, Math.max(this.initialPairs, n)));
    // Grow while below the largest size; then compact if need be (total + n <= maxPairs: fits after).
    if (this.used + n > this.idx.length && this.idx.length < this.size) this.resize(this.size);
    if (this.used + n > this.idx.length) this.compact();
    this.idx.set(c.idx.subarray(0, n), this.used);
    const val = this.val, from = c.val, at = this.used;
    for (let k = 0; k < n; k++) val[at + k] = Math.fround(from[k]! * ROUND_UP);
    const e: Entry = { j, off: this.used, len: n, gain, seq: this.seq++ };
    this.entries.set(j, e);
    this.pushHeap(e);
    this.used += n;
    this.total += n;
  }

  /** A buffer of `size` pairs with the used ones copied over (holes included: compacting is for when it cannot grow). */
  private resize(size: number): void {
    const idx = new Int32Array(size), val = new Float32Array(size);
    idx.set(this.idx.subarray(0, this.used));
    val.set(this.val.subarray(0, this.used));
    this.idx = idx;
    this.val = val;
  }

  /** Moves the kept entries down over the holes, in order (a destination never passes its source). */
  private compact(): void {
    let p = 0;
    for (const e of this.entries.values()) {
      if (e.off !== p) {
        this.idx.copyWithin(p, e.off, e.off + e.len);
        this.val.copyWithin(p, e.off, e.off + e.len);
        e.off = p;
      }
      p += e.len;
    }
    this.used = p;
  }

  private static less(a: Entry, b: Entry): boolean {
    return a.gain < b.gain || (a.gain === b.gain && a.seq < b.seq);
  }

  private pushHeap(e: Entry): void {
    const h = this.heap;
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!KeptSamples.less(e, h[up]!)) break;
      h[i] = h[up]!;
      i = up;
    }
    h[i] = e;
  }

  private popWorst(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const m = l + 1 < h.length && KeptSamples.less(h[l + 1]!, h[l]!) ? l + 1 : l;
      if (!KeptSamples.less(h[m]!, last)) break;
      h[i] = h[m]!;
      i = m;
    }
    h[i] = last;
  }

  /** The kept candidates in the order kept, each with its pairs' place in `idx` / `val` (valid until the next offer). */
  rows(): { j: number; off: number; len: number; idx: Int32Array; val: Float32Array }[] {
    return [...this.entries.values()].map((e) => ({ j: e.j, off: e.off, len: e.len, idx: this.idx, val: this.val }));
  }

  has(j: number): boolean {
    return this.entries.has(j);
  }

  /** CSR of the kept candidates (in the order they came), and per sample id the best gain among `chosen` (the dual's start). */
  gains(chosen: readonly number[]): { gains: SampleGains; start: Float64Array } {
    if (this.total !== this.used) this.compact(); // evictions left holes
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
