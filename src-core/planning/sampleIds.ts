// The latency bound's sample ids, coded in 16 bits where they can be (KeptSamples' chunks).
//
// A candidate's captured sample ids ascend (objective.ts: steps in order, cells sorted in each),
// so each is stored as its difference from the one before (the first: from 0) in one uint16 when
// that is in [0, 0xFFFF), else as 0xFFFF followed by the id's high and low 16 bits (any id in
// [0, 2^31), in any order). On the optimizer bench that is 2 bytes instead of 4 for each of 2.9 M
// pairs, and first touches of fresh memory are most of what keeping them costs (docs/OPTIMIZER.md).

const ESCAPE = 0xffff;
/** Uint16s one id takes coded, at most (an escape and the id's two halves). */
export const MAX_CODED_PER_ID = 3;

/** Uint16s that `n` ids of `src` take coded. */
export function codedLength(src: Int32Array, n: number): number {
  let len = n, prev = 0;
  for (let k = 0; k < n; k++) {
    const d = src[k]! - prev;
    if (d < 0 || d >= ESCAPE) len += 2;
    prev = src[k]!;
  }
  return len;
}

/** Codes `n` ids of `src` into `out` from `at`; returns the end. */
export function encodeIds(src: Int32Array, n: number, out: Uint16Array, at: number): number {
  let p = at, prev = 0;
  for (let k = 0; k < n; k++) {
    const id = src[k]!, d = id - prev;
    if (d >= 0 && d < ESCAPE) out[p++] = d;
    else {
      out[p++] = ESCAPE;
      out[p++] = id >>> 16;
      out[p++] = id & 0xffff;
    }
    prev = id;
  }
  return p;
}

/** Decodes `n` ids coded in `ids` from `at` into `out` (from 0); returns where the coded ids end. */
export function decodeIds(ids: Uint16Array, at: number, n: number, out: Int32Array): number {
  let p = at, id = 0;
  for (let k = 0; k < n; k++) {
    const d = ids[p++]!;
    if (d === ESCAPE) {
      id = (ids[p]! << 16) | ids[p + 1]!;
      p += 2;
    } else id += d;
    out[k] = id;
  }
  return p;
}

/** Decodes rows of coded ids into one scratch array, grown as rows need (a row's ids stay valid until the next decode). */
export class IdDecoder {
  private buf = new Int32Array(0);

  decode(ids: Uint16Array, at: number, n: number): Int32Array {
    if (this.buf.length < n) this.buf = new Int32Array(Math.max(n, 2 * this.buf.length));
    decodeIds(ids, at, n, this.buf);
    return this.buf;
  }
}

/**
 * Sum over `n` pairs of (val[off + k] - over[id_k])^+, the ids coded in `ids` from `at`: decoded
 * as they are read (no scratch), for KeptSamples.marginal.
 */
export function sumAbove(ids: Uint16Array, at: number, val: Float32Array, off: number, n: number, over: Float64Array): number {
  let p = at, id = 0, s = 0;
  for (let k = off, end = off + n; k < end; k++) {
    const d = ids[p++]!;
    if (d === ESCAPE) {
      id = (ids[p]! << 16) | ids[p + 1]!;
      p += 2;
    } else id += d;
    const m = val[k]! - over[id]!;
    if (m > 0) s += m;
  }
  return s;
}
