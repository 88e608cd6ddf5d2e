import { describe, expect, it } from 'vitest';
import { cellToParent, getResolution } from 'h3-js';
import { demandForResolution, landCells, landCellSet } from '../../../src-core/geo';
import demandJson from '../../../assets/data/demand-h3.json';

describe('demand grid', () => {
  it('ships resolution-4 parallel arrays with a source note', () => {
    expect(demandJson.resolution).toBe(4);
    expect(demandJson.cells.length).toBe(demandJson.population.length);
    expect(demandJson.source).toMatch(/GeoNames/);
    expect(getResolution(demandJson.cells[0]!)).toBe(4);
  });

  it('total population is plausible for GeoNames places of 1,000+ people (2.5 to 3.5 billion)', () => {
    const d = demandForResolution(4);
    expect(d.totalPopulation).toBeGreaterThan(2.5e9);
    expect(d.totalPopulation).toBeLessThan(3.5e9);
    expect(d.population.every((p) => p > 0 && Number.isInteger(p))).toBe(true);
  });

  it('aggregation to coarser resolutions preserves the total (1e-9 relative) and parents', () => {
    const base = demandForResolution(4);
    for (const res of [0, 1, 2, 3]) {
      const d = demandForResolution(res);
      expect(d.resolution).toBe(res);
      expect(Math.abs(d.totalPopulation - base.totalPopulation) / base.totalPopulation).toBeLessThan(1e-9);
      let sum = 0;
      for (const p of d.population) sum += p;
      expect(Math.abs(sum - base.totalPopulation) / base.totalPopulation).toBeLessThan(1e-9);
      expect(new Set(d.cells).size).toBe(d.cells.length);
      expect(d.cells.every((c) => getResolution(c) === res)).toBe(true);
    }
    // res 3 cells are exactly the parents of the res 4 cells
    const parents = new Set(base.cells.map((c) => cellToParent(c, 3)));
    expect(new Set(demandForResolution(3).cells)).toEqual(parents);
  });

  it('is cached', () => {
    expect(demandForResolution(3)).toBe(demandForResolution(3));
  });

  it('rejects impossible resolutions', () => {
    expect(() => demandForResolution(-1)).toThrow(RangeError);
    expect(() => demandForResolution(2.5)).toThrow(RangeError);
  });
});

describe('land cells', () => {
  it('resolutions 0..3 are shipped, sorted, and cover roughly the land fraction of the globe', () => {
    // H3 cell counts: 122 at res 0, then x7 (+2): 842, 5882, 41162.
    const totals = [122, 842, 5882, 41162];
    for (let res = 0; res <= 3; res++) {
      const cells = landCells(res);
      expect(cells.every((c) => getResolution(c) === res)).toBe(true);
      expect([...cells].sort()).toEqual(cells);
      const frac = cells.length / totals[res]!;
      // Land is ~29% of the surface; city cells and coarse cells along coasts add some.
      expect(frac).toBeGreaterThan(0.25);
      expect(frac).toBeLessThan(res === 0 ? 0.9 : 0.6);
    }
  });

  it('every demand cell is a land cell at resolutions 0..3', () => {
    for (let res = 0; res <= 3; res++) {
      const land = landCellSet(res);
      expect(demandForResolution(res).cells.filter((c) => !land.has(c))).toEqual([]);
    }
  });

  it('derives resolution 4 on demand', () => {
    const r4 = landCells(4);
    expect(r4.length).toBeGreaterThan(landCells(3).length * 5);
    expect(r4.length).toBeLessThan(landCells(3).length * 8);
    const land3 = landCellSet(3);
    expect(r4.every((c) => land3.has(cellToParent(c, 3)))).toBe(true);
  });
});
