// Coverage and latency of a gateway set over the analysis window, with incremental gateway edits.
//
// What is cached (CoverageCache, built once): positions, laser-link latencies, per-satellite
// visible cells with uplink latency, visible counts. What a gateway edit recomputes: only the
// per-step routing labels (LabelRouter) and the per-(step, cell) minimum, and then only where
// they change:
//   add    -> per step, a pruned Dijkstra from the new gateway's seeds (relaxes only where it
//             improves) and a scatter-min over the cells of the satellites that improved;
//   remove -> per step, a repair of the labels that may have come through the gateway (its
//             routing forest; with ground relay also the routes through it as a relay:
//             LabelRouter.repairRelay), origins above it renumbered (which keeps every
//             tie-break); then only the cells of the satellites whose label changed
//             (`cellsFromLabels`);
//   move   -> remove's rule for the old position, add's for the new one;
//   undo and redo -> every add, remove and move logs the labels and cells it overwrote (EditLog);
//             the edit that takes it back exactly (removing the gateway just added, inserting the
//             one just removed at its index, moving one back; Ctrl+Z and Ctrl+Y send these) swaps
//             the log back in: the state before the edit, exactly, without routing. A move of
//             the gateway added last is that undo, then an add at its new site.
// Per-cell window figures are recomputed for cells whose latency changed in any step. Headline
// figures: the latency histogram, per-gateway and per-step weights are integer sums kept from call
// to call, moved only for the samples an edit touched (the cells of the satellites whose labels
// changed; after a full routing: every sample); the mean latency is a fixed-order
// sum over cells of the per-cell latency sums. Weights are integers, so the demand-weighted sums
// are exact: incremental and full evaluations give bit-identical results.
//
// Definitions (one ground cell c, step t): covered = at least one usable satellite at or above the
// terminal mask; latency = min over visible satellites s with a route of (uplink(c,s) + dist(s)),
// dist = latency-shortest route s -> gateway -> PoP (seeded with backhaul incl. gateway processing;
// per-hop processing at each satellite; through relay gateways when routing.allowGatewayRelay: the
// one router, network/router.ts, that point routes use too); served = latency <= routing.maxOneWayLatencyMs and the
// chosen route has at most routing.maxSatelliteHops satellites. An outage is a run of unserved
// steps, counted as run length x stepS (sample-and-hold).
import type { SatelliteCatalog } from '../constellation/types';
import { gatewayInServiceFromMs, trafficMask } from '../constellation/status';
import { geoDemandSource } from '../geo';
import { assignBackhaul } from '../network/backhaul';
import { groundFrame, skyIndex, visibleSatellites, type SkyIndex } from '../network/ground';
import type { Gateway, Scenario } from '../scenario/schema';
import type { UtcMs } from '../units';
import { CoverageCache, cacheSettingsOf, defaultLinkModel, propagatorPositions, type CacheMemory, type LinkModel, type PositionSource } from './cache';
import { buildCoverageGrid, type CoverageGrid, type GeoDemandSource } from './grid';
import { hopLimit, LabelRouter, pickAccess, routerOptionsOf, seedLatencyMs, upLinkMs, type AccessPick, type RouterOptions, type RouterStep } from '../network/router';

/** Per-step satellites a gateway sees, as routing seeds (CSR by step). */
export interface GatewaySeeds {
  /** Length T+1. */
  off: Int32Array;
  sat: Int32Array;
  /** backhaul (incl. gateway processing) + gateway-satellite link + processing at the satellite, ms. */
  ms: Float64Array;
  /** The gateway-satellite link + processing at the satellite alone, ms (ground relays). */
  upMs: Float64Array;
  backhaulMs: number;
  popIndex: number;
}

/**
 * What one routing edit overwrote, per step (CSR by step): the satellites' labels and the cells'
 * latency and satellite before it; and, after an add, every cell it touched (see `result`; null:
 * every cell). Swapped back in (`swapIn`), it is the state before the edit, bit for bit, and the
 * log then holds what the swap overwrote: the log of the inverse edit (redo).
 */
interface EditLog {
  /** The edit logged, as the gateway list has it after the edit; restoring undoes it. */
  edit: LoggedEdit;
  satOff: Int32Array;
  sat: Int32Array;
  dist: Float64Array;
  hops: Int32Array;
  origin: Int32Array;
  cellOff: Int32Array;
  cell: Int32Array;
  lat: Float64Array;
  best: Int32Array;
  touched: Int32Array | null;
  bytes: number;
}

/**
 * A logged edit and what takes it back: 'inserted' (gateway `id` now at `index`; taken back by
 * removing it), 'removed' (`gateway` was at `index`; taken back by inserting the same gateway
 * there), 'moved' (the gateway at `index` was `gateway`; taken back by moving it back), 'set'
 * (the whole list was `gateways`, e.g. before a batch of edits; taken back by setting it again).
 * The removed or old gateways' seeds are kept, so taking it back computes nothing.
 */
type LoggedEdit =
  | { kind: 'inserted'; index: number; id: string }
  | { kind: 'removed' | 'moved'; index: number; gateway: Gateway; seeds: GatewaySeeds }
  | { kind: 'set'; gateways: Gateway[]; seeds: GatewaySeeds[] };

/** The undo and redo logs kept, at most this many bytes in all (the oldest undo logs go first). */
const EDIT_LOG_BYTES = 48 * 2 ** 20;

/**
 * Gateway fields the evaluator does not route on: a rename or a capacity edit (antennas, backhaul
 * Gbps) costs no re-route (EngineSession relabels the gateway instead).
 */
const IGNORED_BY_ROUTING: ReadonlySet<string> = new Set(['name', 'antennas', 'capacityGbps']);

/** True when `a` and `b` differ in a field the evaluator routes on (site, mask, PoP, dates, status...). */
export function routingDiffers(a: Gateway, b: Gateway): boolean {
  for (const k of Object.keys(b) as (keyof Gateway)[]) if (!IGNORED_BY_ROUTING.has(k) && a[k] !== b[k]) return true;
  for (const k of Object.keys(a) as (keyof Gateway)[]) if (!IGNORED_BY_ROUTING.has(k) && !(k in b)) return true;
  return false;
}

/** The log of removing or moving `g` away from `index`: what inserting or moving `g` back there takes back. */
function leftFrom(kind: 'removed' | 'moved', index: number, g: Gateway): (e: LoggedEdit) => boolean {
  return (e) => e.kind === kind && e.index === index && e.gateway.id === g.id && !routingDiffers(e.gateway, g);
}

/** Same ids in the same order, and no difference in what routing reads. */
function sameRouting(a: readonly Gateway[], b: readonly Gateway[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id || routingDiffers(a[i]!, b[i]!)) return false;
  return true;
}

/** An edit being logged (growable columns; see EditLog). */
interface Recording {
  sat: Column<Int32Array>;
  dist: Column<Float64Array>;
  hops: Column<Int32Array>;
  origin: Column<Int32Array>;
  satOff: Int32Array;
  cell: Column<Int32Array>;
  lat: Column<Float64Array>;
  best: Column<Int32Array>;
  cellOff: Int32Array;
}

/** A growable typed-array column (the add log while it is being recorded). */
class Column<A extends Float64Array | Int32Array> {
  length = 0;
  constructor(private data: A) {}
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = v;
  }
  /** Room for `n` more values: the backing array, to write at [length, length + n) before moving `length`. */
  reserve(n: number): A {
    if (this.length + n > this.data.length) {
      const grown = new (this.data.constructor as new (n: number) => A)(Math.max(64, 2 * this.data.length, this.length + n));
      grown.set(this.data);
      this.data = grown;
    }
    return this.data;
  }
  at(k: number): number {
    return this.data[k]!;
  }
  done(): A {
    return this.data.slice(0, this.length) as A;
  }
}

export interface CellFigures {
  /** % of steps served. */
  servedPct: Float64Array;
  /** % of steps with at least one satellite visible. */
  coveredPct: Float64Array;
  /** Longest run of unserved steps x stepS (s). */
  longestOutageS: Float64Array;
  /** Over served steps; NaN if never served. */
  p50LatencyMs: Float64Array;
  p95LatencyMs: Float64Array;
  meanLatencyMs: Float64Array;
  /** Mean number of visible satellites over the window. */
  meanVisible: Float64Array;
}

export interface HeadlineFigures {
  /** Demand-weighted, time-averaged. */
  servedPct: number;
  coveredPct: number;
  /** Demand-weighted over served samples (histogram with `latencyResolutionMs` bins; value = bin centre). */
  p50LatencyMs: number;
  p95LatencyMs: number;
  meanLatencyMs: number;
  latencyResolutionMs: number;
  /** Longest outage (s) of any cell with demand. */
  longestOutageS: number;
  meanVisibleSatellites: number;
  /** The same figures over the service area only (see `ServiceAreaFigures`). */
  serviceArea: ServiceAreaFigures;
  /** Per gateway (scenario order): fraction of served demand-weighted samples routed to it. */
  gatewayShare: Float64Array;
  /** Sum of cell weights (population, or cell count). */
  totalWeight: number;
}

/**
 * Figures over the service area: the cells a satellite covers (at or above the terminal mask) at
 * least once in the window. Cells outside it (beyond the constellation's band, |lat| above about
 * 56 deg for Kuiper) can never be served by any gateway, so over the whole grid the longest outage
 * is the window length and the served % a constant: both are measured here without them.
 */
export interface ServiceAreaFigures {
  cells: number;
  /** Population in the service area and outside it (people, whatever the weighting). */
  population: number;
  outsidePopulation: number;
  outsideCells: number;
  /** Highest |latitude| of a populated cell in the service area, deg. */
  maxAbsLatDeg: number;
  /** Demand-weighted % of time served / covered, over the service area. */
  servedPct: number;
  coveredPct: number;
  /** Longest outage (s) of a cell with demand in the service area (coverage gaps included). */
  longestOutageS: number;
  /** Demand-weighted % of covered samples that are also served: what gateways and routing decide. */
  routedPctOfCovered: number;
  /** Longest run (s) of steps covered but not served of a cell with demand: the outage gateways can fix. */
  longestRoutingOutageS: number;
}

export interface CoverageResult {
  stepCount: number;
  stepS: number;
  startUtcMs: number;
  cellCount: number;
  gatewayIds: string[];
  cells: CellFigures;
  headline: HeadlineFigures;
  /** Demand-weighted served % per step. */
  servedPctByStep: Float64Array;
}

/**
 * Routed load of one analysis step (see `CoverageEvaluator.linkLoadAtStep`). Loads are sums of
 * integer demand weights, so they are exact.
 */
export interface LinkLoad {
  /** Analysis step index and its UTC ms. */
  step: number;
  stepUtcMs: number;
  /** Per link (the evaluator's link topology order, same as cache link index): summed demand weight of the served cells whose route crosses the link. */
  linkLoad: Float64Array;
  /** Per gateway (scenario order): demand weight of the served cells routed to it. */
  gatewayLoad: Float64Array;
  /** Per satellite: demand weight it carries (its own users + traffic relayed through it). */
  satelliteLoad: Float64Array;
  /** Total served demand weight at this step (sum of gatewayLoad). */
  servedWeight: number;
}

/** What an evaluator is built from: the satellites' positions (the cache is built here), or a ready cache. */
export type CoverageEvaluatorInputs = {
  scenario: Scenario;
  grid: CoverageGrid;
  /** How routes are searched (network/router). Default: the scenario's routing settings. */
  routerOptions?: RouterOptions;
} & (
  | {
      positions: PositionSource;
      /** 1 = satellite may carry traffic. Default: every satellite. */
      usable?: Uint8Array;
      /** Laser links; default none. */
      links?: LinkModel;
      cache?: undefined;
    }
  | {
      /** A cache already built for this grid and window (e.g. `CoverageCache.withUsable`, or the session's cache node). */
      cache: CoverageCache;
    }
);

/** Usable mask of a catalogue: only operational satellites serve (constellation/status). */
export function usableFromCatalog(catalog: SatelliteCatalog): Uint8Array {
  return trafficMask(catalog);
}

/**
 * The usual way in: scenario + catalogue + propagator (+ a demand source, default the geo module's, or a ready grid).
 * The scenario's gateways are evaluated straight away.
 */
export function createCoverageEvaluator(
  scenario: Scenario,
  catalog: SatelliteCatalog,
  propagator: { readonly count: number; propagateEcef(t: UtcMs, out: Float64Array): unknown },
  source: { grid: CoverageGrid } | { geo: GeoDemandSource } = { geo: geoDemandSource },
): CoverageEvaluator {
  const grid = 'grid' in source ? source.grid : buildCoverageGrid(scenario.analysis, source.geo);
  const ev = new CoverageEvaluator({ scenario, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(catalog), links: defaultLinkModel(scenario, catalog) });
  ev.setGateways(scenario.gateways);
  return ev;
}

/** Per satellite-position array (a cache's satPos), each step's sky index for gateway seeds and point queries. */
const skyIndexes = new WeakMap<Float64Array, (SkyIndex | undefined)[]>();

/**
 * Index of the analysis step whose time is nearest `utcMs`: step k covers [t_k - stepS/2,
 * t_k + stepS/2) (half-way between two steps goes to the later one); -1 outside the window or for
 * a non-finite time. The one rule for "which step is shown now" (worker and globe).
 */
export function nearestAnalysisStep(utcMs: number, startUtcMs: number, stepS: number, stepCount: number): number {
  if (!Number.isFinite(utcMs)) return -1;
  const k = Math.floor((utcMs - startUtcMs) / (stepS * 1000) + 0.5); // not Math.round: it gives -0 just before the start
  return k >= 0 && k < stepCount ? k : -1;
}

export class CoverageEvaluator {
  readonly cache: CoverageCache;
  readonly scenario: Scenario;
  readonly grid: CoverageGrid;
  readonly maxHops: number;
  readonly maxLatencyMs: number;
  readonly routerOptions: RouterOptions;
  private readonly router: LabelRouter;
  private gws: Gateway[] = [];
  private seeds: GatewaySeeds[] = [];
  /** T x N routing labels. */
  readonly dist: Float64Array;
  readonly hops: Int32Array;
  readonly origin: Int32Array;
  /** T x C: latency (Infinity = no route) and the satellite it goes through (-1). */
  readonly cellLat: Float64Array;
  readonly cellSat: Int32Array;
  private readonly dirty: Uint8Array;
  private readonly changed: Int32Array;
  private readonly rowScratch: Float64Array;
  // Per-cell figures, kept up to date for dirty cells.
  private readonly servedSteps: Int32Array;
  /** Per cell: longest run of steps covered but not served. */
  private readonly routingOutageSteps: Int32Array;
  private readonly fig: CellFigures;
  private readonly visSum: Float64Array;
  private readonly coveredSteps: Int32Array;
  private readonly sortBuf: Float64Array;
  private readonly hist: Float64Array;
  private readonly histBinMs: number;
  private readonly msPerKm: number;
  /** Sum over cells of weight x steps with at least one satellite visible (gateway independent). */
  private readonly seedIdx: Int32Array;
  private readonly seedSlant: Float64Array;
  /** linkLoadAtStep scratch: satellites in push order; 1 = satellite is a direct seed of its origin. */
  private readonly loadOrder: Int32Array;
  private readonly seedMark: Uint8Array;
  /** The cells with demand weight > 0, ascending: the only ones the window sums in `result` read. */
  private readonly weightedCells: Int32Array;
  // The histogram and the per-gateway weights that `result` keeps from call to call: per
  // (step, weighted cell) sample, the latency and gateway it is counted under (Infinity / -1: not
  // counted). Only the samples that changed since the last call are moved (see `result`).
  private readonly countedLat: Float64Array;
  private readonly countedGw: Int32Array;
  private shareW: Float64Array;
  /** Per step: the weight of the samples served (kept like the histogram). */
  private readonly stepW: Float64Array;
  /** Per cell: the sum of its served latencies over the window, in step order (ms). */
  private readonly cellLatSum: Float64Array;
  /** Per cell: its index in weightedCells, or -1 (zero weight). */
  private readonly weightedIndex: Int32Array;
  /**
   * The samples `result` must look at: `walkAll` (every one), or the weighted cells listed in
   * `touched` (indices into weightedCells; `touchedMark` per cell), the only ones an add changed.
   */
  private walkAll = true;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly touchedMark: Uint8Array;
  /** 0..nw-1: the list `result` walks when every sample counts. */
  private readonly allWeighted: Int32Array;
  /**
   * Logs of the routing edits, newest last (see EditLog): `undoLogs` take the edits back in reverse
   * order; `redoLogs` hold what taking one back overwrote, until another edit comes.
   */
  private undoLogs: EditLog[] = [];
  private redoLogs: EditLog[] = [];
  /** The add being recorded by `improveStep` (null: not recording, or it can no longer be taken back). */
  private recording: Recording | null = null;
  /** Step t's labels and cells before an edit (N and C each), and the cells already logged this step. */
  private readonly oldDist: Float64Array;
  private readonly oldHops: Int32Array;
  private readonly oldOrigin: Int32Array;
  private readonly oldCellLat: Float64Array;
  /** cellsFromLabels: the cells whose minimum is taken again, and their marks (C each). */
  private readonly cellsAgain: Int32Array;
  private readonly cellAgainMark: Uint8Array;
  /** cellsFromLabels: the satellites that see one of those cells (N). */
  private readonly satMark: Uint8Array;
  private readonly oldCellSat: Int32Array;
  private readonly cellLogged: Uint8Array;
  /** Weights are integers and every sum stays below 2^53: the kept sums are exact. */
  private readonly exactSums: boolean;

  constructor(inputs: CoverageEvaluatorInputs) {
    const { scenario, grid } = inputs;
    this.scenario = scenario;
    this.grid = grid;
    if (inputs.cache) this.cache = inputs.cache;
    else {
      const usable = inputs.usable ?? new Uint8Array(inputs.positions.count).fill(1);
      const links = inputs.links ?? { topology: { count: 0, a: new Int32Array(0), b: new Int32Array(0) }, update: () => undefined };
      this.cache = new CoverageCache(grid, inputs.positions, usable, links, cacheSettingsOf(scenario));
    }
    const N = this.cache.satCount;
    const T = this.cache.stepCount;
    const C = grid.count;
    this.routerOptions = inputs.routerOptions ?? routerOptionsOf(scenario.routing);
    this.maxHops = hopLimit(this.routerOptions);
    this.maxLatencyMs = scenario.routing.maxOneWayLatencyMs;
    this.msPerKm = 1000 / scenario.latency.vacuumKmPerS;
    this.router = new LabelRouter(N, this.cache.adjOff, this.cache.adjTo, this.cache.adjLink, this.routerOptions);
    this.dist = new Float64Array(T * N).fill(Infinity);
    this.hops = new Int32Array(T * N);
    this.origin = new Int32Array(T * N).fill(-1);
    this.cellLat = new Float64Array(T * C).fill(Infinity);
    this.cellSat = new Int32Array(T * C).fill(-1);
    this.dirty = new Uint8Array(C).fill(1);
    this.changed = new Int32Array(N);
    this.rowScratch = new Float64Array(C);
    this.servedSteps = new Int32Array(C);
    this.routingOutageSteps = new Int32Array(C);
    this.sortBuf = new Float64Array(T);
    this.fig = {
      servedPct: new Float64Array(C),
      coveredPct: new Float64Array(C),
      longestOutageS: new Float64Array(C),
      p50LatencyMs: new Float64Array(C),
      p95LatencyMs: new Float64Array(C),
      meanLatencyMs: new Float64Array(C),
      meanVisible: new Float64Array(C),
    };
    this.visSum = new Float64Array(C);
    this.coveredSteps = new Int32Array(C);
    const weighted: number[] = [];
    let wSum = 0, integral = true;
    for (let c = 0; c < C; c++) {
      const wc = grid.weight[c]!;
      if (wc === 0) continue;
      weighted.push(c);
      wSum += Math.abs(wc);
      if (!Number.isInteger(wc)) integral = false;
    }
    this.weightedCells = Int32Array.from(weighted);
    const nw = weighted.length;
    this.weightedIndex = new Int32Array(C).fill(-1);
    weighted.forEach((c, j) => (this.weightedIndex[c] = j));
    this.allWeighted = Int32Array.from(weighted, (_, j) => j);
    this.touched = new Int32Array(nw);
    this.touchedMark = new Uint8Array(C);
    this.stepW = new Float64Array(T);
    this.cellLatSum = new Float64Array(C);
    this.oldDist = new Float64Array(N);
    this.oldHops = new Int32Array(N);
    this.oldOrigin = new Int32Array(N);
    this.oldCellLat = new Float64Array(C);
    this.cellsAgain = new Int32Array(C);
    this.cellAgainMark = new Uint8Array(C);
    this.satMark = new Uint8Array(N);
    this.oldCellSat = new Int32Array(C);
    this.cellLogged = new Uint8Array(C);
    this.exactSums = integral && wSum * T < Number.MAX_SAFE_INTEGER;
    this.countedLat = new Float64Array(T * nw).fill(Infinity);
    this.countedGw = new Int32Array(T * nw).fill(-1);
    this.shareW = new Float64Array(8);
    const vc = this.cache.visCount;
    for (let t = 0; t < T; t++) {
      for (let c = 0; c < C; c++) {
        const k = vc[t * C + c]!;
        this.visSum[c]! += k;
        if (k > 0) this.coveredSteps[c]!++;
      }
    }
    for (let c = 0; c < C; c++) {
      this.fig.meanVisible[c] = this.visSum[c]! / T;
      this.fig.coveredPct[c] = (100 * this.coveredSteps[c]!) / T;
    }
    this.histBinMs = Math.max(0.001, this.maxLatencyMs / 1e6);
    this.hist = new Float64Array(Math.ceil(this.maxLatencyMs / this.histBinMs) + 2);
    this.seedIdx = new Int32Array(N);
    this.seedSlant = new Float64Array(N);
    this.loadOrder = new Int32Array(N);
    this.seedMark = new Uint8Array(N);
  }

  get stepCount(): number {
    return this.cache.stepCount;
  }

  get gateways(): readonly Gateway[] {
    return this.gws;
  }

  /** Step t's sky index (visibleSatellites near the observer only), built on first use and shared by every evaluator over these positions. */
  private skyIndexAt(t: number): SkyIndex {
    const { satCount: N, stepCount: T, satPos } = this.cache;
    let steps = skyIndexes.get(satPos);
    if (!steps) skyIndexes.set(satPos, (steps = new Array<SkyIndex | undefined>(T)));
    return (steps[t] ??= skyIndex(satPos.subarray(t * 3 * N, (t + 1) * 3 * N)));
  }

  /** Routing seeds of a gateway site over the window (cached positions; no propagation). */
  gatewaySeeds(g: Gateway): GatewaySeeds {
    const { satCount: N, stepCount: T, satPos, usable } = this.cache;
    const bh = assignBackhaul([g], this.scenario.pops, this.scenario.latency);
    const backhaulMs = bh.backhaulMs[0]!;
    const off = new Int32Array(T + 1);
    const sats: number[] = [];
    const ms: number[] = [];
    const upMs: number[] = [];
    if (Number.isFinite(backhaulMs)) {
      const frame = groundFrame(g.latDeg, g.lonDeg, g.altitudeKm);
      const hop = this.scenario.latency.perHopProcessingMs;
      // A gateway serves only from its in-service date on (constellation/status: the one rule).
      const inServiceFrom = gatewayInServiceFromMs(g);
      for (let t = 0; t < T; t++) {
        off[t] = sats.length;
        if (this.cache.timesMs[t]! < inServiceFrom) continue;
        const n = visibleSatellites(frame, satPos.subarray(t * 3 * N, (t + 1) * 3 * N), g.minElevationDeg, g.maxSlantKm, this.seedIdx, this.seedSlant, null, usable, this.skyIndexAt(t));
        for (let i = 0; i < n; i++) {
          sats.push(this.seedIdx[i]!);
          ms.push(seedLatencyMs(backhaulMs, this.seedSlant[i]!, this.msPerKm, hop));
          upMs.push(upLinkMs(this.seedSlant[i]!, this.msPerKm, hop));
        }
      }
    }
    off[T] = sats.length;
    return { off, sat: Int32Array.from(sats), ms: Float64Array.from(ms), upMs: Float64Array.from(upMs), backhaulMs, popIndex: bh.popIndex[0]! };
  }

  /** How many routing edits can be taken back from their logs (the last ones, in reverse order). */
  get undoableEdits(): number {
    return this.undoLogs.length;
  }

  /** How many taken-back edits can be made again from their logs (until another edit). */
  get redoableEdits(): number {
    return this.redoLogs.length;
  }

  /** The routing seeds of the gateway at `index` (scenario order): satellites it sees per step and their latency to its PoP. */
  seedsOf(index: number): GatewaySeeds {
    this.checkIndex(index);
    return this.seeds[index]!;
  }

  /**
   * A new evaluator over this one's cache, grid, scenario and router options, with `gateways`
   * routed in full: a what-if (e.g. the optimizer's chosen set) that leaves this one as it is. It
   * shares the cache (read only) and holds its own labels and cell latencies.
   */
  withGateways(gateways: readonly Gateway[]): CoverageEvaluator {
    const ev = new CoverageEvaluator({ scenario: this.scenario, grid: this.grid, cache: this.cache, routerOptions: this.routerOptions });
    ev.setGateways(gateways);
    return ev;
  }

  /** Replace the whole gateway set: full routing of every step. */
  setGateways(gateways: readonly Gateway[]): CoverageResult {
    this.walkAll = true;
    this.undoLogs = [];
    this.redoLogs = [];
    this.gws = gateways.slice();
    this.seeds = this.gws.map((g) => this.gatewaySeeds(g));
    return this.rerouteAll();
  }

  /**
   * Replace the whole gateway set as an edit (a batch of edits too large to apply one by one, e.g.
   * accepting the optimizer's sites): every step routed in full, and logged, so that asking for
   * the set before it again (undo) is a swap from the log (`replaceGatewaysFromLog`). Seeds of
   * gateways kept unchanged are reused.
   */
  replaceGateways(gateways: readonly Gateway[]): CoverageResult {
    const before: LoggedEdit = { kind: 'set', gateways: this.gws, seeds: this.seeds };
    const kept = new Map<string, number>();
    this.gws.forEach((g, i) => kept.set(g.id, i));
    const oldGws = this.gws, oldSeeds = this.seeds;
    this.walkAll = true;
    this.gws = gateways.slice();
    this.seeds = this.gws.map((g) => {
      const i = kept.get(g.id);
      return i !== undefined && !routingDiffers(oldGws[i]!, g) ? oldSeeds[i]! : this.gatewaySeeds(g);
    });
    this.keepLog(this.loggedSteps((t) => this.rerouteStep(t)), before, null);
    return this.result();
  }

  /**
   * Set `gateways` when that takes back the last whole-set edit (`replaceGateways`: the undo or
   * redo of a batch): from the log, exactly, without routing. Returns null (and changes nothing)
   * otherwise.
   */
  replaceGatewaysFromLog(gateways: readonly Gateway[]): CoverageResult | null {
    return this.takeBack((e) => e.kind === 'set' && sameRouting(e.gateways, gateways), gateways) ? this.result() : null;
  }

  /** Every step routed in full (a new gateway set). */
  private rerouteAll(): CoverageResult {
    for (let t = 0; t < this.cache.stepCount; t++) this.rerouteStep(t);
    return this.result();
  }

  /** Append one gateway: pruned Dijkstra per step from its seeds only (or its removal taken back from the log). */
  addGateway(g: Gateway): CoverageResult {
    const o = this.gws.length;
    if (this.takeBack(leftFrom('removed', o, g), g)) return this.result();
    this.gws.push(g);
    const seeds = this.gatewaySeeds(g);
    this.seeds.push(seeds);
    const T = this.cache.stepCount;
    this.recording = this.newRecording();
    for (let t = 0; t < T; t++) {
      this.improveStep(t, seeds, o);
      const r = this.recording;
      if (r) {
        r.satOff[t + 1] = r.sat.length;
        r.cellOff[t + 1] = r.cell.length;
      }
    }
    const r = this.recording;
    this.recording = null;
    this.keepLog(r, { kind: 'inserted', index: o, id: g.id }, this.walkAll ? null : this.touched.slice(0, this.touchedCount));
    return this.result();
  }

  /**
   * Insert gateway `g` at `index` when that takes back the last edit (the gateway removed from
   * there, as undo or redo sends it): from the log, exactly, without routing. Returns null (and
   * changes nothing) otherwise: the caller then sets the gateways in full.
   */
  insertGatewayFromLog(index: number, g: Gateway): CoverageResult | null {
    return this.takeBack(leftFrom('removed', index, g), g) ? this.result() : null;
  }

  private newRecording(): Recording {
    const T = this.cache.stepCount;
    const col = <A extends Float64Array | Int32Array>(a: A): Column<A> => new Column(a);
    return { sat: col(new Int32Array(1024)), dist: col(new Float64Array(1024)), hops: col(new Int32Array(1024)), origin: col(new Int32Array(1024)), satOff: new Int32Array(T + 1), cell: col(new Int32Array(1024)), lat: col(new Float64Array(1024)), best: col(new Int32Array(1024)), cellOff: new Int32Array(T + 1) };
  }

  /**
   * Ends the recording of an edit: its log goes on the undo stack and the redo logs are dropped
   * (a new edit), or, when the edit could not be logged, every log is dropped.
   */
  private keepLog(r: Recording | null, edit: LoggedEdit, touched: Int32Array | null): void {
    this.redoLogs = [];
    if (!r) {
      this.undoLogs = [];
      return;
    }
    const log: EditLog = { edit, satOff: r.satOff, sat: r.sat.done(), dist: r.dist.done(), hops: r.hops.done(), origin: r.origin.done(), cellOff: r.cellOff, cell: r.cell.done(), lat: r.lat.done(), best: r.best.done(), touched, bytes: 0 };
    log.bytes = [log.satOff, log.sat, log.dist, log.hops, log.origin, log.cellOff, log.cell, log.lat, log.best, touched].reduce((b, a) => b + (a ? a.byteLength : 0), 0);
    this.undoLogs.push(log);
    let bytes = this.logBytes();
    while (bytes > EDIT_LOG_BYTES && this.undoLogs.length > 0) bytes -= this.undoLogs.shift()!.bytes;
  }

  private logBytes(): number {
    let b = 0;
    for (const l of this.undoLogs) b += l.bytes;
    for (const l of this.redoLogs) b += l.bytes;
    return b;
  }

  /**
   * Takes back the newest undo log (else the newest redo log) when `inverse` says the edit asked
   * for is the one that takes it back: the log is swapped in (the state before its edit, exactly)
   * and goes on the other stack as the log of this edit. `g`: the gateway the edit brings (an
   * insert or a move), which the gateway list takes (its name and capacity may differ). Returns
   * false, changing nothing, when neither log matches.
   */
  private takeBack(inverse: (e: LoggedEdit) => boolean, g: Gateway | readonly Gateway[] | null): boolean {
    const fromUndo = this.undoLogs.length > 0 && inverse(this.undoLogs.at(-1)!.edit);
    if (!fromUndo && !(this.redoLogs.length > 0 && inverse(this.redoLogs.at(-1)!.edit))) return false;
    const log = (fromUndo ? this.undoLogs : this.redoLogs).pop()!;
    this.swapIn(log, g);
    (fromUndo ? this.redoLogs : this.undoLogs).push(log);
    return true;
  }

  /**
   * Swaps a log's labels and cells with the current ones (the state before its edit comes back;
   * the log then holds the state after it) and takes its edit back in the gateway list: `log.edit`
   * becomes the edit that was just made.
   */
  private swapIn(log: EditLog, g: Gateway | readonly Gateway[] | null): void {
    const { satCount: N, cellCount: C, stepCount: T } = this.cache;
    const { dist, hops, origin, cellLat, cellSat } = this;
    for (let t = 0; t < T; t++) {
      for (let k = log.satOff[t]!, end = log.satOff[t + 1]!; k < end; k++) {
        const i = t * N + log.sat[k]!;
        const d = dist[i]!, h = hops[i]!, o = origin[i]!;
        dist[i] = log.dist[k]!;
        hops[i] = log.hops[k]!;
        origin[i] = log.origin[k]!;
        log.dist[k] = d;
        log.hops[k] = h;
        log.origin[k] = o;
      }
      for (let k = log.cellOff[t]!, end = log.cellOff[t + 1]!; k < end; k++) {
        const c = log.cell[k]!;
        const i = t * C + c;
        const l = cellLat[i]!, b = cellSat[i]!;
        if (l !== log.lat[k]) this.dirty[c] = 1;
        cellLat[i] = log.lat[k]!;
        cellSat[i] = log.best[k]!;
        log.lat[k] = l;
        log.best[k] = b;
      }
    }
    if (log.touched === null) this.walkAll = true;
    else for (const j of log.touched) this.touch(this.weightedCells[j]!);
    const e = log.edit;
    if (e.kind === 'set') {
      log.edit = { kind: 'set', gateways: this.gws, seeds: this.seeds };
      this.gws = Array.isArray(g) ? g.slice() : e.gateways.slice();
      this.seeds = e.seeds.slice();
      return;
    }
    const one = Array.isArray(g) ? null : (g as Gateway | null);
    if (e.kind === 'inserted') {
      log.edit = { kind: 'removed', index: e.index, gateway: this.gws[e.index]!, seeds: this.seeds[e.index]! };
      this.gws.splice(e.index, 1);
      this.seeds.splice(e.index, 1);
    } else if (e.kind === 'removed') {
      this.gws.splice(e.index, 0, one ?? e.gateway);
      this.seeds.splice(e.index, 0, e.seeds);
      log.edit = { kind: 'inserted', index: e.index, id: e.gateway.id };
    } else {
      log.edit = { kind: 'moved', index: e.index, gateway: this.gws[e.index]!, seeds: this.seeds[e.index]! };
      this.gws[e.index] = one ?? e.gateway;
      this.seeds[e.index] = e.seeds;
    }
  }

  /** Routes every step with `route`, logging what each changed (a remove, move or whole-set edit). */
  private loggedSteps(route: (t: number) => void): Recording {
    const r = this.newRecording();
    for (let t = 0; t < this.cache.stepCount; t++) {
      this.keepStep(t);
      route(t);
      this.logStep(t, r);
    }
    return r;
  }

  /** Step t's labels and cells, kept before an edit routes it (see `logStep`). */
  private keepStep(t: number): void {
    const { satCount: N, cellCount: C } = this.cache;
    this.oldDist.set(this.dist.subarray(t * N, (t + 1) * N));
    this.oldHops.set(this.hops.subarray(t * N, (t + 1) * N));
    this.oldOrigin.set(this.origin.subarray(t * N, (t + 1) * N));
    this.oldCellLat.set(this.cellLat.subarray(t * C, (t + 1) * C));
    this.oldCellSat.set(this.cellSat.subarray(t * C, (t + 1) * C));
  }

  /** Logs what the edit changed at step t since `keepStep(t)` (the steps in order, each once). */
  private logStep(t: number, r: Recording): void {
    const { satCount: N, cellCount: C } = this.cache;
    const { oldDist, oldHops, oldOrigin, oldCellLat, oldCellSat } = this;
    const dist = this.dist, hops = this.hops, origin = this.origin;
    // Written straight into the columns' arrays (at most N and C entries a step).
    const at = r.sat.length;
    const sat = r.sat.reserve(N), sd = r.dist.reserve(N), sh = r.hops.reserve(N), so = r.origin.reserve(N);
    let k = at;
    for (let s = 0, i = t * N; s < N; s++, i++) {
      if (dist[i] === oldDist[s] && hops[i] === oldHops[s] && origin[i] === oldOrigin[s]) continue;
      sat[k] = s;
      sd[k] = oldDist[s]!;
      sh[k] = oldHops[s]!;
      so[k++] = oldOrigin[s]!;
    }
    r.sat.length = r.dist.length = r.hops.length = r.origin.length = k;
    const lat = this.cellLat, best = this.cellSat;
    const cat = r.cell.length;
    const cell = r.cell.reserve(C), cl = r.lat.reserve(C), cb = r.best.reserve(C);
    let m = cat;
    for (let c = 0, i = t * C; c < C; c++, i++) {
      if (lat[i] === oldCellLat[c] && best[i] === oldCellSat[c]) continue;
      cell[m] = c;
      cl[m] = oldCellLat[c]!;
      cb[m++] = oldCellSat[c]!;
    }
    r.cell.length = r.lat.length = r.best.length = m;
    r.satOff[t + 1] = k;
    r.cellOff[t + 1] = m;
  }

  /** Remove the gateway at `index` (scenario order): decremental repair of its routing forest per step (or the edit taken back from its log). */
  removeGateway(index: number): CoverageResult {
    this.checkIndex(index);
    const id = this.gws[index]!.id;
    if (this.takeBack((e) => e.kind === 'inserted' && e.index === index && e.id === id, null)) return this.result();
    const removed = { kind: 'removed' as const, index, gateway: this.gws[index]!, seeds: this.seeds[index]! };
    // Gateways above it are renumbered in every step: so are the window sums' gateways, and the
    // samples that change are listed as for a move.
    this.renumberCounted(index);
    const N = this.cache.satCount;
    this.gws.splice(index, 1);
    this.seeds.splice(index, 1);
    const origin = this.origin;
    const affected = this.changed;
    // Ground relay: the gateways as they were, with a hole (no seeds) where the removed one was.
    const holed = this.routerOptions.groundRelay ? [...this.seeds.slice(0, index), null, ...this.seeds.slice(index)] : [];
    const r = this.loggedSteps((t) => {
      if (this.routerOptions.groundRelay) {
        this.relayEditStep(t, holed, index, removed.seeds, false);
        renumberAbove(origin.subarray(t * N, (t + 1) * N), index);
        return;
      }
      let na = 0;
      for (let i = t * N, end = i + N; i < end; i++) {
        const o = origin[i]!;
        if (o === index) affected[na++] = i - t * N;
        else if (o > index) origin[i] = o - 1;
      }
      if (na > 0) {
        this.repairStep(t, affected, na, null, -1);
        this.cellsFromLabels(t, index);
      }
    });
    this.keepLog(r, removed, null);
    return this.result();
  }

  /**
   * Replace the gateway at `index` by `g` when `g` differs only in fields routing does not read
   * (name, antennas, backhaul Gbps: the caller decides, e.g. EngineSession): no re-route, the
   * seeds are kept, the evaluator just stops holding the old copy.
   */
  relabelGateway(index: number, g: Gateway): void {
    this.checkIndex(index);
    this.gws[index] = g;
  }

  /** Replace the gateway at `index` by `g` (a move or any edit of its site/mask/PoP). */
  moveGateway(index: number, g: Gateway): CoverageResult {
    this.checkIndex(index);
    // Moving it back where it was (undo or redo of a move): from the log.
    if (this.takeBack(leftFrom('moved', index, g), g)) return this.result();
    // The gateway added last (a planner placing a site, then dragging it to fine-tune it): take
    // the add back from its log and add it again where it now is. Same order, so the same state
    // as a full evaluation.
    const last = this.undoLogs.at(-1)?.edit;
    if (last?.kind === 'inserted' && last.index === index && index === this.gws.length - 1 && last.id === this.gws[index]!.id) {
      this.takeBack((e) => e === last, null);
      return this.addGateway(g);
    }
    const moved = { kind: 'moved' as const, index, gateway: this.gws[index]!, seeds: this.seeds[index]! };
    const N = this.cache.satCount;
    this.gws[index] = g;
    const seeds = this.gatewaySeeds(g);
    this.seeds[index] = seeds;
    const origin = this.origin;
    const affected = this.changed;
    const holed = this.routerOptions.groundRelay ? this.seeds.map((s, g) => (g === index ? null : s)) : [];
    const r = this.loggedSteps((t) => {
      if (this.routerOptions.groundRelay) return this.relayEditStep(t, holed, index, moved.seeds, true);
      let na = 0;
      for (let i = t * N, end = i + N; i < end; i++) if (origin[i] === index) affected[na++] = i - t * N;
      if (na > 0) {
        this.repairStep(t, affected, na, seeds, index);
        this.cellsFromLabels(t, -1);
      } else {
        this.improveStep(t, seeds, index);
      }
    });
    // Every sample a move changed was listed (`touch`), as for an add: so are they for its undo.
    this.keepLog(r, moved, this.walkAll ? null : this.touched.slice(0, this.touchedCount));
    return this.result();
  }

  /** Repair step t's labels for the `affected` satellites, then add `extra` seeds (a moved gateway). */
  private repairStep(t: number, affected: Int32Array, na: number, extra: GatewaySeeds | null, extraOrigin: number): void {
    const { satCount: N, linkCount: L } = this.cache;
    const all = this.stepSeeds(t);
    const linkMs = this.cache.linkMs.subarray(t * L, (t + 1) * L);
    const dist = this.dist.subarray(t * N, (t + 1) * N);
    const hops = this.hops.subarray(t * N, (t + 1) * N);
    const origin = this.origin.subarray(t * N, (t + 1) * N);
    this.router.repair(linkMs, affected, na, all.sat, all.ms, all.org, all.sat.length, dist, hops, origin);
    if (extra) {
      const from = extra.off[t]!, to = extra.off[t + 1]!;
      // `affected` doubles as the changed-list buffer; it is no longer needed.
      if (to > from) this.router.improve(linkMs, extra.sat.subarray(from, to), extra.ms.subarray(from, to), extraOrigin, to - from, dist, hops, origin, this.changed);
    }
  }

  /** All gateways' seeds at step t, with their origins (scenario order; a null in `list` is a gateway with no seeds). */
  private stepSeeds(t: number, list: readonly (GatewaySeeds | null)[] = this.seeds): { sat: Int32Array; ms: Float64Array; upMs: Float64Array; org: Int32Array } {
    let count = 0;
    for (const s of list) if (s) count += s.off[t + 1]! - s.off[t]!;
    const sat = new Int32Array(count);
    const ms = new Float64Array(count);
    const upMs = new Float64Array(count);
    const org = new Int32Array(count);
    let k = 0;
    list.forEach((s, g) => {
      if (!s) return;
      for (let i = s.off[t]!; i < s.off[t + 1]!; i++, k++) {
        sat[k] = s.sat[i]!;
        ms[k] = s.ms[i]!;
        upMs[k] = s.upMs[i]!;
        org[k] = g;
      }
    });
    return { sat, ms, upMs, org };
  }

  /** Step t as the router sees it (links, the gateways' seeds: by default all of them). */
  private routerStep(t: number, list: readonly (GatewaySeeds | null)[] = this.seeds): RouterStep {
    const L = this.cache.linkCount;
    const { sat, ms, upMs, org } = this.stepSeeds(t, list);
    return {
      linkMs: this.cache.linkMs.subarray(t * L, (t + 1) * L),
      seedSat: sat,
      seedMs: ms,
      seedUpMs: upMs,
      seedGateway: org,
      seedCount: sat.length,
      gatewayStartMs: list.map((s) => (s ? s.backhaulMs : Infinity)),
      gatewayCount: list.length,
      gatewayProcessingMs: this.scenario.latency.gatewayProcessingMs,
    };
  }

  /**
   * Ground relay: step t without gateway `x` (`list`: the gateways' seeds with a null at x), its
   * old seeds `gone` repaired away (LabelRouter.repairRelay); with `add`, x's new seeds then added
   * (a move). Then the cells that changed. Origins stay as numbered with x (a remove renumbers
   * them after).
   */
  private relayEditStep(t: number, list: readonly (GatewaySeeds | null)[], x: number, gone: GatewaySeeds, add: boolean): void {
    const N = this.cache.satCount;
    const dist = this.dist.subarray(t * N, (t + 1) * N);
    const hops = this.hops.subarray(t * N, (t + 1) * N);
    const origin = this.origin.subarray(t * N, (t + 1) * N);
    const from = gone.off[t]!, to = gone.off[t + 1]!;
    const old = { sat: gone.sat.subarray(from, to), ms: gone.ms.subarray(from, to), upMs: gone.upMs.subarray(from, to), count: to - from };
    this.router.repairRelay(this.routerStep(t, list), x, old, gone.backhaulMs, dist, hops, origin, this.changed);
    if (add) this.router.improveRelay(this.routerStep(t), x, dist, hops, origin, this.changed);
    this.cellsFromLabels(t, -1);
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.gws.length) throw new RangeError(`no gateway at index ${index} (have ${this.gws.length})`);
  }

  /** Full routing of step t from all gateways' seeds, then the full cell pass. */
  private rerouteStep(t: number): void {
    const N = this.cache.satCount;
    this.router.full(this.routerStep(t), this.dist.subarray(t * N, (t + 1) * N), this.hops.subarray(t * N, (t + 1) * N), this.origin.subarray(t * N, (t + 1) * N));
    this.cellPass(t);
  }

  private improveStep(t: number, seeds: GatewaySeeds, o: number): void {
    const { satCount: N, linkCount: L, cellCount: C, visOff, visCell, visUpMs } = this.cache;
    const from = seeds.off[t]!, to = seeds.off[t + 1]!;
    if (from === to) return;
    const dist = this.dist.subarray(t * N, (t + 1) * N);
    const hops = this.hops.subarray(t * N, (t + 1) * N);
    const origin = this.origin.subarray(t * N, (t + 1) * N);
    const rec = this.recording;
    if (rec) {
      this.oldDist.set(dist);
      this.oldHops.set(hops);
      this.oldOrigin.set(origin);
    }
    const nc = this.routerOptions.groundRelay
      ? this.router.improveRelay(this.routerStep(t), o, dist, hops, origin, this.changed)
      : this.router.improve(this.cache.linkMs.subarray(t * L, (t + 1) * L), seeds.sat.subarray(from, to), seeds.ms.subarray(from, to), o, to - from, dist, hops, origin, this.changed);
    if (nc === 0) return;
    if (rec) {
      for (let i = 0; i < nc; i++) {
        const s = this.changed[i]!;
        rec.sat.push(s);
        rec.dist.push(this.oldDist[s]!);
        rec.hops.push(this.oldHops[s]!);
        rec.origin.push(this.oldOrigin[s]!);
      }
    }
    const lat = this.cellLat.subarray(t * C, (t + 1) * C);
    const best = this.cellSat.subarray(t * C, (t + 1) * C);
    const logged = this.cellLogged;
    const cellsFrom = rec ? rec.cell.length : 0;
    const H = this.maxHops;
    const vo = t * (N + 1);
    for (let i = 0; i < nc; i++) {
      const s = this.changed[i]!;
      const d = hops[s]! <= H ? dist[s]! : Infinity;
      for (let k = visOff[vo + s]!, end = visOff[vo + s + 1]!; k < end; k++) {
        const c = visCell[k]!;
        const v = visUpMs[k]! + d;
        const b = best[c]!;
        if (b === s) {
          if (v > lat[c]!) {
            // The satellite's label improved but its route now breaks the hop limit: rare; redo the
            // step (its cells were not logged: this add cannot be taken back from a log).
            if (rec) for (let k = cellsFrom; k < rec.cell.length; k++) logged[rec.cell.at(k)] = 0;
            this.recording = null;
            this.cellPass(t);
            return;
          }
          if (v !== lat[c]) {
            if (rec && !logged[c]) this.logCell(rec, c, lat[c]!, b);
            lat[c] = v;
            this.dirty[c] = 1;
          }
          // Its satellite's label changed (the gateway it counts under may have, at equal latency).
          this.touch(c);
        } else if (v < lat[c]! || (v === lat[c]! && v !== Infinity && s < b)) {
          if (rec && !logged[c]) this.logCell(rec, c, lat[c]!, b);
          if (v !== lat[c]) this.dirty[c] = 1;
          lat[c] = v;
          best[c] = s;
          this.touch(c);
        }
      }
    }
    if (rec) for (let k = cellsFrom; k < rec.cell.length; k++) logged[rec.cell.at(k)] = 0;
  }

  /** Logs cell c's latency and satellite at this step before an add overwrites them (once a step). */
  private logCell(rec: NonNullable<CoverageEvaluator['recording']>, c: number, lat: number, best: number): void {
    this.cellLogged[c] = 1;
    rec.cell.push(c);
    rec.lat.push(lat);
    rec.best.push(best);
  }

  /** Lists a cell whose sample at some step `result` must look at again (see `walkAll`). */
  private touch(c: number): void {
    const j = this.weightedIndex[c]!;
    if (j < 0 || this.touchedMark[c]) return;
    this.touchedMark[c] = 1;
    this.touched[this.touchedCount++] = j;
  }

  /**
   * The window sums after gateway `index` is removed: samples counted under it leave the sums (an
   * edit lists them anyway: their satellites' labels change), the gateways above it move down one.
   * Exact (integer sums), so `result` then walks only the samples the edit listed.
   */
  private renumberCounted(index: number): void {
    if (!this.exactSums) return; // recounted from zero on every call
    const { countedGw, countedLat, stepW, hist, shareW } = this;
    const w = this.grid.weight, cells = this.weightedCells, nw = cells.length, bin = this.histBinMs;
    for (let t = 0, k = 0; t < this.cache.stepCount; t++) {
      for (let j = 0; j < nw; j++, k++) {
        const g = countedGw[k]!;
        if (g < index) continue;
        if (g > index) {
          countedGw[k] = g - 1;
          continue;
        }
        const wc = w[cells[j]!]!;
        hist[Math.floor(countedLat[k]! / bin)]! -= wc;
        stepW[t]! -= wc;
        shareW[index]! -= wc;
        countedLat[k] = Infinity;
        countedGw[k] = -1;
      }
    }
    shareW.copyWithin(index, index + 1);
    shareW[shareW.length - 1] = 0;
  }

  /**
   * The cell pass after an edit changed some of step t's labels (those kept by `keepStep(t)` are
   * the labels before it): only the cells seen by a satellite whose label changed are looked at.
   * Such a cell takes a satellite that now offers less (ties to the lower index, as `cellPass`);
   * one whose best satellite now offers more takes the minimum again over every satellite that
   * sees it (CoverageCache.satsOfCells). Equal to `cellPass`, cell for cell. Every cell of a
   * satellite whose label changed, its gateway alone included, is listed for `result` (`touch`).
   * `removed` >= 0: the origins were already renumbered for the removal of that gateway (the kept
   * ones are compared as renumbered).
   */
  private cellsFromLabels(t: number, removed: number): void {
    const { satCount: N, cellCount: C, visOff, visCell, visUpMs } = this.cache;
    const lat = this.cellLat.subarray(t * C, (t + 1) * C);
    const best = this.cellSat.subarray(t * C, (t + 1) * C);
    const dist = this.dist.subarray(t * N, (t + 1) * N);
    const hops = this.hops.subarray(t * N, (t + 1) * N);
    const origin = this.origin.subarray(t * N, (t + 1) * N);
    const { oldDist, oldHops, oldOrigin, dirty } = this;
    const H = this.maxHops;
    const vo = t * (N + 1);
    const again = this.cellsAgain, mark = this.cellAgainMark;
    let na = 0;
    for (let s = 0; s < N; s++) {
      const d = hops[s]! <= H ? dist[s]! : Infinity;
      const was = oldHops[s]! <= H ? oldDist[s]! : Infinity;
      // The origin before, as numbered now (-2: the removed gateway itself, which nothing has now).
      const o = oldOrigin[s]!;
      const wasOrigin = removed < 0 || o < removed ? o : o > removed ? o - 1 : -2;
      if (d === was && origin[s] === wasOrigin) continue;
      for (let k = visOff[vo + s]!, end = visOff[vo + s + 1]!; k < end; k++) {
        const c = visCell[k]!;
        const v = visUpMs[k]! + d;
        const b = best[c]!, l = lat[c]!;
        if (b === s) {
          if (v < l) {
            lat[c] = v;
            dirty[c] = 1;
          } else if (v > l && !mark[c]) {
            mark[c] = 1;
            again[na++] = c;
          }
          this.touch(c);
        } else if (v < l || (v === l && v !== Infinity && s < b)) {
          if (v !== l) dirty[c] = 1;
          lat[c] = v;
          best[c] = s;
          this.touch(c);
        }
      }
    }
    if (na === 0) return;
    // The minimum again: every satellite that sees one of these cells, in satellite order, as
    // `cellPass` takes them.
    const index = this.cache.satsOfCells();
    const ro = t * (C + 1);
    const sees = this.satMark;
    for (let q = 0; q < na; q++) {
      const c = again[q]!;
      lat[c] = Infinity;
      best[c] = -1;
      for (let j = index.off[ro + c]!, end = index.off[ro + c + 1]!; j < end; j++) sees[index.sat[j]!] = 1;
    }
    for (let s = 0; s < N; s++) {
      if (!sees[s]) continue;
      sees[s] = 0;
      const d = dist[s]!;
      if (d === Infinity || hops[s]! > H) continue;
      for (let k = visOff[vo + s]!, end = visOff[vo + s + 1]!; k < end; k++) {
        const c = visCell[k]!;
        if (!mark[c]) continue;
        const v = visUpMs[k]! + d;
        if (v < lat[c]!) {
          lat[c] = v;
          best[c] = s;
        }
      }
    }
    const before = this.oldCellLat;
    for (let q = 0; q < na; q++) {
      const c = again[q]!;
      mark[c] = 0;
      if (lat[c] !== before[c]) dirty[c] = 1;
    }
  }

  /** Scatter-min of step t from the routing labels; marks cells whose latency changed. */
  private cellPass(t: number): void {
    // Any cell's satellite, and so its gateway, may change: every sample is looked at again.
    this.walkAll = true;
    const { satCount: N, cellCount: C, visOff, visCell, visUpMs } = this.cache;
    const lat = this.cellLat.subarray(t * C, (t + 1) * C);
    const best = this.cellSat.subarray(t * C, (t + 1) * C);
    const old = this.rowScratch;
    old.set(lat);
    lat.fill(Infinity);
    best.fill(-1);
    const dist = this.dist, hops = this.hops;
    const H = this.maxHops;
    const vo = t * (N + 1);
    for (let s = 0; s < N; s++) {
      const d = dist[t * N + s]!;
      if (d === Infinity || hops[t * N + s]! > H) continue;
      for (let k = visOff[vo + s]!, end = visOff[vo + s + 1]!; k < end; k++) {
        const c = visCell[k]!;
        const v = visUpMs[k]! + d;
        if (v < lat[c]!) {
          lat[c] = v;
          best[c] = s;
        }
      }
    }
    const dirty = this.dirty;
    for (let c = 0; c < C; c++) if (lat[c] !== old[c]) dirty[c] = 1;
  }

  private updateCellFigures(): void {
    const { cellCount: C, stepCount: T } = this.cache;
    const stepS = this.cache.settings.stepS;
    const Lmax = this.maxLatencyMs;
    const lat = this.cellLat;
    const buf = this.sortBuf;
    const f = this.fig;
    const vc = this.cache.visCount;
    for (let c = 0; c < C; c++) {
      if (!this.dirty[c]) continue;
      this.dirty[c] = 0;
      let k = 0, run = 0, longest = 0, sum = 0, rrun = 0, rlongest = 0;
      for (let t = 0; t < T; t++) {
        const v = lat[t * C + c]!;
        if (v <= Lmax) {
          buf[k++] = v;
          sum += v;
          run = 0;
          rrun = 0;
        } else {
          if (++run > longest) longest = run;
          if (vc[t * C + c]! > 0) {
            if (++rrun > rlongest) rlongest = rrun;
          } else rrun = 0;
        }
      }
      this.servedSteps[c] = k;
      this.cellLatSum[c] = sum;
      this.routingOutageSteps[c] = rlongest;
      f.servedPct[c] = (100 * k) / T;
      f.longestOutageS[c] = longest * stepS;
      if (k === 0) {
        f.p50LatencyMs[c] = f.p95LatencyMs[c] = f.meanLatencyMs[c] = NaN;
      } else {
        const s = buf.subarray(0, k).sort();
        f.p50LatencyMs[c] = quantileSorted(s, 0.5);
        f.p95LatencyMs[c] = quantileSorted(s, 0.95);
        f.meanLatencyMs[c] = sum / k;
      }
    }
  }

  /** Window figures of the current gateway set. */
  result(): CoverageResult {
    this.updateCellFigures();
    const { cellCount: C, stepCount: T, satCount: N } = this.cache;
    const w = this.grid.weight;
    const Lmax = this.maxLatencyMs;
    const G = this.gws.length;
    let W = 0, servedW = 0, coveredW = 0, visW = 0, longest = 0;
    let areaCells = 0, areaW = 0, areaPop = 0, outPop = 0, outCells = 0, areaLongest = 0, routingLongest = 0, maxAbsLat = 0;
    const pop = this.grid.population;
    let latSum = 0;
    for (let c = 0; c < C; c++) {
      const wc = w[c]!;
      W += wc;
      servedW += wc * this.servedSteps[c]!;
      if (wc !== 0) latSum += wc * this.cellLatSum[c]!;
      coveredW += wc * this.coveredSteps[c]!;
      visW += wc * this.visSum[c]!;
      if (wc > 0 && this.fig.longestOutageS[c]! > longest) longest = this.fig.longestOutageS[c]!;
      if (this.coveredSteps[c]! === 0) {
        outCells++;
        outPop += pop[c]!;
        continue;
      }
      areaCells++;
      areaW += wc;
      areaPop += pop[c]!;
      if (wc > 0) {
        if (this.fig.longestOutageS[c]! > areaLongest) areaLongest = this.fig.longestOutageS[c]!;
        if (this.routingOutageSteps[c]! > routingLongest) routingLongest = this.routingOutageSteps[c]!;
        if (pop[c]! > 0) maxAbsLat = Math.max(maxAbsLat, Math.abs(this.grid.latDeg[c]!));
      }
    }
    // Never-covered cells add nothing to servedW or coveredW, so only the denominator changes.
    const serviceArea: ServiceAreaFigures = {
      cells: areaCells,
      population: areaPop,
      outsidePopulation: outPop,
      outsideCells: outCells,
      maxAbsLatDeg: maxAbsLat,
      servedPct: areaW > 0 ? (100 * servedW) / (areaW * T) : NaN,
      coveredPct: areaW > 0 ? (100 * coveredW) / (areaW * T) : NaN,
      longestOutageS: areaLongest,
      routedPctOfCovered: coveredW > 0 ? (100 * servedW) / coveredW : NaN,
      longestRoutingOutageS: routingLongest * this.cache.settings.stepS,
    };
    // The latency histogram (p50, p95), the weight per gateway and per step are sums of integer
    // weights (grid.ts), so they are exact whatever the order of the additions: they are kept
    // between calls, and only the samples whose latency or gateway changed are moved. After an
    // edit, only the touched cells' samples are looked at (a removal renumbers the gateways in the
    // kept sums first: renumberCounted); after a full routing, every sample. The mean latency is not an integer
    // sum: it is summed in full over the cells, in cell order, from the per-cell sums.
    // Non-integer weights (or sums past 2^53): everything is recounted from zero on each call.
    const hist = this.hist;
    const bin = this.histBinMs;
    if (this.shareW.length < G) {
      const grown = new Float64Array(Math.max(G, 2 * this.shareW.length));
      grown.set(this.shareW);
      this.shareW = grown;
    }
    const shareW = this.shareW;
    const countedLat = this.countedLat, countedGw = this.countedGw, stepW = this.stepW;
    if (!this.exactSums) {
      hist.fill(0);
      shareW.fill(0);
      stepW.fill(0);
      countedLat.fill(Infinity);
      countedGw.fill(-1);
      this.walkAll = true;
    }
    const cells = this.weightedCells;
    const nw = cells.length;
    const list = this.walkAll ? this.allWeighted : this.touched;
    const nl = this.walkAll ? nw : this.touchedCount;
    const cellLat = this.cellLat, cellSat = this.cellSat, origin = this.origin;
    for (let t = 0; t < T; t++) {
      const row = t * C;
      const base = t * nw;
      for (let q = 0; q < nl; q++) {
        const j = list[q]!;
        const c = cells[j]!;
        const v = cellLat[row + c]!;
        const served = v <= Lmax;
        // Counted as: latency and gateway when served, else (Infinity, -1).
        const nv = served ? v : Infinity;
        const o = served ? origin[t * N + cellSat[row + c]!]! : -1;
        const k = base + j;
        const was = countedLat[k]!;
        if (nv === was && o === countedGw[k]) continue;
        const wc = w[c]!;
        if (was <= Lmax) {
          hist[Math.floor(was / bin)]! -= wc;
          shareW[countedGw[k]!]! -= wc;
          stepW[t]! -= wc;
        }
        if (served) {
          hist[Math.floor(v / bin)]! += wc;
          shareW[o]! += wc;
          stepW[t]! += wc;
        }
        countedLat[k] = nv;
        countedGw[k] = o;
      }
    }
    for (let q = 0; q < this.touchedCount; q++) this.touchedMark[cells[this.touched[q]!]!] = 0;
    this.touchedCount = 0;
    this.walkAll = false;
    const byStep = new Float64Array(T);
    for (let t = 0; t < T; t++) byStep[t] = W > 0 ? (100 * stepW[t]!) / W : NaN;
    // Served weight x steps: the weight the mean latency and the gateway shares are taken over.
    const latW = servedW;
    const share = shareW.slice(0, G);
    for (let g = 0; g < G; g++) share[g] = latW > 0 ? share[g]! / latW : 0;
    const f = this.fig;
    return {
      stepCount: T,
      stepS: this.cache.settings.stepS,
      startUtcMs: this.cache.settings.startUtcMs,
      cellCount: C,
      gatewayIds: this.gws.map((g) => g.id),
      cells: {
        servedPct: f.servedPct.slice(),
        coveredPct: f.coveredPct.slice(),
        longestOutageS: f.longestOutageS.slice(),
        p50LatencyMs: f.p50LatencyMs.slice(),
        p95LatencyMs: f.p95LatencyMs.slice(),
        meanLatencyMs: f.meanLatencyMs.slice(),
        meanVisible: f.meanVisible.slice(),
      },
      headline: {
        servedPct: W > 0 ? (100 * servedW) / (W * T) : NaN,
        coveredPct: W > 0 ? (100 * coveredW) / (W * T) : NaN,
        p50LatencyMs: histQuantile(hist, bin, latW, 0.5),
        p95LatencyMs: histQuantile(hist, bin, latW, 0.95),
        meanLatencyMs: latW > 0 ? latSum / latW : NaN,
        latencyResolutionMs: bin,
        longestOutageS: longest,
        meanVisibleSatellites: W > 0 ? visW / (W * T) : NaN,
        serviceArea,
        gatewayShare: share,
        totalWeight: W,
      },
      servedPctByStep: byStep,
    };
  }

  /**
   * Latency (ms) to the Internet of a ground point at step t, from this evaluator's routing labels
   * with the one access rule (network/router pickAccess) and full-precision up links: what a cell
   * centred there gets, without the cache's float32 up-link rounding. Infinity = no route; sat -1.
   */
  pointLatencyAtStep(t: number, latDeg: number, lonDeg: number): AccessPick {
    const { satCount: N, stepCount: T, satPos, usable, settings } = this.cache;
    if (!Number.isInteger(t) || t < 0 || t >= T) throw new RangeError(`no analysis step at index ${t} (have ${T})`);
    const n = visibleSatellites(groundFrame(latDeg, lonDeg, 0), satPos.subarray(t * 3 * N, (t + 1) * 3 * N), settings.terminalMinElevationDeg, settings.terminalMaxSlantKm, this.seedIdx, this.seedSlant, null, usable, this.skyIndexAt(t));
    const upMs = new Float64Array(n);
    for (let i = 0; i < n; i++) upMs[i] = upLinkMs(this.seedSlant[i]!, this.msPerKm, settings.perHopProcessingMs);
    return pickAccess(this.seedIdx, upMs, n, this.dist.subarray(t * N, (t + 1) * N), this.hops.subarray(t * N, (t + 1) * N), this.maxHops, { sat: -1, latencyMs: Infinity });
  }

  /** Latency (ms) of every cell at step t (Infinity = no route; compare with maxLatencyMs for served). */
  latencyAtStep(t: number): Float64Array {
    const C = this.cache.cellCount;
    return this.cellLat.slice(t * C, (t + 1) * C);
  }

  /**
   * Index of the analysis step nearest to `utcMs`: step k stands for [time_k - stepS/2,
   * time_k + stepS/2) (a time exactly half-way between two steps goes to the later one). -1 outside
   * [start - stepS/2, last step + stepS/2) or for a non-finite time.
   */
  nearestStep(utcMs: number): number {
    const { startUtcMs, stepS, stepCount } = this.cache.settings;
    return nearestAnalysisStep(utcMs, startUtcMs, stepS, stepCount);
  }

  // Routed load at one step: how much served demand each laser link, satellite and gateway carries.
  // The routing labels are a shortest-path forest rooted at the gateways' seeds, and LabelRouter
  // computes every label as dist[u] + linkMs[l] (float64) from its parent, so the parent of a
  // satellite can be recovered exactly from the labels instead of being stored:
  //   1. each served cell (cellSat >= 0, cellLat <= maxLatencyMs) puts its weight on its access
  //      satellite;
  //   2. satellites with a route are visited by decreasing (dist, hops, index); a parent has a
  //      strictly smaller hop count and no larger dist, so every satellite is visited after all
  //      satellites that relay through it and its load (own users + relayed) is final when it is
  //      pushed, exactly once: down to the gateway when it is a direct seed of its own origin
  //      (seed sat = v, origin = origin[v], ms = dist[v]), else over the first link in adjacency
  //      order to a neighbour u with dist[u] + linkMs = dist[v], the same origin and one hop fewer.
  // Weights are integers, so every load is exact and the sum of gatewayLoad equals the served
  // weight of the step. A satellite with load and no parent means the labels are inconsistent:
  // that throws. Cost: one pass over the step's cells, a sort of the routed satellites, and a
  // scan of each loaded satellite's adjacency (~0.6 ms per step for full Kuiper on the H3 res-3
  // grid).
  /** Demand weight carried per laser link, gateway and satellite at step t (served cells only). */
  linkLoadAtStep(t: number): LinkLoad {
    const { satCount: N, cellCount: C, linkCount: L, stepCount: T, adjOff, adjTo, adjLink } = this.cache;
    if (!Number.isInteger(t) || t < 0 || t >= T) throw new RangeError(`no analysis step at index ${t} (have ${T})`);
    const G = this.gws.length;
    const linkLoad = new Float64Array(L);
    const gatewayLoad = new Float64Array(G);
    const satLoad = new Float64Array(N);
    const w = this.grid.weight;
    const Lmax = this.maxLatencyMs;
    const lat = this.cellLat.subarray(t * C, (t + 1) * C);
    const best = this.cellSat.subarray(t * C, (t + 1) * C);
    for (let c = 0; c < C; c++) {
      const s = best[c]!;
      if (s >= 0 && lat[c]! <= Lmax) satLoad[s]! += w[c]!;
    }
    const dist = this.dist.subarray(t * N, (t + 1) * N);
    const hops = this.hops.subarray(t * N, (t + 1) * N);
    const origin = this.origin.subarray(t * N, (t + 1) * N);
    if (this.routerOptions.groundRelay) return this.relayLoadAtStep(t, satLoad, linkLoad, gatewayLoad);
    const mark = this.seedMark;
    mark.fill(0);
    for (let g = 0; g < G; g++) {
      const sd = this.seeds[g]!;
      for (let i = sd.off[t]!, end = sd.off[t + 1]!; i < end; i++) {
        const s = sd.sat[i]!;
        if (origin[s] === g && sd.ms[i] === dist[s]) mark[s] = 1;
      }
    }
    let n = 0;
    const order = this.loadOrder;
    for (let v = 0; v < N; v++) if (dist[v] !== Infinity) order[n++] = v;
    const routed = order.subarray(0, n);
    routed.sort((a, b) => dist[b]! - dist[a]! || hops[b]! - hops[a]! || b - a);
    const linkMs = this.cache.linkMs.subarray(t * L, (t + 1) * L);
    for (let i = 0; i < n; i++) {
      const v = routed[i]!;
      const load = satLoad[v]!;
      if (load === 0) continue;
      const o = origin[v]!;
      if (mark[v]) {
        gatewayLoad[o]! += load;
        continue;
      }
      const dv = dist[v]!, hv = hops[v]! - 1;
      let k = adjOff[v]!;
      for (const end = adjOff[v + 1]!; k < end; k++) {
        const u = adjTo[k]!;
        const ms = linkMs[adjLink[k]!]!;
        if (ms < Infinity && dist[u]! + ms === dv && origin[u] === o && hops[u] === hv) break;
      }
      if (k === adjOff[v + 1]) throw new Error(`linkLoadAtStep: satellite ${v} carries load at step ${t} but has no routing predecessor`);
      linkLoad[adjLink[k]!]! += load;
      satLoad[adjTo[k]!]! += load;
    }
    let servedWeight = 0;
    for (let g = 0; g < G; g++) servedWeight += gatewayLoad[g]!;
    return { step: t, stepUtcMs: this.cache.timesMs[t]!, linkLoad, gatewayLoad, satelliteLoad: satLoad, servedWeight };
  }

  // With ground relay a route may pass down through a gateway and up again, so parents are not
  // recoverable from the satellite labels alone: the step is rerun (the same labels, by
  // construction: a stored label that differs is an error) and the router's predecessors are
  // walked in decreasing label order. Load handed down to a relay gateway continues from the
  // satellite it came from; only the gateway that hands off to a PoP gets gatewayLoad.
  private relayLoadAtStep(t: number, satLoad: Float64Array, linkLoad: Float64Array, gatewayLoad: Float64Array): LinkLoad {
    const { satCount: N, adjOff, adjTo, adjLink } = this.cache;
    const dist = new Float64Array(N);
    const hops = new Int32Array(N);
    this.router.full(this.routerStep(t), dist, hops, new Int32Array(N));
    for (let v = 0; v < N; v++) {
      if (dist[v] !== this.dist[t * N + v]) throw new Error(`linkLoadAtStep: satellite ${v} has a routing label at step ${t} that its route does not give (${this.dist[t * N + v]} ms stored, ${dist[v]} ms routed)`);
    }
    let n = 0;
    const order = this.loadOrder;
    for (let v = 0; v < N; v++) if (dist[v] !== Infinity) order[n++] = v;
    const routed = order.subarray(0, n);
    routed.sort((a, b) => dist[b]! - dist[a]! || hops[b]! - hops[a]! || b - a);
    for (let i = 0; i < n; i++) {
      const v = routed[i]!;
      const load = satLoad[v]!;
      if (load === 0) continue;
      const p = this.router.predecessor(v);
      if (p >= N) {
        const up = this.router.predecessor(p);
        if (up < 0) {
          gatewayLoad[p - N]! += load;
        } else {
          satLoad[up]! += load;
        }
        continue;
      }
      let k = adjOff[v]!;
      for (const end = adjOff[v + 1]!; k < end && adjTo[k] !== p; k++);
      if (p < 0 || k === adjOff[v + 1]) throw new Error(`linkLoadAtStep: satellite ${v} carries load at step ${t} but has no routing predecessor`);
      linkLoad[adjLink[k]!]! += load;
      satLoad[p]! += load;
    }
    let servedWeight = 0;
    for (let g = 0; g < gatewayLoad.length; g++) servedWeight += gatewayLoad[g]!;
    return { step: t, stepUtcMs: this.cache.timesMs[t]!, linkLoad, gatewayLoad, satelliteLoad: satLoad, servedWeight };
  }

  /** Bytes held: the gateway-independent cache and the per-gateway-set state. */
  memory(): { cache: CacheMemory; routing: number; cells: number; undoLogs: number; total: number } {
    const cache = this.cache.memory();
    const routing = this.dist.byteLength + this.hops.byteLength + this.origin.byteLength;
    const cells = this.cellLat.byteLength + this.cellSat.byteLength;
    const undoLogs = this.logBytes();
    return { cache, routing, cells, undoLogs, total: cache.total + routing + cells + undoLogs };
  }
}

/** Origins above `index` move down one (the gateway at `index` was removed). */
function renumberAbove(origin: Int32Array, index: number): void {
  for (let i = 0; i < origin.length; i++) {
    const o = origin[i]!;
    if (o > index) origin[i] = o - 1;
  }
}

/** Linear interpolation between closest ranks (R type 7) on a sorted array. */

export function quantileSorted(s: ArrayLike<number>, q: number): number {
  const n = s.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

function histQuantile(hist: Float64Array, bin: number, total: number, q: number): number {
  if (!(total > 0)) return NaN;
  const target = q * total;
  let acc = 0;
  for (let i = 0; i < hist.length; i++) {
    acc += hist[i]!;
    if (acc >= target && hist[i]! > 0) return (i + 0.5) * bin;
  }
  return NaN;
}
