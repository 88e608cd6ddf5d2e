// Maximum flow (Dinic's algorithm) on typed arrays, for the capacity model: one time step of the
// network is a single-commodity flow from the demand cells to a super-sink behind the PoPs.
//
// Capacities are real numbers (Gbps). Dinic terminates on reals because every phase saturates at
// least one arc of the level graph and the level (BFS distance to the sink) strictly grows between
// phases; residuals below EPS are treated as zero so round-off cannot create phantom arcs.
// After `run`, `minCutSide` marks the nodes still reachable from the source in the residual graph:
// the arcs from a marked node to an unmarked one are a minimum cut (max-flow min-cut theorem),
// which is how the capacity model names its bottleneck.
//
// The network is built once per step and reused: `reset` keeps the buffers, so a warmed-up
// network allocates nothing per step.
//
// Incremental use (the optimizer's served-demand objective): after `run`, raise an arc's capacity
// with `setCapacity` and `run` again: Dinic continues from the current flow, so the second run
// returns only the increase. Between `record` and `rollback` every residual change is journalled
// (old values), and `rollback` restores the residuals bit for bit: a candidate's gain is measured
// without rebuilding the network.

/** Residual capacities below this (Gbps) count as zero. */
export const FLOW_EPS = 1e-9;

/** arcsFrom's mark for a node with several arcs from the source. */
const MANY = -2;

export class FlowNetwork {
  nodeCount = 0;
  arcCount = 0;
  /** Per arc (paired: arc ^ 1 is its reverse): head node, residual capacity, original capacity. */
  head: Int32Array;
  residual: Float64Array;
  capacity: Float64Array;
  /** Per arc: next arc of the same tail (linked adjacency); per node: first arc. */
  private nextArc: Int32Array;
  private firstArc: Int32Array;
  private level: Int32Array;
  private iter: Int32Array;
  private queue: Int32Array;
  private stackNode: Int32Array;
  private stackArc: Int32Array;
  /** Journal of residual changes while recording: arc, old residual of the arc and of its reverse. */
  private recording = false;
  /** augmentVia's scratch: per node an epoch mark, its backward level and whether its current arc is set this phase. */
  private epoch = 0;
  private mark = new Int32Array(0);
  private dist = new Int32Array(0);
  private iterMark = new Int32Array(0);
  private jArc: number[] = [];
  /** augmentVia's cache: per node the arc from the source (arcsFrom), for which source and arc count. */
  private fromS = new Int32Array(0);
  private fromSource = -1;
  private fromSourceArcs = -1;
  /** run's CSR copy of the arcs: per node its first slot; per slot head, residual, reverse slot, arc; per arc its slot. */
  private cOff = new Int32Array(0);
  private cHead = new Int32Array(0);
  private cRes = new Float64Array(0);
  private cRev = new Int32Array(0);
  private cExt = new Int32Array(0);
  private cPos = new Int32Array(0);
  private jRes: number[] = [];

  constructor(nodeCapacity = 16, arcCapacity = 64) {
    this.head = new Int32Array(arcCapacity);
    this.residual = new Float64Array(arcCapacity);
    this.capacity = new Float64Array(arcCapacity);
    this.nextArc = new Int32Array(arcCapacity);
    this.firstArc = new Int32Array(nodeCapacity);
    this.level = new Int32Array(nodeCapacity);
    this.iter = new Int32Array(nodeCapacity);
    this.queue = new Int32Array(nodeCapacity);
    this.stackNode = new Int32Array(nodeCapacity);
    this.stackArc = new Int32Array(nodeCapacity);
  }

  /** Start a new network of `nodeCount` nodes and no arcs (buffers are kept). */
  reset(nodeCount: number): void {
    if (nodeCount > this.firstArc.length) {
      const n = Math.max(nodeCount, this.firstArc.length * 2);
      this.firstArc = new Int32Array(n);
      this.level = new Int32Array(n);
      this.iter = new Int32Array(n);
      this.queue = new Int32Array(n);
      this.stackNode = new Int32Array(n);
      this.stackArc = new Int32Array(n);
    }
    this.nodeCount = nodeCount;
    this.arcCount = 0;
    this.fromSource = -1;
    this.firstArc.fill(-1, 0, nodeCount);
  }

  /** Add an arc u -> v with capacity `cap` (>= 0, may be Infinity); returns its index (its reverse is index ^ 1). */
  addArc(u: number, v: number, cap: number): number {
    if (!(cap >= 0)) throw new RangeError(`arc ${u} -> ${v}: capacity must be >= 0, got ${cap}`);
    if (this.arcCount + 2 > this.head.length) this.grow();
    const a = this.arcCount;
    this.head[a] = v;
    this.residual[a] = cap;
    this.capacity[a] = cap;
    this.nextArc[a] = this.firstArc[u]!;
    this.firstArc[u] = a;
    this.head[a + 1] = u;
    this.residual[a + 1] = 0;
    this.capacity[a + 1] = 0;
    this.nextArc[a + 1] = this.firstArc[v]!;
    this.firstArc[v] = a + 1;
    this.arcCount += 2;
    return a;
  }

  /** Set arc `a`'s capacity (>= the flow on it); its residual changes by the difference. Journalled while recording. */
  setCapacity(a: number, cap: number): void {
    const delta = cap - this.capacity[a]!;
    if (!(this.residual[a]! + delta >= -FLOW_EPS)) throw new RangeError(`arc ${a}: capacity ${cap} is below its flow ${this.flow(a)}`);
    this.log(a);
    this.residual[a] = this.residual[a]! + delta;
    this.capacity[a] = cap;
  }

  /** Start journalling residual changes (a previous journal is dropped). */
  record(): void {
    this.recording = true;
    this.jArc.length = 0;
    this.jRes.length = 0;
  }

  /** Undo every change since `record` (capacities set with setCapacity included) and stop recording. */
  rollback(): void {
    const res = this.residual;
    for (let i = this.jArc.length - 1; i >= 0; i--) {
      const a = this.jArc[i]!;
      res[a] = this.jRes[3 * i]!;
      res[a ^ 1] = this.jRes[3 * i + 1]!;
      this.capacity[a] = this.jRes[3 * i + 2]!;
    }
    this.stopRecording();
  }

  /** Keep the changes since `record` and stop recording. */
  stopRecording(): void {
    this.recording = false;
    this.jArc.length = 0;
    this.jRes.length = 0;
  }

  private log(a: number): void {
    if (!this.recording) return;
    this.jArc.push(a);
    this.jRes.push(this.residual[a]!, this.residual[a ^ 1]!, this.capacity[a]!);
  }

  /** Total capacity of the arcs into v: a cut, so no flow through v exceeds it. */
  capacityInto(v: number): number {
    let sum = 0;
    for (let b = this.firstArc[v]!; b >= 0; b = this.nextArc[b]!) if (b & 1) sum += this.capacity[b ^ 1]!;
    return sum;
  }

  /** First arc u -> v added with addArc (forward arcs only), or -1. */
  arcBetween(u: number, v: number): number {
    for (let a = this.firstArc[u]!; a >= 0; a = this.nextArc[a]!) if ((a & 1) === 0 && this.head[a] === v) return a;
    return -1;
  }

  /**
   * After a maximum flow, when only arcs behind node v changed (an arc v -> ... -> t opened): push
   * what still fits from s to v and on along `tail` (a path of arcs from v to the sink), and
   * return it. Any augmenting path then passes v, so this restores a maximum flow. Dinic with the
   * levels measured BACKWARDS from v, and only as far as s's level: the search stays near v
   * (e.g. a gateway's satellites, their beams, the cells under them), not the whole network.
   */
  augmentVia(s: number, v: number, tail: readonly number[]): number {
    let total = 0;
    for (;;) {
      let room = Infinity;
      for (const a of tail) room = Math.min(room, this.residual[a]!);
      if (!(room > FLOW_EPS) || !this.levelsTo(s, v)) return total;
      const pushed = this.blockingVia(s, v, tail);
      if (!(pushed > 0)) return total;
      total += pushed;
    }
  }

  /** Backward BFS from v over arcs with residual: level = hops to v, marked with the current epoch. Stops after s's level. */
  private levelsTo(s: number, v: number): boolean {
    const ep = ++this.epoch;
    if (this.mark.length < this.nodeCount) {
      this.mark = new Int32Array(this.firstArc.length);
      this.dist = new Int32Array(this.firstArc.length);
    }
    const mark = this.mark, dist = this.dist, queue = this.queue, head = this.head, res = this.residual, next = this.nextArc, first = this.firstArc;
    mark[v] = ep;
    dist[v] = 0;
    let qh = 0, qt = 0;
    queue[qt++] = v;
    while (qh < qt) {
      const w = queue[qh++]!;
      for (let b = first[w]!; b >= 0; b = next[b]!) {
        const u = head[b]!; // arc b^1 runs u -> w
        if (mark[u] !== ep && res[b ^ 1]! > FLOW_EPS) {
          mark[u] = ep;
          dist[u] = dist[w]! + 1;
          // Every node closer to v than s is levelled once s is: the level graph is final.
          if (u === s) return true;
          queue[qt++] = u;
        }
      }
    }
    return false;
  }

  /**
   * Blocking flow from s to v on the backward levels, then along `tail`. The search runs from v
   * backwards (each step one level further from v, until s), so it never scans s's arcs to every
   * cell group: only the levelled neighbourhood of v.
   */
  private blockingVia(s: number, v: number, tail: readonly number[]): number {
    const ep = this.epoch, mark = this.mark, dist = this.dist, iter = this.iter, head = this.head, res = this.residual, next = this.nextArc;
    const sn = this.stackNode, sa = this.stackArc;
    const seen = this.iterMark.length >= this.nodeCount ? this.iterMark : (this.iterMark = new Int32Array(this.firstArc.length));
    const arcOf = (w: number): number => {
      if (seen[w] !== ep) { seen[w] = ep; iter[w] = this.firstArc[w]!; }
      return iter[w]!;
    };
    const sLevel = dist[s]!;
    const fromS = this.arcsFrom(s);
    let total = 0;
    for (;;) {
      let room = Infinity;
      for (const a of tail) room = Math.min(room, res[a]!);
      if (!(room > FLOW_EPS)) return total;
      // Walk from v to s: at w, an arc u -> w (b ^ 1 for b in w's list) with residual and u one level further.
      let depth = 0, w = v, found = false;
      while (!found) {
        let b = arcOf(w);
        const want = dist[w]! + 1;
        if (want === sLevel && fromS[w]! !== MANY) {
          // Only s is levelled that far: the one arc s -> w decides (no scan of w's arcs).
          const a = fromS[w]!;
          b = b >= 0 && a >= 0 && res[a]! > FLOW_EPS ? a ^ 1 : -1;
        } else {
          while (b >= 0 && !(res[b ^ 1]! > FLOW_EPS && mark[head[b]!] === ep && dist[head[b]!] === want)) b = next[b]!;
        }
        iter[w] = b;
        if (b < 0) {
          mark[w] = -1; // dead end for this phase
          if (depth === 0) return total;
          depth--;
          w = sn[depth]!;
          iter[w] = next[iter[w]!]!;
          continue;
        }
        sn[depth] = w;
        sa[depth] = b ^ 1;
        depth++;
        w = head[b]!;
        if (w === s) found = true;
      }
      let push = room;
      for (let i = 0; i < depth; i++) push = Math.min(push, res[sa[i]!]!);
      if (push === Infinity) throw new RangeError('maximum flow is unbounded: a path of infinite-capacity arcs joins source and sink');
      for (let i = 0; i < depth; i++) this.pushArc(sa[i]!, push);
      for (const a of tail) this.pushArc(a, push);
      total += push;
    }
  }

  /** Per node w: the arc s -> w, -1 if none, MANY if several (cached until the network changes). */
  private arcsFrom(s: number): Int32Array {
    if (this.fromSource === s && this.fromSourceArcs === this.arcCount) return this.fromS;
    if (this.fromS.length < this.nodeCount) this.fromS = new Int32Array(this.firstArc.length);
    const out = this.fromS;
    out.fill(-1, 0, this.nodeCount);
    for (let a = this.firstArc[s]!; a >= 0; a = this.nextArc[a]!) {
      if (a & 1) continue;
      const w = this.head[a]!;
      out[w] = out[w] === -1 ? a : MANY;
    }
    this.fromSource = s;
    this.fromSourceArcs = this.arcCount;
    return out;
  }

  private pushArc(a: number, push: number): void {
    if (this.recording) this.log(a);
    this.residual[a] = this.residual[a]! - push;
    this.residual[a ^ 1] = this.residual[a ^ 1]! + push;
  }

  /** Flow on arc `a` (an index returned by addArc). */
  flow(a: number): number {
    return this.residual[a ^ 1]!;
  }

  /** Tail node of arc `a`. */
  tail(a: number): number {
    return this.head[a ^ 1]!;
  }

  private grow(): void {
    const n = this.head.length * 2;
    const h = new Int32Array(n); h.set(this.head); this.head = h;
    const r = new Float64Array(n); r.set(this.residual); this.residual = r;
    const c = new Float64Array(n); c.set(this.capacity); this.capacity = c;
    const x = new Int32Array(n); x.set(this.nextArc); this.nextArc = x;
  }

  /**
   * Lay the arcs out by tail (CSR), each node's arcs in its linked-list order, so Dinic reads them
   * sequentially. The order is the one the linked lists give, so the phases, the augmenting paths
   * and every residual are the same as on the lists, bit for bit; only memory access changes.
   */
  private compile(): void {
    const n = this.nodeCount, m = this.arcCount;
    if (this.cHead.length < m) {
      const size = this.head.length;
      this.cHead = new Int32Array(size);
      this.cRes = new Float64Array(size);
      this.cRev = new Int32Array(size);
      this.cExt = new Int32Array(size);
      this.cPos = new Int32Array(size);
    }
    if (this.cOff.length < n + 1) this.cOff = new Int32Array(this.firstArc.length + 1);
    const head = this.head, res = this.residual;
    const cOff = this.cOff, cHead = this.cHead, cRes = this.cRes, cExt = this.cExt, cPos = this.cPos, cRev = this.cRev;
    // A node's list holds its arcs newest first: count per tail, then place arcs by descending index.
    cOff.fill(0, 0, n + 1);
    for (let a = 0; a < m; a++) cOff[head[a ^ 1]! + 1]!++;
    for (let u = 0; u < n; u++) cOff[u + 1]! += cOff[u]!;
    const fill = this.iter;
    fill.set(cOff.subarray(0, n));
    for (let a = m - 1; a >= 0; a--) {
      const k = fill[head[a ^ 1]!]!++;
      cExt[k] = a;
      cPos[a] = k;
      cHead[k] = head[a]!;
      cRes[k] = res[a]!;
    }
    for (let i = 0; i < m; i++) cRev[i] = cPos[cExt[i]! ^ 1]!;
  }

  /** Copy the CSR residuals back to the arcs (journalled while recording). */
  private writeBack(): void {
    const res = this.residual, cRes = this.cRes, cPos = this.cPos;
    for (let a = 0; a < this.arcCount; a += 2) {
      const f = cRes[cPos[a]!]!, r = cRes[cPos[a + 1]!]!;
      if (f === res[a] && r === res[a + 1]) continue;
      this.log(a);
      res[a] = f;
      res[a + 1] = r;
    }
  }

  private bfs(s: number, t: number): boolean {
    const level = this.level, queue = this.queue, head = this.cHead, res = this.cRes, off = this.cOff;
    level.fill(-1, 0, this.nodeCount);
    level[s] = 0;
    let qh = 0, qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const u = queue[qh++]!;
      const lv = level[u]! + 1;
      for (let k = off[u]!, end = off[u + 1]!; k < end; k++) {
        const v = head[k]!;
        if (level[v]! < 0 && res[k]! > FLOW_EPS) {
          level[v] = lv;
          // Every level below t's is complete once t is reached, and no other node at t's level
          // can be on a shortest augmenting path: the level graph is final.
          if (v === t) return true;
          queue[qt++] = v;
        }
      }
    }
    return false;
  }

  /** One blocking flow on the level graph, by iterative DFS with current-arc pointers. */
  private blockingFlow(s: number, t: number): number {
    const level = this.level, iter = this.iter, head = this.cHead, res = this.cRes, rev = this.cRev, off = this.cOff;
    const sn = this.stackNode, sa = this.stackArc;
    iter.set(off.subarray(0, this.nodeCount));
    let total = 0;
    for (;;) {
      // Walk from s along admissible arcs until t or a dead end.
      let depth = 0;
      let u = s;
      let found = false;
      while (!found) {
        let k = iter[u]!;
        const end = off[u + 1]!, want = level[u]! + 1;
        while (k < end && !(res[k]! > FLOW_EPS && level[head[k]!] === want)) k++;
        iter[u] = k;
        if (k === end) {
          // Dead end: retire u from this phase and step back.
          level[u] = -1;
          if (depth === 0) return total;
          depth--;
          u = sn[depth]!;
          iter[u]!++;
          continue;
        }
        sn[depth] = u;
        sa[depth] = k;
        depth++;
        u = head[k]!;
        if (u === t) found = true;
      }
      let push = Infinity;
      for (let i = 0; i < depth; i++) push = Math.min(push, res[sa[i]!]!);
      if (push === Infinity) throw new RangeError('maximum flow is unbounded: a path of infinite-capacity arcs joins source and sink');
      for (let i = 0; i < depth; i++) {
        const k = sa[i]!;
        res[k] = res[k]! - push;
        res[rev[k]!] = res[rev[k]!]! + push;
      }
      total += push;
    }
  }

  /** Maximum flow from s to t. Residuals are left in place (flows readable through `flow`). */
  run(s: number, t: number): number {
    if (s === t) throw new RangeError('source and sink must differ');
    this.compile();
    let total = 0;
    while (this.bfs(s, t)) total += this.blockingFlow(s, t);
    this.writeBack();
    return total;
  }

  /** After run(s, t): 1 for nodes reachable from s in the residual graph (the source side of a minimum cut). */
  minCutSide(s: number, out = new Uint8Array(this.nodeCount)): Uint8Array {
    out.fill(0, 0, this.nodeCount);
    const queue = this.queue, head = this.head, res = this.residual, next = this.nextArc, first = this.firstArc;
    let qh = 0, qt = 0;
    queue[qt++] = s;
    out[s] = 1;
    while (qh < qt) {
      const u = queue[qh++]!;
      for (let a = first[u]!; a >= 0; a = next[a]!) {
        const v = head[a]!;
        if (!out[v] && res[a]! > FLOW_EPS) {
          out[v] = 1;
          queue[qt++] = v;
        }
      }
    }
    return out;
  }
}
