// Gateway-planning requests of the engine worker (merged into EngineRequests in protocol.ts).
// The coverage evaluator lives in the worker's EngineSession (planningHost.ts). The scenario
// reaches the worker as a load or as typed patches (protocol.ts loadScenario / applyPatches);
// coverage requests only name the revision they want figures for: `coverageEvaluate` builds
// what is missing (long task, with the grid), `coverageApplyEdit` brings the evaluator's gateways
// up to date with the session's patches (pruned add/remove/move).
//
// Per-cell arrays are indexed by the grid's cell order (`CoverageGridInfo.ids`); the grid is
// sent with a full evaluation only (it changes with the analysis settings, not with gateways).
// Units: %, ms, s, people (demand weight). All arrays are fresh and transferred.
import type { ServiceAreaFigures } from '../../src-core/coverage/evaluator';

export interface CoverageGridInfo {
  /** Increments whenever the worker builds a new grid; snapshots name the grid they index. */
  generation: number;
  resolution: number;
  /** H3 cell ids, grid order. */
  ids: string[];
  latDeg: Float64Array;
  lonDeg: Float64Array;
  /** Demand weight per cell (population, or 1 per cell). */
  weight: Float64Array;
}

export interface CoverageHeadline {
  /** Demand-weighted % of (cell, step) samples served. */
  servedPct: number;
  coveredPct: number;
  p50LatencyMs: number;
  p95LatencyMs: number;
  meanLatencyMs: number;
  /** Longest outage of any cell with demand, s. */
  longestOutageS: number;
  meanVisibleSatellites: number;
  /** Sum of demand weights (people). */
  totalWeight: number;
  /** Served %, outage and routing figures over the cells a satellite covers at some time. */
  serviceArea: ServiceAreaFigures;
}

export interface CoverageSnapshot {
  revision: number;
  gridGeneration: number;
  headline: CoverageHeadline;
  /** Gateway ids in the order of `gatewayShare` (the scenario's order). */
  gatewayIds: string[];
  /** Fraction of served demand-weighted samples routed through each gateway. */
  gatewayShare: Float64Array;
  cells: {
    servedPct: Float64Array;
    p50LatencyMs: Float64Array;
    p95LatencyMs: Float64Array;
    meanVisible: Float64Array;
    longestOutageS: Float64Array;
  };
  /** Demand-weighted served % per analysis step. */
  servedPctByStep: Float64Array;
  startUtcMs: number;
  stepS: number;
  /** Demand-weighted histogram of served one-way latency: bin i = [i*binMs, (i+1)*binMs). */
  latencyHist: { binMs: number; weights: Float64Array };
  maxLatencyMs: number;
  /** How this snapshot was computed and how long the worker took. */
  mode: 'full' | 'incremental';
  computeMs: number;
  /** Gateway operations applied (incremental): added / removed / moved. */
  edits: { added: number; removed: number; moved: number };
  /** Set on a rollout view's snapshot (rolloutHost.ts): the network as of this date (UTC ms), not the scenario as written. */
  asOfDateMs?: number;
}

export interface CoverageEvaluateResult extends CoverageSnapshot {
  grid: CoverageGridInfo;
}

export interface SiteInfo {
  latDeg: number;
  lonDeg: number;
  isLand: boolean;
  countryCode: string | null;
  countryName: string | null;
  nearestCity: string | null;
  nearestCityKm: number | null;
  /** A readable, unambiguous site name ("Aurora, US-IL", "near Aurora, US-CO"), or null. */
  siteName: string | null;
}

/**
 * Routed load on the laser links at the analysis step nearest to `tUtcMs` (the evaluator's
 * demand routing: each served cell's demand follows its route from the access satellite over the
 * lasers down to its gateway). `step` is -1 when tUtcMs is outside the analysis window.
 */
export interface LinkLoadResult {
  revision: number;
  tUtcMs: number;
  step: number;
  stepUtcMs: number;
  /** Per laser link (topology order, as LoadScenarioResult.topology): demand weight carried. */
  linkLoad: Float32Array;
  /** Laser links the routing uses: 0 when the scenario routes bent-pipe only or has ISLs off. */
  linkCount: number;
  maxLinkLoad: number;
  /** Links carrying any demand. */
  loadedLinks: number;
  /** Served demand weight at the step (people, or cells when the analysis is not demand-weighted). */
  servedWeight: number;
  weighting: 'population' | 'cells';
}

export interface PlanningRequests {
  /** Build (or reuse) the coverage evaluator for the session at `revision` and evaluate its gateways: long task. */
  coverageEvaluate: { req: { revision: number }; res: CoverageEvaluateResult };
  /** The figures at `revision` on the evaluator built by coverageEvaluate (the session applied the gateway patches). */
  coverageApplyEdit: { req: { revision: number }; res: CoverageSnapshot };
  /** Routed load per laser link at the analysis step nearest a time (globe: links coloured by load). */
  coverageLinkLoad: { req: { revision: number; tUtcMs: number }; res: LinkLoadResult };
  /** Land / country / nearest city of a point (the geo assets live in the worker bundle). */
  describeSite: { req: { latDeg: number; lonDeg: number }; res: SiteInfo };
}
