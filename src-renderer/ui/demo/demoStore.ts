// Demo mode's state (not scenario data, no undo): whether it is on, the tour's clock and stops,
// and the export in progress. Its events are logged under window.__leo.demo so tests wait on
// the tour itself (a stop reached, a frame recorded), never on delays.
import { create } from 'zustand';
import { installLeoHooks } from '../../globe/hooks';
import { useRollout } from '../rollout/rolloutStore';
import { DEFAULT_ROLLOUT_TOUR, type RolloutTourPlan, type RolloutTourSettings } from './rolloutTour';
import { DEFAULT_TOUR, type TourSettings, type TourStop } from './tourPlan';

export type DemoEvent =
  | { type: 'enter' | 'leave' | 'pause' | 'resume' }
  | { type: 'stop'; index: number; name: string }
  | { type: 'frame'; tourMs: number }
  | { type: 'rollout-date'; dateMs: number }
  | { type: 'export-start'; kind: ExportKind }
  | { type: 'export-end'; kind: ExportKind; outcome: 'saved' | 'cancelled' | 'failed'; bytes: number; frames: number; width: number; height: number; error?: string; captions?: ExportedCaptions };

/** What an export's frames said: how many showed "—" for a figure, and the last frame's captions. */
export interface ExportedCaptions {
  pendingFrames: number;
  last: { date: string; satellites: string; served: string } | null;
}

export type ExportKind = 'png' | 'webm';

export interface ExportRun {
  kind: ExportKind;
  /** Frames done and to do (a still has one). */
  done: number;
  total: number;
  phase: string;
  cancelRequested: boolean;
}

export interface DemoState {
  active: boolean;
  paused: boolean;
  settings: TourSettings;
  stops: TourStop[];
  /** True when the scenario has no bookmarks and the tour uses the built-in views. */
  builtin: boolean;
  /** The tour's own clock, ms since it began (advances only while playing, not paused). */
  tourMs: number;
  /** The app time the tour started at (UTC ms). */
  startUtcMs: number;
  stopIndex: number;
  exportRun: ExportRun | null;
  /** The "Rollout: first launch -> full deployment" option; null = on when the scenario has launches. */
  rolloutOption: boolean | null;
  rolloutSettings: RolloutTourSettings;
  /** The rollout the tour steps through while demo mode is on (null: option off or nothing launched). */
  rollout: RolloutTourPlan | null;
  /** The app's rollout date when demo mode was entered, put back on leaving. */
  rolloutDateFound: number | null;
  setSettings(patch: Partial<TourSettings>): void;
}

export const useDemo = create<DemoState>()((set, get) => ({
  active: false,
  paused: false,
  settings: DEFAULT_TOUR,
  stops: [],
  builtin: false,
  tourMs: 0,
  startUtcMs: 0,
  stopIndex: 0,
  exportRun: null,
  rolloutOption: null,
  rolloutSettings: DEFAULT_ROLLOUT_TOUR,
  rollout: null,
  rolloutDateFound: null,
  setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),
}));

export const demoStore = useDemo;

/** A DemoEvent with its place in the log. */
export type LoggedDemoEvent = DemoEvent & { seq: number };

const LOG_LIMIT = 2000;
const log: LoggedDemoEvent[] = [];
let seq = 0;

export function logDemoEvent(e: DemoEvent): void {
  log.push({ ...e, seq: ++seq });
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

/** window.__leo.demo: the tour's state and event log, and the export options tests need. */
export interface DemoHooks {
  readonly seq: number;
  log(sinceSeq?: number): LoggedDemoEvent[];
  state(): {
    active: boolean; paused: boolean; tourMs: number; stopIndex: number; stops: string[]; builtin: boolean; exporting: ExportKind | null; settings: TourSettings;
    /** The app's rollout date (useRollout.dateMs), whether its figures are in, and the tour's rollout span (null: not touring the rollout). */
    rolloutDateMs: number | null; rolloutFigures: boolean; rollout: { fromMs: number; toMs: number; launches: number } | null;
  };
}

declare module '../../globe/hooks' {
  interface LeoHooks {
    demo?: DemoHooks;
  }
}

export function installDemoHooks(): void {
  installLeoHooks().demo = {
    get seq() {
      return seq;
    },
    log: (sinceSeq = 0) => log.filter((e) => e.seq > sinceSeq),
    state() {
      const s = demoStore.getState();
      const r = useRollout.getState();
      const rollout = s.rollout && { fromMs: s.rollout.fromMs, toMs: s.rollout.toMs, launches: s.rollout.launches.length };
      return {
        active: s.active, paused: s.paused, tourMs: s.tourMs, stopIndex: s.stopIndex, stops: s.stops.map((x) => x.name), builtin: s.builtin, exporting: s.exportRun?.kind ?? null, settings: s.settings,
        rolloutDateMs: r.dateMs, rolloutFigures: r.figures !== null, rollout,
      };
    },
  };
}
