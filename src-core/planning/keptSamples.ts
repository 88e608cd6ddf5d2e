// The latency bound's data: first-pass per-sample gains of the candidates (docs/OPTIMIZER.md, "LP dual").
import type { SampleRows } from './bound';
import type { SampleCapture } from './objective';
import { codedLength, encodeIds, IdDecoder, MAX_CODED_PER_ID, sumAbove } from './sampleIds';

/**
 * Per-sample gains kept for the latency bound's dual, at most this many (sample, gain) pairs (6
 * bytes each with the ids coded, ~290 MB; the buffer grows to it only as offers need, see
 * CHUNK_PAIRS). On the default scenario, Suggest next 20 offers 10.0 M pairs at the app's default
 * 24 steps and 40 M at the default window's 96 (the CLI's): with every candidate kept the bound is
 * 1.10 % and 1.19 % of the gain. At 12 M the 96-step bound was 2.96 % (2,251 candidates held as
 * one number), 6 M had left 24 steps at 2.75 % (docs/OPTIMIZER.md).
 */
export const MAX_KEPT_SAMPLES = 48_000_000;

/**
 * Pairs per chunk of the buffer (6 MB; an offer larger than this gets a chunk of its own size).
 * The buffer is a list of chunks allocated as offers need them, never copied to grow: V8 counts an
 * ArrayBuffer's whole length as external memory as soon as it is allocated, and 64 MB of that since
 * the last full collection starts another one. The 16 M-pair buffer allocated at the first offer
 * (128 MB, of which the bench used 23 MB) started two extra full collections per bench run
 * (`--trace-incremental-marking`: "external memory pressure", docs/BENCHMARKS.md, twenty-sixth
 * session), ~100 ms of marking in a ~2.5 s run; doubling a single buffer from 64 k pairs instead
 * had cost ~130 ms of copies.
 */
export const CHUNK_PAIRS = 1 << 20;

/**
 * Gains are stored as float32 (6 bytes a pair with the coded sample id instead of 12: on the bench
 * 2.9 M pairs, and first touches of fresh memory are what this costs), rounded up: x (1 + 2^-22) then
 * to nearest is >= the gain, and the dual's D only grows with the gains, so it stays an upper bound.
 */
export const ROUND_UP = 1 + 2 ** -22;

/**
 * Room in the buffer beyond the cap, as a share of it: evictions leave holes, and the buffer is
 * compacted (in place) only when an offer does not fit and no chunk may be added, so each
 * compaction is paid for by at least this share of the cap appended since the one before. With
 * none, once evictions began every offer compacted the whole buffer: the app's "Suggest next 20"
 * on the default scenario (6 M pairs, the cap) spent 5.4 s compacting and 3.6 s collecting the
 * copies' garbage in a 20 s run.
 */
const SLACK = 0.25;

interface Entry {
  j: number;
  /** Its chunk, its gains' place there and its coded ids' place. */
  chunk: number;
  off: number;
  len: number;
  idsOff: number;
  idsLen: number;
  gain: number;
  /** Offer order: ties in gain evict the earlier one first. */
  seq: number;
}

interface Chunk {
  /** Sample ids, coded (sampleIds.ts), and gains. */
  ids: Uint16Array;
  val: Float32Array;
  /** Written so far (evicted entries' holes included). */
  usedIds: number;
  usedVal: number;
}

/** One kept candidate's pairs: `len` gains from `off` in `val`, their sample ids coded from `idsOff` in `ids` (decodeIds). */
export interface KeptRow {
  j: number;
  off: number;
  len: number;
  val: Float32Array;
  ids: Uint16Array;
  idsOff: number;
}

/**
 * First-pass per-sample gains of the candidates with the largest gains, within MAX_KEPT_SAMPLES.
 * Appended to a list of chunks (CHUNK_PAIRS each), added as offers need them up to the cap plus
 * SLACK: no copy per candidate or to grow; evictions leave holes, compacted away (in place, in
 * order) only when an offer does not fit and no chunk may be added. Entries lie in the chunks in
 * the order kept. Sample ids are coded in 16 bits (sampleIds.ts): 6 bytes a pair. The kept entry
 * with the smallest gain is found with a min-heap.
 */
export class KeptSamples {
  private readonly entries = new Map<number, Entry>();
  private readonly heap: Entry[] = []; // min-heap of the kept entries by (gain, seq)
  private seq = 0;
  private total = 0; // pairs of the kept entries
  private readonly chunks: Chunk[] = [];
  private cur = 0; // the chunk appended to; those after it are empty
  private capacity = 0; // pairs (gains) of every chunk
  private readonly size: number; // the buffer's largest size: the cap plus SLACK

  /** `sampleCount`: the sample id range (steps x cells); `maxPairs`: the memory cap; `chunkPairs`: a chunk's size. */
  constructor(private readonly sampleCount: number, private readonly maxPairs = MAX_KEPT_SAMPLES, private readonly chunkPairs = CHUNK_PAIRS) {
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
    // Where the current chunk holds the most n ids can take coded (nearly every offer), they are
    // coded straight into it: no pass to count them first.
    const cur = this.chunks[this.cur];
    const ci = cur !== undefined && cur.usedVal + n <= cur.val.length && cur.usedIds + MAX_CODED_PER_ID * n <= cur.ids.length ? this.cur : this.room(n, codedLength(c.idx, n));
    const chunk = this.chunks[ci]!, at = chunk.usedVal, idsAt = chunk.usedIds;
    const coded = encodeIds(c.idx, n, chunk.ids, idsAt) - idsAt;
    const val = chunk.val, from = c.val;
    for (let k = 0; k < n; k++) val[at + k] = Math.fround(from[k]! * ROUND_UP);
    const e: Entry = { j, chunk: ci, off: at, len: n, idsOff: idsAt, idsLen: coded, gain, seq: this.seq++ };
    this.entries.set(j, e);
    this.pushHeap(e);
    chunk.usedVal += n;
    chunk.usedIds += coded;
    this.total += n;
  }

  /**
   * The chunk to append n pairs (`coded` coded ids) to, at its end: the current one if they fit,
   * else the next one that fits (those after the current one are empty), else a new one while the
   * buffer is below its largest size, else the current one after compacting (then, if they still
   * do not fit, the next that fits or a new one).
   */
  private room(n: number, coded: number): number {
    const fits = (ci: number): boolean => {
      const c = this.chunks[ci]!;
      return c.usedVal + n <= c.val.length && c.usedIds + coded <= c.ids.length;
    };
    for (let pass = 0; ; pass++) {
      if (this.chunks.length > 0 && fits(this.cur)) return this.cur;
      for (let ci = this.cur + 1; ci < this.chunks.length; ci++) if (fits(ci)) return (this.cur = ci);
      if (pass > 0 || this.capacity + Math.max(this.chunkPairs, n) <= this.size) break;
      this.compact();
    }
    const len = Math.max(this.chunkPairs, n);
    this.chunks.push({ ids: new Uint16Array(Math.max(len, coded)), val: new Float32Array(len), usedIds: 0, usedVal: 0 });
    this.capacity += len;
    return (this.cur = this.chunks.length - 1);
  }

  /**
   * Moves the kept entries back over the holes, in order: each to the first place after the one
   * before that it fits in. A destination never passes its source (an entry fits where it is), so
   * no entry is overwritten before it moves.
   */
  private compact(): void {
    let ci = 0, p = 0, q = 0;
    for (const e of this.entries.values()) {
      while (p + e.len > this.chunks[ci]!.val.length || q + e.idsLen > this.chunks[ci]!.ids.length) {
        ci++;
        p = q = 0;
      }
      if (ci !== e.chunk || p !== e.off || q !== e.idsOff) {
        const from = this.chunks[e.chunk]!, to = this.chunks[ci]!;
        if (ci === e.chunk) {
          to.val.copyWithin(p, e.off, e.off + e.len);
          to.ids.copyWithin(q, e.idsOff, e.idsOff + e.idsLen);
        } else {
          to.val.set(from.val.subarray(e.off, e.off + e.len), p);
          to.ids.set(from.ids.subarray(e.idsOff, e.idsOff + e.idsLen), q);
        }
        e.chunk = ci;
        e.off = p;
        e.idsOff = q;
      }
      p += e.len;
      q += e.idsLen;
    }
    this.chunks.forEach((c, i) => {
      if (i < ci) return;
      c.usedVal = i === ci ? p : 0;
      c.usedIds = i === ci ? q : 0;
    });
    this.cur = ci;
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

  /** The kept candidates in the order kept, each with its pairs' place in its chunk (valid until the next offer). */
  rows(): KeptRow[] {
    return [...this.entries.values()].map((e) => {
      const c = this.chunks[e.chunk]!;
      return { j: e.j, off: e.off, len: e.len, val: c.val, ids: c.ids, idsOff: e.idsOff };
    });
  }

  has(j: number): boolean {
    return this.entries.has(j);
  }

  /**
   * An upper bound on j's marginal gain over a set whose gain per sample id is `over` (each at
   * most the set's true gain there), from j's kept first-pass gains: sum (g_js - over_s)^+. Exact
   * but for the rounding up of the kept gains (ROUND_UP), as the objective is a facility-location
   * function (objective.ts): j's marginal gain at a sample is (g_js - G_s)^+ with G_s the set's
   * gain there. NaN when j's gains are not kept.
   */
  marginal(j: number, over: Float64Array): number {
    const e = this.entries.get(j);
    if (!e) return NaN;
    const c = this.chunks[e.chunk]!;
    return sumAbove(c.ids, e.idsOff, c.val, e.off, e.len, over);
  }

  /**
   * The kept candidates' pairs as rows (in the order they came: the dual's candidates), and per
   * sample id the best gain among `chosen` (the dual's start). Not copied: the dual reads the rows
   * where they are (coverageDual filters them, or joins them when it needs one array).
   */
  gains(chosen: readonly number[]): { gains: SampleRows; start: Float64Array } {
    const best = new Float64Array(this.sampleCount);
    const dec = new IdDecoder();
    for (const j of chosen) {
      const e = this.entries.get(j);
      if (!e) continue;
      const { ids, val } = this.chunks[e.chunk]!;
      const sid = dec.decode(ids, e.idsOff, e.len);
      for (let k = 0; k < e.len; k++) {
        const s = sid[k]!, g = val[e.off + k]!;
        if (g > best[s]!) best[s] = g;
      }
    }
    return { gains: { rows: this.rows(), pairs: this.total }, start: best };
  }
}
