// The capacity model in the engine worker (docs/CAPACITY.md, "In the app"): a thin adapter over
// the worker's EngineSession (src-core/session). The session owns capacity as a node keyed by its
// inputs (evaluator, its gateway set, the capacity assumptions, the latency budget) and fed by the
// same typed patches as everything else, so a request names only the revision and the time: no
// scenario travels for capacity. `capacityView` turns the session's cached result at the step
// nearest the time into a plain CapacityView (fresh arrays, transferable) for the UI.
// Computed on request only: the UI asks while the Capacity section, layer or heatmap is shown, and
// an edit made while it is shown gets the view in the applyPatches answer (withCapacityAtUtcMs).
import { cellRegions, unservedByRegion, type Bottleneck, type RegionShortfall } from '../../src-core/capacity';
import type { EngineSession } from '../../src-core/session/session';
import type { SessionHolder } from './sessionHolder';

/** Regions listed in CapacityView.unservedByRegion (most unserved first). */
export const MAX_REGIONS = 20;

/** What the UI sends: the scenario revision it shows and the time (answered at the nearest analysis step). */
export interface CapacityRequest {
  revision: number;
  tUtcMs: number;
  /** Rollout view on: the network as of this date (operational satellites, gateways in service); null/absent: the scenario as written. */
  asOfDateMs?: number | null;
}

/** One step of the capacity model, for the Capacity section, the globe layer, the heatmap and the inspector. */
export interface CapacityView {
  revision: number;
  /** Analysis step index and its time (UTC ms); step -1 = the time is outside the analysis window. */
  step: number;
  stepUtcMs: number;
  demandGbps: number;
  servedGbps: number;
  unroutableGbps: number;
  bottleneck: Bottleneck;
  /** Capacity in the minimum cut by class, Gbps. */
  cutGbps: Record<'demand' | 'user-beam' | 'laser' | 'feeder' | 'backhaul', number>;
  /** Per gateway (scenario order). */
  gatewayIds: string[];
  gatewayGbps: Float64Array;
  gatewayUtilisation: Float64Array;
  gatewayAntennasUsed: Int32Array;
  gatewayBottleneck: Bottleneck[];
  /** Per gateway: index of its PoP (scenario.pops order; -1 none), for the backhaul arcs. */
  gatewayPop: Int32Array;
  /** Per antenna, CSR by gateway: tracked satellite and Gbps it carries. */
  antennaOff: Int32Array;
  antennaSat: Int32Array;
  antennaGbps: Float64Array;
  /** Per laser link (evaluator order, as coverageLinkLoad): Gbps in the busier direction / laserGbps. */
  linkUtilisation: Float32Array;
  /** Per grid cell (planning grid order): demand and served Gbps. */
  cellDemandGbps: Float32Array;
  cellServedGbps: Float32Array;
  unservedByRegion: RegionShortfall[];
  /** The rollout date whose network this is (gateways in service only), or null for the scenario as written. */
  asOfDateMs: number | null;
  computeMs: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** An error name the client recognises: no coverage evaluator yet (coverage sync will build one). */
export const NO_CAPACITY_EVALUATOR = 'NoCoverageEvaluatorError';

function noEvaluator(): Error {
  const e = new Error('no coverage evaluator in the engine worker yet: capacity follows the coverage figures');
  e.name = NO_CAPACITY_EVALUATOR;
  return e;
}

/**
 * Capacity of the session's current state at the analysis step nearest `tUtcMs`, or null when the
 * time is outside the analysis window. Every array is a fresh copy (the session keeps its own).
 */
export function capacityView(s: EngineSession, tUtcMs: number, revision: number, asOfDateMs: number | null = null): CapacityView | null {
  const t0 = now();
  const at = asOfDateMs === null ? s.capacityAt(tUtcMs) : s.rolloutCapacityAt(asOfDateMs, tUtcMs);
  if (!at) return null;
  const { result: r, step, stepUtcMs, evaluator: ev, demandGbps: demand } = at;
  const regions = cellRegions(ev.grid);
  const laser = s.scenario.capacity.laserGbps;
  return {
    revision,
    step,
    stepUtcMs,
    demandGbps: r.demandGbps,
    servedGbps: r.servedGbps,
    unroutableGbps: r.unroutableGbps,
    bottleneck: r.bottleneck,
    cutGbps: { ...r.cutGbps },
    gatewayIds: ev.gateways.map((g) => g.id),
    gatewayGbps: r.gatewayGbps.slice(),
    gatewayUtilisation: r.gatewayUtilisation.slice(),
    gatewayAntennasUsed: r.gatewayAntennasUsed.slice(),
    gatewayBottleneck: r.gatewayBottleneck.slice(),
    gatewayPop: Int32Array.from(ev.gateways, (_, g) => ev.seedsOf(g).popIndex),
    antennaOff: r.antennaOff.slice(),
    antennaSat: r.antennaSat.slice(),
    antennaGbps: r.antennaGbps.slice(),
    linkUtilisation: Float32Array.from(r.linkGbps, (x) => (laser > 0 ? x / laser : 0)),
    cellDemandGbps: Float32Array.from(demand),
    cellServedGbps: Float32Array.from(r.cellServedGbps),
    unservedByRegion: unservedByRegion(demand, r.cellServedGbps, (c) => regions[c]!).slice(0, MAX_REGIONS),
    asOfDateMs,
    computeMs: now() - t0,
  };
}

/** Buffers of a view to transfer (all fresh copies made by capacityView). */
export function capacityTransfer(v: CapacityView): Transferable[] {
  return [v.gatewayGbps, v.gatewayUtilisation, v.gatewayAntennasUsed, v.gatewayPop, v.antennaOff, v.antennaSat, v.antennaGbps, v.linkUtilisation, v.cellDemandGbps, v.cellServedGbps].map((a) => a.buffer);
}

/** With an evaluator built for the session's state: the view (null outside the window); without one: undefined. */
export function capacityIfBuilt(s: EngineSession, tUtcMs: number, revision: number): { view: CapacityView | null; transfer: Transferable[] } | undefined {
  if (!s.hasEvaluator()) return undefined;
  const view = capacityView(s, tUtcMs, revision);
  return { view, transfer: view ? capacityTransfer(view) : [] };
}

function asOf(s: EngineSession, tUtcMs: number, revision: number, dateMs: number): { view: CapacityView | null; transfer: Transferable[] } {
  if (!Number.isFinite(dateMs)) throw new RangeError(`capacity as of a date: the date must be a finite UTC ms value, got ${String(dateMs)}`);
  const view = capacityView(s, tUtcMs, revision, dateMs);
  return { view, transfer: view ? capacityTransfer(view) : [] };
}

/** The worker handler: capacity at `revision` (waits until the session holds it, like the coverage requests). */
export function createCapacityHandlers(sessions: SessionHolder) {
  return {
    async capacity({ revision, tUtcMs, asOfDateMs }: CapacityRequest): Promise<{ result: CapacityView; transfer: Transferable[] }> {
      const s = await sessions.at(revision);
      // As of a rollout date: the session's rollout node (built by rolloutAt on the rollout worker).
      const c = asOfDateMs === undefined || asOfDateMs === null ? capacityIfBuilt(s, tUtcMs, revision) : asOf(s, tUtcMs, revision, asOfDateMs);
      if (!c) throw noEvaluator();
      if (!c.view) throw new RangeError(`the time ${new Date(tUtcMs).toISOString()} is outside the analysis window: move the time slider into it`);
      return { result: c.view, transfer: c.transfer };
    },
  };
}
