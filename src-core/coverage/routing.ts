// Satellite -> PoP routing for coverage: multi-source Dijkstra over the cached laser-link graph of
// one time step, seeded at the satellites each gateway sees (seed = gateway backhaul to its PoP +
// gateway processing + down/up-link + processing at the satellite). Gateways are not graph nodes:
// a ground relay (down to a gateway and up again) never helps a user -> PoP path, so seeding the
// satellites directly gives the same distances with a smaller graph.
//
// Labels are (distMs, hops, origin) compared lexicographically (then node id in the heap), so the
// result is the unique minimum label over all paths, independent of insertion order. That is what
// makes the incremental updates exact:
//   - adding a source: run `improve` from its seeds; it only relaxes where the new label is
//     smaller, and ends with the same labels a full run would give;
//   - removing a source: steps where it is nobody's origin are unchanged (its paths were never
//     minimal); the others are rerun in full.
// `hops` counts satellites on the path (gateway -> first satellite is hop 1). Distances are
// latency-shortest over all paths; the hop limit is applied afterwards (a satellite whose
// latency-shortest path has too many hops does not serve). This is an approximation of a hop-
// constrained shortest path; with Kuiper defaults (~3-4 ms per laser hop, 30 hops, 100 ms budget)
// the latency budget binds first.
//
// `DistRouter` is the same search on distances only (no hops/origin), for the optimizer; it uses
// the engine's shared IndexedHeap (network/graph.ts). LabelRouter keeps its own heap because it
// orders by the whole label (dist, hops, origin), not by distance alone.
import { IndexedHeap } from '../network/graph';

export class LabelRouter {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private size = 0;
  private dist!: Float64Array;
  private hops!: Int32Array;
  private origin!: Int32Array;
  private readonly changedFlag: Uint8Array;

  constructor(
    n: number,
    private readonly adjOff: Int32Array,
    private readonly adjTo: Int32Array,
    private readonly adjLink: Int32Array,
  ) {
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
    this.changedFlag = new Uint8Array(n);
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

  /** Offer label (d, h, o) to node v; true if it was smaller than v's label. */
  private offer(v: number, d: number, h: number, o: number): boolean {
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
    return true;
  }

  private settle(linkMs: Float64Array, changed: Int32Array | null, changedCount: number): number {
    const { adjOff, adjTo, adjLink, dist, hops, origin } = this;
    while (this.size > 0) {
      const u = this.pop();
      const du = dist[u]!;
      const hu = hops[u]! + 1;
      const ou = origin[u]!;
      for (let k = adjOff[u]!, end = adjOff[u + 1]!; k < end; k++) {
        const w = linkMs[adjLink[k]!]!;
        if (w === Infinity) continue;
        const v = adjTo[k]!;
        if (this.offer(v, du + w, hu, ou)) {
          if (changed !== null && !this.changedFlag[v]) {
            this.changedFlag[v] = 1;
            changed[changedCount++] = v;
          }
          this.push(v);
        }
      }
    }
    return changedCount;
  }

  /**
   * Full run: labels of every satellite from the seeds (sat, ms, origin), written into
   * dist/hops/origin (length N; Infinity/0/-1 where unreached).
   */
  full(linkMs: Float64Array, seedSat: ArrayLike<number>, seedMs: ArrayLike<number>, seedOrigin: ArrayLike<number>, seedCount: number, dist: Float64Array, hops: Int32Array, origin: Int32Array): void {
    this.dist = dist;
    this.hops = hops;
    this.origin = origin;
    dist.fill(Infinity);
    hops.fill(0);
    origin.fill(-1);
    for (let i = 0; i < seedCount; i++) {
      const s = seedSat[i]!;
      if (this.offer(s, seedMs[i]!, 1, seedOrigin[i]!)) this.push(s);
    }
    this.settle(linkMs, null, 0);
  }

  /**
   * Decremental repair after a source is removed (or moved): the `affected` satellites (those
   * whose origin was that source, i.e. its shortest-path forest) are reset and recomputed from the
   * remaining seeds and from their unaffected neighbours' labels. Labels outside the forest are
   * already minimal without the source. Origins must already be renumbered.
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
    for (let i = 0; i < seedCount; i++) {
      const s = seedSat[i]!;
      if (flag[s] && this.offer(s, seedMs[i]!, 1, seedOrigin[i]!)) this.push(s);
    }
    const { adjOff, adjTo, adjLink } = this;
    for (let i = 0; i < na; i++) {
      const v = affected[i]!;
      for (let k = adjOff[v]!, end = adjOff[v + 1]!; k < end; k++) {
        const u = adjTo[k]!;
        if (flag[u]) continue;
        const du = dist[u]!;
        const w = linkMs[adjLink[k]!]!;
        if (du === Infinity || w === Infinity) continue;
        if (this.offer(v, du + w, hops[u]! + 1, origin[u]!)) this.push(v);
      }
    }
    for (let i = 0; i < na; i++) flag[affected[i]!] = 0;
    this.settle(linkMs, null, 0);
  }

  /**
   * Add seeds of one source (origin `o`) to existing labels, relaxing only where they improve.
   * Writes the satellites whose label changed into `changed` (length N) and returns how many.
   */
  improve(linkMs: Float64Array, seedSat: ArrayLike<number>, seedMs: ArrayLike<number>, o: number, seedCount: number, dist: Float64Array, hops: Int32Array, origin: Int32Array, changed: Int32Array): number {
    this.dist = dist;
    this.hops = hops;
    this.origin = origin;
    let nc = 0;
    for (let i = 0; i < seedCount; i++) {
      const s = seedSat[i]!;
      if (this.offer(s, seedMs[i]!, 1, o)) {
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
