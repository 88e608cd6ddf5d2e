// The capacity model's Dinic as it was before the CSR layout (session 9): linked adjacency lists,
// newest arc first. Kept as an oracle: FlowNetwork.run must make the same augmentations, so its
// flow value and every arc's flow are equal to these bit for bit.
import { FLOW_EPS } from '../../../src-core/capacity/maxflow';

export interface RefArc { u: number; v: number; c: number }

/** Max flow s -> t; returns the value and the flow on each arc (in `arcs` order). */
export function referenceDinic(n: number, arcs: readonly RefArc[], s: number, t: number): { value: number; flow: Float64Array } {
  const m = 2 * arcs.length;
  const head = new Int32Array(m), res = new Float64Array(m), next = new Int32Array(m), first = new Int32Array(n).fill(-1);
  arcs.forEach(({ u, v, c }, i) => {
    const a = 2 * i;
    head[a] = v; res[a] = c; next[a] = first[u]!; first[u] = a;
    head[a + 1] = u; res[a + 1] = 0; next[a + 1] = first[v]!; first[v] = a + 1;
  });
  const level = new Int32Array(n), iter = new Int32Array(n), queue = new Int32Array(n);
  const bfs = (): boolean => {
    level.fill(-1);
    level[s] = 0;
    let qh = 0, qt = 0;
    queue[qt++] = s;
    while (qh < qt) {
      const u = queue[qh++]!;
      for (let a = first[u]!; a >= 0; a = next[a]!) {
        const v = head[a]!;
        if (level[v]! < 0 && res[a]! > FLOW_EPS) {
          level[v] = level[u]! + 1;
          if (v === t) return true;
          queue[qt++] = v;
        }
      }
    }
    return false;
  };
  const sn: number[] = [], sa: number[] = [];
  const blocking = (): number => {
    iter.set(first);
    let total = 0;
    for (;;) {
      let depth = 0, u = s, found = false;
      while (!found) {
        let a = iter[u]!;
        while (a >= 0 && !(res[a]! > FLOW_EPS && level[head[a]!] === level[u]! + 1)) a = next[a]!;
        iter[u] = a;
        if (a < 0) {
          level[u] = -1;
          if (depth === 0) return total;
          depth--;
          u = sn[depth]!;
          iter[u] = next[iter[u]!]!;
          continue;
        }
        sn[depth] = u; sa[depth] = a; depth++;
        u = head[a]!;
        if (u === t) found = true;
      }
      let push = Infinity;
      for (let i = 0; i < depth; i++) push = Math.min(push, res[sa[i]!]!);
      for (let i = 0; i < depth; i++) { res[sa[i]!]! -= push; res[sa[i]! ^ 1]! += push; }
      total += push;
    }
  };
  let value = 0;
  while (bfs()) value += blocking();
  return { value, flow: Float64Array.from(arcs, (_, i) => res[2 * i + 1]!) };
}
