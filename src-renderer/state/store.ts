// The app store: one zustand store composed of slices (zustand's slices pattern). Components
// read with `useApp(selector)`; non-React code (globe, platform, engine client) uses
// `appStore.getState()` / `appStore.subscribe`. Scenario edits go through `execute(command)`.
import { create } from 'zustand';
import { createScenarioSlice, type ScenarioSlice } from './slices/scenario';
import { createSelectionSlice, pruneSelection, type SelectionSlice } from './slices/selection';
import { createTimeSlice, type TimeSlice } from './slices/time';
import { createUiSlice, type UiSlice } from './slices/ui';

export type AppState = ScenarioSlice & TimeSlice & UiSlice & SelectionSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createScenarioSlice(...a),
  ...createTimeSlice(...a),
  ...createUiSlice(...a),
  ...createSelectionSlice(...a),
}));

useApp.getState().resetTimeTo(useApp.getState().scenario);

// A selection must never name something the scenario no longer has (after undo of an add, a
// delete, or opening another file): drop the missing ids, or the whole selection.
useApp.subscribe((st, prev) => {
  if (st.scenario === prev.scenario || !st.selection) return;
  const pruned = pruneSelection(st.selection, st.scenario);
  if (pruned !== st.selection) st.select(pruned);
});

/** The same store, named for use outside React. */
export const appStore = useApp;

export type { Command } from './commands';
