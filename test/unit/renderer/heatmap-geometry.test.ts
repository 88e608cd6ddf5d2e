// The heatmap's cell meshes and batches (src-renderer/globe/heatmap/geometry.ts): each H3 cell is
// a fan of n - 2 triangles from its first boundary vertex that covers the cell (area within 1 % of
// H3's own), faces outward like the rest of the globe, and every cell of a grid lands in exactly
// one batch of its own H3 base cell, so Cesium can cull the batches behind the horizon.
import { cellArea, cellToBoundary, cellToParent, getPentagons, getRes0Cells, cellToChildren, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellBatches, cellMesh, HEATMAP_HEIGHT_KM } from '../../../src-renderer/globe/heatmap/geometry';

/** Area (km2) of the mesh's triangles and whether every triangle's normal points away from the Earth's centre. */
function meshArea(h3: string): { km2: number; outward: boolean; triangles: number; vertices: number } {
  const { positions: p, indices } = cellMesh(h3, 0);
  let km2 = 0;
  let outward = true;
  for (let t = 0; t < indices.length; t += 3) {
    const at = (k: number) => ({ x: p[3 * indices[t + k]!]!, y: p[3 * indices[t + k]! + 1]!, z: p[3 * indices[t + k]! + 2]! });
    const [a, b, c] = [at(0), at(1), at(2)];
    const u = { x: b.x - a.x, y: b.y - a.y, z: b.z - a.z };
    const v = { x: c.x - a.x, y: c.y - a.y, z: c.z - a.z };
    const n = { x: u.y * v.z - u.z * v.y, y: u.z * v.x - u.x * v.z, z: u.x * v.y - u.y * v.x };
    km2 += Math.hypot(n.x, n.y, n.z) / 2 / 1e6;
    if (n.x * a.x + n.y * a.y + n.z * a.z <= 0) outward = false;
  }
  return { km2, outward, triangles: indices.length / 3, vertices: p.length / 3 };
}

describe('heatmap cell meshes', () => {
  const hexagon = latLngToCell(24.3, 54.6, 3);
  const pentagon = getPentagons(3)[0]!;
  // A res-3 cell whose boundary crosses an icosahedron edge (more than 6 vertices).
  const distorted = getRes0Cells().flatMap((c) => cellToChildren(c, 3)).find((c) => cellToBoundary(c).length > 6)!;

  for (const [what, h3] of [['hexagon', hexagon], ['pentagon (res 3: with its distortion vertices)', pentagon], ['hexagon with distortion vertices', distorted]] as const) {
    it(`a ${what} is n - 2 outward triangles covering the cell (area within 1 % of H3's)`, () => {
      const n = cellToBoundary(h3).length;
      if (h3 === hexagon) expect(n).toBe(6);
      const m = meshArea(h3);
      expect(m.vertices).toBe(n);
      expect(m.triangles).toBe(n - 2);
      expect(m.outward).toBe(true);
      expect(Math.abs(m.km2 / cellArea(h3, 'km2') - 1)).toBeLessThan(0.01);
    });
  }

  it('lifts the mesh to the heatmap height above the ellipsoid', () => {
    const low = cellMesh(hexagon, 0).positions;
    const high = cellMesh(hexagon).positions;
    const r = (p: Float64Array) => Math.hypot(p[0]!, p[1]!, p[2]!);
    expect((r(high) - r(low)) / 1000).toBeCloseTo(HEATMAP_HEIGHT_KM, 3);
  });
});

describe('heatmap batches', () => {
  it('puts every cell of a grid in exactly one batch, all of one H3 base cell', () => {
    // Every third res-3 cell of the globe, in a scrambled order (a fixed permutation), so cells of
    // one base cell are not next to each other in the grid.
    const all = getRes0Cells().flatMap((c) => cellToChildren(c, 3)).filter((_, i) => i % 3 === 0);
    const ids = all.map((_, i) => all[(i * 7919) % all.length]!);
    expect(new Set(ids).size).toBe(all.length);
    const batches = cellBatches(ids);
    const seen = new Array<number>(ids.length).fill(0);
    for (const b of batches) {
      const base = cellToParent(ids[b[0]!]!, 0);
      for (const c of b) {
        seen[c]!++;
        expect(cellToParent(ids[c]!, 0)).toBe(base);
      }
      expect([...b].sort((x, y) => x - y)).toEqual(b);
    }
    expect(seen.every((k) => k === 1)).toBe(true);
    expect(batches.length).toBeLessThanOrEqual(122);
    expect(new Set(batches.map((b) => cellToParent(ids[b[0]!]!, 0))).size).toBe(batches.length);
  });
});
