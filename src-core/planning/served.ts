// The optimizer's served-demand objective: f(S) = Gbps of demand the network carries to a PoP with
// gateway set S (the existing gateways plus S), averaged over the window's time steps, by the
// capacity model (src-core/capacity, docs/CAPACITY.md).
//
// Per step we build ONE flow network holding the existing gateways and every candidate, each
// candidate's backhaul arc (gateway -> PoP) closed (capacity 0). Opening a set S of those arcs and
// taking the max flow is a polymatroid rank function of S (max flow into a set of sink arcs:
// monotone, submodular), so lazy greedy and its bounds apply. Marginal gains are cheap:
//   - commit: open the site's backhaul arc and augment from the current flow; every augmenting
//     path then runs through that gateway, so the search starts there (FlowNetwork.augmentVia)
//     and stays near it: its satellites, their beams, the cells under them;
//   - evaluate: the same under the network's journal, then roll back bit for bit.
// The latency pruning of the capacity model is computed with every candidate present, as if open
// (an arc too slow even then is too slow for every S). Where that pruning does not bind (Kuiper
// defaults: 100 ms budget, routes of 10-40 ms) f(S) equals `analyze --capacity` with S added;
// test/unit/planning/served.test.ts checks the gains against fresh solves.
import { CapacitySolver, FlowNetwork, capacityParamsOf, capacityStepWith, demandGbpsOf, type StepNetwork } from '../capacity';
import type { CoverageEvaluator, GatewaySeeds } from '../coverage/evaluator';
import type { Gateway } from '../scenario/schema';
import { PlacementObjective, type SiteImpact } from './objective';

/** Round-off allowance of the all-open cap in refreshBounds (relative, and absolute in Gbps). */
const CAP_SLACK = 1e-9;

/** Served demand (mean Gbps over the window's steps) as a function of the chosen candidates. */
export class ServedObjective {
  readonly value0: number;
  private acc: number;
  private readonly nets: StepNetwork[];
  /** Per step: PoP node -> its arc to the sink. */
  private readonly popSink: Map<number, number>[];
  private readonly backhaul: Float64Array;
  private readonly E: number;
  private readonly open: Uint8Array;
  /** Per step: the gain of the last `gain` call (for the bound's per-step dual). */
  readonly stepGain: Float64Array;
  /** Per step: Gbps gained by the committed candidates. */
  private readonly committedStep: Float64Array;
  /** Latency figures of the committed sites, in the planner's terms (SiteImpact). */
  readonly latency: PlacementObjective;
  lastImpact: SiteImpact | null = null;
  evaluations = 0;
  /** Bound refreshes done (refreshBounds), and the per-step flows they took (for the run's report). */
  refreshes = 0;
  private servedTotal = 0;
  /**
   * Per candidate and step (j * T + t): an upper bound on the candidate's gain at that step (Gbps,
   * not divided by T). Starts at the cut bound; each evaluation lowers it to the fresh gain (a valid
   * bound later on: each step's max flow is submodular on its own); refreshBounds caps it. An exact
   * 0 means the gain is 0 at this step for every later set, and `gain` skips the step.
   */
  private readonly stepBound: Float64Array;
  private reach = new Uint8Array(0);
  /** The candidate whose evaluation is still in the networks (-1: none), and its per-step gains. */
  private held = -1;
  private readonly heldGain: Float64Array;

  constructor(
    ev: CoverageEvaluator,
    candidates: readonly Gateway[],
    private readonly seeds: readonly GatewaySeeds[],
  ) {
    const s = ev.scenario;
    const demand = demandGbpsOf(ev.grid, s.capacity);
    const params = capacityParamsOf(s);
    const solver = new CapacitySolver();
    const E = ev.gateways.length;
    this.E = E;
    const gws = [...ev.gateways, ...candidates];
    const allSeeds = [...ev.gateways.map((_, g) => ev.seedsOf(g)), ...seeds];
    const closed = new Uint8Array(gws.length).fill(1, E);
    this.backhaul = Float64Array.from(candidates, (g) => g.capacityGbps);
    this.open = new Uint8Array(candidates.length);
    this.nets = [];
    this.popSink = [];
    let f = 0;
    for (let t = 0; t < ev.stepCount; t++) {
      const step = capacityStepWith(ev, t, demand, gws, allSeeds);
      const n = solver.network(step, params, new FlowNetwork(1024, 1 << 16), closed);
      f += n.net.run(n.SRC, n.SNK);
      this.nets.push(n);
      this.popSink.push(new Map());
    }
    this.stepGain = new Float64Array(ev.stepCount);
    this.committedStep = new Float64Array(ev.stepCount);
    this.acc = f;
    this.value0 = f / Math.max(1, ev.stepCount);
    this.latency = new PlacementObjective(ev);
    this.heldGain = new Float64Array(ev.stepCount);
    this.stepBound = new Float64Array(candidates.length * ev.stepCount);
    for (let j = 0; j < candidates.length; j++) {
      this.gainBound(j);
      this.stepBound.set(this.stepGain, j * ev.stepCount);
    }
  }

  get value(): number {
    return this.acc / Math.max(1, this.nets.length);
  }

  /**
   * Mean Gbps gained by opening candidate j; `commit` keeps it open. Per-step gains land in `stepGain`.
   * An evaluation stays in the networks under their journals (held) until the next call: committing
   * the same candidate next keeps that flow instead of computing it again (the same augmentations
   * from the same state, so the same residuals); any other call rolls it back first, bit for bit.
   */
  gain(j: number, commit = false): number {
    const T = this.nets.length;
    if (commit && this.held === j) {
      for (const n of this.nets) n.net.stopRecording();
      this.held = -1;
      this.stepGain.set(this.heldGain);
    } else {
      this.dropHeld();
      this.evaluations++;
      if (this.open[j]) {
        this.stepGain.fill(0);
        return 0;
      }
      // A step whose bound is exactly 0 gains exactly 0 (no augmenting path can pass the site): skipped.
      for (let t = 0; t < T; t++) this.stepGain[t] = this.stepBound[j * T + t] === 0 ? 0 : this.openArc(t, j, commit);
      if (!commit) {
        this.held = j;
        this.heldGain.set(this.stepGain);
      }
    }
    let total = 0;
    for (let t = 0; t < T; t++) {
      this.stepBound[j * T + t] = this.stepGain[t]!;
      total += this.stepGain[t]!;
      if (commit) this.committedStep[t]! += this.stepGain[t]!;
    }
    if (commit) {
      this.open[j] = 1;
      this.acc += total;
      this.servedTotal += total;
      this.latency.gain(this.seeds[j]!, true);
      this.lastImpact = { ...this.latency.lastImpact!, servedGbps: total / Math.max(1, T) };
    }
    return total / Math.max(1, T);
  }

  /** Roll back a held evaluation (see `gain`). */
  private dropHeld(): void {
    if (this.held < 0) return;
    for (const n of this.nets) n.net.rollback();
    this.held = -1;
  }

  /**
   * An upper bound on `gain(j)` without a flow: per step, the least of the candidate's backhaul
   * and the feeder capacity of its antennas (both cuts around the new gateway). Per-step bounds
   * land in `stepGain`. Lazy greedy starts from these instead of evaluating every candidate.
   */
  gainBound(j: number): number {
    this.dropHeld();
    let total = 0;
    for (let t = 0; t < this.nets.length; t++) {
      const { net, gwArc } = this.nets[t]!;
      const a = gwArc[this.E + j]!;
      this.stepGain[t] = a < 0 ? 0 : Math.min(this.backhaul[j]!, net.capacityInto(net.tail(a)));
      total += this.stepGain[t]!;
    }
    return total / Math.max(1, this.nets.length);
  }

  /**
   * Per step, the Gbps that opening every candidate gains over the existing gateways alone
   * (nothing is kept): the cap in the bound's dual.
   */
  gainOfAll(): Float64Array {
    this.dropHeld();
    const out = new Float64Array(this.nets.length);
    for (let t = 0; t < this.nets.length; t++) {
      const { net, SRC, SNK, gwArc } = this.nets[t]!;
      net.record();
      for (let j = 0; j < this.open.length; j++) {
        const a = gwArc[this.E + j]!;
        if (!this.open[j] && a >= 0) net.setCapacity(a, this.backhaul[j]!);
      }
      out[t] = this.committedStep[t]! + net.run(SRC, SNK);
      net.rollback();
    }
    return out;
  }

  /** The current upper bound on `gain(j)` (mean Gbps): the sum of its per-step bounds, in the order `gain` sums. */
  bound(j: number): number {
    const T = this.nets.length;
    let total = 0;
    for (let t = 0; t < T; t++) total += this.stepBound[j * T + t]!;
    return total / Math.max(1, T);
  }

  /**
   * Tighten every closed candidate's per-step bounds at the current set S, two ways per step:
   *   - reach: a candidate whose gateway node no flow can reach from the source in the residual
   *     graph gains exactly 0 (an augmenting path through it would start with such a path, and only
   *     its own closed arc changes when it opens); by submodularity it gains 0 for every later set;
   *   - cap: no single candidate gains more than opening all of them at once (monotone), which is
   *     one max flow under the journal, rolled back. Once the demand still reachable is below a
   *     site's backhaul, this is the binding bound: every site would carry what is left.
   * Both stay valid as S grows (submodular), so they may be refreshed as rarely as one likes.
   * The cap is computed by a different sequence of augmentations than a gain, so it is raised by
   * CAP_SLACK (relative and absolute) to stay above every gain despite round-off; an exact 0 stays 0.
   */
  refreshBounds(): void {
    this.dropHeld();
    this.refreshes++;
    const T = this.nets.length;
    for (let t = 0; t < T; t++) {
      const { net, SRC, SNK, gwArc } = this.nets[t]!;
      net.record();
      for (let j = 0; j < this.open.length; j++) {
        const a = gwArc[this.E + j]!;
        if (!this.open[j] && a >= 0) net.setCapacity(a, this.backhaul[j]!);
      }
      const flow = net.run(SRC, SNK);
      net.rollback();
      const cap = flow > 0 ? flow * (1 + CAP_SLACK) + CAP_SLACK : 0;
      if (this.reach.length < net.nodeCount) this.reach = new Uint8Array(net.nodeCount);
      const reach = net.minCutSide(SRC, this.reach);
      for (let j = 0; j < this.open.length; j++) {
        const a = gwArc[this.E + j]!;
        const k = j * T + t;
        if (this.open[j] || a < 0 || this.stepBound[k] === 0) continue;
        this.stepBound[k] = reach[net.tail(a)] ? Math.min(this.stepBound[k]!, cap) : 0;
      }
    }
  }

  totalImpact(): SiteImpact {
    return { ...this.latency.totalImpact(), servedGbps: this.servedTotal / Math.max(1, this.nets.length) };
  }

  private openArc(t: number, j: number, commit: boolean): number {
    const { net, SRC, SNK, gwArc } = this.nets[t]!;
    const a = gwArc[this.E + j]!;
    if (a < 0) return 0;
    const pop = net.head[a]!;
    const cache = this.popSink[t]!;
    let out = cache.get(pop);
    if (out === undefined) cache.set(pop, (out = net.arcBetween(pop, SNK)));
    net.record();
    net.setCapacity(a, this.backhaul[j]!);
    // Only the new arc changed: every augmenting path runs through this gateway.
    const d = net.augmentVia(SRC, net.tail(a), [a, out]);
    if (commit) net.stopRecording(); // else held: rolled back by the next call (dropHeld)
    return d;
  }
}
