// Demo mode's tour: entering and leaving demo mode (full screen), and the live tour loop that
// advances the tour clock by wall time each animation frame, then sets the app's date/time, the
// camera (tourPlan.ts) and, with the rollout option, the app's rollout date (rolloutTour.ts)
// from the clock. During an export the exporter owns the clock instead. Leaving demo mode puts
// back the rollout date it found.
import { Math as CesiumMath } from '@cesium/engine';
import { buildSchedule } from '../../../src-core/rollout/schedule';
import type { Scenario } from '../../../src-core/scenario/schema';
import { utcMs } from '../../../src-core/units';
import { getLiveViewer, stopCameraInertia } from '../../globe/camera';
import { cartesianFromDegreesKm } from '../../globe/units';
import { getBookmarks } from '../../state/bookmarkCommands';
import { appStore } from '../../state/store';
import { planningStore } from '../planning/planningStore';
import { useRollout } from '../rollout/rolloutStore';
import { demoStore, logDemoEvent } from './demoStore';
import { rolloutDateAt, rolloutTourPlan, type RolloutTourPlan } from './rolloutTour';
import { builtinStops, poseAt, simTimeAt, stopFromBookmark, stopIndexAt, stopMs, type TourStop } from './tourPlan';

/** A frame slower than this advances the live tour by only this much (no jumps after a stall). */
const MAX_STEP_MS = 250;

/** Bookmarks of the scenario, or built-in views over the populated regions when it has none. */
export function tourStops(): { stops: TourStop[]; builtin: boolean } {
  const s = appStore.getState().scenario;
  const marks = getBookmarks(s);
  if (marks.length > 0) return { stops: marks.map(stopFromBookmark), builtin: false };
  const grid = planningStore.getState().grid;
  const points = grid ?? { latDeg: s.pops.map((p) => p.latDeg), lonDeg: s.pops.map((p) => p.lonDeg) };
  return { stops: builtinStops(points), builtin: true };
}

/** Moves the camera to a tour pose (no flight: the tour clock does the animating). */
function setCamera(pose: TourStop): void {
  const viewer = getLiveViewer();
  if (!viewer) return;
  stopCameraInertia();
  viewer.camera.setView({
    destination: cartesianFromDegreesKm(pose.lonDeg, pose.latDeg, pose.heightKm),
    orientation: { heading: CesiumMath.toRadians(pose.headingDeg), pitch: CesiumMath.toRadians(pose.pitchDeg), roll: 0 },
  });
}

/** Whether the tour steps through the rollout: the user's choice, else on when the scenario has launches. */
export function rolloutTourWanted(scenario: Scenario, option: boolean | null): boolean {
  return option ?? scenario.rollout.launches.length > 0;
}

/** The rollout the tour steps through for the app's scenario, or null (option off, nothing launched). */
function plannedRollout(option: boolean | null): RolloutTourPlan | null {
  const s = appStore.getState().scenario;
  return rolloutTourWanted(s, option) ? rolloutTourPlan(buildSchedule(s)) : null;
}

/** Sets the app's rollout date for tour time `tourMs` (only when it changes: each date is one engine request). */
function applyRolloutDate(tourMs: number): void {
  const d = demoStore.getState();
  if (!d.rollout) return;
  const dateMs = rolloutDateAt(d.rollout, d.rolloutSettings, tourMs);
  if (useRollout.getState().dateMs === dateMs) return;
  useRollout.getState().setDate(dateMs);
  logDemoEvent({ type: 'rollout-date', dateMs });
}

/** Sets everything the tour shows at tour time `tourMs`: clock, app time, rollout date, camera, current stop. */
export function applyTourTime(tourMs: number): void {
  const d = demoStore.getState();
  if (d.stops.length === 0) return;
  const stopIndex = stopIndexAt(d.stops.length, d.settings, tourMs);
  demoStore.setState({ tourMs, stopIndex });
  if (stopIndex !== d.stopIndex || tourMs === 0) logDemoEvent({ type: 'stop', index: stopIndex, name: d.stops[stopIndex]!.name });
  appStore.getState().setTime(utcMs(simTimeAt(d.startUtcMs, d.settings, tourMs)));
  applyRolloutDate(tourMs);
  setCamera(poseAt(d.stops, d.settings, tourMs));
}

/** Turns the tour's rollout option on or off (remembered for the next demo; applied at once when demo mode is on). */
export function setRolloutTour(on: boolean): void {
  const d = demoStore.getState();
  demoStore.setState({ rolloutOption: on });
  if (!d.active) return;
  if (d.rollout && !on) useRollout.getState().setDate(d.rolloutDateFound);
  demoStore.setState({ rollout: on ? plannedRollout(on) : null });
  applyRolloutDate(d.tourMs);
}

let raf = 0;

function loop(): void {
  let last = performance.now();
  const step = (now: number) => {
    const d = demoStore.getState();
    if (!d.active) return;
    const dt = Math.min(now - last, MAX_STEP_MS);
    last = now;
    if (!d.paused && d.exportRun === null) {
      applyTourTime(d.tourMs + dt);
      logDemoEvent({ type: 'frame', tourMs: demoStore.getState().tourMs });
    }
    raf = requestAnimationFrame(step);
  };
  raf = requestAnimationFrame(step);
}

let wentFullscreen = false;

function onFullscreenChange(): void {
  // Esc in full screen is the browser's own: it leaves full screen, and we leave demo mode with it.
  if (!document.fullscreenElement && wentFullscreen && demoStore.getState().active) leaveDemo();
}

export function enterDemo(): void {
  if (demoStore.getState().active) return;
  const { stops, builtin } = tourStops();
  const app = appStore.getState();
  app.setPlaying(false); // the tour drives the clock
  const rollout = plannedRollout(demoStore.getState().rolloutOption);
  demoStore.setState({ active: true, paused: false, stops, builtin, tourMs: 0, stopIndex: 0, startUtcMs: app.timeUtcMs, rollout, rolloutDateFound: useRollout.getState().dateMs });
  logDemoEvent({ type: 'enter' });
  applyTourTime(0);
  wentFullscreen = false;
  document.addEventListener('fullscreenchange', onFullscreenChange);
  if (document.fullscreenEnabled && !document.fullscreenElement) {
    document.documentElement.requestFullscreen().then(
      () => {
        wentFullscreen = true;
      },
      () => {
        // Refused (no user gesture, or a host that forbids it): demo mode still fills the window.
      },
    );
  }
  loop();
}

export function leaveDemo(): void {
  const d = demoStore.getState();
  if (!d.active) return;
  if (d.exportRun) demoStore.setState({ exportRun: { ...d.exportRun, cancelRequested: true } });
  cancelAnimationFrame(raf);
  if (d.rollout) useRollout.getState().setDate(d.rolloutDateFound);
  demoStore.setState({ active: false, paused: false, rollout: null });
  document.removeEventListener('fullscreenchange', onFullscreenChange);
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  wentFullscreen = false;
  logDemoEvent({ type: 'leave' });
}

export function toggleDemo(): void {
  if (demoStore.getState().active) leaveDemo();
  else enterDemo();
}

export function togglePause(): void {
  const d = demoStore.getState();
  if (!d.active) return;
  demoStore.setState({ paused: !d.paused });
  logDemoEvent({ type: d.paused ? 'resume' : 'pause' });
}

/** Jumps to the flight into the next (+1) or previous (-1) stop. */
export function stepStop(delta: 1 | -1): void {
  const d = demoStore.getState();
  if (!d.active || d.stops.length === 0 || d.exportRun) return;
  const k = Math.floor(d.tourMs / stopMs(d.settings)) + delta;
  applyTourTime(Math.max(0, k) * stopMs(d.settings));
}
