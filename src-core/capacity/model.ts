// The network's capacity at one time step: how much of the demand (Gbps) can reach a PoP within the
// latency budget, given user-beam, laser, feeder (gateway antenna) and backhaul capacities.
//
// All traffic goes from demand cells to any PoP, so one step is a single-commodity flow to a
// super-sink. We use a maximum flow (Dinic, maxflow.ts) on a latency-feasible subgraph, not a
// min-cost flow with latency as the cost:
//   - the planner's question is "how many Gbps can this gateway set carry", which a max flow answers
//     exactly; a min-cost flow answers "at what total latency", needs successive shortest paths or
//     network simplex, and is 10-100x slower at the scale of one full-Kuiper step (10^5 arcs), where
//     the budget is 50 ms;
//   - the latency budget is kept by pruning: an arc u -> v stays only if some demand can enter u,
//     take the arc and still reach a PoP within the budget:
//         entryMs[u] + arcMs(u, v) + toPopMs[v] <= budget,
//     with entryMs the shortest latency from any demand cell to u and toPopMs the shortest to any PoP.
//     Every kept arc lies on a path within the budget. A flow path that strings together several
//     kept arcs may still exceed the budget (each arc is checked against the best prefix, not the
//     actual one); docs/CAPACITY.md states this approximation. With Kuiper defaults (100 ms budget,
//     routes of 10-40 ms) it never binds.
//
// Nodes: source, sink, one per group of demand cells that can use the same satellites (an exact
// reduction: their arcs to the satellites are unlimited), per satellite a beam node (users' uplink, capped by the
// user-beam capacity) and a switch node (lasers and feeders), per gateway, per PoP.
//   source -> cell group      summed demand of the group's cells
//   cell group -> beam[s]     unlimited (the cells see s at or above the terminal mask, in budget)
//   beam[s] -> sat[s]         user-beam capacity of one satellite
//   sat[u] -> sat[v]          laser capacity, each direction of each active link
//   sat[s] -> gateway[g]      feeder capacity of one antenna: each of the gateway's antennas tracks
//                             one satellite (the visible ones with the shortest slant, i.e. highest
//                             elevation, one antenna each)
//   gateway[g] -> pop[p]      gateway backhaul capacity (to its assigned PoP)
//   pop[p] -> sink            unlimited
// The minimum cut after the flow names the bottleneck: the class (user beam, laser, feeder,
// backhaul) holding most of the cut's capacity; cut arcs out of the source are demand that is
// fully served.

import { FlowNetwork, FLOW_EPS } from './maxflow';

export const BOTTLENECKS = ['none', 'user-beam', 'laser', 'feeder', 'backhaul', 'no-route'] as const;
export type Bottleneck = (typeof BOTTLENECKS)[number];

const CLASS_DEMAND = 0;
const CLASS_BEAM = 1;
const CLASS_LASER = 2;
const CLASS_FEEDER = 3;
const CLASS_BACKHAUL = 4;
const CLASS_FREE = 5;

/** One time step, as the capacity model reads it. Indices: cells 0..C-1, satellites 0..N-1, gateways 0..G-1, PoPs 0..P-1. */
export interface CapacityStep {
  cellCount: number;
  satCount: number;
  gatewayCount: number;
  popCount: number;
  /** Demand per cell, Gbps. */
  demandGbps: ArrayLike<number>;
  /** Satellite-major visibility: visOff (N+1) into visCell / visUpMs (terminal -> satellite latency, ms). */
  visOff: ArrayLike<number>;
  visCell: ArrayLike<number>;
  visUpMs: ArrayLike<number>;
  /** 1 = the satellite carries traffic (operational). */
  usable: ArrayLike<number>;
  /** Laser links: endpoints and latency this step (ms; Infinity = down). */
  linkA: ArrayLike<number>;
  linkB: ArrayLike<number>;
  linkMs: ArrayLike<number>;
  /** Per gateway, satellites it sees this step (CSR gwOff (G+1) into gwSat) and the latency from that satellite to the PoP through it (downlink + backhaul + processing, ms). */
  gwOff: ArrayLike<number>;
  gwSat: ArrayLike<number>;
  gwMs: ArrayLike<number>;
  /** Per gateway: its PoP (-1 = none reachable), antennas, backhaul Gbps; 0 = not in service this step. */
  gwPop: ArrayLike<number>;
  gwAntennas: ArrayLike<number>;
  gwBackhaulGbps: ArrayLike<number>;
  gwInService: ArrayLike<number>;
}

export interface CapacityParams {
  userBeamGbpsPerSatellite: number;
  laserGbps: number;
  feederGbpsPerAntenna: number;
  maxOneWayLatencyMs: number;
}

export interface CapacityStepResult {
  demandGbps: number;
  servedGbps: number;
  /** Demand with no latency-feasible route at all (no satellite in view with a path to a PoP). */
  unroutableGbps: number;
  /** Per cell: Gbps carried to a PoP. */
  cellServedGbps: Float64Array;
  /** Per gateway: Gbps through it, and its utilisation of min(backhaul, antennas in use x feeder). */
  gatewayGbps: Float64Array;
  gatewayUtilisation: Float64Array;
  /** Per gateway: antennas given a satellite this step. */
  gatewayAntennasUsed: Int32Array;
  /** Per gateway antenna (CSR by gatewayOff, gateway g's antennas at gatewayOff[g]..): tracked satellite and Gbps it carries. */
  antennaOff: Int32Array;
  antennaSat: Int32Array;
  antennaGbps: Float64Array;
  /** Per satellite: user-beam Gbps; per link: Gbps in the busier direction (utilisation = / laserGbps). */
  beamGbps: Float64Array;
  linkGbps: Float64Array;
  /** Capacity in the minimum cut by class, Gbps (demand = fully served cells). */
  cutGbps: Record<'demand' | 'user-beam' | 'laser' | 'feeder' | 'backhaul', number>;
  /** The class holding most of the cut ('none' when all demand is served; 'no-route' when nothing could be routed). */
  bottleneck: Bottleneck;
  /** Per gateway: the cut class at this gateway ('backhaul' or 'feeder'), or 'none'. */
  gatewayBottleneck: Bottleneck[];
}

/** A step's flow network as built for the optimizer: source, sink and per gateway its backhaul arc (-1 = none). */
export interface StepNetwork {
  net: FlowNetwork;
  SRC: number;
  SNK: number;
  gwArc: Int32Array;
}

/** Reusable solver: keeps its flow network and scratch between steps. */
export class CapacitySolver {
  private readonly net = new FlowNetwork(1024, 1 << 16);
  private arcClass = new Uint8Array(1 << 15);
  private entry = new Float64Array(0);
  private toPop = new Float64Array(0);
  private heap: Int32Array = new Int32Array(0);
  private heapPos: Int32Array = new Int32Array(0);
  private side = new Uint8Array(0);

  solve(step: CapacityStep, params: CapacityParams): CapacityStepResult {
    const b = this.build(step, params, this.net, null);
    return this.results(step, params, b, b.net.run(b.SRC, b.SNK));
  }

  /**
   * The step's flow network in `net`, not yet run (the optimizer's served-demand objective keeps
   * one per step and augments it). Gateways with `closed[g]` get their backhaul arc at capacity 0
   * (open one later with FlowNetwork.setCapacity to `step.gwBackhaulGbps[g]`); they still count
   * in the latency pruning, as if open.
   */
  network(step: CapacityStep, params: CapacityParams, net: FlowNetwork, closed: ArrayLike<number>): StepNetwork {
    const b = this.build(step, params, net, closed);
    return { net, SRC: b.SRC, SNK: b.SNK, gwArc: b.gwArc };
  }

  private build(step: CapacityStep, params: CapacityParams, net: FlowNetwork, closed: ArrayLike<number> | null) {
    const { satCount: N, gatewayCount: G, popCount: P } = step;
    const budget = params.maxOneWayLatencyMs;
    this.ensure(N);
    const toPop = this.toPop, entry = this.entry;
    const gwUsable = new Uint8Array(G);
    for (let g = 0; g < G; g++) gwUsable[g] = step.gwInService[g] && step.gwPop[g]! >= 0 && step.gwPop[g]! < P && step.gwAntennas[g]! > 0 ? 1 : 0;

    // Antenna assignment: each in-service gateway points its antennas at the usable satellites it
    // sees with the shortest slant (smallest latency through it), one antenna per satellite.
    const antennaOff = new Int32Array(G + 1);
    const antSat: number[] = [];
    const antMs: number[] = [];
    for (let g = 0; g < G; g++) {
      antennaOff[g] = antSat.length;
      if (!gwUsable[g]) continue;
      const from = step.gwOff[g]!, to = step.gwOff[g + 1]!;
      const cand: number[] = [];
      for (let k = from; k < to; k++) if (step.usable[step.gwSat[k]!]) cand.push(k);
      cand.sort((a, b) => step.gwMs[a]! - step.gwMs[b]! || step.gwSat[a]! - step.gwSat[b]!);
      const n = Math.min(cand.length, step.gwAntennas[g]!);
      for (let i = 0; i < n; i++) {
        antSat.push(step.gwSat[cand[i]!]!);
        antMs.push(step.gwMs[cand[i]!]!);
      }
    }
    antennaOff[G] = antSat.length;

    // toPop: shortest latency from each satellite to a PoP over lasers and the assigned antennas.
    toPop.fill(Infinity);
    for (let a = 0; a < antSat.length; a++) if (antMs[a]! < toPop[antSat[a]!]!) toPop[antSat[a]!] = antMs[a]!;
    const L = step.linkA.length;
    const adj = this.adjacency(N, step, L);
    this.dijkstra(N, toPop, adj, step);
    // entry: shortest latency from any demand cell into each satellite, then along lasers.
    entry.fill(Infinity);
    for (let s = 0; s < N; s++) {
      if (!step.usable[s]) continue;
      for (let k = step.visOff[s]!; k < step.visOff[s + 1]!; k++) {
        if (step.demandGbps[step.visCell[k]!]! > 0 && step.visUpMs[k]! < entry[s]!) entry[s] = step.visUpMs[k]!;
      }
    }
    this.dijkstra(N, entry, adj, step);

    const { cellOff, cellSats } = this.cellSatellites(step, toPop, budget);
    const { groupOf, groupRep, groupDemand, demand } = this.groupCells(step, cellOff, cellSats);
    const K = groupRep.length;

    // Nodes.
    const SRC = 0, SNK = 1, cell0 = 2, beam0 = cell0 + K, sat0 = beam0 + N, gw0 = sat0 + N, pop0 = gw0 + G;
    net.reset(pop0 + P);
    const maxArcs = K + cellSats.length + N + 2 * L + antSat.length + G + P;
    if (this.arcClass.length < maxArcs) this.arcClass = new Uint8Array(Math.max(maxArcs, 2 * this.arcClass.length));
    const arcClass = this.arcClass;
    const mark = (a: number, cls: number): void => { arcClass[a >> 1] = cls; };
    const groupArc = new Int32Array(K);
    const beamUsed = new Uint8Array(N);
    for (let g = 0; g < K; g++) {
      groupArc[g] = net.addArc(SRC, cell0 + g, groupDemand[g]!);
      mark(groupArc[g]!, CLASS_DEMAND);
      const r = groupRep[g]!;
      for (let k = cellOff[r]!; k < cellOff[r + 1]!; k++) {
        const sat = cellSats[k]!;
        mark(net.addArc(cell0 + g, beam0 + sat, Infinity), CLASS_FREE);
        beamUsed[sat] = 1;
      }
    }
    const beamArc = new Int32Array(N).fill(-1);
    for (let sat = 0; sat < N; sat++) {
      if (beamUsed[sat]) {
        beamArc[sat] = net.addArc(beam0 + sat, sat0 + sat, params.userBeamGbpsPerSatellite);
        mark(beamArc[sat]!, CLASS_BEAM);
      }
    }
    const linkFwd = new Int32Array(L).fill(-1);
    const linkBack = new Int32Array(L).fill(-1);
    for (let l = 0; l < L; l++) {
      const ms = step.linkMs[l]!;
      if (!(ms < Infinity)) continue;
      const a = step.linkA[l]!, b = step.linkB[l]!;
      if (!step.usable[a] || !step.usable[b]) continue;
      if (entry[a]! + ms + toPop[b]! <= budget) {
        linkFwd[l] = net.addArc(sat0 + a, sat0 + b, params.laserGbps);
        mark(linkFwd[l]!, CLASS_LASER);
      }
      if (entry[b]! + ms + toPop[a]! <= budget) {
        linkBack[l] = net.addArc(sat0 + b, sat0 + a, params.laserGbps);
        mark(linkBack[l]!, CLASS_LASER);
      }
    }
    const antArc = new Int32Array(antSat.length).fill(-1);
    for (let g = 0; g < G; g++) {
      for (let i = antennaOff[g]!; i < antennaOff[g + 1]!; i++) {
        const s = antSat[i]!;
        if (entry[s]! + antMs[i]! > budget) continue;
        antArc[i] = net.addArc(sat0 + s, gw0 + g, params.feederGbpsPerAntenna);
        mark(antArc[i]!, CLASS_FEEDER);
      }
    }
    const gwArc = new Int32Array(G).fill(-1);
    for (let g = 0; g < G; g++) {
      if (!gwUsable[g] || antennaOff[g + 1] === antennaOff[g]) continue;
      gwArc[g] = net.addArc(gw0 + g, pop0 + step.gwPop[g]!, closed?.[g] ? 0 : step.gwBackhaulGbps[g]!);
      mark(gwArc[g]!, CLASS_BACKHAUL);
    }
    for (let p = 0; p < P; p++) mark(net.addArc(pop0 + p, SNK, Infinity), CLASS_FREE);

    return { net, SRC, SNK, gw0, L, K, demand, groupOf, groupArc, groupDemand, beamArc, linkFwd, linkBack, antennaOff, antSat, antArc, gwArc };
  }

  /** Per cell (CSR, ascending satellite): the usable satellites it can reach a PoP through within the budget. */
  private cellSatellites(step: CapacityStep, toPop: Float64Array, budget: number): { cellOff: Int32Array; cellSats: Int32Array } {
    const { cellCount: C, satCount: N, visOff, visCell, visUpMs, demandGbps, usable } = step;
    const first = visOff[0]!, feasible = new Uint8Array(visOff[N]! - first);
    const cellOff = new Int32Array(C + 1);
    for (let s = 0; s < N; s++) {
      const out = toPop[s]!;
      if (!usable[s] || !(out < Infinity)) continue;
      for (let k = visOff[s]!, end = visOff[s + 1]!; k < end; k++) {
        const c = visCell[k]!;
        if (demandGbps[c]! > 0 && visUpMs[k]! + out <= budget) {
          feasible[k - first] = 1;
          cellOff[c + 1]!++;
        }
      }
    }
    for (let c = 0; c < C; c++) cellOff[c + 1]! += cellOff[c]!;
    const cellSats = new Int32Array(cellOff[C]!);
    const fill = cellOff.slice(0, C);
    for (let s = 0; s < N; s++) {
      for (let k = visOff[s]!, end = visOff[s + 1]!; k < end; k++) if (feasible[k - first]) cellSats[fill[visCell[k]!]!++] = s;
    }
    return { cellOff, cellSats };
  }

  /**
   * Cells that can use exactly the same satellites are one node to the flow (their arcs to the
   * satellites are unlimited), with their summed demand: an exact reduction, usually 3-5x fewer
   * cell nodes and arcs. A group's flow is shared among its cells in proportion to demand.
   * Groups are found by a hash of the satellite list (chained per hash in `nextInBucket`).
   */
  private groupCells(step: CapacityStep, cellOff: Int32Array, cellSats: Int32Array) {
    const C = step.cellCount;
    const groupOf = new Int32Array(C).fill(-1);
    const groupRep: number[] = [];
    const groupDemand: number[] = [];
    const bucketHead = new Map<number, number>();
    const nextInBucket: number[] = [];
    const sameSats = (r: number, a: number, b: number): boolean => {
      const ra = cellOff[r]!;
      if (cellOff[r + 1]! - ra !== b - a) return false;
      for (let k = 0; k < b - a; k++) if (cellSats[ra + k] !== cellSats[a + k]) return false;
      return true;
    };
    let demand = 0;
    for (let c = 0; c < C; c++) {
      const d = step.demandGbps[c]!;
      if (!(d > 0)) continue;
      demand += d;
      const a = cellOff[c]!, b = cellOff[c + 1]!;
      if (a === b) continue; // no feasible satellite: unroutable
      let h = 2166136261;
      for (let k = a; k < b; k++) h = Math.imul(h ^ cellSats[k]!, 16777619);
      const firstInBucket = bucketHead.get(h) ?? -1;
      let g = firstInBucket;
      while (g >= 0 && !sameSats(groupRep[g]!, a, b)) g = nextInBucket[g]!;
      if (g < 0) {
        g = groupRep.length;
        groupRep.push(c);
        groupDemand.push(0);
        nextInBucket.push(firstInBucket);
        bucketHead.set(h, g);
      }
      groupOf[c] = g;
      groupDemand[g]! += d;
    }
    return { groupOf, groupRep, groupDemand, demand };
  }

  private results(step: CapacityStep, params: CapacityParams, b: ReturnType<CapacitySolver['build']>, served: number): CapacityStepResult {
    const { cellCount: C, satCount: N, gatewayCount: G } = step;
    const { net, SRC, gw0, L, demand, groupOf, groupArc, groupDemand, beamArc, linkFwd, linkBack, antennaOff, antSat, antArc, gwArc } = b;

    // Results.
    const cellServedGbps = new Float64Array(C);
    let unroutable = 0;
    for (let c = 0; c < C; c++) {
      const d = step.demandGbps[c]!;
      if (!(d > 0)) continue;
      const g = groupOf[c]!;
      if (g < 0) unroutable += d;
      else cellServedGbps[c] = (net.flow(groupArc[g]!) * d) / groupDemand[g]!;
    }
    const beamGbps = new Float64Array(N);
    for (let s = 0; s < N; s++) if (beamArc[s]! >= 0) beamGbps[s] = net.flow(beamArc[s]!);
    const linkGbps = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      const f = linkFwd[l]! >= 0 ? net.flow(linkFwd[l]!) : 0;
      const b = linkBack[l]! >= 0 ? net.flow(linkBack[l]!) : 0;
      linkGbps[l] = Math.max(f, b);
    }
    const antennaGbps = new Float64Array(antSat.length);
    for (let i = 0; i < antSat.length; i++) if (antArc[i]! >= 0) antennaGbps[i] = net.flow(antArc[i]!);
    const gatewayGbps = new Float64Array(G);
    const gatewayUtilisation = new Float64Array(G);
    const gatewayAntennasUsed = new Int32Array(G);
    for (let g = 0; g < G; g++) {
      if (gwArc[g]! < 0) continue;
      gatewayGbps[g] = net.flow(gwArc[g]!);
      const used = antennaOff[g + 1]! - antennaOff[g]!;
      gatewayAntennasUsed[g] = used;
      const cap = Math.min(step.gwBackhaulGbps[g]!, used * params.feederGbpsPerAntenna);
      gatewayUtilisation[g] = cap > 0 ? gatewayGbps[g]! / cap : 0;
    }

    // Minimum cut by class.
    if (this.side.length < net.nodeCount) this.side = new Uint8Array(net.nodeCount);
    const side = net.minCutSide(SRC, this.side);
    const cut = { demand: 0, 'user-beam': 0, laser: 0, feeder: 0, backhaul: 0 };
    const gatewayBottleneck: Bottleneck[] = new Array<Bottleneck>(G).fill('none');
    for (let a = 0; a < net.arcCount; a += 2) {
      const u = net.tail(a), v = net.head[a]!;
      if (!side[u] || side[v]) continue;
      const cap = net.capacity[a]!;
      switch (this.arcClass[a >> 1]) {
        case CLASS_DEMAND: cut.demand += cap; break;
        case CLASS_BEAM: cut['user-beam'] += cap; break;
        case CLASS_LASER: cut.laser += cap; break;
        case CLASS_FEEDER: {
          cut.feeder += cap;
          const g = v - gw0;
          if (gatewayBottleneck[g] === 'none') gatewayBottleneck[g] = 'feeder';
          break;
        }
        case CLASS_BACKHAUL: cut.backhaul += cap; gatewayBottleneck[u - gw0] = 'backhaul'; break;
        default: break;
      }
    }
    let bottleneck: Bottleneck = 'none';
    if (demand > 0 && served <= FLOW_EPS) bottleneck = 'no-route';
    else if (served < demand - 1e-9 * (1 + demand)) {
      let best = 0;
      for (const k of ['user-beam', 'laser', 'feeder', 'backhaul'] as const) {
        if (cut[k] > best) {
          best = cut[k];
          bottleneck = k;
        }
      }
      if (best === 0) bottleneck = 'no-route';
    }
    return {
      demandGbps: demand,
      servedGbps: served,
      unroutableGbps: unroutable,
      cellServedGbps,
      gatewayGbps,
      gatewayUtilisation,
      gatewayAntennasUsed,
      antennaOff,
      antennaSat: Int32Array.from(antSat),
      antennaGbps,
      beamGbps,
      linkGbps,
      cutGbps: cut,
      bottleneck,
      gatewayBottleneck,
    };
  }

  private ensure(N: number): void {
    if (this.entry.length !== N) {
      this.entry = new Float64Array(N);
      this.toPop = new Float64Array(N);
      this.heap = new Int32Array(N);
      this.heapPos = new Int32Array(N);
    }
  }

  /** Undirected laser adjacency of usable, active links (CSR; arc -> link index). */
  private adjacency(N: number, step: CapacityStep, L: number): { off: Int32Array; to: Int32Array; link: Int32Array } {
    const off = new Int32Array(N + 1);
    for (let l = 0; l < L; l++) {
      if (!(step.linkMs[l]! < Infinity) || !step.usable[step.linkA[l]!] || !step.usable[step.linkB[l]!]) continue;
      off[step.linkA[l]! + 1]!++;
      off[step.linkB[l]! + 1]!++;
    }
    for (let s = 0; s < N; s++) off[s + 1]! += off[s]!;
    const cur = off.slice(0, N);
    const to = new Int32Array(off[N]!);
    const link = new Int32Array(off[N]!);
    for (let l = 0; l < L; l++) {
      if (!(step.linkMs[l]! < Infinity) || !step.usable[step.linkA[l]!] || !step.usable[step.linkB[l]!]) continue;
      const a = step.linkA[l]!, b = step.linkB[l]!;
      to[cur[a]!] = b; link[cur[a]!++] = l;
      to[cur[b]!] = a; link[cur[b]!++] = l;
    }
    return { off, to, link };
  }

  /** Multi-source Dijkstra in place: `dist` holds the seeds (Infinity elsewhere); links are symmetric in latency. */
  private dijkstra(N: number, dist: Float64Array, adj: { off: Int32Array; to: Int32Array; link: Int32Array }, step: CapacityStep): void {
    const heap = this.heap, pos = this.heapPos;
    let size = 0;
    pos.fill(-1);
    const up = (i: number): void => {
      const v = heap[i]!;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (dist[heap[p]!]! <= dist[v]!) break;
        heap[i] = heap[p]!; pos[heap[i]!] = i; i = p;
      }
      heap[i] = v; pos[v] = i;
    };
    const down = (i: number): void => {
      const v = heap[i]!;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && dist[heap[c + 1]!]! < dist[heap[c]!]!) c++;
        if (dist[heap[c]!]! >= dist[v]!) break;
        heap[i] = heap[c]!; pos[heap[i]!] = i; i = c;
      }
      heap[i] = v; pos[v] = i;
    };
    for (let s = 0; s < N; s++) if (dist[s]! < Infinity && step.usable[s]) { heap[size] = s; pos[s] = size; up(size++); }
    while (size > 0) {
      const u = heap[0]!;
      pos[u] = -2;
      heap[0] = heap[--size]!;
      if (size > 0) { pos[heap[0]!] = 0; down(0); }
      const du = dist[u]!;
      for (let k = adj.off[u]!; k < adj.off[u + 1]!; k++) {
        const v = adj.to[k]!;
        if (pos[v] === -2) continue;
        const nd = du + step.linkMs[adj.link[k]!]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          if (pos[v]! < 0) { heap[size] = v; pos[v] = size; up(size++); } else up(pos[v]!);
        }
      }
    }
  }
}
