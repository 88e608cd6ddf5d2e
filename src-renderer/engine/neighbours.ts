// Laser neighbours per satellite from the loaded scenario's ISL topology (compressed adjacency,
// built once per loaded scenario): the inspector lists them, the globe draws the selected
// satellite's links to them.
import type { LoadScenarioResult } from './protocol';

export function laserNeighbours(info: LoadScenarioResult | null): (i: number) => number[] {
  if (!info) return () => [];
  const { islA, islB } = info.topology;
  const n = info.satelliteCount;
  const count = new Int32Array(n + 1);
  for (let k = 0; k < islA.length; k++) {
    count[islA[k]! + 1]!++;
    count[islB[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const fill = count.slice(0, n);
  const adj = new Int32Array(2 * islA.length);
  for (let k = 0; k < islA.length; k++) {
    adj[fill[islA[k]!]!++] = islB[k]!;
    adj[fill[islB[k]!]!++] = islA[k]!;
  }
  return (i: number) => (i >= 0 && i < n ? Array.from(adj.subarray(count[i]!, count[i + 1]!)) : []);
}
