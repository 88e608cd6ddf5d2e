// Keeps the CapacityView in step with the coverage figures, lazily: a `capacity` request goes to
// the engine only while something shows capacity (the Capacity section is open, the Capacity
// layer is on, or the heatmap shows served demand), and only once the coverage evaluator holds
// the scenario on screen (its snapshot has the store's revision), so a gateway edit with capacity
// hidden still costs two worker messages (loadScenario + coverageApplyEdit). One request in
// flight; whatever changed meanwhile is asked for when it answers.
import type { EngineClient } from '../../engine/client';
import { isDroppedResult } from '../../engine/protocol';
import { NO_CAPACITY_EVALUATOR } from '../../engine/capacityHost';
import { nearestAnalysisStep } from '../../../src-core/coverage/evaluator';
import { appStore } from '../../state/store';
import { planningStore } from '../planning/planningStore';
import { CAPACITY_PANEL_ID, capacityStore } from './capacityStore';

/** The heatmap metric that shows served demand (globe/heatmap). */
export const SERVED_DEMAND_METRIC = 'demand';

/** True while anything on screen shows capacity. */
export function capacityWanted(): boolean {
  return appStore.getState().panelOpen[CAPACITY_PANEL_ID] === true || capacityStore.getState().layerOn || planningStore.getState().metric === SERVED_DEMAND_METRIC;
}

/** What a request would be for now: null when nothing to ask (capacity hidden, coverage not caught up). */
function wantedKey(): { key: string; revision: number; tUtcMs: number; step: number } | null {
  if (!capacityWanted()) return null;
  const { revision, timeUtcMs } = appStore.getState();
  const snap = planningStore.getState().current;
  if (!snap || snap.revision !== revision) return null;
  const step = nearestAnalysisStep(timeUtcMs, snap.startUtcMs, snap.stepS, snap.servedPctByStep.length);
  return { key: `${revision}|${step}`, revision, tUtcMs: timeUtcMs, step };
}

export function installCapacitySync(engine: EngineClient): () => void {
  let inFlight = false;
  let disposed = false;
  let doneKey = '';

  const pump = (): void => {
    if (inFlight || disposed) return;
    const want = wantedKey();
    if (!want || want.key === doneKey) return;
    if (want.step < 0) {
      doneKey = want.key;
      capacityStore.setState({ status: 'idle', view: null, message: 'The time shown is outside the analysis window: move the time slider into it.' });
      return;
    }
    inFlight = true;
    capacityStore.setState({ status: 'computing' });
    engine
      .capacity(appStore.getState().scenario, want.revision, want.tUtcMs)
      .then((view) => {
        doneKey = want.key;
        capacityStore.setState({ status: 'ready', view, message: null });
      })
      .catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        if (isDroppedResult(err)) return; // a newer revision or step is asked for below
        doneKey = want.key; // not retried until the coverage figures, the revision or the step change
        if (err.name === NO_CAPACITY_EVALUATOR) {
          capacityStore.setState({ status: 'idle', message: 'Waiting for the coverage figures (the engine has none yet).' });
          return;
        }
        capacityStore.setState({ status: 'error', view: null, message: err.message });
      })
      .finally(() => {
        inFlight = false;
        if (!disposed) queueMicrotask(pump);
      });
  };

  const unsubs = [
    appStore.subscribe((s, prev) => {
      if (s.timeUtcMs !== prev.timeUtcMs || s.panelOpen !== prev.panelOpen || s.revision !== prev.revision) pump();
    }),
    planningStore.subscribe((s, prev) => {
      if (s.current !== prev.current) doneKey = ''; // new coverage figures: the evaluator may have changed (e.g. rebuilt after a restart)
      if (s.current !== prev.current || s.metric !== prev.metric) pump();
    }),
    capacityStore.subscribe((s, prev) => {
      if (s.layerOn !== prev.layerOn) pump();
    }),
  ];
  pump();
  return () => {
    disposed = true;
    unsubs.forEach((u) => u());
  };
}
