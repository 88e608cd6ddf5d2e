// The latency bound's coded sample ids (KeptSamples keeps them in 16 bits where it can).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codedLength, decodeIds, encodeIds, sumAbove } from '../../../src-core/planning/sampleIds';

describe('sample ids, coded', () => {
  it('decode what was encoded, in any order, from any place; the length is what encoding wrote (fast-check)', () => {
    let escaped = 0;
    const id = fc.oneof(fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }));
    fc.assert(fc.property(fc.array(id, { maxLength: 200 }), fc.boolean(), fc.integer({ min: 0, max: 9 }), (list, sorted, at) => {
      const src = Int32Array.from(sorted ? [...list].sort((a, b) => a - b) : list);
      const n = src.length;
      const out = new Uint16Array(at + 3 * n + 4).fill(7);
      const end = encodeIds(src, n, out, at);
      expect(end - at).toBe(codedLength(src, n));
      if (end - at > n) escaped++;
      expect(out[end] ?? 7).toBe(7); // nothing written past the end
      const back = new Int32Array(n);
      expect(decodeIds(out, at, n, back)).toBe(end);
      expect(Array.from(back)).toEqual(Array.from(src));
    }), { numRuns: 300, seed: 3 });
    expect(escaped).toBeGreaterThan(100);
  });

  it('sumAbove reads the coded ids as decodeIds does: sum of (gain - over[id])^+ (fast-check)', () => {
    const ids = fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 199_999 })), { maxLength: 100 });
    fc.assert(fc.property(ids, fc.integer({ min: 0, max: 5 }), (list, off) => {
      const src = Int32Array.from(list);
      const n = src.length;
      const over = Float64Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 13 / 10);
      const val = Float32Array.from({ length: off + n }, (_, k) => ((k * 31) % 17) / 10);
      const coded = new Uint16Array(3 * n + 1);
      encodeIds(src, n, coded, 1);
      let want = 0;
      for (let k = 0; k < n; k++) want += Math.max(0, val[off + k]! - over[src[k]!]!);
      expect(sumAbove(coded, 1, val, off, n, over)).toBeCloseTo(want, 12);
    }), { numRuns: 200, seed: 4 });
  });

  it('ascending ids less than 0xFFFF apart take one uint16 each: the captures of the optimizer bench', () => {
    const src = Int32Array.from([0, 5, 65_534, 65_534 + 65_534, 131_068 + 65_535, 2 ** 31 - 1]);
    // 0, +5, +65,529, +65,534: one each; +65,535 and the last jump: escaped (3 each).
    expect(codedLength(src, src.length)).toBe(4 + 3 + 3);
  });
});
