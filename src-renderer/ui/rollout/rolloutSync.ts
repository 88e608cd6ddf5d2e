// Keeps useRollout's answer in step with its date (docs/ROLLOUT.md, "In the app"): whenever the
// date (or, with a date set, the scenario revision) changes, one `rolloutAt` request goes to the
// rollout engine worker (rolloutEngine.ts: a second worker, created on the first date, so the
// globe's worker never builds the whole constellation's coverage cache). The client sends it latest-wins (one in flight, the newest parked, older parked
// ones dropped), so dragging the slider costs a request per answer, not per pixel; an answer for a
// date that has moved on is ignored by useRollout.setAnswer. Whoever sets the date (the rollout
// bar, the charts, demo mode's tour) gets the globe and the figures of that date.
// The same answer carries the date's coverage snapshot (same evaluator as the bar's figures), which
// goes to planningStore.dated: the Coverage panel and the heatmap show it while the view is on, and
// the scenario as written (planningStore.current, untouched) when it is turned off.
import type { EngineClient } from '../../engine/client';
import type { CoverageSnapshot } from '../../engine/planningProtocol';
import { isDroppedResult } from '../../engine/protocol';
import { appStore } from '../../state/store';
import { planningStore } from '../planning/planningStore';
import { useRollout } from './rolloutStore';

let answers = 0;
let coverageAnswers = 0;

/** Answers applied to useRollout since start-up (tests wait on it). */
export const rolloutAnswers = (): number => answers;

/** Date coverage snapshots applied to planningStore since start-up (tests wait on it). */
export const rolloutCoverageAnswers = (): number => coverageAnswers;

/**
 * The rollout worker numbers its own grid builds; its grid is the one the same analysis settings
 * give the app's worker, so the snapshot indexes the app's grid when the cell counts agree (else
 * no heatmap until they do: the app's worker is still building the grid for an analysis edit).
 */
function onAppGrid(snap: CoverageSnapshot): CoverageSnapshot {
  const grid = planningStore.getState().grid;
  return { ...snap, gridGeneration: grid && grid.ids.length === snap.cells.servedPct.length ? grid.generation : -1 };
}

/** Track the rollout date in planningStore.dated: on -> waiting for the date's answer; off -> null. */
function followDate(dateMs: number | null): void {
  const dated = planningStore.getState().dated;
  if (dateMs === null) planningStore.setState({ dated: null });
  else planningStore.setState({ dated: dated ? { ...dated, askedMs: dateMs } : { askedMs: dateMs, dateMs: null, snapshot: null, previous: null } });
}

function acceptCoverage(dateMs: number, snap: CoverageSnapshot): void {
  const dated = planningStore.getState().dated;
  if (!dated || dated.askedMs !== dateMs) return;
  planningStore.setState({ dated: { askedMs: dateMs, dateMs, snapshot: onAppGrid(snap), previous: dated.snapshot } });
  coverageAnswers++;
}

export function installRolloutSync(engine: () => EngineClient): () => void {
  let disposed = false;
  let lastError = '';

  const ask = (): void => {
    const dateMs = useRollout.getState().dateMs;
    if (disposed || dateMs === null) return;
    const revision = appStore.getState().revision;
    engine().request('rolloutAt', { revision, dateMs, coverage: true }).then(
      (res) => {
        lastError = '';
        if (res.revision !== appStore.getState().revision || res.dateMs !== useRollout.getState().dateMs) return;
        useRollout.getState().setAnswer(res.dateMs, res.figures, res.statusMask, res.radiusScale);
        if (res.coverage) acceptCoverage(res.dateMs, res.coverage);
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
      if (s.dateMs === p.dateMs) return;
      followDate(s.dateMs);
      ask();
    }),
    appStore.subscribe((s, p) => {
      if (s.revision === p.revision || useRollout.getState().dateMs === null) return;
      // The figures shown were for the previous scenario: show "computing" until the new answer.
      useRollout.setState({ figures: null });
      const dated = planningStore.getState().dated;
      if (dated) planningStore.setState({ dated: { askedMs: dated.askedMs, dateMs: null, snapshot: null, previous: null } });
      ask();
    }),
    // The app's grid arrived (or was rebuilt) after the date's snapshot: index it again.
    planningStore.subscribe((s, p) => {
      if (s.grid === p.grid || !s.dated?.snapshot) return;
      planningStore.setState({ dated: { ...s.dated, snapshot: onAppGrid(s.dated.snapshot) } });
    }),
  ];
  followDate(useRollout.getState().dateMs);
  ask();
  return () => {
    disposed = true;
    unsubs.forEach((u) => u());
  };
}
