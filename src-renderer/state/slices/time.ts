// Time slice: the simulation clock shown by the globe and the timeline (UTC ms, engine units).
import type { StateCreator } from 'zustand';
import type { Scenario } from '../../../src-core/scenario/schema';
import { parseIsoUtc, type UtcMs } from '../../../src-core/units';
import type { AppState } from '../store';

export const SPEEDS = [1, 10, 60, 300, 1200] as const;

export interface TimeSlice {
  timeUtcMs: UtcMs;
  playing: boolean;
  /** Simulated seconds per wall-clock second. */
  speed: number;
  setTime(t: UtcMs): void;
  setPlaying(playing: boolean): void;
  togglePlaying(): void;
  setSpeed(speed: number): void;
  /** Advance by a wall-clock interval (called by the clock driver while playing). */
  tick(wallMs: number): void;
  resetTimeTo(scenario: Scenario): void;
}

export const createTimeSlice: StateCreator<AppState, [], [], TimeSlice> = (set, get) => ({
  // Set from the scenario's analysis start once the store exists (see store.ts).
  timeUtcMs: parseIsoUtc('2026-01-01T00:00:00Z'),
  playing: false,
  speed: 60,
  setTime: (timeUtcMs) => set({ timeUtcMs }),
  setPlaying: (playing) => set({ playing }),
  togglePlaying: () => set({ playing: !get().playing }),
  setSpeed: (speed) => set({ speed }),
  tick(wallMs) {
    const { playing, speed, timeUtcMs } = get();
    if (!playing || wallMs <= 0) return;
    set({ timeUtcMs: (timeUtcMs + wallMs * speed) as UtcMs });
  },
  resetTimeTo: (scenario) => set({ timeUtcMs: parseIsoUtc(scenario.analysis.startUtc), playing: false }),
});
