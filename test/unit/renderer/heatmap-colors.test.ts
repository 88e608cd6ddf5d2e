// The heatmap's colour scales: fitted to the data (p2..p98, round stops) so Kuiper's 5-30 ms band
// spreads over the whole ramp; the Δ view is a gain (positive = better) on a symmetric diverging
// scale fitted to the cells an edit changed; unchanged cells are transparent.
import { describe, expect, it } from 'vitest';
import type { CoverageSnapshot } from '../../../src-renderer/engine/planningProtocol';
import { cellColors, diffScale, fitScale, gainOf, niceRange, percentileRange, scaleForState } from '../../../src-renderer/globe/heatmap/colors';

function snap(p50: number[], revision = 1): CoverageSnapshot {
  const n = p50.length;
  const f = (v: number) => new Float64Array(n).fill(v);
  return {
    revision,
    gridGeneration: 1,
    headline: {} as CoverageSnapshot['headline'],
    gatewayIds: [],
    gatewayShare: new Float64Array(0),
    cells: { servedPct: Float64Array.from(p50, (v) => (Number.isNaN(v) ? 0 : 100)), p50LatencyMs: Float64Array.from(p50), p95LatencyMs: Float64Array.from(p50, (v) => v * 1.5), meanVisible: f(8), longestOutageS: f(0) },
    servedPctByStep: new Float64Array(0),
    startUtcMs: 0,
    stepS: 60,
    latencyHist: { binMs: 1, weights: new Float64Array(0) },
    maxLatencyMs: 100,
    mode: 'full',
    computeMs: 1,
    edits: { added: 0, removed: 0, moved: 0 },
  };
}

/** Kuiper-like p50 values: 5..33 ms, most between 6 and 26 ms. */
const kuiper = Array.from({ length: 1000 }, (_, i) => 5 + 28 * (i / 999) ** 1.3);

describe('heatmap colour scales', () => {
  it('rounds a range to nice stops', () => {
    expect(niceRange(5.4, 25.5)).toEqual({ min: 5, max: 30, step: 5, ticks: [5, 10, 15, 20, 25, 30] });
    expect(niceRange(0.13, 0.87).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const flat = niceRange(12, 12);
    expect(flat.min).toBeLessThan(12);
    expect(flat.max).toBeGreaterThan(12);
  });

  it('fits latency to p2..p98 of the cells, ignoring never-served cells', () => {
    const s = snap([...kuiper, NaN, NaN]);
    const [lo, hi] = percentileRange(s.cells.p50LatencyMs);
    const scale = fitScale('p50', s);
    expect(scale.min).toBeLessThanOrEqual(lo);
    expect(scale.max).toBeGreaterThanOrEqual(hi);
    expect(scale.max - scale.min).toBeLessThan(2 * (hi - lo)); // not 0..60 any more
    expect(scale.ticks.length).toBeGreaterThanOrEqual(4);
    expect(scale.ticks.map(scale.tickText)).toContain(`${scale.ticks[1]}`);
    expect(scale.unit).toBe('ms one way to the PoP');
    expect(scale.note).toMatch(/p2–p98/);
  });

  it('spreads Kuiper-like latencies over many distinct colours (the old 0-60 ms scale did not)', () => {
    const s = snap(kuiper);
    const rgba = cellColors(fitScale('p50', s), s, null);
    const bins = new Set<string>();
    for (let c = 0; c < kuiper.length; c++) bins.add(`${rgba[4 * c]! >> 5},${rgba[4 * c + 1]! >> 5},${rgba[4 * c + 2]! >> 5}`);
    expect(bins.size).toBeGreaterThanOrEqual(8);
  });

  it('Δ view: before minus after for latency, blue for better, transparent where nothing changed', () => {
    const before = snap([10, 10, 10, 20, NaN]);
    const after = snap([10, 7, 12, 20, 30], 2); // cell 1 faster, 2 slower, 4 newly served
    expect(gainOf('p50', 7, 10)).toBe(3);
    expect(gainOf('served', 100, 90)).toBe(10);
    const scale = diffScale('p50', after, before);
    expect(scale.label).toBe('Δ p50 latency vs before your last edit');
    expect(scale.min).toBe(-scale.max);
    expect(scale.max).toBeGreaterThanOrEqual(3);
    expect(scale.tickText(scale.max)).toMatch(/^\+/);
    expect(scale.lowWord).toBe('slower');
    expect(scale.highWord).toBe('faster');
    const rgba = cellColors(scale, after, before);
    expect(rgba[3]).toBe(0); // unchanged
    expect(rgba[4 * 3 + 3]).toBe(0);
    const [r1, , b1] = [rgba[4], rgba[5], rgba[6]];
    const [r2, , b2] = [rgba[8], rgba[9], rgba[10]];
    expect(b1!).toBeGreaterThan(r1!); // faster: blue
    expect(r2!).toBeGreaterThan(b2!); // slower: red
    expect(rgba[4 * 4 + 3]).toBeGreaterThan(0); // newly served: saturated
  });

  it('keeps the absolute scale across edits of the same grid (colours compare before/after)', () => {
    const a = snap(kuiper);
    const b = snap(kuiper.map((v) => v * 0.5), 2);
    expect(scaleForState('p50', a, null, 'previous')).toBe(scaleForState('p50', b, null, 'previous'));
    expect(scaleForState('p50', b, a, 'previous').diff).toBe(true);
  });
});
