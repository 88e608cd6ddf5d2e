// Keeps useRollout's answer in step with its date (docs/ROLLOUT.md, "In the app"): whenever the
// date (or, with a date set, the scenario revision) changes, one `rolloutAt` request goes to the
// rollout engine worker (rolloutEngine.ts: a second worker, created on the first date, so the
// globe's worker never builds the whole constellation's coverage cache). The client sends it latest-wins (one in flight, the newest parked, older parked
// ones dropped), so dragging the slider costs a request per answer, not per pixel; an answer for a
// date that has moved on is ignored by useRollout.setAnswer. Whoever sets the date (the rollout
// bar, the charts, demo mode's tour) gets the globe and the figures of that date.
import type { EngineClient } from '../../engine/client';
import { isDroppedResult } from '../../engine/protocol';
import { appStore } from '../../state/store';
import { useRollout } from './rolloutStore';

let answers = 0;

/** Answers applied to useRollout since start-up (tests wait on it). */
export const rolloutAnswers = (): number => answers;

export function installRolloutSync(engine: () => EngineClient): () => void {
  let disposed = false;
  let lastError = '';

  const ask = (): void => {
    const dateMs = useRollout.getState().dateMs;
    if (disposed || dateMs === null) return;
    const revision = appStore.getState().revision;
    engine().request('rolloutAt', { revision, dateMs }).then(
      (res) => {
        lastError = '';
        if (res.revision !== appStore.getState().revision || res.dateMs !== useRollout.getState().dateMs) return;
        useRollout.getState().setAnswer(res.dateMs, res.figures, res.statusMask, res.radiusScale);
        answers++;
      },
      (e: unknown) => {
        if (disposed || isDroppedResult(e)) return;
        const message = e instanceof Error ? e.message : String(e);
        if (message === lastError) return;
        lastError = message;
        appStore.getState().notify('error', `Rollout view: ${message}`);
      },
    );
  };

  const unsubs = [
    useRollout.subscribe((s, p) => {
      if (s.dateMs !== p.dateMs) ask();
    }),
    appStore.subscribe((s, p) => {
      if (s.revision === p.revision || useRollout.getState().dateMs === null) return;
      // The figures shown were for the previous scenario: show "computing" until the new answer.
      useRollout.setState({ figures: null });
      ask();
    }),
  ];
  ask();
  return () => {
    disposed = true;
    unsubs.forEach((u) => u());
  };
}
