// EngineSession: the engine's derived state for one scenario, as a small dependency graph. Each
// node is keyed by exactly the inputs it reads (memo.ts), so an edit rebuilds only what depends on
// what it changed:
//
//   epochUtc, constellation, isl ----------------> orbit (catalogue, SGP4 propagator, laser mesh)
//   gateways, pops, latency ---------------------> backhaul (gateway -> PoP, fibre latency)
//   orbit + gateways, pops, latency, routing, terminal -> routing (ground links, per-step graph)
//   analysis grid settings ----------------------> grid (H3 cells + demand)
//   orbit + grid + terminal, analysis, radio latency (speed, per-hop processing), bent pipe
//                                   ---------------> cache (visibility per step, laser latencies)
//   cache + routing, pops, latency -------------> evaluator (routing labels, cell latencies)
//   gateway set -> the evaluator's gateways, applied as incremental add / move / remove
//   evaluator + gateways + capacity settings ----> capacity per step
//   orbit sections + rollout + analysis + grid (+ what coverage reads) -> rollout (one RolloutEngine:
//     schedule, window positions, whole-constellation cache); gateways -> its gateway set only;
//     the date -> rolloutAt(dateMs) (status mask + figures, per-date caches in the engine)
//
// The session is fed typed patches (patches.ts) or a whole scenario; it never diffs gateway lists.
// It is pure engine code: the worker hosts, the CLI, the tests and the benchmarks drive the same
// class. Nodes build lazily, on first use after a change.
import { buildCatalog, type CatalogProblem } from '../constellation/catalog';
import type { SatelliteCatalog } from '../constellation/types';
import { capacityParamsOf, capacityStepOf, demandGbpsOf } from '../capacity/evaluate';
import { CapacitySolver, type CapacityStepResult } from '../capacity/model';
import { CoverageCache, cacheSettingsOf, defaultLinkModel, propagatorPositions } from '../coverage/cache';
import { CoverageEvaluator, routingDiffers, usableFromCatalog, type CoverageResult } from '../coverage/evaluator';
import { buildCoverageGrid, type CoverageGrid, type GeoDemandSource } from '../coverage/grid';
import { assignBackhaul, type GatewayBackhaul } from '../network/backhaul';
import { buildPlusGrid, type IslTopology } from '../network/isl';
import { routingContextOver, type RoutingContext } from '../network/route';
import { Propagator } from '../orbit/propagator';
import { RolloutEngine, type Deployment, type RolloutFigures } from '../rollout';
import type { Gateway, Scenario } from '../scenario/schema';
import { data, Memo, ref, type NodeInput } from './memo';
import { applyPatch, type ScenarioPatch } from './patches';

/** The orbit node: everything that depends only on the satellites. */
export interface OrbitState {
  catalog: SatelliteCatalog;
  problems: CatalogProblem[];
  propagator: Propagator;
  topology: IslTopology;
}

/** Names of the graph's nodes, for build counters. */
export const SESSION_NODES = ['orbit', 'backhaul', 'routing', 'grid', 'cache', 'evaluator', 'capacity', 'rollout'] as const;
export type SessionNode = (typeof SESSION_NODES)[number];

/** Beyond this many pending gateway edits one full re-route of the cached window is cheaper than pruned updates. */
export const MAX_INCREMENTAL_OPS = 3;

/** How the evaluator's gateways were brought up to date by `coverage()`. */
export interface CoverageUpdate {
  evaluator: CoverageEvaluator;
  result: CoverageResult;
  /** 'full': the evaluator was (re)built or re-routed in full; 'incremental': pruned add/move/remove. */
  mode: 'full' | 'incremental';
  /** true when the evaluator (and its visibility cache) was built by this call. */
  built: boolean;
  edits: { added: number; removed: number; moved: number };
}

type GatewayEdit = { kind: 'add'; gateway: Gateway; index: number | undefined } | { kind: 'move'; gateway: Gateway } | { kind: 'remove'; id: string };

/** The gateway fields the capacity model reads that the evaluator does not route on. */
function capacityReads(a: Gateway, b: Gateway): boolean {
  return a.antennas !== b.antennas || a.capacityGbps !== b.capacityGbps;
}

export interface EngineSessionOptions {
  /** Demand (population) source of the coverage grid; the shipped geo data in the app. */
  demand: GeoDemandSource;
  /** Scenario revision the session starts at (the renderer's store revision). */
  revision?: number;
}

export class EngineSession {
  private current: Scenario;
  private rev: number;
  private readonly demand: GeoDemandSource;
  private readonly orbitNode = new Memo<OrbitState>();
  private readonly backhaulNode = new Memo<GatewayBackhaul>();
  private readonly routingNode = new Memo<RoutingContext>();
  private readonly gridNode = new Memo<CoverageGrid>();
  private readonly cacheNode = new Memo<CoverageCache>();
  private readonly evaluatorNode = new Memo<CoverageEvaluator>();
  private readonly capacityNode = new Memo<CapacityState>();
  private readonly rolloutNode = new Memo<RolloutEngine>();
  private readonly solver = new CapacitySolver();
  /** The evaluator whose gateways `pending` applies to, and the gateway edits it has not seen. */
  private syncedEvaluator: CoverageEvaluator | null = null;
  private pending: GatewayEdit[] | null = [];
  /** Increments whenever the evaluator's gateways change (capacity's cache key). */
  private gatewayVersion = 0;
  private capacityBuilds = 0;

  constructor(scenario: Scenario, options: EngineSessionOptions) {
    this.current = scenario;
    this.rev = options.revision ?? 0;
    this.demand = options.demand;
  }

  get scenario(): Scenario {
    return this.current;
  }
  /** The revision of the last patch or replace. */
  get revision(): number {
    return this.rev;
  }

  /** Builds per node so far: what an edit rebuilt is the difference of two readings. */
  builds(): Record<SessionNode, number> {
    return {
      orbit: this.orbitNode.builds,
      backhaul: this.backhaulNode.builds,
      routing: this.routingNode.builds,
      grid: this.gridNode.builds,
      cache: this.cacheNode.builds,
      evaluator: this.evaluatorNode.builds,
      capacity: this.capacityBuilds,
      rollout: this.rolloutNode.builds,
    };
  }

  /** Apply typed patches (in order) and move to `revision`. Throws PatchError and changes nothing when one does not fit. */
  apply(patches: readonly ScenarioPatch[], revision = this.rev + 1): Scenario {
    let next = this.current;
    const edits: GatewayEdit[] = [];
    let resync = false;
    for (const p of patches) {
      next = applyPatch(next, p);
      if (p.op === 'gateway/add') edits.push({ kind: 'add', gateway: p.gateway, index: p.index });
      else if (p.op === 'gateway/update') edits.push({ kind: 'move', gateway: p.gateway });
      else if (p.op === 'gateway/remove') edits.push({ kind: 'remove', id: p.id });
      else if (p.op === 'scenario/replace') resync = true;
    }
    this.current = next;
    this.rev = revision;
    if (resync || this.pending === null) this.pending = null;
    else this.pending.push(...edits);
    return next;
  }

  /** Replace the whole scenario (open a file; a worker re-fed after a restart). Nodes whose inputs are equal are kept. */
  replace(scenario: Scenario, revision = this.rev + 1): void {
    this.apply([{ op: 'scenario/replace', scenario }], revision);
  }

  // ---------------------------------------------------------------- nodes

  orbit(): OrbitState {
    const s = this.current;
    return this.orbitNode.get([data(s.epochUtc), data(s.constellation), data(s.isl)], () => {
      const built = buildCatalog(s);
      const propagator = new Propagator(built.satrecs);
      const topology = buildPlusGrid(built.catalog, s.isl, s.constellation.shells);
      return { catalog: built.catalog, problems: built.problems, propagator, topology };
    });
  }

  /** Gateway -> PoP assignment and fibre latency (scenario order). */
  backhaul(): GatewayBackhaul {
    const s = this.current;
    return this.backhaulNode.get([data(s.gateways), data(s.pops), data(s.latency)], () => assignBackhaul(s.gateways, s.pops, s.latency));
  }

  /** Route queries' context: ground links and the per-step graph over the orbit node's laser mesh. */
  routing(): RoutingContext {
    const s = this.current;
    const orbit = this.orbit();
    return this.routingNode.get([ref(orbit), data(s.gateways), data(s.pops), data(s.latency), data(s.routing), data(s.terminal)], () => {
      return routingContextOver(s, orbit.catalog, orbit.propagator, orbit.topology);
    });
  }

  /** Coverage grid: depends on the grid settings only (not on the window, the date or the satellites). */
  grid(): CoverageGrid {
    const a = this.current.analysis;
    return this.gridNode.get([data(a.h3Resolution), data(a.landOnly), data(a.demandWeighted)], () => buildCoverageGrid(a, this.demand));
  }

  /**
   * The coverage cache: which cells each satellite sees at each step (with the up-link latency)
   * and the laser mesh's latencies per step, the expensive part (seconds for full Kuiper). Keyed
   * by what it reads: the satellites, the grid, the terminal, the window, the radio latency
   * (speed of light, per-hop processing) and bent pipe (no laser links). A PoP, routing or fibre
   * edit keeps it; only the evaluator on top is rebuilt.
   */
  coverageCache(): CoverageCache {
    const s = this.current;
    const orbit = this.orbit();
    const grid = this.grid();
    return this.cacheNode.get(this.cacheInputs(orbit, grid), () => {
      try {
        return new CoverageCache(grid, propagatorPositions(orbit.propagator), usableFromCatalog(orbit.catalog), defaultLinkModel(s, orbit.catalog), cacheSettingsOf(s));
      } catch (e) {
        this.cacheNode.clear();
        throw e;
      }
    });
  }

  private cacheInputs(orbit: OrbitState, grid: CoverageGrid): NodeInput[] {
    const s = this.current;
    return [ref(orbit), ref(grid), data(s.terminal), data(s.analysis), data(s.latency.vacuumKmPerS), data(s.latency.perHopProcessingMs), data(s.routing.bentPipeOnly)];
  }

  /**
   * The coverage evaluator over the cache, keyed by the rest of what it reads (routing options
   * and latency budget, PoPs, the latency model). Its gateways may lag: call coverage().
   */
  evaluator(): CoverageEvaluator {
    const s = this.current;
    const cache = this.coverageCache();
    const grid = this.grid();
    return this.evaluatorNode.get(this.evaluatorInputs(cache), () => new CoverageEvaluator({ scenario: s, grid, cache }));
  }

  private evaluatorInputs(cache: CoverageCache | undefined): NodeInput[] {
    const s = this.current;
    return [ref(cache), data(s.routing), data(s.pops), data(s.latency)];
  }

  /** True when the evaluator for the current state is built (coverage() will neither build the cache nor re-route in full for it). */
  hasEvaluator(): boolean {
    const cache = this.cacheNode.peek();
    return cache !== undefined && this.cacheNode.fresh(this.cacheInputs(this.orbit(), this.grid())) && this.evaluatorNode.fresh(this.evaluatorInputs(cache));
  }

  /** The evaluator with the scenario's gateways applied: pruned edits for a few changes, a full re-route otherwise. */
  coverage(): CoverageUpdate {
    const buildsBefore = this.evaluatorNode.builds;
    const ev = this.evaluator();
    const built = this.evaluatorNode.builds !== buildsBefore;
    const gateways = this.current.gateways;
    const edits = { added: 0, removed: 0, moved: 0 };
    const pending = this.syncedEvaluator === ev ? this.pending : null;
    this.syncedEvaluator = ev;
    this.pending = [];
    if (pending !== null && pending.length === 0 && !built) return { evaluator: ev, result: ev.result(), mode: 'incremental', built, edits };
    const relabel = { capacity: 0 };
    if (pending !== null && pending.length <= MAX_INCREMENTAL_OPS && this.applyEdits(ev, pending, edits, relabel) && sameIds(ev.gateways, gateways)) {
      if (edits.added + edits.removed + edits.moved + relabel.capacity > 0) this.gatewayVersion++;
      return { evaluator: ev, result: ev.result(), mode: 'incremental', built, edits };
    }
    this.gatewayVersion++;
    const counted = pending ? countEdits(pending) : { added: gateways.length, removed: 0, moved: 0 };
    // Gateway edits on a kept evaluator (a batch, e.g. the optimizer's sites accepted, or its
    // undo): taken back from the evaluator's log when it undoes or redoes the batch before, else
    // routed in full and logged. A new evaluator or a replaced scenario: routed in full.
    if (pending !== null && !built) {
      const swapped = ev.replaceGatewaysFromLog(gateways);
      if (swapped) return { evaluator: ev, result: swapped, mode: 'incremental', built, edits: counted };
      return { evaluator: ev, result: ev.replaceGateways(gateways), mode: 'full', built, edits: counted };
    }
    const result = ev.setGateways(gateways);
    return { evaluator: ev, result, mode: 'full', built, edits: counted };
  }

  /**
   * Pruned evaluator updates; false when an edit cannot be applied that way (a mid-list insert,
   * unless it takes back the removal just made: undo, redo).
   */
  private applyEdits(ev: CoverageEvaluator, pending: readonly GatewayEdit[], edits: CoverageUpdate['edits'], relabel: { capacity: number }): boolean {
    for (const e of pending) {
      if (e.kind === 'add') {
        if (e.index !== undefined && e.index !== ev.gateways.length) {
          if (!ev.insertGatewayFromLog(e.index, e.gateway)) return false;
        } else ev.addGateway(e.gateway);
        edits.added++;
        continue;
      }
      const i = ev.gateways.findIndex((g) => g.id === (e.kind === 'remove' ? e.id : e.gateway.id));
      if (i < 0) return false;
      if (e.kind === 'remove') {
        ev.removeGateway(i);
        edits.removed++;
      } else if (routingDiffers(ev.gateways[i]!, e.gateway)) {
        ev.moveGateway(i, e.gateway);
        edits.moved++;
      } else {
        // A rename or a capacity edit costs no re-route; the evaluator's copy is still replaced,
        // so it never holds stale figures for capacity.
        if (capacityReads(ev.gateways[i]!, e.gateway)) relabel.capacity++;
        ev.relabelGateway(i, e.gateway);
      }
    }
    return true;
  }

  /**
   * The capacity model (src-core/capacity) at analysis step `stepIndex` for the current state:
   * max flow from the demand cells to the PoPs. Cached per step until the evaluator, its gateways
   * (any gateway patch, an antenna count included) or the capacity settings change. The result's
   * arrays are the cache's: copy them before handing them on (e.g. transferring to another thread).
   */
  capacity(stepIndex: number): CapacityStepResult {
    const { evaluator } = this.coverage();
    const node = this.capacityState(evaluator);
    let r = node.steps.get(stepIndex);
    if (!r) {
      r = this.solver.solve(capacityStepOf(evaluator, stepIndex, node.demandGbps), capacityParamsOf(this.current));
      node.steps.set(stepIndex, r);
      this.capacityBuilds++;
    }
    return r;
  }

  /** Demand per grid cell (Gbps) that capacity() serves: the capacity node's, shared by every step. */
  capacityDemand(): Float64Array {
    return this.capacityState(this.coverage().evaluator).demandGbps;
  }

  /**
   * Capacity at the analysis step nearest `tUtcMs` (the app's time slider), or null when the time
   * is outside the analysis window.
   */
  capacityAt(tUtcMs: number): CapacityAt | null {
    const ev = this.coverage().evaluator;
    const step = ev.nearestStep(tUtcMs);
    if (step < 0) return null;
    return { evaluator: ev, demandGbps: this.capacityState(ev).demandGbps, step, stepUtcMs: ev.cache.timesMs[step]!, result: this.capacity(step) };
  }

  private capacityState(evaluator: CoverageEvaluator): CapacityState {
    const s = this.current;
    const inputs = [ref(evaluator), data(this.gatewayVersion), data(s.capacity), data(s.routing)];
    return this.capacityNode.get(inputs, () => ({ demandGbps: demandGbpsOf(evaluator.grid, s.capacity), steps: new Map() }));
  }

  /**
   * The rollout engine (src-core/rollout) of the current state: built lazily, rebuilt only when the
   * orbit sections, the rollout schedule, the analysis window/grid or what coverage and capacity
   * read change. A gateway edit only replaces its gateway set (no rebuild).
   */
  rolloutEngine(): RolloutEngine {
    const s = this.current;
    const grid = this.grid();
    const engine = this.rolloutNode.get(this.rolloutInputs(grid), () => new RolloutEngine(s, { grid }));
    engine.setGateways(s.gateways);
    return engine;
  }

  private rolloutInputs(grid: CoverageGrid): NodeInput[] {
    const s = this.current;
    return [data(s.epochUtc), data(s.constellation), data(s.isl), data(s.rollout), data(s.analysis), ref(grid), data(s.terminal), data(s.routing), data(s.pops), data(s.latency), data(s.capacity)];
  }

  /**
   * Capacity of the network deployed at `dateMs` (operational satellites, gateways in service then:
   * the rollout node's evaluator for that date, shared with rolloutAt) at the analysis step nearest
   * `tUtcMs`; null when the time is outside the analysis window. Not cached: one max flow.
   */
  rolloutCapacityAt(dateMs: number, tUtcMs: number): CapacityAt | null {
    const { ev } = this.rolloutEngine().evaluatorAt(dateMs);
    const step = ev.nearestStep(tUtcMs);
    if (step < 0) return null;
    const demandGbps = demandGbpsOf(ev.grid, this.current.capacity);
    const result = this.solver.solve(capacityStepOf(ev, step, demandGbps), capacityParamsOf(this.current));
    return { evaluator: ev, demandGbps, step, stepUtcMs: ev.cache.timesMs[step]!, result };
  }

  /** The network deployed at `dateMs`: per-satellite status and the headline figures. */
  rolloutAt(dateMs: number): RolloutAnswer {
    const engine = this.rolloutEngine();
    const deployment = engine.deploymentAt(dateMs);
    return { deployment, figures: engine.figuresAt(dateMs, deployment) };
  }
}

/** Capacity at one analysis step, with the evaluator (gateways, grid) and the demand it was solved on. Arrays are the session's: copy before transfer. */
export interface CapacityAt {
  evaluator: CoverageEvaluator;
  demandGbps: Float64Array;
  step: number;
  stepUtcMs: number;
  result: CapacityStepResult;
}

/** The capacity node: demand per cell and the steps solved so far for one set of inputs. */
interface CapacityState {
  demandGbps: Float64Array;
  steps: Map<number, CapacityStepResult>;
}

/** The network as of one date: status per satellite and the headline figures (src-core/rollout). */
export interface RolloutAnswer {
  deployment: Deployment;
  figures: RolloutFigures;
}

function sameIds(a: readonly Gateway[], b: readonly Gateway[]): boolean {
  return a.length === b.length && a.every((g, i) => g.id === b[i]!.id);
}

function countEdits(pending: readonly GatewayEdit[]): CoverageUpdate['edits'] {
  const edits = { added: 0, removed: 0, moved: 0 };
  for (const e of pending) edits[e.kind === 'add' ? 'added' : e.kind === 'remove' ? 'removed' : 'moved']++;
  return edits;
}
