// The one router: latency to the Internet (a PoP, through the best gateway) of every satellite at
// one time step, under explicit options. Point routes (route.ts, batch.ts, endpoints.ts) and
// coverage (coverage/evaluator.ts, and through it capacity) all run this search, so the same
// question always gets the same answer (test/unit/network/router-crosscheck.test.ts).
//
// Nodes: the N satellites, then (ground relay only) the G gateways as relay nodes. Arcs, in ms:
//   gateway g -> satellite s (a seed): backhaul(g) + up link (slant / c + per-hop processing),
//     where backhaul includes the processing at the gateway that hands off to the PoP;
//   satellite -> satellite: the laser link (length / c + per-hop processing), none in bent pipe;
//   satellite -> gateway (ground relay): the down link + gateway processing, then the gateway
//     forwards on its up links (a path may go down to one gateway and up again to reach another).
// A user at a ground point reaches the Internet through the visible satellite s minimising
// up link(user, s) + dist(s), among the satellites whose route has at most maxSatelliteHops
// satellites (`pickAccess`).
//
// Labels are (distMs, hops, origin) compared lexicographically (then node id in the heap), so the
// result is the unique minimum label over all paths, independent of insertion order. `hops`
// counts the satellites on the path (a seed has 1, a relay gateway adds none); `origin` is the
// gateway that hands the traffic to its PoP. The hop limit is applied to the latency-shortest
// route, not inside the search: a satellite whose fastest route has too many satellites does not
// serve, even if a slower route within the limit exists (docs/ROUTING.md). This keeps labels a
// fixed point that the incremental updates below reproduce exactly:
//   - adding a source: `improve` from its seeds relaxes only where the new label is smaller;
//   - removing a source: `repair` recomputes the satellites whose origin it was.
// Both are for the laser/bent-pipe search without ground relay. With relay, `improveRelay` adds a
// source exactly, and `repairRelay` takes one out: a removal also changes relay paths outside the
// removed gateway's forest (through it as a relay), so it repairs every node reached from the
// gateway along tight arcs.
//
// `DistRouter` is the same search on distances only (no hops, origin or relay), for the optimizer.
import type { Scenario } from '../scenario/schema';
import { IndexedHeap } from './graph';

/** How routes are searched. Map them from a scenario with `routerOptionsOf`. */
export interface RouterOptions {
  /** Paths may go down to a gateway and up again (ground relay). */
  groundRelay: boolean;
  /** At most this many satellites on a route; null = no limit. */
  maxSatelliteHops: number | null;
  /** No laser links: user -> satellite -> gateway only (with groundRelay, chains of such hops). */
  bentPipe: boolean;
}

/** The router options a scenario's routing settings ask for. */
export function routerOptionsOf(routing: Pick<Scenario['routing'], 'allowGatewayRelay' | 'maxSatelliteHops' | 'bentPipeOnly'>): RouterOptions {
  return { groundRelay: routing.allowGatewayRelay, maxSatelliteHops: routing.maxSatelliteHops, bentPipe: routing.bentPipeOnly };
}

/** The hop limit as a number (Infinity for no limit). */
export function hopLimit(options: RouterOptions): number {
  return options.maxSatelliteHops ?? Infinity;
}

/**
 * One time step's network as the router sees it. Seeds are gateway -> satellite arcs: the
 * satellite, the seed latency (backhaul + up link), the up link alone (for relays) and the gateway
 * (scenario order). A gateway with no PoP, or not in service, has no seeds.
 */
export interface RouterStep {
  /** Per laser link (the adjacency's link index): latency this step, Infinity when down. */
  linkMs: Float64Array;
  seedSat: ArrayLike<number>;
  seedMs: ArrayLike<number>;
  seedUpMs: ArrayLike<number>;
  seedGateway: ArrayLike<number>;
  seedCount: number;
  /** Per gateway: backhaul to its PoP incl. gateway processing (Infinity without a PoP). */
  gatewayStartMs: ArrayLike<number>;
  gatewayCount: number;
  /** Processing at a gateway that relays (booked on the down link into it). */
  gatewayProcessingMs: number;
}

/** Latency (ms) of a gateway or terminal radio link: slant / c + processing at the satellite. */
export function upLinkMs(slantKm: number, msPerKm: number, perHopMs: number): number {
  return slantKm * msPerKm + perHopMs;
}

/** Seed latency (ms) of a gateway -> satellite arc: backhaul (incl. gateway processing) + up link. */
export function seedLatencyMs(backhaulMs: number, slantKm: number, msPerKm: number, perHopMs: number): number {
  return backhaulMs + slantKm * msPerKm + perHopMs;
}

/** Why a ground point that sees satellites has no route to the Internet under `options`. */
export function noInternetRouteReason(options: RouterOptions): string {
  if (options.bentPipe && !options.groundRelay) return 'no path to a gateway (bent pipe only: no gateway sees a satellite the user sees)';
  const how = options.bentPipe ? 'bent pipe with gateway relays' : options.groundRelay ? 'lasers and gateway relays' : 'lasers only';
  return options.maxSatelliteHops === null ? `no path to a gateway (${how})` : `no path to a gateway within ${options.maxSatelliteHops} satellite hops (${how})`;
}

/** Static adjacency over satellites from a link list (each link both ways, neighbours in link order). */
export function linkAdjacency(satCount: number, a: ArrayLike<number>, b: ArrayLike<number>, linkCount: number): { adjOff: Int32Array; adjTo: Int32Array; adjLink: Int32Array } {
  const N = satCount, L = linkCount;
  const adjOff = new Int32Array(N + 1);
  for (let l = 0; l < L; l++) {
    adjOff[a[l]! + 1]!++;
    adjOff[b[l]! + 1]!++;
  }
  for (let i = 0; i < N; i++) adjOff[i + 1]! += adjOff[i]!;
  const adjTo = new Int32Array(2 * L);
  const adjLink = new Int32Array(2 * L);
  const cur = adjOff.slice(0, N);
  for (let l = 0; l < L; l++) {
    const u = a[l]!, v = b[l]!;
    let k = cur[u]!++;
    adjTo[k] = v;
    adjLink[k] = l;
    k = cur[v]!++;
    adjTo[k] = u;
    adjLink[k] = l;
  }
  return { adjOff, adjTo, adjLink };
}

/** The access satellite chosen for a ground point, or -1. */
export interface AccessPick {
  sat: number;
  latencyMs: number;
}

/**
 * Best access among visible satellites (`sats`, up-link latencies `upMs`): minimum up + dist over
 * satellites with a route within the hop limit; ties go to the lower satellite index. The one rule
 * for "latency of a ground point" (coverage's cell pass applies it to every cell at once).
 */
export function pickAccess(sats: ArrayLike<number>, upMs: ArrayLike<number>, count: number, dist: ArrayLike<number>, hops: ArrayLike<number>, maxHops: number, out: AccessPick): AccessPick {
  out.sat = -1;
  out.latencyMs = Infinity;
  for (let i = 0; i < count; i++) {
    const s = sats[i]!;
    const d = dist[s]!;
    if (d === Infinity || hops[s]! > maxHops) continue;
    const v = upMs[i]! + d;
    if (v < out.latencyMs || (v === out.latencyMs && s < out.sat)) {
      out.latencyMs = v;
      out.sat = s;
    }
  }
  return out;
}

export class LabelRouter {
  private heap: Int32Array;
  private pos: Int32Array;
  private size = 0;
  private dist!: Float64Array;
  private hops!: Int32Array;
  private origin!: Int32Array;
  /** Predecessor node (satellite, or N + gateway) after `full`; -1 for a gateway's own label. */
  private prevNode: Int32Array;
  private changedFlag: Uint8Array;
  // Ground relay scratch: node labels for N + G nodes, seeds by gateway, gateways by satellite.
  private relayDist = new Float64Array(0);
  private relayHops = new Int32Array(0);
  private relayOrigin = new Int32Array(0);
  private byGwOff = new Int32Array(0);
  private byGwSeed = new Int32Array(0);
  private bySatOff: Int32Array;
  private bySatSeed = new Int32Array(0);
  private relay = false;
  private step: RouterStep | null = null;
  // repairRelay scratch: the affected nodes (N + G).
  private affectedMark = new Uint8Array(0);
  private affectedList = new Int32Array(0);

  constructor(
    private readonly n: number,
    private readonly adjOff: Int32Array,
    private readonly adjTo: Int32Array,
    private readonly adjLink: Int32Array,
    readonly options: RouterOptions,
  ) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
    this.prevNode = new Int32Array(n).fill(-1);
    this.changedFlag = new Uint8Array(n);
    this.bySatOff = new Int32Array(n + 1);
  }

  private less(a: number, b: number): boolean {
    const da = this.dist[a]!, db = this.dist[b]!;
    if (da !== db) return da < db;
    const ha = this.hops[a]!, hb = this.hops[b]!;
    if (ha !== hb) return ha < hb;
    const oa = this.origin[a]!, ob = this.origin[b]!;
    if (oa !== ob) return oa < ob;
    return a < b;
  }

  private push(v: number): void {
    let i = this.pos[v]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = v;
      this.pos[v] = i;
    }
    const h = this.heap, p = this.pos;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pv = h[parent]!;
      if (!this.less(v, pv)) break;
      h[i] = pv;
      p[pv] = i;
      i = parent;
    }
    h[i] = v;
    p[v] = i;
  }

  private pop(): number {
    const h = this.heap, p = this.pos;
    const top = h[0]!;
    p[top] = -1;
    this.size--;
    if (this.size > 0) {
      const v = h[this.size]!;
      let i = 0;
      const n = this.size;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && this.less(h[c + 1]!, h[c]!)) c++;
        const cv = h[c]!;
        if (!this.less(cv, v)) break;
        h[i] = cv;
        p[cv] = i;
        i = c;
      }
      h[i] = v;
      p[v] = i;
    }
    return top;
  }

  /** Offer label (d, h, o) via `from` to node v; true if it was smaller than v's label. */
  private offer(v: number, d: number, h: number, o: number, from: number): boolean {
    const dv = this.dist[v]!;
    if (d > dv) return false;
    if (d === dv) {
      const hv = this.hops[v]!;
      if (h > hv) return false;
      if (h === hv && o >= this.origin[v]!) return false;
    }
    this.dist[v] = d;
    this.hops[v] = h;
    this.origin[v] = o;
    this.prevNode[v] = from;
    return true;
  }

  private settle(linkMs: Float64Array, changed: Int32Array | null, changedCount: number): number {
    const { adjOff, adjTo, adjLink, dist, hops, origin, n } = this;
    const lasers = !this.options.bentPipe;
    while (this.size > 0) {
      const u = this.pop();
      if (u >= n) {
        this.relayUp(u);
        continue;
      }
      const du = dist[u]!;
      const hu = hops[u]! + 1;
      const ou = origin[u]!;
      if (lasers) {
        for (let k = adjOff[u]!, end = adjOff[u + 1]!; k < end; k++) {
          const w = linkMs[adjLink[k]!]!;
          if (w === Infinity) continue;
          const v = adjTo[k]!;
          if (this.offer(v, du + w, hu, ou, u)) {
            if (changed !== null && !this.changedFlag[v]) {
              this.changedFlag[v] = 1;
              changed[changedCount++] = v;
            }
            this.push(v);
          }
        }
      }
      if (this.relay) this.relayDown(u);
    }
    return changedCount;
  }

  /** Ground relay: satellite u hands down to each gateway that sees it (down link + gateway processing). */
  private relayDown(u: number): void {
    const st = this.step!;
    const du = this.dist[u]!, hu = this.hops[u]!, ou = this.origin[u]!;
    for (let k = this.bySatOff[u]!, end = this.bySatOff[u + 1]!; k < end; k++) {
      const i = this.bySatSeed[k]!;
      const g = this.n + st.seedGateway[i]!;
      if (this.offer(g, du + st.seedUpMs[i]! + st.gatewayProcessingMs, hu, ou, u)) this.push(g);
    }
  }

  /** Ground relay: a gateway reached from a satellite forwards on its up links. */
  private relayUp(node: number): void {
    const st = this.step!;
    const g = node - this.n;
    const d = this.dist[node]!, h = this.hops[node]! + 1, o = this.origin[node]!;
    for (let k = this.byGwOff[g]!, end = this.byGwOff[g + 1]!; k < end; k++) {
      const i = this.byGwSeed[k]!;
      const s = st.seedSat[i]!;
      if (this.offer(s, d + st.seedUpMs[i]!, h, o, node)) this.push(s);
    }
  }

  private ensure(V: number): void {
    if (this.heap.length >= V) return;
    this.heap = new Int32Array(V);
    this.pos = new Int32Array(V).fill(-1);
    const prev = new Int32Array(V);
    prev.set(this.prevNode);
    this.prevNode = prev;
    this.changedFlag = new Uint8Array(V);
  }

  /** Seeds grouped by gateway and by satellite (counting sorts), for the relay arcs. */
  private indexSeeds(st: RouterStep): void {
    const N = this.n, G = st.gatewayCount, S = st.seedCount;
    if (this.byGwOff.length < G + 1) this.byGwOff = new Int32Array(G + 1);
    if (this.byGwSeed.length < S) {
      this.byGwSeed = new Int32Array(S);
      this.bySatSeed = new Int32Array(S);
    }
    countingSort(st.seedGateway, S, G, this.byGwOff, this.byGwSeed);
    countingSort(st.seedSat, S, N, this.bySatOff, this.bySatSeed);
  }

  /**
   * Full run: labels of every satellite for this step, written into dist/hops/origin (length N;
   * Infinity/0/-1 where unreached). Afterwards `path` walks any satellite's route.
   */
  full(st: RouterStep, dist: Float64Array, hops: Int32Array, origin: Int32Array): void {
    const N = this.n;
    this.relay = this.options.groundRelay && st.gatewayCount > 0;
    this.step = st;
    const V = N + st.gatewayCount;
    this.ensure(V);
    this.prevNode.fill(-1, 0, V);
    if (this.relay) {
      if (this.relayDist.length < V) {
        this.relayDist = new Float64Array(V);
        this.relayHops = new Int32Array(V);
        this.relayOrigin = new Int32Array(V);
      }
      this.dist = this.relayDist;
      this.hops = this.relayHops;
      this.origin = this.relayOrigin;
      this.dist.fill(Infinity, 0, N);
      this.hops.fill(0, 0, N);
      this.origin.fill(-1, 0, N);
      // A gateway's own label: its backhaul; only a strictly faster relay replaces it.
      for (let g = 0; g < st.gatewayCount; g++) this.ownLabel(g);
      this.indexSeeds(st);
    } else {
      this.dist = dist;
      this.hops = hops;
      this.origin = origin;
      dist.fill(Infinity);
      hops.fill(0);
      origin.fill(-1);
    }
    for (let i = 0; i < st.seedCount; i++) {
      const s = st.seedSat[i]!;
      if (this.offer(s, st.seedMs[i]!, 1, st.seedGateway[i]!, N + st.seedGateway[i]!)) this.push(s);
    }
    this.settle(st.linkMs, null, 0);
    if (this.relay) {
      dist.set(this.dist.subarray(0, N));
      hops.set(this.hops.subarray(0, N));
      origin.set(this.origin.subarray(0, N));
    }
    this.relay = false;
  }

  /** After `full`: the node a label came from (satellite, or N + gateway); -1 for a gateway's own label or no route. */
  predecessor(node: number): number {
    return this.prevNode[node]!;
  }

  /**
   * Ground relay: add gateway `o` (the last in `st`, whose seeds `st` includes) to existing labels
   * of this step. Gateway relay labels are derived again from the satellite labels (one relaxation
   * of the down links: what the full run ended with), the new gateway's seeds and relay label are
   * offered, and the search continues only where they improve, which ends at the same unique
   * labels as a full run. Writes the satellites whose label changed into `changed`; returns how many.
   */
  improveRelay(st: RouterStep, o: number, dist: Float64Array, hops: Int32Array, origin: Int32Array, changed: Int32Array): number {
    const N = this.n;
    this.startRelay(st, dist, hops, origin);
    // A relay label (hops >= 1: from a satellite) beat the new gateway's own label (hops 0).
    const newRelay = this.hops[N + o]! > 0;
    for (let i = 0; i < st.seedCount; i++) {
      if (st.seedGateway[i] !== o) continue;
      const s = st.seedSat[i]!;
      if (this.offer(s, st.seedMs[i]!, 1, o, N + o)) this.push(s);
    }
    if (newRelay) this.push(N + o);
    this.settle(st.linkMs, null, 0);
    return this.endRelay(dist, hops, origin, changed);
  }

  /**
   * Ground relay, an incremental update: node labels for N + G nodes, the satellites' from
   * dist/hops/origin, each gateway's derived from them (its own label, or a relay through a
   * satellite it sees if faster: one relaxation of the down links, what the full run ended with);
   * seeds indexed.
   */
  private startRelay(st: RouterStep, dist: Float64Array, hops: Int32Array, origin: Int32Array): void {
    const V = this.n + st.gatewayCount;
    this.ensure(V);
    if (this.relayDist.length < V) {
      this.relayDist = new Float64Array(V);
      this.relayHops = new Int32Array(V);
      this.relayOrigin = new Int32Array(V);
    }
    this.relay = true;
    this.step = st;
    this.dist = this.relayDist;
    this.hops = this.relayHops;
    this.origin = this.relayOrigin;
    this.dist.set(dist);
    this.hops.set(hops);
    this.origin.set(origin);
    this.indexSeeds(st);
    const N = this.n;
    for (let g = 0; g < st.gatewayCount; g++) this.ownLabel(g);
    for (let i = 0; i < st.seedCount; i++) {
      const s = st.seedSat[i]!;
      if (this.dist[s]! < Infinity) this.offer(N + st.seedGateway[i]!, this.dist[s]! + st.seedUpMs[i]! + st.gatewayProcessingMs, this.hops[s]!, this.origin[s]!, s);
    }
  }

  /** Gateway g's own label: its start (backhaul), no satellite, itself as origin. */
  private ownLabel(g: number): void {
    const v = this.n + g;
    this.dist[v] = this.step!.gatewayStartMs[g]!;
    this.hops[v] = 0;
    this.origin[v] = g;
    this.prevNode[v] = -1;
  }

  /** Ends an incremental relay update: the satellite labels that changed are written back and listed in `changed`; returns how many. */
  private endRelay(dist: Float64Array, hops: Int32Array, origin: Int32Array, changed: Int32Array): number {
    this.relay = false;
    let nc = 0;
    for (let v = 0; v < this.n; v++) {
      if (this.dist[v] === dist[v] && this.hops[v] === hops[v] && this.origin[v] === origin[v]) continue;
      dist[v] = this.dist[v]!;
      hops[v] = this.hops[v]!;
      origin[v] = this.origin[v]!;
      changed[nc++] = v;
    }
    return nc;
  }

  /**
   * Ground relay: decremental repair after gateway `x` is taken out of this step. `st` is the
   * step without it: x keeps its index (so no origin is renumbered here) but has no seeds, and its
   * start is ignored. `gone` holds x's seeds as they were (satellite, seed latency, up link) and
   * `goneStartMs` its start. dist/hops/origin (length N) hold the labels with x; they are left
   * as a full run of `st` would leave them.
   *
   * Affected nodes are those reached from x's node along tight arcs (an arc whose offer equals
   * the label at its head: the label may come that way): a superset of the nodes whose every
   * derivation runs through x. Every other label keeps a derivation that avoids x, and removing
   * a node cannot shorten any path, so it stays. The affected nodes are reset (a gateway to its
   * own label) and searched again from the labels around them. Returns the number of satellites
   * whose label changed, written into `changed`.
   */
  repairRelay(st: RouterStep, x: number, gone: { sat: ArrayLike<number>; ms: ArrayLike<number>; upMs: ArrayLike<number>; count: number }, goneStartMs: number, dist: Float64Array, hops: Int32Array, origin: Int32Array, changed: Int32Array): number {
    const N = this.n, G = st.gatewayCount;
    const V = N + G;
    this.startRelay(st, dist, hops, origin);
    if (this.affectedMark.length < V) {
      this.affectedMark = new Uint8Array(V);
      this.affectedList = new Int32Array(V);
    }
    const D = this.dist, H = this.hops, O = this.origin;
    const proc = st.gatewayProcessingMs;
    // x's label as it was (st has no seeds for it): its start, or a relay through a seed it had.
    D[N + x] = goneStartMs;
    for (let k = 0; k < gone.count; k++) {
      const s = gone.sat[k]!;
      if (D[s]! < Infinity) this.offer(N + x, D[s]! + gone.upMs[k]! + proc, H[s]!, O[s]!, s);
    }
    // Affected: the closure of x's node over tight arcs.
    const mark = this.affectedMark, list = this.affectedList;
    let na = 0;
    const reach = (v: number): void => {
      if (mark[v]) return;
      mark[v] = 1;
      list[na++] = v;
    };
    reach(N + x);
    const xd = D[N + x]!, xh = H[N + x]! + 1, xo = O[N + x]!, xRelay = H[N + x]! > 0;
    for (let k = 0; k < gone.count; k++) {
      const s = gone.sat[k]!;
      if ((D[s] === gone.ms[k] && H[s] === 1 && O[s] === x) || (xRelay && D[s] === xd + gone.upMs[k]! && H[s] === xh && O[s] === xo)) reach(s);
    }
    const { adjOff, adjTo, adjLink } = this;
    const lasers = !this.options.bentPipe;
    const linkMs = st.linkMs;
    for (let q = 1; q < na; q++) {
      const u = list[q]!;
      const du = D[u]!, ou = O[u]!;
      if (u >= N) {
        // A gateway reached by a tight down link: its relay label was affected; so are the
        // satellites it reached on its up links.
        const g = u - N, h = H[u]! + 1;
        for (let k = this.byGwOff[g]!, end = this.byGwOff[g + 1]!; k < end; k++) {
          const i = this.byGwSeed[k]!;
          const s = st.seedSat[i]!;
          if (D[s] === du + st.seedUpMs[i]! && H[s] === h && O[s] === ou) reach(s);
        }
        continue;
      }
      const hu = H[u]!;
      if (lasers) {
        for (let k = adjOff[u]!, end = adjOff[u + 1]!; k < end; k++) {
          const v = adjTo[k]!;
          if (D[v] === du + linkMs[adjLink[k]!]! && H[v] === hu + 1 && O[v] === ou) reach(v);
        }
      }
      for (let k = this.bySatOff[u]!, end = this.bySatOff[u + 1]!; k < end; k++) {
        const i = this.bySatSeed[k]!;
        const g = N + st.seedGateway[i]!;
        if (D[g] === du + st.seedUpMs[i]! + proc && H[g] === hu && O[g] === ou) reach(g);
      }
    }
    // Reset: satellites unreached, gateways to their own label, x gone.
    for (let q = 0; q < na; q++) {
      const v = list[q]!;
      if (v < N) {
        D[v] = Infinity;
        H[v] = 0;
        O[v] = -1;
      } else {
        this.ownLabel(v - N); // x's own start in `st` is Infinity: gone
      }
    }
    // Offers into the affected nodes from everything around them, then the search.
    for (let q = 0; q < na; q++) {
      const v = list[q]!;
      if (v >= N) {
        if (v === N + x) continue;
        const g = v - N;
        let relayed = false;
        for (let k = this.byGwOff[g]!, end = this.byGwOff[g + 1]!; k < end; k++) {
          const i = this.byGwSeed[k]!;
          const s = st.seedSat[i]!;
          if (!mark[s] && D[s]! < Infinity && this.offer(v, D[s]! + st.seedUpMs[i]! + proc, H[s]!, O[s]!, s)) relayed = true;
        }
        if (relayed) this.push(v);
        continue;
      }
      let better = false;
      for (let k = this.bySatOff[v]!, end = this.bySatOff[v + 1]!; k < end; k++) {
        const i = this.bySatSeed[k]!;
        const g = st.seedGateway[i]!;
        if (this.offer(v, st.seedMs[i]!, 1, g, N + g)) better = true;
        // An unaffected gateway with a relay label forwards on its up links.
        if (!mark[N + g] && H[N + g]! > 0 && this.offer(v, D[N + g]! + st.seedUpMs[i]!, H[N + g]! + 1, O[N + g]!, N + g)) better = true;
      }
      if (lasers) {
        for (let k = adjOff[v]!, end = adjOff[v + 1]!; k < end; k++) {
          const u = adjTo[k]!;
          if (mark[u]) continue;
          const du = D[u]!, w = linkMs[adjLink[k]!]!;
          if (du === Infinity || w === Infinity) continue;
          if (this.offer(v, du + w, H[u]! + 1, O[u]!, u)) better = true;
        }
      }
      if (better) this.push(v);
    }
    for (let q = 0; q < na; q++) mark[list[q]!] = 0;
    this.settle(linkMs, null, 0);
    return this.endRelay(dist, hops, origin, changed);
  }

  /**
   * After `full`: the route of satellite `sat` as node ids (satellites < N, gateway g = N + g),
   * from the satellite to the gateway that hands off to the PoP. Empty when it has no route.
   */
  path(sat: number): number[] {
    const out: number[] = [];
    const limit = this.prevNode.length;
    for (let v = sat; v >= 0 && out.length <= limit; v = this.prevNode[v]!) out.push(v);
    return out.length > 0 && out[out.length - 1]! >= this.n ? out : [];
  }

  /**
   * Decremental repair after a source is removed (or moved): the `affected` satellites (those
   * whose origin was that source, i.e. its shortest-path forest) are reset and recomputed from the
   * remaining seeds and from their unaffected neighbours' labels. Labels outside the forest are
   * already minimal without the source. Origins must already be renumbered. No ground relay.
   */
  repair(linkMs: Float64Array, affected: Int32Array, na: number, seedSat: ArrayLike<number>, seedMs: ArrayLike<number>, seedOrigin: ArrayLike<number>, seedCount: number, dist: Float64Array, hops: Int32Array, origin: Int32Array): void {
    this.dist = dist;
    this.hops = hops;
    this.origin = origin;
    const flag = this.changedFlag;
    for (let i = 0; i < na; i++) {
      const v = affected[i]!;
      dist[v] = Infinity;
      hops[v] = 0;
      origin[v] = -1;
      flag[v] = 1;
    }
    const N = this.n;
    for (let i = 0; i < seedCount; i++) {
      const s = seedSat[i]!;
      if (flag[s] && this.offer(s, seedMs[i]!, 1, seedOrigin[i]!, N + seedOrigin[i]!)) this.push(s);
    }
    if (!this.options.bentPipe) {
      const { adjOff, adjTo, adjLink } = this;
      for (let i = 0; i < na; i++) {
        const v = affected[i]!;
        for (let k = adjOff[v]!, end = adjOff[v + 1]!; k < end; k++) {
          const u = adjTo[k]!;
          if (flag[u]) continue;
          const du = dist[u]!;
          const w = linkMs[adjLink[k]!]!;
          if (du === Infinity || w === Infinity) continue;
          if (this.offer(v, du + w, hops[u]! + 1, origin[u]!, u)) this.push(v);
        }
      }
    }
    for (let i = 0; i < na; i++) flag[affected[i]!] = 0;
    this.settle(linkMs, null, 0);
  }

  /**
   * Add seeds of one source (origin `o`) to existing labels, relaxing only where they improve.
   * Writes the satellites whose label changed into `changed` (length N) and returns how many.
   * No ground relay.
   */
  improve(linkMs: Float64Array, seedSat: ArrayLike<number>, seedMs: ArrayLike<number>, o: number, seedCount: number, dist: Float64Array, hops: Int32Array, origin: Int32Array, changed: Int32Array): number {
    this.dist = dist;
    this.hops = hops;
    this.origin = origin;
    let nc = 0;
    for (let i = 0; i < seedCount; i++) {
      const s = seedSat[i]!;
      if (this.offer(s, seedMs[i]!, 1, o, this.n + o)) {
        if (!this.changedFlag[s]) {
          this.changedFlag[s] = 1;
          changed[nc++] = s;
        }
        this.push(s);
      }
    }
    nc = this.settle(linkMs, changed, nc);
    for (let i = 0; i < nc; i++) this.changedFlag[changed[i]!] = 0;
    return nc;
  }
}

/** Stable counting sort of indices 0..count-1 by key (0..keys-1) into CSR (off: keys+1, items). */
function countingSort(key: ArrayLike<number>, count: number, keys: number, off: Int32Array, items: Int32Array): void {
  off.fill(0, 0, keys + 1);
  for (let i = 0; i < count; i++) off[key[i]! + 1]!++;
  for (let k = 0; k < keys; k++) off[k + 1]! += off[k]!;
  for (let i = 0; i < count; i++) {
    const k = key[i]!;
    items[off[k]!] = i;
    off[k]!++;
  }
  for (let k = keys; k > 0; k--) off[k] = off[k - 1]!;
  off[0] = 0;
}

/** Distance-only pruned Dijkstra (optimizer): improves `dist` from new seeds, lists changed nodes. */
export class DistRouter {
  private readonly heap: IndexedHeap;
  private readonly changedFlag: Uint8Array;

  constructor(
    n: number,
    private readonly adjOff: Int32Array,
    private readonly adjTo: Int32Array,
    private readonly adjLink: Int32Array,
  ) {
    this.heap = new IndexedHeap(n, new Float64Array(n));
    this.changedFlag = new Uint8Array(n);
  }

  improve(linkMs: Float64Array, seedSat: ArrayLike<number>, seedMs: ArrayLike<number>, from: number, to: number, dist: Float64Array, changed: Int32Array): number {
    const heap = this.heap;
    heap.setKeyArray(dist);
    const flag = this.changedFlag;
    let nc = 0;
    for (let i = from; i < to; i++) {
      const s = seedSat[i]!;
      const m = seedMs[i]!;
      if (m < dist[s]!) {
        dist[s] = m;
        if (!flag[s]) {
          flag[s] = 1;
          changed[nc++] = s;
        }
        heap.pushOrDecrease(s);
      }
    }
    const { adjOff, adjTo, adjLink } = this;
    while (heap.size > 0) {
      const u = heap.pop();
      const du = dist[u]!;
      for (let k = adjOff[u]!, end = adjOff[u + 1]!; k < end; k++) {
        const nd = du + linkMs[adjLink[k]!]!;
        const v = adjTo[k]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          if (!flag[v]) {
            flag[v] = 1;
            changed[nc++] = v;
          }
          heap.pushOrDecrease(v);
        }
      }
    }
    for (let i = 0; i < nc; i++) flag[changed[i]!] = 0;
    return nc;
  }
}
