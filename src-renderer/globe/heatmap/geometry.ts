// Hexagon meshes of the H3 analysis cells, built once per grid. Each cell is a triangle fan
// around its centre, in ECEF metres a little above the ellipsoid so the flat triangles (whose
// chords sag up to ~0.3 km under the curved surface at res 3) are not hidden by the globe.
// Vertices are 3D points, never lon/lat rings, so cells that cross the antimeridian (their
// boundary jumps from +180 to -180 degrees) need no special case.
import { cellToBoundary } from 'h3-js';
import { cartesianFromDegreesKm } from '../units';

/** Height of the heatmap above the ellipsoid (km). */
export const HEATMAP_HEIGHT_KM = 2;

export interface CellMesh {
  /** ECEF metres, xyz: centre then boundary vertices. */
  positions: Float64Array;
  /** Triangle fan indices (centre = 0). */
  indices: Uint16Array;
}

export function cellMesh(h3: string, heightKm = HEATMAP_HEIGHT_KM): CellMesh {
  const ring = cellToBoundary(h3); // [lat, lon] pairs
  const n = ring.length;
  const positions = new Float64Array(3 * (n + 1));
  // Centre: mean of the boundary in 3D, pushed back out to the surface height.
  let cx = 0, cy = 0, cz = 0;
  for (let i = 0; i < n; i++) {
    const [lat, lon] = ring[i]!;
    const p = cartesianFromDegreesKm(lon, lat, heightKm);
    positions[3 * (i + 1)] = p.x;
    positions[3 * (i + 1) + 1] = p.y;
    positions[3 * (i + 1) + 2] = p.z;
    cx += p.x;
    cy += p.y;
    cz += p.z;
  }
  const len = Math.hypot(cx, cy, cz);
  const r = Math.hypot(positions[3]!, positions[4]!, positions[5]!);
  positions[0] = (cx / len) * r;
  positions[1] = (cy / len) * r;
  positions[2] = (cz / len) * r;
  const indices = new Uint16Array(3 * n);
  for (let i = 0; i < n; i++) {
    indices[3 * i] = 0;
    indices[3 * i + 1] = i + 1;
    indices[3 * i + 2] = ((i + 1) % n) + 1;
  }
  return { positions, indices };
}
