// "When does service reach this point?" (docs/ROLLOUT.md, "Planning the rollout in the app"): with
// the 'first-served' globe tool on, a click on the globe asks the engine worker for the first date
// the point is served and for what % of the analysis window (src-core/rollout firstServedDate).
// One query at a time: a newer click or an edit aborts the one in flight.
import type { EngineClient } from '../../engine/client';
import { isDroppedResult } from '../../engine/protocol';
import { onGlobe } from '../../globe/events';
import { appStore } from '../../state/store';
import { rolloutPlanStore } from './rolloutPlanStore';

export const FIRST_SERVED_TOOL = 'first-served';

/** Coordinates kept to 1e-4 deg (~10 m), as the route tool's points. */
const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** `engine` gives the rollout engine client (rolloutEngine.ts). */
export function installFirstServed(engine: () => EngineClient): () => void {
  let abort: AbortController | null = null;

  const ask = (latDeg: number, lonDeg: number): void => {
    abort?.abort();
    const mine = new AbortController();
    abort = mine;
    const { revision } = appStore.getState();
    const lat = round4(latDeg), lon = round4(lonDeg);
    rolloutPlanStore.setState({ firstServed: { latDeg: lat, lonDeg: lon, status: 'computing', result: null, message: null } });
    engine()
      .request('rolloutFirstServed', { revision, latDeg: lat, lonDeg: lon }, { signal: mine.signal })
      .then((result) => rolloutPlanStore.setState({ firstServed: { latDeg: lat, lonDeg: lon, status: 'ready', result, message: null } }))
      .catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        if (abort !== mine) return; // a newer query replaced this one
        const message = isDroppedResult(err) ? 'The scenario changed while computing: click the point again.' : err.message;
        rolloutPlanStore.setState({ firstServed: { latDeg: lat, lonDeg: lon, status: 'error', result: null, message } });
      });
  };

  const unsubs = [
    onGlobe('click', (e) => {
      const s = appStore.getState();
      if (s.globeTool !== FIRST_SERVED_TOOL || e.latDeg === null || e.lonDeg === null) return;
      // One point per press of the button; after this click's other listeners (they must still see this tool).
      queueMicrotask(() => appStore.getState().setGlobeTool('select'));
      ask(e.latDeg, e.lonDeg);
    }),
    // An edit makes the answer shown stale: say so rather than show an old date as current.
    appStore.subscribe((s, prev) => {
      const q = rolloutPlanStore.getState().firstServed;
      if (s.revision !== prev.revision && q && q.status !== 'computing') rolloutPlanStore.setState({ firstServed: { ...q, status: 'error', result: null, message: 'The scenario changed: click the point again for its date.' } });
    }),
  ];
  return () => {
    unsubs.forEach((u) => u());
    abort?.abort();
  };
}
