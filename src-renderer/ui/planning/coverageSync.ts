// Keeps the live coverage figures in step with the scenario. What must be rebuilt is decided in
// the worker's EngineSession (src-core/session), not here: no key lists, no gateway lists.
// - An edit, undo or redo reaches the worker as typed patches (engine/instance.ts); with
//   `coverageWithPatches` set, the answer to those patches already carries the updated figures
//   (one message per edit), which are accepted here.
// - Anything else (first load, opening a file, a restart, an edit that needs a new evaluator such
//   as a PoP or analysis-window change) leaves the figures to ask for: `coverageApplyEdit` for the
//   current revision, and when the worker has no evaluator for it (NO_EVALUATOR) a full
//   `coverageEvaluate` with progress. One request in flight; a newer revision is asked for when it
//   settles.
import type { EngineClient } from '../../engine/client';
import { isDroppedResult, type LoadScenarioResult } from '../../engine/protocol';
import { NO_EVALUATOR } from '../../engine/planningHost';
import type { CoverageSnapshot } from '../../engine/planningProtocol';
import { appStore } from '../../state/store';
import { planningStore } from './planningStore';

export function installCoverageSync(engine: EngineClient): () => void {
  let inFlight = false;
  let disposed = false;
  /** The revision whose figures are shown (or whose error is). */
  let doneRevision = -1;
  /** Revision of the last edit sent (-1 none), used for round-trip times. */
  let editStartedAt = performance.now();

  const accept = (snap: CoverageSnapshot, startedAt: number): void => {
    doneRevision = snap.revision;
    const st = planningStore.getState();
    const sameGrid = st.grid !== null && st.grid.generation === snap.gridGeneration;
    planningStore.setState({
      status: 'ready',
      progress: null,
      error: null,
      current: snap,
      // A new grid makes old per-cell figures meaningless: drop them.
      previous: sameGrid ? st.current : null,
      ...(sameGrid ? {} : { baseline: null, baselineLabel: null }),
      roundTripMs: performance.now() - startedAt,
    });
  };

  const fail = (e: unknown, revision: number): void => {
    const err = e instanceof Error ? e : new Error(String(e));
    if (isDroppedResult(err)) return; // a newer revision is asked for when this settles
    doneRevision = revision;
    planningStore.setState({ status: 'error', progress: null, error: err.message });
  };

  const evaluate = (revision: number, startedAt: number): Promise<void> => {
    planningStore.setState({ status: 'evaluating', progress: { done: 0, total: 4, phase: 'starting' } });
    return engine.request('coverageEvaluate', { revision }, { onProgress: (p) => planningStore.setState({ progress: p }) }).then((r) => {
      planningStore.setState({ grid: r.grid });
      accept(r, startedAt);
    });
  };

  /** `full`: the worker said it has no evaluator for this state (skip the coverageApplyEdit that would fail). */
  const pump = (full = false): void => {
    if (inFlight || disposed) return;
    const { revision } = appStore.getState();
    if (revision === doneRevision || engine.sentRevision !== revision) return;
    inFlight = true;
    const startedAt = performance.now();
    (full ? evaluate(revision, startedAt) : engine.request('coverageApplyEdit', { revision }))
      .then(
        (snap) => snap && accept(snap, startedAt),
        (e: unknown) => (e instanceof Error && e.name === NO_EVALUATOR ? evaluate(revision, startedAt) : Promise.reject(e)),
      )
      .catch((e: unknown) => fail(e, revision))
      .finally(() => {
        inFlight = false;
        if (!disposed) queueMicrotask(() => pump());
      });
  };

  const onState = (info: LoadScenarioResult): void => {
    if (info.revision !== appStore.getState().revision) return;
    if (info.coverage) accept(info.coverage, editStartedAt);
    else pump(info.coverage === null);
  };

  engine.coverageWithPatches = true;
  const offLoaded = engine.onScenarioLoaded(onState);
  const unsub = appStore.subscribe((s, prev) => {
    if (s.revision !== prev.revision) editStartedAt = performance.now();
  });
  pump(false);
  return () => {
    disposed = true;
    engine.coverageWithPatches = false;
    offLoaded();
    unsub();
  };
}
