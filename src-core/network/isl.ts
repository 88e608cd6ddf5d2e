// Laser crosslink (ISL) topology: the +Grid mesh per Walker shell, and per-step link lengths and
// availability. The topology is built once per constellation edit; lengths are refreshed every
// time step into caller-owned buffers (no allocation per step).
//
// +Grid: each satellite has 4 optical terminals: fore/aft in its own plane (slot s <-> s+1, with
// wrap-around) and left/right to the neighbouring planes (plane p slot s <-> plane p+1 slot
// s + crossPlanePhaseOffset). Each satellite "owns" its fore and right links, so a full shell of
// P x S satellites has exactly 2PS unique links and every satellite has degree 4.
//
// The seam (plane P-1 -> plane 0). In a Walker delta i:T/P/F the argument of latitude of plane p,
// slot s is u = 360*s/S + 360*F*p/T (T = P*S), so a virtual plane P would sit F slots ahead of
// plane 0. The seam link therefore goes from plane P-1 slot s to plane 0 slot
// (s + crossPlanePhaseOffset + F) mod S, which keeps it as short as every other cross-plane link
// (geometrically adjacent) instead of skewing by F slots. For a Walker star (RAAN spread < 360 deg)
// planes P-1 and 0 are counter-rotating: no seam links are made (as in Iridium), so edge planes
// have degree 3. Shells without an ISL-capable grid (imported element sets, islEnabled false) get
// no links. Shells with 1 plane get no cross-plane links; with 1 or 2 slots per plane the
// duplicate fore/aft links are dropped.
//
// Phasing F and RAAN spread are read from the catalog's ShellInfo when it carries them
// (`phasingF`, `raanSpreadDeg`), else from the optional `walker` argument matched by shell id,
// else F = 0 and a 360 deg spread are assumed.
import type { SatelliteCatalog, ShellInfo } from '../constellation/types';
import type { Scenario } from '../scenario/schema';
import { maxIslLengthKm } from '../frames';
import { EARTH_MEAN_RADIUS_KM } from '../units';
import { carriesTraffic } from '../constellation/status';

export interface IslTopology {
  count: number;
  a: Int32Array;
  b: Int32Array;
  /** 0 intra-plane fore/aft, 1 cross-plane */
  kind: Uint8Array;
  /** 1 = crosses the Walker seam (last plane -> plane 0) */
  seam: Uint8Array;
}

export const ISL_INTRA_PLANE = 0;
export const ISL_CROSS_PLANE = 1;

/** Walker phasing per shell, for catalogs whose ShellInfo does not carry it. */
export interface WalkerPhasing {
  id: string;
  phasingF: number;
  raanSpreadDeg?: number;
}

type ShellWithPhasing = ShellInfo & { phasingF?: number; raanSpreadDeg?: number };


/** Build the +Grid topology for every ISL-capable Walker shell. Deterministic order: shell, plane, slot; fore link then right link. */
export function buildPlusGrid(catalog: SatelliteCatalog, isl: Scenario['isl'], walker?: readonly WalkerPhasing[]): IslTopology {
  const a: number[] = [];
  const b: number[] = [];
  const kind: number[] = [];
  const seam: number[] = [];
  if (!isl.enabled) return pack(a, b, kind, seam);
  const seen = new Set<number>();
  const N = catalog.count;
  const add = (u: number, v: number, k: number, s: number): void => {
    if (u === v) return;
    const key = u < v ? u * N + v : v * N + u;
    if (seen.has(key)) return;
    seen.add(key);
    a.push(u);
    b.push(v);
    kind.push(k);
    seam.push(s);
  };

  catalog.shells.forEach((shellInfo, shellIdx) => {
    const shell = shellInfo as ShellWithPhasing;
    // Walker shells and imported shells with an inferred grid (planes x satsPerPlane > 0).
    if (!shell.islEnabled) return;
    const P = shell.planes;
    const S = shell.satsPerPlane;
    if (P <= 0 || S <= 0) return;
    const w = walker?.find((x) => x.id === shell.id);
    const F = shell.phasingF ?? w?.phasingF ?? 0;
    const spreadDeg = shell.raanSpreadDeg ?? w?.raanSpreadDeg ?? 360;
    const isDelta = spreadDeg >= 360 - 1e-9;
    // (plane, slot) -> satellite index; -1 where the slot is empty (partial rollout).
    const grid = new Int32Array(P * S).fill(-1);
    for (let i = 0; i < N; i++) {
      if (catalog.shellIndex[i] !== shellIdx) continue;
      const p = catalog.plane[i]!;
      const s = catalog.slot[i]!;
      if (p >= 0 && p < P && s >= 0 && s < S) grid[p * S + s] = i;
    }
    const off = mod(isl.crossPlanePhaseOffset, S);
    for (let p = 0; p < P; p++) {
      for (let s = 0; s < S; s++) {
        const u = grid[p * S + s]!;
        if (u < 0) continue;
        if (S > 1) {
          const fore = grid[p * S + ((s + 1) % S)]!;
          if (fore >= 0) add(u, fore, ISL_INTRA_PLANE, 0);
        }
        if (P > 1) {
          if (p < P - 1) {
            const right = grid[(p + 1) * S + ((s + off) % S)]!;
            if (right >= 0) add(u, right, ISL_CROSS_PLANE, 0);
          } else if (isDelta) {
            const right = grid[mod(s + off + F, S)]!;
            if (right >= 0) add(u, right, ISL_CROSS_PLANE, 1);
          }
        }
      }
    }
  });
  return pack(a, b, kind, seam);
}

function mod(x: number, m: number): number {
  return ((x % m) + m) % m;
}

function pack(a: number[], b: number[], kind: number[], seam: number[]): IslTopology {
  return { count: a.length, a: Int32Array.from(a), b: Int32Array.from(b), kind: Uint8Array.from(kind), seam: Uint8Array.from(seam) };
}

/**
 * Per step: link length (km) and whether it is usable. Active iff both ends have finite positions,
 * both ends carry traffic (operational: constellation/status), and length <= min(maxLengthKm ?? inf, grazing limit).
 * Approximation: the grazing limit (frames' maxIslLengthKm) treats the Earth as a sphere of mean
 * radius and uses each satellite's instantaneous geocentric radius minus that radius as its
 * altitude (so eccentric or raising orbits are judged where they are, not at the shell's nominal
 * altitude). ~5,440 km for two satellites at 630 km with an 80 km grazing height. The WGS84
 * equator bulges ~7 km above the mean sphere, so a link at the limit over the equator grazes at
 * ~73 km instead of 80.
 */
export function updateIslLengths(topo: IslTopology, positionsEcefKm: Float64Array, catalog: SatelliteCatalog, isl: Scenario['isl'], outLengthKm: Float64Array, outActive: Uint8Array): void {
  const grazeKm = isl.grazingHeightKm;
  const R = EARTH_MEAN_RADIUS_KM;
  const capKm = isl.maxLengthKm ?? Infinity;
  const { a, b } = topo;
  const pos = positionsEcefKm;
  const status = catalog.status;
  for (let i = 0; i < topo.count; i++) {
    const u = a[i]! * 3;
    const v = b[i]! * 3;
    const ux = pos[u]!, uy = pos[u + 1]!, uz = pos[u + 2]!;
    const vx = pos[v]!, vy = pos[v + 1]!, vz = pos[v + 2]!;
    const dx = vx - ux, dy = vy - uy, dz = vz - uz;
    const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
    outLengthKm[i] = len;
    const limit = Math.min(capKm, maxIslLengthKm(Math.sqrt(ux * ux + uy * uy + uz * uz) - R, Math.sqrt(vx * vx + vy * vy + vz * vz) - R, grazeKm));
    // NaN positions (failed propagation) compare false and leave the link inactive.
    outActive[i] = len <= limit && carriesTraffic(status[a[i]!]!) && carriesTraffic(status[b[i]!]!) ? 1 : 0;
  }
}
