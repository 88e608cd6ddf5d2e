// The gateway-independent part of a coverage analysis, computed once per (constellation, grid,
// terminal, ISL, window) and reused by every gateway edit and by the optimizer:
//   - satellite ECEF positions per step (T x 3N float64),
//   - the laser-link graph: a static CSR adjacency over satellites + per-step link latency
//     (T x L float64; Infinity where the link is down),
//   - per step, for each satellite, the grid cells that see it at or above the terminal mask and
//     the uplink latency (satellite-major CSR: cell index Uint16/Uint32 + Float32 ms),
//   - per (step, cell) the number of visible satellites.
// Satellite-major order (not cell-major) is deliberate: routing changes arrive per satellite
// (a gateway edit improves some satellites' distances), so "which cells does this satellite
// reach" is the question the incremental update asks; the full pass is a scatter-min over it.
import type { SatelliteCatalog } from '../constellation/types';
import { buildPlusGrid, updateIslLengths, type IslTopology } from '../network/isl';
import { linkAdjacency } from '../network/router';
import type { Scenario } from '../scenario/schema';
import { DEG, WGS84_B_KM, type UtcMs } from '../units';
import type { CoverageGrid } from './grid';

/** Where satellite positions come from (the SGP4 propagator, or fixed toy positions in tests). */
export interface PositionSource {
  readonly count: number;
  /** Write ECEF positions (km, xyz-interleaved 3N) at `t`, step `stepIndex` of the window. NaN = not available. */
  positionsAt(t: UtcMs, stepIndex: number, outPositionsEcefKm: Float64Array): void;
}

/** Adapt anything with the Propagator's `propagateEcef` to a PositionSource. */
export function propagatorPositions(p: { readonly count: number; propagateEcef(t: UtcMs, out: Float64Array): unknown }): PositionSource {
  return { count: p.count, positionsAt: (t, _i, out) => void p.propagateEcef(t, out) };
}

/** Laser links and how to measure them per step (defaults: +Grid and network/isl's rules). */
export interface LinkModel {
  topology: Pick<IslTopology, 'count' | 'a' | 'b'>;
  /** Per step: length (km) and usability of each link. */
  update(positionsEcefKm: Float64Array, outLengthKm: Float64Array, outActive: Uint8Array): void;
}

export interface CacheSettings {
  startUtcMs: number;
  stepS: number;
  stepCount: number;
  terminalMinElevationDeg: number;
  terminalMaxSlantKm: number | null;
  vacuumKmPerS: number;
  perHopProcessingMs: number;
}

export function cacheSettingsOf(scenario: Scenario): CacheSettings {
  const a = scenario.analysis;
  return {
    startUtcMs: Date.parse(a.startUtc),
    stepS: a.stepS,
    stepCount: Math.max(1, Math.floor(a.durationS / a.stepS)),
    terminalMinElevationDeg: scenario.terminal.minElevationDeg,
    terminalMaxSlantKm: scenario.terminal.maxSlantKm,
    vacuumKmPerS: scenario.latency.vacuumKmPerS,
    perHopProcessingMs: scenario.latency.perHopProcessingMs,
  };
}

/** The +Grid link model of a scenario (none when ISLs are off or routing is bent-pipe only). */
export function defaultLinkModel(scenario: Scenario, catalog: SatelliteCatalog): LinkModel {
  if (scenario.routing.bentPipeOnly || !scenario.isl.enabled) {
    return { topology: { count: 0, a: new Int32Array(0), b: new Int32Array(0) }, update: () => undefined };
  }
  const walker = scenario.constellation.shells.map((s) => ({ id: s.id, phasingF: s.phasingF, raanSpreadDeg: s.raanSpreadDeg }));
  const topo = buildPlusGrid(catalog, scenario.isl, walker);
  return { topology: topo, update: (pos, len, act) => updateIslLengths(topo, pos, catalog, scenario.isl, len, act) };
}

/** Byte counts of the cache, by part. */
export interface CacheMemory {
  positions: number;
  links: number;
  visibility: number;
  visibleCount: number;
  /** The cell -> satellites index (`satsOfCells`), once something asked for it; else 0. */
  cellIndex: number;
  total: number;
  /** Satellite-cell visibility pairs over the whole window. */
  visibilityEntries: number;
}

/** Per step t and cell c, the satellites that see it: `sat[off[t * (C + 1) + c] .. off[t * (C + 1) + c + 1])`, ascending. */
export interface CellSatIndex {
  off: Int32Array;
  sat: Uint16Array | Uint32Array;
}

export class CoverageCache {
  readonly satCount: number;
  readonly cellCount: number;
  readonly stepCount: number;
  readonly linkCount: number;
  readonly settings: CacheSettings;
  readonly grid: CoverageGrid;
  /** Step times, UTC ms. */
  readonly timesMs: Float64Array;
  /** T x 3N ECEF km. */
  readonly satPos: Float64Array;
  /** 1 = carries traffic (operational; constellation/status). */
  readonly usable: Uint8Array;
  /** Static adjacency over satellites: adjOff (N+1), neighbour and link index per arc. */
  readonly adjOff: Int32Array;
  readonly adjTo: Int32Array;
  readonly adjLink: Int32Array;
  /** Laser link endpoints (satellite indices), link order. */
  readonly linkA: Int32Array;
  readonly linkB: Int32Array;
  /** T x L: link latency (ms, incl. per-hop processing at the receiving satellite); Infinity = down. */
  readonly linkMs: Float64Array;
  /** T x (N+1) absolute offsets into visCell/visUpMs. */
  readonly visOff: Int32Array;
  readonly visCell: Uint16Array | Uint32Array;
  /** Uplink (terminal -> satellite) latency, ms: slant / c + per-hop processing (network/snapshot's convention: one per link). */
  readonly visUpMs: Float32Array;
  /** T x C visible-satellite count. */
  readonly visCount: Uint16Array;
  /** Built on first use by `satsOfCells` (not copied to a cache with other visibility). */
  private cellIndex: CellSatIndex | null = null;

  constructor(grid: CoverageGrid, positions: PositionSource, usable: Uint8Array, links: LinkModel, settings: CacheSettings) {
    const N = positions.count;
    const C = grid.count;
    const T = settings.stepCount;
    const L = links.topology.count;
    this.satCount = N;
    this.cellCount = C;
    this.stepCount = T;
    this.linkCount = L;
    this.settings = settings;
    this.grid = grid;
    this.usable = usable;
    this.timesMs = new Float64Array(T);
    for (let t = 0; t < T; t++) this.timesMs[t] = settings.startUtcMs + t * settings.stepS * 1000;
    this.satPos = new Float64Array(T * 3 * N);

    // Static adjacency (each link both ways), neighbours in link order.
    const { a, b } = links.topology;
    this.linkA = Int32Array.from(a);
    this.linkB = Int32Array.from(b);
    const adj = linkAdjacency(N, a, b, L);
    this.adjOff = adj.adjOff;
    this.adjTo = adj.adjTo;
    this.adjLink = adj.adjLink;
    this.linkMs = new Float64Array(T * L);
    this.visOff = new Int32Array(T * (N + 1));
    this.visCount = new Uint16Array(T * C);

    const lenKm = new Float64Array(L);
    const active = new Uint8Array(L);
    const msPerKm = 1000 / settings.vacuumKmPerS;
    const hopMs = settings.perHopProcessingMs;
    const vis = new VisibilityBuilder(grid, settings, Math.max(1024, N * 16));
    for (let t = 0; t < T; t++) {
      const pos = this.satPos.subarray(t * 3 * N, (t + 1) * 3 * N);
      positions.positionsAt(this.timesMs[t]! as UtcMs, t, pos);
      if (L > 0) {
        links.update(pos, lenKm, active);
        const row = t * L;
        for (let l = 0; l < L; l++) {
          const u = a[l]!, v = b[l]!;
          this.linkMs[row + l] = active[l] && usable[u] && usable[v] ? lenKm[l]! * msPerKm + hopMs : Infinity;
        }
      }
      vis.addStep(pos, usable, this.visOff.subarray(t * (N + 1), (t + 1) * (N + 1)), this.visCount.subarray(t * C, (t + 1) * C));
    }
    const packed = vis.finish();
    this.visCell = packed.cell;
    this.visUpMs = packed.upMs;
  }

  /**
   * The same cache with fewer satellites carrying traffic (`usable` must be a subset of this
   * cache's mask): positions, times and adjacency are shared, laser links with an unusable end go
   * down and visibility entries of unusable satellites are dropped. Equal, array for array, to a
   * cache built from scratch with `usable`, at the cost of one pass over the entries instead of the
   * geometry (the rollout view evaluates many dates over one window this way).
   */
  withUsable(usable: Uint8Array): CoverageCache {
    const N = this.satCount, C = this.cellCount, T = this.stepCount, L = this.linkCount;
    if (usable.length !== N) throw new RangeError(`usable mask has ${usable.length} entries, the cache ${N} satellites`);
    let same = true;
    for (let i = 0; i < N; i++) {
      if (usable[i] && !this.usable[i]) throw new RangeError(`satellite ${i} is usable in the mask but not in the cache it would be derived from`);
      if (!usable[i] !== !this.usable[i]) same = false;
    }
    // The same satellites (a fully deployed date): share every array; nothing reads them for writing.
    if (same) return Object.assign(Object.create(CoverageCache.prototype) as CoverageCache, { ...this, usable });
    // (Below, `cellIndex: null`: the visibility differs, so the index must be built again.)
    const linkMs = new Float64Array(T * L);
    for (let t = 0; t < T; t++) {
      const row = t * L;
      for (let l = 0; l < L; l++) linkMs[row + l] = usable[this.linkA[l]!] && usable[this.linkB[l]!] ? this.linkMs[row + l]! : Infinity;
    }
    const visOff = new Int32Array(T * (N + 1));
    const visCount = new Uint16Array(T * C);
    let n = 0;
    for (let t = 0; t < T; t++) {
      const o = t * (N + 1);
      for (let i = 0; i < N; i++) {
        visOff[o + i] = n;
        if (usable[i]) n += this.visOff[o + i + 1]! - this.visOff[o + i]!;
      }
      visOff[o + N] = n;
    }
    const visCell = this.visCell instanceof Uint16Array ? new Uint16Array(n) : new Uint32Array(n);
    const visUpMs = new Float32Array(n);
    // Visible counts: counted up from the kept entries, or (when most are kept) down from the
    // parent's counts over the dropped ones: whichever touches fewer entries.
    const dropFromParent = this.visUpMs.length - n < n;
    if (dropFromParent) visCount.set(this.visCount);
    for (let t = 0; t < T; t++) {
      const o = t * (N + 1);
      for (let i = 0; i < N; i++) {
        const from = this.visOff[o + i]!, to = this.visOff[o + i + 1]!;
        if (!usable[i]) {
          if (dropFromParent) for (let k = from; k < to; k++) visCount[t * C + this.visCell[k]!]!--;
          continue;
        }
        const at = visOff[o + i]!;
        visCell.set(this.visCell.subarray(from, to), at);
        visUpMs.set(this.visUpMs.subarray(from, to), at);
        if (!dropFromParent) for (let k = from; k < to; k++) visCount[t * C + this.visCell[k]!]!++;
      }
    }
    return Object.assign(Object.create(CoverageCache.prototype) as CoverageCache, { ...this, usable, linkMs, visOff, visCell, visUpMs, visCount, cellIndex: null });
  }

  /**
   * Per step and cell, the satellites that see it, in satellite order: the visibility lists turned
   * around (one counting pass over the entries, on first use; 2 bytes an entry up to 65,536
   * satellites). For re-taking the minimum of a cell whose best satellite got worse: only the
   * satellites that see such a cell need to be read.
   */
  satsOfCells(): CellSatIndex {
    if (this.cellIndex) return this.cellIndex;
    const N = this.satCount, C = this.cellCount, T = this.stepCount;
    const off = new Int32Array(T * (C + 1));
    const sat = N <= 0x10000 ? new Uint16Array(this.visCell.length) : new Uint32Array(this.visCell.length);
    const next = new Int32Array(C);
    const { visOff, visCell, visCount } = this;
    for (let t = 0; t < T; t++) {
      const o = t * (C + 1), base = visOff[t * (N + 1)]!;
      let at = base;
      for (let c = 0; c < C; c++) {
        off[o + c] = at;
        next[c] = at;
        at += visCount[t * C + c]!;
      }
      off[o + C] = at;
      for (let s = 0; s < N; s++) {
        for (let k = visOff[t * (N + 1) + s]!, end = visOff[t * (N + 1) + s + 1]!; k < end; k++) sat[next[visCell[k]!]!++] = s;
      }
    }
    this.cellIndex = { off, sat };
    return this.cellIndex;
  }

  /** Bytes held by the cache (typed arrays only). */
  memory(): CacheMemory {
    const positions = this.satPos.byteLength;
    const links = this.linkMs.byteLength + this.adjOff.byteLength + this.adjTo.byteLength + this.adjLink.byteLength;
    const visibility = this.visOff.byteLength + this.visCell.byteLength + this.visUpMs.byteLength;
    const visibleCount = this.visCount.byteLength;
    const cellIndex = this.cellIndex ? this.cellIndex.off.byteLength + this.cellIndex.sat.byteLength : 0;
    return { positions, links, visibility, visibleCount, cellIndex, total: positions + links + visibility + visibleCount + cellIndex, visibilityEntries: this.visUpMs.length };
  }
}

/**
 * Finds, per satellite, the grid cells that see it: the cells sit in 2-degree latitude/longitude
 * bins (the grid's order), so each latitude row of the satellite's footprint is one contiguous
 * index range. The footprint bound uses the polar radius (smallest Earth, largest footprint) plus
 * half a degree for the geodetic/geocentric latitude difference; the exact test is the elevation
 * above each cell's ellipsoid horizon.
 */
class VisibilityBuilder {
  private cell: Uint16Array | Uint32Array;
  private upMs: Float32Array;
  private n = 0;
  private readonly rowOff: Int32Array;
  private readonly rows: number;
  private readonly cols: number;
  private readonly binDeg = 2;
  private readonly sinMin2: number;
  private readonly cosEps: number;
  private readonly eps: number;
  private readonly maxSlant2: number;
  private readonly msPerKm: number;
  private readonly hopMs: number;

  constructor(private readonly grid: CoverageGrid, settings: CacheSettings, initialCapacity: number) {
    this.cell = grid.count <= 0xffff ? new Uint16Array(initialCapacity) : new Uint32Array(initialCapacity);
    this.upMs = new Float32Array(initialCapacity);
    this.rows = 180 / this.binDeg;
    this.cols = 360 / this.binDeg;
    // Bin offsets: grid cells are sorted by bin key (row * cols + col).
    this.rowOff = new Int32Array(this.rows * this.cols + 1);
    for (let i = 0; i < grid.count; i++) {
      const r = Math.min(Math.floor((grid.latDeg[i]! + 90) / this.binDeg), this.rows - 1);
      const c = Math.min(Math.floor((grid.lonDeg[i]! + 180) / this.binDeg), this.cols - 1);
      this.rowOff[r * this.cols + c + 1]!++;
    }
    for (let k = 0; k < this.rows * this.cols; k++) this.rowOff[k + 1]! += this.rowOff[k]!;
    this.eps = Math.max(0, settings.terminalMinElevationDeg) * DEG;
    this.cosEps = Math.cos(this.eps);
    const s = Math.sin(this.eps);
    this.sinMin2 = s * s;
    this.maxSlant2 = settings.terminalMaxSlantKm === null ? Infinity : settings.terminalMaxSlantKm ** 2;
    this.msPerKm = 1000 / settings.vacuumKmPerS;
    this.hopMs = settings.perHopProcessingMs;
  }

  private push(c: number, ms: number): void {
    if (this.n === this.upMs.length) {
      const cap = Math.ceil(this.upMs.length * 1.5);
      const nc = this.cell instanceof Uint16Array ? new Uint16Array(cap) : new Uint32Array(cap);
      nc.set(this.cell);
      this.cell = nc;
      const nu = new Float32Array(cap);
      nu.set(this.upMs);
      this.upMs = nu;
    }
    this.cell[this.n] = c;
    this.upMs[this.n] = ms;
    this.n++;
  }

  addStep(pos: Float64Array, usable: Uint8Array, off: Int32Array, count: Uint16Array): void {
    const N = off.length - 1;
    const g = this.grid;
    const gp = g.posEcefKm, gu = g.upEcef;
    const { rows, cols, binDeg, rowOff, sinMin2, maxSlant2, msPerKm } = this;
    const margin = 0.5 * DEG;
    for (let i = 0; i < N; i++) {
      off[i] = this.n;
      if (!usable[i]) continue;
      const sx = pos[3 * i]!, sy = pos[3 * i + 1]!, sz = pos[3 * i + 2]!;
      const r = Math.sqrt(sx * sx + sy * sy + sz * sz);
      if (!(r > WGS84_B_KM)) continue;
      // Footprint half-angle on the polar-radius sphere (largest of the WGS84 radii's footprints).
      const lam = Math.acos(Math.min(1, (WGS84_B_KM * this.cosEps) / r)) - this.eps + margin;
      const latS = Math.asin(sz / r) / DEG;
      const lonS = Math.atan2(sy, sx) / DEG;
      const lamDeg = lam / DEG;
      const lat0 = Math.max(-90, latS - lamDeg);
      const lat1 = Math.min(90, latS + lamDeg);
      // Longitude half-width of the cap, taken at the row's worst (highest) latitude: conservative.
      let half = 180;
      const cosMax = Math.cos(Math.max(Math.abs(lat0), Math.abs(lat1)) * DEG);
      if (Math.abs(latS) + lamDeg < 89.5 && Math.sin(lam) < cosMax) half = Math.asin(Math.sin(lam) / cosMax) / DEG;
      const r0 = Math.max(0, Math.floor((lat0 + 90) / binDeg));
      const r1 = Math.min(rows - 1, Math.floor((lat1 + 90) / binDeg));
      let c0: number, c1: number;
      if (half >= 180) {
        c0 = 0;
        c1 = cols - 1;
      } else {
        c0 = Math.floor((lonS - half + 180) / binDeg);
        c1 = Math.floor((lonS + half + 180) / binDeg);
      }
      for (let row = r0; row <= r1; row++) {
        const base = row * cols;
        if (c1 - c0 + 1 >= cols) {
          this.scan(rowOff[base]!, rowOff[base + cols]!, sx, sy, sz, gp, gu, sinMin2, maxSlant2, msPerKm, count);
        } else {
          // One or two contiguous ranges (wrapping at +-180).
          const a0 = ((c0 % cols) + cols) % cols;
          const a1 = ((c1 % cols) + cols) % cols;
          if (a0 <= a1) {
            this.scan(rowOff[base + a0]!, rowOff[base + a1 + 1]!, sx, sy, sz, gp, gu, sinMin2, maxSlant2, msPerKm, count);
          } else {
            this.scan(rowOff[base]!, rowOff[base + a1 + 1]!, sx, sy, sz, gp, gu, sinMin2, maxSlant2, msPerKm, count);
            this.scan(rowOff[base + a0]!, rowOff[base + cols]!, sx, sy, sz, gp, gu, sinMin2, maxSlant2, msPerKm, count);
          }
        }
      }
    }
    off[N] = this.n;
  }

  private scan(from: number, to: number, sx: number, sy: number, sz: number, gp: Float64Array, gu: Float64Array, sinMin2: number, maxSlant2: number, msPerKm: number, count: Uint16Array): void {
    for (let c = from; c < to; c++) {
      const dx = sx - gp[3 * c]!, dy = sy - gp[3 * c + 1]!, dz = sz - gp[3 * c + 2]!;
      const zUp = dx * gu[3 * c]! + dy * gu[3 * c + 1]! + dz * gu[3 * c + 2]!;
      if (!(zUp > 0)) continue;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (zUp * zUp < sinMin2 * d2 || d2 > maxSlant2) continue;
      this.push(c, Math.sqrt(d2) * msPerKm + this.hopMs);
      count[c]!++;
    }
  }

  finish(): { cell: Uint16Array | Uint32Array; upMs: Float32Array } {
    return { cell: this.cell.slice(0, this.n), upMs: this.upMs.slice(0, this.n) };
  }
}
