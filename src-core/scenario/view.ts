// Accessors for the scenario's `view` section (format v2), so UI code never reaches into where
// the format keeps bookmarks, the camera or the layer switches.
import type { CameraBookmark, CameraView, Scenario, ScenarioView, ViewLayers } from './schema';

export function scenarioBookmarks(s: Scenario): readonly CameraBookmark[] {
  return s.view.bookmarks;
}

/** A copy of `s` with `list` as its bookmarks (everything else shared). */
export function withScenarioBookmarks(s: Scenario, list: readonly CameraBookmark[]): Scenario {
  return { ...s, view: { ...s.view, bookmarks: [...list] } };
}

export function scenarioView(s: Scenario): ScenarioView {
  return s.view;
}

/** A copy of `s` with the saved camera and/or layer switches replaced. */
export function withScenarioView(s: Scenario, change: { camera?: CameraView | null; layers?: ViewLayers }): Scenario {
  return { ...s, view: { ...s.view, ...change } };
}
