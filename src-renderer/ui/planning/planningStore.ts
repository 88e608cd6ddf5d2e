// Planning state that is not scenario data (no undo): the live coverage figures from the engine
// worker (current, the state before the last edit, a saved baseline), the heatmap choice, the
// add-gateway tool's "allow sea" override and the optimizer run. A store of its own so panels and
// the heatmap layer re-render only on planning changes.
import { create } from 'zustand';
import type { OptimizeSummary, SuggestedSite } from '../../engine/optimizerHost';
import type { CoverageGridInfo, CoverageSnapshot } from '../../engine/planningProtocol';
import type { PlacementObjectiveKind } from '../../../src-core/planning/constraints';

export type HeatmapMetric = 'off' | 'served' | 'p50' | 'p95' | 'visible' | 'demand';
export type HeatmapCompare = 'none' | 'previous' | 'baseline';

export interface OptimizerRun {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  add: number;
  /** What the run maximises (absent: latency). */
  objective?: PlacementObjectiveKind;
  progress: { done: number; total: number; etaS: number; phase: string } | null;
  sites: SuggestedSite[];
  summary: OptimizeSummary | null;
  /** Ranks the user keeps (accept some). */
  picked: ReadonlySet<number>;
  message: string | null;
  /** Scenario revision the run started from (accepting later is still allowed; constraints are rechecked). */
  revision: number;
}

/**
 * The rollout view's coverage (docs/ROLLOUT.md "The whole app follows the date"): the network as of
 * the rollout date (operational satellites, gateways in service), answered by the rollout engine
 * worker (ui/rollout/rolloutSync.ts). Kept apart from `current` (the scenario as written), so
 * turning the view off shows the written scenario's figures exactly as before.
 */
export interface DatedCoverage {
  /** The date asked for (UTC ms). */
  askedMs: number;
  /** The date `snapshot` is for (the last answer; may lag `askedMs` while the next date computes). */
  dateMs: number | null;
  snapshot: CoverageSnapshot | null;
  /** The previous date's snapshot (the "Δ" column and the heatmap's "Δ last edit" in rollout view). */
  previous: CoverageSnapshot | null;
}

export interface PlanningState {
  status: 'idle' | 'evaluating' | 'ready' | 'error';
  progress: { done: number; total: number; phase?: string } | null;
  grid: CoverageGridInfo | null;
  current: CoverageSnapshot | null;
  /** The figures before the last edit (for "Δ vs before"). */
  previous: CoverageSnapshot | null;
  baseline: CoverageSnapshot | null;
  baselineLabel: string | null;
  /** Store edit -> figures on screen, ms (main-thread view of the round trip). */
  roundTripMs: number | null;
  error: string | null;
  /** Non-null while the rollout view is on: the panel and heatmap show this instead of `current`. */
  dated: DatedCoverage | null;
  metric: HeatmapMetric;
  compare: HeatmapCompare;
  /** Bumped to refit the heatmap's colour range to the values shown now (globe/heatmap/colors.ts). */
  scaleEpoch: number;
  allowSea: boolean;
  optimizer: OptimizerRun;
  setMetric(m: HeatmapMetric): void;
  setCompare(c: HeatmapCompare): void;
  refitScale(): void;
  setAllowSea(on: boolean): void;
  setBaseline(label: string): void;
  clearBaseline(): void;
}

export const IDLE_RUN: OptimizerRun = { status: 'idle', add: 0, progress: null, sites: [], summary: null, picked: new Set(), message: null, revision: -1 };

export const usePlanning = create<PlanningState>()((set, get) => ({
  status: 'idle',
  progress: null,
  grid: null,
  current: null,
  previous: null,
  baseline: null,
  baselineLabel: null,
  roundTripMs: null,
  error: null,
  dated: null,
  metric: 'p50',
  compare: 'none',
  scaleEpoch: 0,
  allowSea: false,
  optimizer: IDLE_RUN,
  setMetric: (metric) => set({ metric }),
  setCompare: (compare) => set({ compare }),
  refitScale: () => set({ scaleEpoch: get().scaleEpoch + 1 }),
  setAllowSea: (allowSea) => set({ allowSea }),
  setBaseline: (label) => set({ baseline: shownCoverage(get()).current, baselineLabel: label }),
  clearBaseline: () => set({ baseline: null, baselineLabel: null, compare: get().compare === 'baseline' ? 'none' : get().compare }),
}));

export const planningStore = usePlanning;

/** What the panel and the heatmap show: the rollout date's network while the view is on, else the scenario as written. */
export function shownCoverage(s: Pick<PlanningState, 'current' | 'previous' | 'dated'>): { current: CoverageSnapshot | null; previous: CoverageSnapshot | null; dateMs: number | null } {
  if (!s.dated) return { current: s.current, previous: s.previous, dateMs: null };
  return { current: s.dated.snapshot, previous: s.dated.previous, dateMs: s.dated.dateMs };
}
