// The engine worker's gateway-planning state: one CoverageEvaluator (built by coverageEvaluate,
// reused while the constellation / analysis settings stay the same) and the gateway list it holds.
// An edit arrives as the scenario's new gateway list; `diffGateways` turns it into remove / move /
// add operations on the evaluator so one edit costs a pruned re-route (~200 ms for full Kuiper),
// not a rebuild of the visibility cache (seconds). Runs in the worker and, for tests and the
// benchmark, in-process in Node (no Worker globals here).
import { buildCatalog } from '../../src-core/constellation/catalog';
import { buildCoverageGrid, CoverageEvaluator, defaultLinkModel, propagatorPositions, usableFromCatalog, type CoverageResult } from '../../src-core/coverage';
import { countryAt, geoDemandSource, nearestCity, NEAR_CITY_KM } from '../../src-core/geo';
import { Propagator } from '../../src-core/orbit/propagator';
import type { Gateway, Scenario } from '../../src-core/scenario/schema';
import type { CoverageEvaluateResult, CoverageGridInfo, CoverageSnapshot, LinkLoadResult, PlanningRequests, SiteInfo } from './planningProtocol';

/** The parts of a host TaskContext planning handlers use (structural: host.ts passes its own). */
export interface PlanningTask {
  progress(p: { done: number; total: number; phase?: string }): void;
  checkCancelled(): void;
}

type Handled<R> = { result: R; transfer: Transferable[] };
export type PlanningHandlers = {
  [K in keyof PlanningRequests]: (payload: PlanningRequests[K]['req'], task: PlanningTask) => Handled<PlanningRequests[K]['res']> | Promise<Handled<PlanningRequests[K]['res']>>;
};

/** An error name the client recognises: no evaluator yet (e.g. after a worker restart); send coverageEvaluate. */
export const NO_EVALUATOR = 'NoCoverageEvaluatorError';

/** The gateway fields the coverage figures depend on (a rename or status change is free). */
export function gatewayGeometryKey(g: Gateway): string {
  return `${g.latDeg}|${g.lonDeg}|${g.altitudeKm}|${g.minElevationDeg}|${g.maxSlantKm}|${g.popId}`;
}

export type GatewayOp = { kind: 'remove'; index: number } | { kind: 'move'; index: number; gateway: Gateway } | { kind: 'add'; gateway: Gateway };

/**
 * Operations that turn `held` into `next` on an evaluator that keeps gateways in list order
 * (remove splices, add appends). Removals come first, highest index first; then moves; then adds.
 * Returns null when `next` reorders the surviving gateways (the caller re-routes in full).
 */
export function diffGateways(held: readonly Gateway[], next: readonly Gateway[]): GatewayOp[] | null {
  const nextIds = new Set(next.map((g) => g.id));
  const ops: GatewayOp[] = [];
  const kept: Gateway[] = [];
  for (let i = held.length - 1; i >= 0; i--) if (!nextIds.has(held[i]!.id)) ops.push({ kind: 'remove', index: i });
  for (const g of held) if (nextIds.has(g.id)) kept.push(g);
  if (next.length < kept.length) return null;
  for (let i = 0; i < kept.length; i++) {
    const n = next[i]!;
    if (n.id !== kept[i]!.id) return null;
    if (gatewayGeometryKey(n) !== gatewayGeometryKey(kept[i]!)) ops.push({ kind: 'move', index: i, gateway: n });
  }
  for (let i = kept.length; i < next.length; i++) ops.push({ kind: 'add', gateway: next[i]! });
  return ops;
}

/** Beyond this many operations one full re-route of the cached window is cheaper than pruned updates. */
export const MAX_INCREMENTAL_OPS = 3;

/** What the evaluator depends on besides the gateways (same key = reuse the visibility cache). */
function evaluatorKey(s: Scenario): string {
  return JSON.stringify([s.epochUtc, s.constellation, s.isl, s.terminal, s.pops, s.latency, s.routing, s.analysis]);
}

const HIST_BIN_MS = 1;

export function latencyHistogram(ev: CoverageEvaluator): { binMs: number; weights: Float64Array } {
  const C = ev.grid.count;
  const T = ev.stepCount;
  const lmax = ev.maxLatencyMs;
  const weights = new Float64Array(Math.ceil(lmax / HIST_BIN_MS) + 1);
  const w = ev.grid.weight;
  const lat = ev.cellLat;
  for (let t = 0; t < T; t++) {
    const row = t * C;
    for (let c = 0; c < C; c++) {
      const v = lat[row + c]!;
      if (v <= lmax && w[c]! > 0) weights[Math.floor(v / HIST_BIN_MS)]! += w[c]!;
    }
  }
  return { binMs: HIST_BIN_MS, weights };
}

export function snapshotOf(ev: CoverageEvaluator, r: CoverageResult, revision: number, gridGeneration: number, mode: CoverageSnapshot['mode'], computeMs: number, edits: CoverageSnapshot['edits']): CoverageSnapshot {
  const h = r.headline;
  return {
    revision,
    gridGeneration,
    headline: {
      servedPct: h.servedPct,
      coveredPct: h.coveredPct,
      p50LatencyMs: h.p50LatencyMs,
      p95LatencyMs: h.p95LatencyMs,
      meanLatencyMs: h.meanLatencyMs,
      longestOutageS: h.longestOutageS,
      meanVisibleSatellites: h.meanVisibleSatellites,
      totalWeight: h.totalWeight,
      serviceArea: h.serviceArea,
    },
    gatewayIds: r.gatewayIds,
    gatewayShare: h.gatewayShare,
    cells: {
      servedPct: r.cells.servedPct,
      p50LatencyMs: r.cells.p50LatencyMs,
      p95LatencyMs: r.cells.p95LatencyMs,
      meanVisible: r.cells.meanVisible,
      longestOutageS: r.cells.longestOutageS,
    },
    servedPctByStep: r.servedPctByStep,
    startUtcMs: r.startUtcMs,
    stepS: r.stepS,
    latencyHist: latencyHistogram(ev),
    maxLatencyMs: ev.maxLatencyMs,
    mode,
    computeMs,
    edits,
  };
}

/** Buffers of a snapshot to transfer (all fresh copies made by result()). */
export function snapshotTransfer(s: CoverageSnapshot): Transferable[] {
  const c = s.cells;
  return [s.gatewayShare.buffer, c.servedPct.buffer, c.p50LatencyMs.buffer, c.p95LatencyMs.buffer, c.meanVisible.buffer, c.longestOutageS.buffer, s.servedPctByStep.buffer, s.latencyHist.weights.buffer];
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export interface PlanningState {
  evaluator: CoverageEvaluator | null;
  key: string;
  held: Gateway[];
  grid: CoverageGridInfo | null;
}

export function createPlanningHandlers(state: PlanningState = { evaluator: null, key: '', held: [], grid: null }): PlanningHandlers & { readonly state: PlanningState } {
  let generation = 0;

  /** Apply `gateways` to the held evaluator: pruned ops for a few changes, a full re-route otherwise. */
  const apply = (ev: CoverageEvaluator, gateways: Gateway[], revision: number): CoverageSnapshot => {
    const t0 = now();
    const ops = diffGateways(state.held, gateways);
    const edits = { added: 0, removed: 0, moved: 0 };
    let r: CoverageResult;
    if (ops === null || ops.length > MAX_INCREMENTAL_OPS) {
      r = ev.setGateways(gateways);
      if (ops) for (const op of ops) edits[op.kind === 'add' ? 'added' : op.kind === 'remove' ? 'removed' : 'moved']++;
    } else {
      for (const op of ops) {
        if (op.kind === 'remove') {
          ev.removeGateway(op.index);
          edits.removed++;
        } else if (op.kind === 'move') {
          ev.moveGateway(op.index, op.gateway);
          edits.moved++;
        } else {
          ev.addGateway(op.gateway);
          edits.added++;
        }
      }
      r = ev.result();
    }
    state.held = gateways.slice();
    return snapshotOf(ev, r, revision, state.grid!.generation, 'incremental', now() - t0, edits);
  };

  return {
    state,

    async coverageEvaluate({ revision, scenario }, task) {
      const t0 = now();
      const key = evaluatorKey(scenario);
      if (!state.evaluator || key !== state.key) {
        state.evaluator = null;
        task.progress({ done: 0, total: 4, phase: 'catalogue' });
        const built = buildCatalog(scenario);
        const propagator = new Propagator(built.satrecs);
        await yieldToEventLoop();
        task.checkCancelled();
        task.progress({ done: 1, total: 4, phase: 'grid' });
        const grid = buildCoverageGrid(scenario.analysis, geoDemandSource);
        await yieldToEventLoop();
        task.checkCancelled();
        task.progress({ done: 2, total: 4, phase: 'visibility' });
        const ev = new CoverageEvaluator({ scenario, grid, positions: propagatorPositions(propagator), usable: usableFromCatalog(built.catalog), links: defaultLinkModel(scenario, built.catalog) });
        await yieldToEventLoop();
        task.checkCancelled();
        task.progress({ done: 3, total: 4, phase: 'routing' });
        state.evaluator = ev;
        state.key = key;
        state.held = [];
        state.grid = { generation: ++generation, resolution: grid.resolution, ids: grid.ids, latDeg: grid.latDeg, lonDeg: grid.lonDeg, weight: grid.weight };
        const r = ev.setGateways(scenario.gateways);
        state.held = scenario.gateways.slice();
        task.progress({ done: 4, total: 4, phase: 'figures' });
        const snap = snapshotOf(ev, r, revision, state.grid.generation, 'full', now() - t0, { added: scenario.gateways.length, removed: 0, moved: 0 });
        const g = state.grid;
        const grid2: CoverageGridInfo = { generation: g.generation, resolution: g.resolution, ids: g.ids, latDeg: g.latDeg.slice(), lonDeg: g.lonDeg.slice(), weight: g.weight.slice() };
        return { result: { ...snap, grid: grid2 }, transfer: [...snapshotTransfer(snap), grid2.latDeg.buffer, grid2.lonDeg.buffer, grid2.weight.buffer] };
      }
      const snap = apply(state.evaluator, scenario.gateways, revision);
      const g = state.grid!;
      const grid2: CoverageGridInfo = { generation: g.generation, resolution: g.resolution, ids: g.ids, latDeg: g.latDeg.slice(), lonDeg: g.lonDeg.slice(), weight: g.weight.slice() };
      const result: CoverageEvaluateResult = { ...snap, grid: grid2 };
      return { result, transfer: [...snapshotTransfer(snap), grid2.latDeg.buffer, grid2.lonDeg.buffer, grid2.weight.buffer] };
    },

    coverageApplyEdit({ revision, gateways }) {
      const ev = state.evaluator;
      if (!ev || !state.grid) {
        const e = new Error('no coverage evaluator in the engine worker yet: run coverageEvaluate first');
        e.name = NO_EVALUATOR;
        throw e;
      }
      const snap = apply(ev, gateways, revision);
      return { result: snap, transfer: snapshotTransfer(snap) };
    },

    coverageLinkLoad({ revision, tUtcMs }) {
      const ev = state.evaluator;
      if (!ev) {
        const e = new Error('no coverage evaluator in the engine worker yet: run coverageEvaluate first');
        e.name = NO_EVALUATOR;
        throw e;
      }
      const step = ev.nearestStep(tUtcMs);
      const weighting = ev.scenario.analysis.demandWeighted ? 'population' : 'cells';
      if (step < 0) {
        const result: LinkLoadResult = { revision, tUtcMs, step: -1, stepUtcMs: NaN, linkLoad: new Float32Array(0), linkCount: ev.cache.linkCount, maxLinkLoad: 0, loadedLinks: 0, servedWeight: 0, weighting };
        return { result, transfer: [] };
      }
      const ll = ev.linkLoadAtStep(step);
      const linkLoad = Float32Array.from(ll.linkLoad);
      let maxLinkLoad = 0;
      let loadedLinks = 0;
      for (const x of ll.linkLoad) {
        if (x > maxLinkLoad) maxLinkLoad = x;
        if (x > 0) loadedLinks++;
      }
      const result: LinkLoadResult = { revision, tUtcMs, step, stepUtcMs: ll.stepUtcMs, linkLoad, linkCount: ev.cache.linkCount, maxLinkLoad, loadedLinks, servedWeight: ll.servedWeight, weighting };
      return { result, transfer: [linkLoad.buffer] };
    },

    describeSite({ latDeg, lonDeg }) {
      return { result: describeSite(latDeg, lonDeg), transfer: [] };
    },
  };
}

/** Land, country and nearest city of a point (shipped geo assets). */
export function describeSite(latDeg: number, lonDeg: number): SiteInfo {
  const country = countryAt(latDeg, lonDeg);
  const city = nearestCity(latDeg, lonDeg);
  return {
    latDeg,
    lonDeg,
    isLand: country !== null,
    countryCode: country?.code ?? null,
    countryName: country?.name ?? null,
    nearestCity: city?.name ?? null,
    nearestCityKm: city?.distanceKm ?? null,
    siteName: city ? (city.distanceKm > NEAR_CITY_KM ? `near ${city.label}` : city.label) : null,
  };
}
