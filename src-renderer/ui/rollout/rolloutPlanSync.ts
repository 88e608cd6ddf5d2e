// Keeps the Rollout tab's series in step with the scenario: while the Rollout tab is shown with its
// Charts section open, one `rolloutSeries` request for (revision, range) is in flight; an edit or a
// new range aborts it (cancel reaches the worker between dates) and asks again. Progress (dates
// done) goes to the store as the worker reports it.
import type { EngineClient } from '../../engine/client';
import { isDroppedResult } from '../../engine/protocol';
import { appStore } from '../../state/store';
import { scheduleOf, seriesRangeOf } from './schedule';
import { ROLLOUT_CHARTS_PANEL, ROLLOUT_TAB, rolloutPlanStore } from './rolloutPlanStore';

/** The request wanted now, or null (tab hidden, section closed, no schedule, bad range). */
function wanted(): { key: string; revision: number; fromMs: number; toMs: number; stepDays: number } | null {
  const app = appStore.getState();
  if (app.panelTab.left !== ROLLOUT_TAB || app.panelOpen[ROLLOUT_CHARTS_PANEL] === false) return null;
  const range = seriesRangeOf(scheduleOf(app.scenario), rolloutPlanStore.getState().range);
  if (!range.ok) {
    if (rolloutPlanStore.getState().message !== range.message) rolloutPlanStore.setState({ status: 'idle', progress: null, message: range.message });
    return null;
  }
  const { fromMs, toMs, stepDays } = range;
  return { key: `${app.revision}|${fromMs}|${toMs}|${stepDays}`, revision: app.revision, fromMs, toMs, stepDays };
}

/** `engine` gives the rollout engine client (created on the first request: rolloutEngine.ts). */
export function installRolloutPlanSync(engine: () => EngineClient): () => void {
  let inFlight: { key: string; abort: AbortController } | null = null;
  let doneKey = '';

  const pump = (): void => {
    const want = wanted();
    if (!want || want.key === doneKey || want.key === inFlight?.key) return;
    inFlight?.abort.abort();
    const abort = new AbortController();
    const mine = { key: want.key, abort };
    inFlight = mine;
    rolloutPlanStore.setState({ status: 'computing', progress: null, message: null });
    engine()
      .request('rolloutSeries', { revision: want.revision, fromMs: want.fromMs, toMs: want.toMs, stepDays: want.stepDays }, {
        signal: abort.signal,
        onProgress: (p) => {
          if (inFlight === mine && p.phase === 'dates') rolloutPlanStore.setState({ progress: { done: p.done, total: p.total } });
        },
      })
      .then((series) => {
        doneKey = want.key;
        rolloutPlanStore.setState({ status: 'ready', series, progress: null, message: null });
      })
      .catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        if (isDroppedResult(err)) return; // a newer revision or range is asked for
        doneKey = want.key; // not retried until the scenario or the range changes
        rolloutPlanStore.setState({ status: 'error', progress: null, message: `Rollout series not computed: ${err.message}` });
      })
      .finally(() => {
        if (inFlight === mine) inFlight = null;
        queueMicrotask(pump);
      });
  };

  const unsubs = [
    appStore.subscribe((s, prev) => {
      if (s.revision !== prev.revision || s.panelTab !== prev.panelTab || s.panelOpen !== prev.panelOpen || s.scenario !== prev.scenario) pump();
    }),
    rolloutPlanStore.subscribe((s, prev) => {
      if (s.range !== prev.range) pump();
    }),
  ];
  pump();
  return () => {
    unsubs.forEach((u) => u());
    inFlight?.abort.abort();
  };
}
