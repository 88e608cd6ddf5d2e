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
  metric: 'p50',
  compare: 'none',
  scaleEpoch: 0,
  allowSea: false,
  optimizer: IDLE_RUN,
  setMetric: (metric) => set({ metric }),
  setCompare: (compare) => set({ compare }),
  refitScale: () => set({ scaleEpoch: get().scaleEpoch + 1 }),
  setAllowSea: (allowSea) => set({ allowSea }),
  setBaseline: (label) => set({ baseline: get().current, baselineLabel: label }),
  clearBaseline: () => set({ baseline: null, baselineLabel: null, compare: get().compare === 'baseline' ? 'none' : get().compare }),
}));

export const planningStore = usePlanning;
