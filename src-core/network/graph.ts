// Compressed-sparse-row graphs and Dijkstra on typed arrays. Built once per time step and reused:
// the builder and the search keep their buffers, so a step allocates nothing once warmed up.
// Everything routed in the engine (user -> PoP, city -> city, coverage fields) runs through here.

/** Directed graph in CSR form. Undirected edges are stored twice. Weights are latencies in ms. */
export interface CsrGraph {
  nodeCount: number;
  edgeCount: number;
  /** offsets[v]..offsets[v+1] index `targets`/`weightsMs` for v's out-edges. Length nodeCount+1. */
  offsets: Int32Array;
  targets: Int32Array;
  weightsMs: Float64Array;
  /** Optional per-edge tag (e.g. link kind), same indexing as targets. */
  tags: Uint8Array;
}

/** Accumulates edges then packs them into CSR with a counting sort (O(V + E), no per-edge objects). */
export class GraphBuilder {
  private from: Int32Array;
  private to: Int32Array;
  private w: Float64Array;
  private tag: Uint8Array;
  private n = 0;
  private nodeCount = 0;
  private graph: CsrGraph;
  private cursor = new Int32Array(0);

  constructor(initialEdgeCapacity = 1024) {
    this.from = new Int32Array(initialEdgeCapacity);
    this.to = new Int32Array(initialEdgeCapacity);
    this.w = new Float64Array(initialEdgeCapacity);
    this.tag = new Uint8Array(initialEdgeCapacity);
    this.graph = { nodeCount: 0, edgeCount: 0, offsets: new Int32Array(1), targets: new Int32Array(0), weightsMs: new Float64Array(0), tags: new Uint8Array(0) };
  }

  reset(nodeCount: number): void {
    this.n = 0;
    this.nodeCount = nodeCount;
  }

  get edgeCount(): number {
    return this.n;
  }

  /** Add a directed edge u -> v with latency `weightMs`. */
  addArc(u: number, v: number, weightMs: number, tag = 0): void {
    if (this.n === this.from.length) this.grow();
    this.from[this.n] = u;
    this.to[this.n] = v;
    this.w[this.n] = weightMs;
    this.tag[this.n] = tag;
    this.n++;
  }

  /** Add an undirected edge (two arcs). */
  addEdge(u: number, v: number, weightMs: number, tag = 0): void {
    this.addArc(u, v, weightMs, tag);
    this.addArc(v, u, weightMs, tag);
  }

  private grow(): void {
    const cap = this.from.length * 2;
    const f = new Int32Array(cap); f.set(this.from); this.from = f;
    const t = new Int32Array(cap); t.set(this.to); this.to = t;
    const w = new Float64Array(cap); w.set(this.w); this.w = w;
    const g = new Uint8Array(cap); g.set(this.tag); this.tag = g;
  }

  /**
   * Pack into CSR. The returned graph reuses internal buffers: it is valid until the next build()
   * on this builder. Pass `fresh = true` for a graph that owns its arrays.
   */
  build(fresh = false): CsrGraph {
    const V = this.nodeCount;
    const E = this.n;
    let g = this.graph;
    if (fresh || g.offsets.length < V + 1 || g.targets.length < E) {
      g = {
        nodeCount: V,
        edgeCount: E,
        offsets: new Int32Array(V + 1),
        targets: new Int32Array(fresh ? E : Math.max(E, g.targets.length * 2)),
        weightsMs: new Float64Array(fresh ? E : Math.max(E, g.weightsMs.length * 2)),
        tags: new Uint8Array(fresh ? E : Math.max(E, g.tags.length * 2)),
      };
      if (!fresh) this.graph = g;
    } else {
      g.offsets.fill(0, 0, V + 1);
    }
    g.nodeCount = V;
    g.edgeCount = E;
    const off = g.offsets;
    for (let i = 0; i < E; i++) off[this.from[i]! + 1]!++;
    for (let v = 0; v < V; v++) off[v + 1]! += off[v]!;
    // Fill using a cursor per node; stable order keeps results deterministic.
    if (this.cursor.length < V) this.cursor = new Int32Array(V);
    const cursor = this.cursor;
    cursor.fill(0, 0, V);
    for (let i = 0; i < E; i++) {
      const u = this.from[i]!;
      const k = off[u]! + cursor[u]!++;
      g.targets[k] = this.to[i]!;
      g.weightsMs[k] = this.w[i]!;
      g.tags[k] = this.tag[i]!;
    }
    return g;
  }
}

/**
 * Indexed binary min-heap over node ids keyed by a Float64Array (decrease-key in O(log n)); equal
 * keys pop in node-id order. Shared by every latency-only Dijkstra in the engine.
 */
export class IndexedHeap {
  heap: Int32Array;
  pos: Int32Array;
  size = 0;
  constructor(public capacity: number, private key: Float64Array) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }
  setKeyArray(key: Float64Array): void {
    this.key = key;
  }
  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]!] = -1;
    this.size = 0;
  }
  pushOrDecrease(v: number): void {
    let i = this.pos[v]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = v;
      this.pos[v] = i;
    }
    this.up(i);
  }
  pop(): number {
    const top = this.heap[0]!;
    this.pos[top] = -1;
    this.size--;
    if (this.size > 0) {
      const last = this.heap[this.size]!;
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }
  private up(i: number): void {
    const h = this.heap, k = this.key, p = this.pos;
    const v = h[i]!;
    const kv = k[v]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pv = h[parent]!;
      // Tie-break on node id so results never depend on insertion order.
      if (k[pv]! < kv || (k[pv]! === kv && pv < v)) break;
      h[i] = pv; p[pv] = i; i = parent;
    }
    h[i] = v; p[v] = i;
  }
  private down(i: number): void {
    const h = this.heap, k = this.key, p = this.pos, n = this.size;
    const v = h[i]!;
    const kv = k[v]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n && (k[h[r]!]! < k[h[c]!]! || (k[h[r]!]! === k[h[c]!]! && h[r]! < h[c]!))) c = r;
      const cv = h[c]!;
      if (kv < k[cv]! || (kv === k[cv]! && v < cv)) break;
      h[i] = cv; p[cv] = i; i = c;
    }
    h[i] = v; p[v] = i;
  }
}

export interface DijkstraResult {
  /** Latency from the nearest source (ms); Infinity when unreachable. */
  distMs: Float64Array;
  /** Predecessor node on the shortest path, -1 for sources and unreached nodes. */
  prev: Int32Array;
  /** The source each node's best path starts from, -1 when unreached. */
  origin: Int32Array;
  /** Edges on the path from the origin (hop count). */
  hops: Int32Array;
}

export interface DijkstraOptions {
  /**
   * Nodes that may start or end a path but never relay (e.g. ground stations); 1 = no transit.
   * A no-transit source expands only from its own starting latency, and its distMs stays that
   * starting latency (cheaper arrivals at it from other sources are not recorded).
   */
  noTransit?: Uint8Array | null;
  /** Stop once this node is settled (point-to-point queries). */
  target?: number;
  /** Ignore paths longer than this many edges (paths are still latency-shortest among the rest). */
  maxHops?: number;
}

/**
 * Multi-source Dijkstra by latency. Reuses its buffers across calls with the same node count.
 * Deterministic: equal-latency ties resolve to the lower node id.
 */
export class Dijkstra {
  private res: DijkstraResult;
  private heap: IndexedHeap;
  private capacity: number;

  constructor(capacity = 0) {
    this.capacity = capacity;
    this.res = { distMs: new Float64Array(capacity), prev: new Int32Array(capacity), origin: new Int32Array(capacity), hops: new Int32Array(capacity) };
    this.heap = new IndexedHeap(capacity, this.res.distMs);
  }

  private ensure(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.res = { distMs: new Float64Array(n), prev: new Int32Array(n), origin: new Int32Array(n), hops: new Int32Array(n) };
    this.heap = new IndexedHeap(n, this.res.distMs);
  }

  /**
   * Run from `sources` with starting latencies `sourceDistMs` (0 when omitted).
   * The returned arrays are owned by this instance and overwritten by the next run.
   */
  run(g: CsrGraph, sources: ArrayLike<number>, sourceDistMs?: ArrayLike<number> | null, opts: DijkstraOptions = {}): DijkstraResult {
    const V = g.nodeCount;
    this.ensure(V);
    const { distMs: dist, prev, origin, hops } = this.res;
    dist.fill(Infinity, 0, V);
    prev.fill(-1, 0, V);
    origin.fill(-1, 0, V);
    hops.fill(0, 0, V);
    const heap = this.heap;
    heap.clear();
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      const d0 = sourceDistMs ? sourceDistMs[i]! : 0;
      if (d0 < dist[s]!) {
        dist[s] = d0;
        origin[s] = s;
        heap.pushOrDecrease(s);
      }
    }
    const noTransit = opts.noTransit ?? null;
    const target = opts.target ?? -1;
    const maxHops = opts.maxHops ?? Infinity;
    const { offsets, targets, weightsMs } = g;
    while (heap.size > 0) {
      const u = heap.pop();
      if (u === target) break;
      // A no-transit node expands only as a source at its own starting latency: if another
      // source reached it more cheaply (origin[u] !== u), expanding it would be a relay.
      if (noTransit && noTransit[u] && origin[u] !== u) continue;
      const du = dist[u]!;
      const hu = hops[u]! + 1;
      if (hu > maxHops) continue;
      for (let k = offsets[u]!, end = offsets[u + 1]!; k < end; k++) {
        const v = targets[k]!;
        const nd = du + weightsMs[k]!;
        // A no-transit source keeps its own starting latency: it must still start paths there.
        if (nd < dist[v]! && !(noTransit && noTransit[v] && origin[v] === v)) {
          dist[v] = nd;
          prev[v] = u;
          origin[v] = origin[u]!;
          hops[v] = hu;
          heap.pushOrDecrease(v);
        }
      }
    }
    return this.res;
  }
}

/** Walk `prev` back from `node` to its origin; returns the node list origin-first. */
export function pathTo(prev: Int32Array, node: number): number[] {
  const out: number[] = [];
  for (let v = node, guard = 0; v >= 0 && guard <= prev.length; v = prev[v]!, guard++) out.push(v);
  return out.reverse();
}
