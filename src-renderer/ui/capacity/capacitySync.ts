// Keeps the CapacityView in step with the coverage figures, lazily: capacity is computed only while
// something shows it (the Capacity section is open, the Capacity layer is on, or the heatmap shows
// served demand). The worker's EngineSession holds the scenario (typed patches), so nothing but a
// revision and a time is sent for capacity:
// - an edit, undo or redo made while capacity is shown gets the view in the answer to its patches
//   (`capacityWithPatches`), so the edit costs no extra message (test/unit/renderer/capacity-sync);
// - otherwise (the section opened, the time moved to another step, a load or restart) a `capacity`
//   request goes out once the coverage figures hold the store's revision. One request in flight;
//   whatever changed meanwhile is asked for when it answers.
// - While the Rollout view is on (useRollout().dateMs), capacity is the network as of that date
//   (operational satellites, gateways in service): asked of the rollout worker, whose session's
//   rollout node already holds that date's evaluator (one more max flow per request).
import type { CapacityView } from '../../engine/capacityHost';
import type { EngineClient } from '../../engine/client';
import { isDroppedResult, type LoadScenarioResult } from '../../engine/protocol';
import { NO_CAPACITY_EVALUATOR } from '../../engine/capacityHost';
import { nearestAnalysisStep } from '../../../src-core/coverage/evaluator';
import { appStore } from '../../state/store';
import { planningStore } from '../planning/planningStore';
import { getRolloutEngine } from '../rollout/rolloutEngine';
import { useRollout } from '../rollout/rolloutStore';
import { CAPACITY_PANEL_ID, capacityStore } from './capacityStore';

/** The heatmap metric that shows served demand (globe/heatmap). */
export const SERVED_DEMAND_METRIC = 'demand';

/** True while anything on screen shows capacity. */
export function capacityWanted(): boolean {
  return appStore.getState().panelOpen[CAPACITY_PANEL_ID] === true || capacityStore.getState().layerOn || planningStore.getState().metric === SERVED_DEMAND_METRIC;
}

const keyOf = (revision: number, step: number, asOfDateMs: number | null): string => `${revision}|${step}|${asOfDateMs ?? ''}`;

/** What a request would be for now: null when nothing to ask (capacity hidden, coverage not caught up). */
function wantedKey(): { key: string; revision: number; tUtcMs: number; step: number; asOfDateMs: number | null } | null {
  if (!capacityWanted()) return null;
  const { revision, timeUtcMs } = appStore.getState();
  const snap = planningStore.getState().current;
  if (!snap || snap.revision !== revision) return null;
  const step = nearestAnalysisStep(timeUtcMs, snap.startUtcMs, snap.stepS, snap.servedPctByStep.length);
  const asOfDateMs = useRollout.getState().dateMs;
  return { key: keyOf(revision, step, asOfDateMs), revision, tUtcMs: timeUtcMs, step, asOfDateMs };
}

export function installCapacitySync(engine: EngineClient): () => void {
  let inFlight = false;
  let disposed = false;
  let doneKey = '';
  /** The last answer for doneKey was a view (not an error or "no evaluator yet"): new coverage figures need not re-ask. */
  let doneOk = false;

  const accept = (view: CapacityView): void => {
    doneKey = keyOf(view.revision, view.step, view.asOfDateMs);
    doneOk = true;
    capacityStore.setState({ status: 'ready', view, message: null });
  };

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
    (want.asOfDateMs === null ? engine : getRolloutEngine())
      .capacity(want.revision, want.tUtcMs, want.asOfDateMs)
      .then(accept)
      .catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        if (isDroppedResult(err)) return; // a newer revision or step is asked for below
        doneKey = want.key; // not retried until the coverage figures, the revision or the step change
        doneOk = false;
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

  /** The answer to an edit's patches: its capacity view when it carries one for the revision shown. */
  const onState = (info: LoadScenarioResult): void => {
    if (info.capacity && info.capacity.revision === appStore.getState().revision && useRollout.getState().dateMs === null) accept(info.capacity);
  };
  // Pumps run after the current task's listeners (microtask): the answer that carries the coverage
  // figures may carry the capacity view too, accepted by onState in the same loop of listeners.
  const later = (): void => queueMicrotask(pump);

  // Not while the Rollout view is on: that capacity is the date's network, from the rollout worker.
  engine.capacityWithPatches = () => (capacityWanted() && useRollout.getState().dateMs === null ? appStore.getState().timeUtcMs : null);
  const offLoaded = engine.onScenarioLoaded(onState);
  const unsubs = [
    offLoaded,
    appStore.subscribe((s, prev) => {
      if (s.timeUtcMs !== prev.timeUtcMs || s.panelOpen !== prev.panelOpen || s.revision !== prev.revision) later();
    }),
    planningStore.subscribe((s, prev) => {
      if (s.current !== prev.current && !doneOk) doneKey = ''; // new coverage figures: an evaluator may exist now (e.g. rebuilt after a restart)
      if (s.current !== prev.current || s.metric !== prev.metric) later();
    }),
    capacityStore.subscribe((s, prev) => {
      if (s.layerOn !== prev.layerOn) later();
    }),
    useRollout.subscribe((s, prev) => {
      if (s.dateMs !== prev.dateMs) later();
    }),
  ];
  pump();
  return () => {
    disposed = true;
    engine.capacityWithPatches = null;
    unsubs.forEach((u) => u());
  };
}
