// The Rollout tab's own state (docs/ROLLOUT.md, "Planning the rollout in the app"): the range the
// charts cover, the engine's rollout series for it, and the "when does service reach this point?"
// answer. Not scenario data (no undo). The app's rollout DATE is rolloutStore.ts (shared contract).
import { create } from 'zustand';
import type { RolloutFirstServedResult, RolloutSeriesResult } from '../../engine/rolloutPlanHost';

/** The Rollout tab of the left column, and its sections (their open state lives in the app's panelOpen). */
export const ROLLOUT_TAB = 'rollout';
export const ROLLOUT_SCHEDULE_PANEL = 'rollout-schedule';
export const ROLLOUT_CHARTS_PANEL = 'rollout-charts';
export const ROLLOUT_FIRST_SERVED_PANEL = 'rollout-first-served';

/** Default step between the charts' dates, days (the CLI's default). */
export const DEFAULT_STEP_DAYS = 30;

export interface SeriesRange {
  /** UTC ms; null = the schedule's first launch / full deployment. */
  fromMs: number | null;
  toMs: number | null;
  stepDays: number;
}

export interface FirstServedQuery {
  latDeg: number;
  lonDeg: number;
  status: 'computing' | 'ready' | 'error';
  result: RolloutFirstServedResult | null;
  message: string | null;
}

export interface RolloutPlanState {
  range: SeriesRange;
  status: 'idle' | 'computing' | 'ready' | 'error';
  /** Dates done of the series being computed. */
  progress: { done: number; total: number } | null;
  /** The last series the engine answered (may be for an older revision while `status` is 'computing'). */
  series: RolloutSeriesResult | null;
  message: string | null;
  firstServed: FirstServedQuery | null;
  setRange(patch: Partial<SeriesRange>): void;
}

export const useRolloutPlan = create<RolloutPlanState>()((set, get) => ({
  range: { fromMs: null, toMs: null, stepDays: DEFAULT_STEP_DAYS },
  status: 'idle',
  progress: null,
  series: null,
  message: null,
  firstServed: null,
  setRange: (patch) => set({ range: { ...get().range, ...patch } }),
}));

export const rolloutPlanStore = useRolloutPlan;

/** window.__leo.rolloutPlan (installed by index.ts): the series and first-served answer as the worker sent them. */
export interface RolloutPlanHooks {
  state(): Pick<RolloutPlanState, 'status' | 'progress' | 'series' | 'firstServed' | 'message'>;
  /** The app's rollout date (rolloutStore.ts), null when rollout view is off. */
  dateMs(): number | null;
}

declare module '../../globe/hooks' {
  interface LeoHooks {
    rolloutPlan?: RolloutPlanHooks;
  }
}
