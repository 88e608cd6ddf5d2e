// React access to the app's engine: the loaded scenario's static info (names, topology), and a
// ticker for panels that show time-varying values without re-rendering on every animation frame.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { getEngine } from '../../engine/instance';
import { laserNeighbours } from '../../engine/neighbours';
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
  return useMemo(() => laserNeighbours(info), [info]);
}
