// The rollout date in the engine worker (docs/ROLLOUT.md, "In the app"): ONE request, `rolloutAt`,
// answers a date with the network deployed then: one status byte per satellite (for the globe) and
// the headline figures. A thin adapter over the session's rollout node (src-core/session), which
// holds one RolloutEngine rebuilt only when the orbit, rollout or analysis inputs change. The
// client sends it latest-wins (protocol.ts LATEST_WINS): a slider drag costs one request in flight
// plus the newest parked one, never one per pixel.
import type { CoverageEvaluator } from '../../src-core/coverage/evaluator';
import type { RolloutFigures } from '../../src-core/rollout';
import { snapshotOf, snapshotTransfer } from './planningHost';
import type { CoverageSnapshot } from './planningProtocol';
import { ENGINE_ERROR, EngineError } from './protocol';
import type { SessionHolder } from './sessionHolder';

export interface RolloutAtRequest {
  /** Scenario revision the date is asked for (the worker waits for its patches). */
  revision: number;
  /** The date (UTC ms). */
  dateMs: number;
  /** Also answer the date's coverage snapshot (the Coverage panel and heatmap in rollout view). */
  coverage?: boolean;
}

export interface RolloutAtResult {
  revision: number;
  dateMs: number;
  figures: RolloutFigures;
  /** STATUS_CODES per satellite (catalogue order) at dateMs; transferred. */
  statusMask: Uint8Array;
  /**
   * With `coverage`: the date's network as the Coverage panel shows it, from the SAME evaluator that
   * gave `figures` (so headline.servedPct === figures.servedPct). `gridGeneration` is this worker's;
   * the grid itself is the one the analysis settings give (the same cells as the app's worker).
   */
  coverage: CoverageSnapshot | null;
  /** Altitude (km) per satellite at dateMs (raising: interpolated; NaN: not launched); transferred. */
  altitudeKm: Float64Array;
  /** Drawn / propagated radius per satellite (raising: below its slot's orbit; 1 otherwise); transferred. */
  radiusScale: Float32Array;
  computeMs: number;
}

export interface RolloutRequests {
  /** The network as of one date (rollout view): status mask + headline figures. Latest-wins. */
  rolloutAt: { req: RolloutAtRequest; res: RolloutAtResult };
}

interface RolloutTask {
  progress(p: { done: number; total: number; phase?: string }): void;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Let the progress message leave (the client's hang watchdog counts it as activity) before a long synchronous build. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A patch may have been applied while we yielded: answer only for the revision asked. */
function checkRevision(held: number, asked: number): void {
  if (held !== asked) throw new EngineError(ENGINE_ERROR.stale, `rolloutAt for scenario revision ${asked}, worker holds ${held}`);
}

function dateCoverage(ev: CoverageEvaluator, dateMs: number, revision: number, gridGeneration: number): CoverageSnapshot {
  return { ...snapshotOf(ev, ev.result(), revision, gridGeneration, 'full', 0, { added: 0, removed: 0, moved: 0 }), asOfDateMs: dateMs };
}

export function createRolloutHandlers(sessions: SessionHolder) {
  return {
    async rolloutAt({ revision, dateMs, coverage: withCoverage = false }: RolloutAtRequest, task: RolloutTask): Promise<{ result: RolloutAtResult; transfer: Transferable[] }> {
      if (!Number.isFinite(dateMs)) throw new RangeError(`rolloutAt: the date must be a finite UTC ms value, got ${String(dateMs)}`);
      const s = await sessions.at(revision);
      const t0 = now();
      const builds = s.builds().rollout;
      task.progress({ done: 0, total: 2, phase: 'rollout: schedule and positions over the window' });
      await yieldToEventLoop();
      checkRevision(s.revision, revision);
      s.rolloutEngine();
      if (s.builds().rollout !== builds) {
        // A new engine: its first date also builds the whole constellation's coverage cache.
        task.progress({ done: 1, total: 2, phase: 'rollout: coverage of the date' });
        await yieldToEventLoop();
        checkRevision(s.revision, revision);
      }
      const { deployment, figures } = s.rolloutAt(dateMs);
      // The evaluator figuresAt just used (cached by the engine: nothing is recomputed here).
      const coverage = withCoverage ? dateCoverage(s.rolloutEngine().evaluatorAt(dateMs, deployment).ev, dateMs, revision, s.builds().grid) : null;
      const { status, altitudeKm, radiusScale } = deployment;
      const result: RolloutAtResult = { revision, dateMs, figures, statusMask: status, altitudeKm, radiusScale, coverage, computeMs: now() - t0 };
      if (coverage) coverage.computeMs = result.computeMs;
      return { result, transfer: [status.buffer, altitudeKm.buffer, radiusScale.buffer, ...(coverage ? snapshotTransfer(coverage) : [])] };
    },
  };
}
