// The engine worker's gateway-planning requests, as a thin adapter over the worker's
// EngineSession (src-core/session): the session keeps one coverage evaluator, rebuilt only when
// what it reads changes (constellation, grid, terminal, window, routing, PoPs, latency), and it
// applies gateway patches to it as pruned add / move / remove, so one edit costs a pruned
// re-route (~200 ms for full Kuiper), not a rebuild of the visibility cache (seconds). Runs in
// the worker and, for tests and the benchmark, in-process in Node (no Worker globals here).
import { latencyHistogram, type CoverageCache, type CoverageEvaluator, type CoverageResult } from '../../src-core/coverage';
import { countryAt, nearestCity, NEAR_CITY_KM } from '../../src-core/geo';
import type { CoverageUpdate, EngineSession } from '../../src-core/session/session';
import type { CoverageEvaluateResult, CoverageGridInfo, CoverageSnapshot, LinkLoadResult, PlanningRequests, SiteInfo } from './planningProtocol';
import { ENGINE_ERROR, EngineError } from './protocol';
import type { SessionHolder } from './sessionHolder';

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

// The histogram moved to the core (the planning report draws it too); re-exported for callers here.
export { latencyHistogram } from '../../src-core/coverage/latencyHistogram';

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

function noEvaluator(): Error {
  const e = new Error('no coverage evaluator in the engine worker yet: run coverageEvaluate first');
  e.name = NO_EVALUATOR;
  return e;
}

/** The grid as sent to the client (fresh copies: the session keeps its own); its generation counts grid builds. */
function gridInfo(s: EngineSession): CoverageGridInfo {
  const g = s.grid();
  return { generation: s.builds().grid, resolution: g.resolution, ids: g.ids, latDeg: g.latDeg.slice(), lonDeg: g.lonDeg.slice(), weight: g.weight.slice() };
}

const snapshotOfUpdate = (u: CoverageUpdate, s: EngineSession, revision: number, computeMs: number): CoverageSnapshot =>
  snapshotOf(u.evaluator, u.result, revision, s.builds().grid, u.built ? 'full' : u.mode, computeMs, u.edits);

/** The figures of the session's current state when its evaluator is built (patched gateways applied), else null. */
export function coverageIfBuilt(s: EngineSession): { snapshot: CoverageSnapshot; transfer: Transferable[] } | null {
  if (!s.hasEvaluator()) return null;
  const t0 = now();
  const snapshot = snapshotOfUpdate(s.coverage(), s, s.revision, 0);
  snapshot.computeMs = now() - t0;
  return { snapshot, transfer: snapshotTransfer(snapshot) };
}

let siteLookupsWarm = false;

/**
 * Builds the country and city indexes that describeSite reads (~210 ms in Node, once) as soon as
 * the worker is idle after its first evaluation, so that the first gateway a planner places is
 * answered as fast as the next ones (the click-to-heatmap bench's first click: describeSite
 * answered 158-239 ms after it).
 */
function warmSiteLookupsSoon(): void {
  if (siteLookupsWarm) return;
  siteLookupsWarm = true;
  setTimeout(() => void describeSite(0, 0), 0);
}

/**
 * Builds the coverage cache's cell -> satellites index (CoverageCache.satsOfCells: ~100 ms and
 * ~29 MiB on the default scenario, once per cache) as soon as the worker is idle after an
 * evaluation, so that the first gateway a planner moves or deletes is answered as fast as the
 * next ones (a remove or move needs it; before it is built, the first took ~100 ms more).
 */
function warmCellIndexSoon(cache: CoverageCache): void {
  setTimeout(() => void cache.satsOfCells(), 0);
}

export function createPlanningHandlers(sessions: SessionHolder): PlanningHandlers {
  /** Between the phases of a long evaluation: honour cancel, and give up if a newer edit arrived meanwhile. */
  const between = async (s: EngineSession, revision: number, task: PlanningTask): Promise<void> => {
    await yieldToEventLoop();
    task.checkCancelled();
    if (s.revision !== revision) throw new EngineError(ENGINE_ERROR.stale, `coverage for scenario revision ${revision} dropped: the worker moved on to ${s.revision}`);
  };

  return {
    async coverageEvaluate({ revision }, task) {
      const t0 = now();
      const s = await sessions.at(revision);
      if (!s.hasEvaluator()) {
        task.progress({ done: 0, total: 4, phase: 'catalogue' });
        s.orbit();
        await between(s, revision, task);
        task.progress({ done: 1, total: 4, phase: 'grid' });
        s.grid();
        await between(s, revision, task);
        task.progress({ done: 2, total: 4, phase: 'visibility' });
        s.evaluator();
        await between(s, revision, task);
        task.progress({ done: 3, total: 4, phase: 'routing' });
      }
      const snap = snapshotOfUpdate(s.coverage(), s, revision, 0);
      snap.computeMs = now() - t0;
      task.progress({ done: 4, total: 4, phase: 'figures' });
      const grid = gridInfo(s);
      const result: CoverageEvaluateResult = { ...snap, grid };
      warmSiteLookupsSoon();
      warmCellIndexSoon(s.coverageCache());
      return { result, transfer: [...snapshotTransfer(snap), grid.latDeg.buffer, grid.lonDeg.buffer, grid.weight.buffer] };
    },

    async coverageApplyEdit({ revision }) {
      const c = coverageIfBuilt(await sessions.at(revision));
      if (!c) throw noEvaluator();
      return { result: c.snapshot, transfer: c.transfer };
    },

    coverageLinkLoad({ revision, tUtcMs }) {
      const s = sessions.session;
      if (!s || !s.hasEvaluator()) throw noEvaluator();
      const ev = s.coverage().evaluator;
      return linkLoadAt(ev, revision, tUtcMs);
    },

    describeSite({ latDeg, lonDeg }) {
      return { result: describeSite(latDeg, lonDeg), transfer: [] };
    },
  };
}

function linkLoadAt(ev: CoverageEvaluator, revision: number, tUtcMs: number): Handled<LinkLoadResult> {
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
