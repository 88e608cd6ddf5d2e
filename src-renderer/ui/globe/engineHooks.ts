// React access to the app's engine: the loaded scenario's static info (names, topology), and a
// ticker for panels that show time-varying values without re-rendering on every animation frame.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { getEngine } from '../../engine/instance';
import type { LoadScenarioResult } from '../../engine/protocol';

export function useScenarioInfo(): LoadScenarioResult | null {
  const client = getEngine();
  return useSyncExternalStore(
    (cb) => client.onScenarioLoaded(cb),
    () => client.scenarioInfo,
  );
}

/** Re-renders every `ms` while `active`. */
export function useTicker(ms: number, active: boolean): number {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setN((x) => x + 1), ms);
    return () => clearInterval(id);
  }, [ms, active]);
  return n;
}

/** Laser neighbours per satellite (from the ISL topology), computed once per loaded scenario. */
export function useNeighbours(info: LoadScenarioResult | null): (i: number) => number[] {
  return useMemo(() => {
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
    return (i: number) => Array.from(adj.subarray(count[i]!, count[i + 1]!));
  }, [info]);
}
