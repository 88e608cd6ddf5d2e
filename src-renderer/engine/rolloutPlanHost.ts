// The rollout planning requests of the engine worker (docs/ROLLOUT.md, "Planning the rollout in the
// app"): the rollout series for the Rollout panel's charts and "when does service reach this
// point?". Both run on src-core/rollout (RolloutEngine, firstServedDate), on the scenario the
// worker's session holds at the request's revision.
//   - rolloutSeries: one date at a time, reporting progress and yielding to the event loop between
//     dates (so cancel, per-frame positions and newer edits get through); a newer scenario
//     revision makes it stop with a stale error (the client has asked for the new one by then).
//   - rolloutFirstServed: a one-point grid (its own small engine), binary search over the dates the
//     network changes.
// The series engine is kept for the scenario object it was built for: asking again for the same
// revision (another range or step) reuses its positions, schedule and figures.
import { firstServedDate, RolloutEngine, seriesDates, type FirstServed, type RolloutFigures } from '../../src-core/rollout';
import type { Scenario } from '../../src-core/scenario/schema';
import { parseIsoUtc } from '../../src-core/units';
import { ENGINE_ERROR, EngineError } from './protocol';
import type { SessionHolder } from './sessionHolder';

/** Most dates one series request may ask for (the CLI's limit too). */
export const MAX_SERIES_DATES = 2000;

export interface RolloutSeriesRequest {
  revision: number;
  fromMs: number;
  toMs: number;
  stepDays: number;
}

export interface RolloutSeriesMilestone {
  label: string;
  dateMs: number;
  /** Satellites the milestone asks for (null: none named). */
  satellites: number | null;
  /** Satellites operational at the milestone's date. */
  operationalThen: number;
}

export interface RolloutSeriesResult {
  revision: number;
  fromMs: number;
  toMs: number;
  stepDays: number;
  /** One row per date, in date order (src-core/rollout RolloutFigures). */
  rows: RolloutFigures[];
  milestones: RolloutSeriesMilestone[];
  /** NaN when the scenario has no launch / some slot is never filled. */
  firstLaunchMs: number;
  fullDeploymentMs: number;
  /** Dates whose network was rebuilt (the others reused an earlier date's). */
  networkRecomputes: number;
  problems: string[];
  computeMs: number;
}

export interface RolloutFirstServedRequest {
  revision: number;
  latDeg: number;
  lonDeg: number;
}

export interface RolloutFirstServedResult extends FirstServed {
  revision: number;
  latDeg: number;
  lonDeg: number;
  computeMs: number;
}

/** The requests this file answers (merged into EngineRequests, protocol.ts). */
export interface RolloutPlanRequests {
  /** Figures per date from `fromMs` to `toMs` every `stepDays`: long task (progress per date, cancellable). */
  rolloutSeries: { req: RolloutSeriesRequest; res: RolloutSeriesResult };
  /** First date a ground point is served, and for what % of the analysis window. */
  rolloutFirstServed: { req: RolloutFirstServedRequest; res: RolloutFirstServedResult };
}

/** The parts of a host TaskContext these handlers use (structural: host.ts passes its own). */
export interface RolloutPlanTask {
  progress(p: { done: number; total: number; phase?: string }): void;
  checkCancelled(): void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function checkRange(r: RolloutSeriesRequest): void {
  if (!Number.isFinite(r.fromMs) || !Number.isFinite(r.toMs)) throw new RangeError('the rollout series needs a start and an end date');
  if (!(r.stepDays > 0)) throw new RangeError(`the step must be a positive number of days (got ${r.stepDays})`);
  if (r.toMs < r.fromMs) throw new RangeError(`the end date ${new Date(r.toMs).toISOString().slice(0, 10)} is before the start date ${new Date(r.fromMs).toISOString().slice(0, 10)}`);
  const count = Math.floor((r.toMs - r.fromMs) / (r.stepDays * 86_400_000)) + 1;
  if (count > MAX_SERIES_DATES) throw new RangeError(`${count} dates asked for; at most ${MAX_SERIES_DATES}: use a larger step`);
}

export function createRolloutPlanHandlers(sessions: SessionHolder) {
  let held: { scenario: Scenario; engine: RolloutEngine } | null = null;
  /** The session's own rollout engine (shared with the rollout view's `rolloutAt`) when it holds this scenario. */
  const engineFor = (scenario: Scenario): RolloutEngine => {
    const session = sessions.session;
    if (session?.scenario === scenario) return session.rolloutEngine();
    if (held?.scenario !== scenario) held = { scenario, engine: new RolloutEngine(scenario) };
    return held.engine;
  };
  /** Throws a stale error when the worker's session moved past `revision` (a newer edit arrived). */
  const stillCurrent = (revision: number): void => {
    const s = sessions.session;
    if (s && s.revision !== revision) throw new EngineError(ENGINE_ERROR.stale, `rolloutSeries for scenario revision ${revision} stopped: the worker holds ${s.revision}`);
  };

  return {
    async rolloutSeries(req: RolloutSeriesRequest, task: RolloutPlanTask): Promise<{ result: RolloutSeriesResult; transfer: Transferable[] }> {
      const t0 = now();
      checkRange(req);
      const scenario = (await sessions.at(req.revision)).scenario;
      const dates = seriesDates(req.fromMs, req.toMs, req.stepDays);
      task.progress({ done: 0, total: dates.length, phase: 'positions over the analysis window' });
      await yieldToEventLoop();
      task.checkCancelled();
      const engine = engineFor(scenario);
      const rows: RolloutFigures[] = [];
      let networkRecomputes = 0;
      for (const d of dates) {
        task.checkCancelled();
        stillCurrent(req.revision);
        const f = engine.figuresAt(d);
        if (f.recomputed === 'network') networkRecomputes++;
        rows.push(f);
        task.progress({ done: rows.length, total: dates.length, phase: 'dates' });
        await yieldToEventLoop();
      }
      const sch = engine.schedule;
      const milestones = scenario.rollout.milestones.map((m) => {
        const dateMs = parseIsoUtc(m.dateUtc);
        return { label: m.label, dateMs, satellites: m.satellites, operationalThen: engine.deploymentAt(dateMs).operational };
      });
      const problems = [...engine.built.problems.map((p) => `${p.path}: ${p.message}`), ...sch.problems];
      const result = { ...req, rows, milestones, firstLaunchMs: sch.firstLaunchMs, fullDeploymentMs: sch.fullDeploymentMs, networkRecomputes, problems, computeMs: now() - t0 };
      return { result, transfer: [] };
    },

    async rolloutFirstServed({ revision, latDeg, lonDeg }: RolloutFirstServedRequest): Promise<{ result: RolloutFirstServedResult; transfer: Transferable[] }> {
      const t0 = now();
      if (!(Math.abs(latDeg) <= 90) || !Number.isFinite(lonDeg)) throw new RangeError(`not a point on the Earth: ${latDeg}, ${lonDeg}`);
      const scenario = (await sessions.at(revision)).scenario;
      const r = firstServedDate(scenario, { latDeg, lonDeg });
      return { result: { ...r, revision, latDeg, lonDeg, computeMs: now() - t0 }, transfer: [] };
    },
  };
}
