// Hexagon meshes of the H3 analysis cells, built once per grid, and the spatial batches they are
// drawn in. Each cell is a triangle fan from its first boundary vertex (n - 2 triangles: 4 for a
// hexagon, where a fan around an added centre vertex took 6), in ECEF metres a little above the
// ellipsoid so the flat triangles (whose chords sag up to ~0.4 km under the curved surface at
// res 3) are not hidden by the globe. Vertices are 3D points, never lon/lat rings, so cells that
// cross the antimeridian (their boundary jumps from +180 to -180 degrees) need no special case.
//
// Why it matters: under software WebGL the heatmap's cost is mostly its triangles, not its pixels
// (the default view, lean, SwiftShader, as one primitive: 33-40 ms of an 86-97 ms frame, and
// still 25-32 ms at half resolution). So cells are drawn in batches by H3 base cell (res 0, at most 122), each its own
// draw command with its own bounding sphere: Cesium culls the batches behind the Earth's horizon
// or outside the view, and their triangles are never set up (docs/BENCHMARKS.md, fifteenth session).
import { cellToBoundary, cellToParent, getResolution } from 'h3-js';
import { cartesianFromDegreesKm } from '../units';

/** Height of the heatmap above the ellipsoid (km). */
export const HEATMAP_HEIGHT_KM = 2;

export interface CellMesh {
  /** ECEF metres, xyz: the boundary vertices in H3's order (counter-clockwise seen from above). */
  positions: Float64Array;
  /** Triangle fan indices from vertex 0: (0, i, i + 1) for i = 1 .. n - 2. */
  indices: Uint16Array;
}

export function cellMesh(h3: string, heightKm = HEATMAP_HEIGHT_KM): CellMesh {
  const ring = cellToBoundary(h3); // [lat, lon] pairs
  const n = ring.length;
  const positions = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const [lat, lon] = ring[i]!;
    const p = cartesianFromDegreesKm(lon, lat, heightKm);
    positions[3 * i] = p.x;
    positions[3 * i + 1] = p.y;
    positions[3 * i + 2] = p.z;
  }
  // H3 cells are convex (hexagons, 12 pentagons, and the extra vertices of cells that cross an
  // icosahedron edge lie on the boundary), so a fan from any vertex covers each cell exactly.
  const indices = new Uint16Array(3 * (n - 2));
  for (let i = 1; i < n - 1; i++) {
    indices[3 * (i - 1)] = 0;
    indices[3 * (i - 1) + 1] = i;
    indices[3 * (i - 1) + 2] = i + 1;
  }
  return { positions, indices };
}

/**
 * The grid's cells (indices into `ids`) grouped by their H3 base cell (res 0), in first-seen
 * order, each group in grid order. Every cell is in exactly one batch.
 */
export function cellBatches(ids: readonly string[]): number[][] {
  const byBase = new Map<string, number[]>();
  for (let c = 0; c < ids.length; c++) {
    const id = ids[c]!;
    const base = getResolution(id) === 0 ? id : cellToParent(id, 0);
    let batch = byBase.get(base);
    if (!batch) byBase.set(base, (batch = []));
    batch.push(c);
  }
  return [...byBase.values()];
}
