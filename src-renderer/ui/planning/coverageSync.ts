// Keeps the live coverage figures in step with the scenario: the first time (and whenever the
// constellation, PoPs, latency model or analysis window change) a full `coverageEvaluate`; after
// a gateway edit (add, move, delete, attribute change, undo, redo) an incremental
// `coverageApplyEdit` with the new gateway list. One request in flight; edits made meanwhile are
// folded into the next request (the worker diffs against what it holds, so nothing is lost).
import type { EngineClient } from '../../engine/client';
import { isDroppedResult } from '../../engine/protocol';
import { NO_EVALUATOR } from '../../engine/planningHost';
import type { CoverageSnapshot } from '../../engine/planningProtocol';
import type { Scenario } from '../../../src-core/scenario/schema';
import { appStore } from '../../state/store';
import { planningStore } from './planningStore';

/** Scenario parts the evaluator depends on besides the gateways (compared by reference: edits copy only what they change). */
function evaluatorParts(s: Scenario): unknown[] {
  return [s.epochUtc, s.constellation, s.isl, s.terminal, s.pops, s.latency, s.routing, s.analysis];
}
const sameParts = (a: unknown[], b: unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export function installCoverageSync(engine: EngineClient): () => void {
  let inFlight = false;
  let disposed = false;
  /** Evaluator parts the worker holds (null: needs a full evaluation). */
  let held: unknown[] | null = null;
  let doneRevision = -1;
  let doneScenario: Scenario | null = null;

  const accept = (snap: CoverageSnapshot, startedAt: number): void => {
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

  const pump = (): void => {
    if (inFlight || disposed) return;
    const { scenario, revision } = appStore.getState();
    if (revision === doneRevision && scenario === doneScenario) return;
    const parts = evaluatorParts(scenario);
    const full = held === null || !sameParts(held, parts);
    inFlight = true;
    const startedAt = performance.now();
    let req: Promise<CoverageSnapshot>;
    if (full) {
      planningStore.setState({ status: 'evaluating', progress: { done: 0, total: 4, phase: 'starting' } });
      req = engine
        .request('coverageEvaluate', { revision, scenario }, { onProgress: (p) => planningStore.setState({ progress: p }) })
        .then((r) => {
          planningStore.setState({ grid: r.grid });
          held = parts;
          return r;
        });
    } else {
      req = engine.request('coverageApplyEdit', { revision, gateways: scenario.gateways });
    }
    req
      .then((snap) => {
        doneRevision = revision;
        doneScenario = scenario;
        accept(snap, startedAt);
      })
      .catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        if (err.name === NO_EVALUATOR || err.name === 'EngineRestartedError') {
          held = null; // the worker lost its evaluator: evaluate in full again
          return;
        }
        if (isDroppedResult(err)) return; // a newer revision will be asked for below
        doneRevision = revision;
        doneScenario = scenario;
        held = null;
        planningStore.setState({ status: 'error', progress: null, error: err.message });
      })
      .finally(() => {
        inFlight = false;
        // Stale answers and edits made meanwhile: ask again for what the store holds now.
        if (!disposed) queueMicrotask(pump);
      });
  };

  const unsub = appStore.subscribe((s, prev) => {
    if (s.scenario !== prev.scenario) pump();
  });
  pump();
  return () => {
    disposed = true;
    unsub();
  };
}
