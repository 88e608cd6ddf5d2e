// Demo mode on screen: large captions (date/time, operational satellites, population served; with
// the rollout option the rollout date, satellites in orbit / operational, population served at
// that date and the launch that just happened), the tour's stop, its controls and keys (Space pause/resume, arrows previous/next stop, Esc
// leave), and the exports with their progress bar and Cancel. Outside demo mode: the button
// that enters it, on the globe under the Home button.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { appStore, useApp } from '../../state/store';
import { usePlanning } from '../planning/planningStore';
import { useRollout } from '../rollout/rolloutStore';
import { CAPTION_ORDER, currentCaptions, type Captions } from './captions';
import { cancelExport, DEFAULT_VIDEO_S, exportStill, exportVideo, MAX_VIDEO_S, STILL_SIZES } from './capture';
import { useDemo } from './demoStore';
import { enterDemo, leaveDemo, rolloutTourWanted, setRolloutTour, stepStop, togglePause } from './tour';
import { getEngine } from '../../engine/instance';
import './demo.css';

/** Keys of demo mode; they win over the app's own shortcuts (capture phase) while it is on. */
function onDemoKey(e: KeyboardEvent): void {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
  const run: Record<string, () => void> = { ' ': togglePause, ArrowLeft: () => stepStop(-1), ArrowRight: () => stepStop(1), Escape: leaveDemo, d: leaveDemo, D: leaveDemo };
  const fn = run[e.key];
  if (!fn) return;
  e.preventDefault();
  e.stopPropagation();
  fn();
}

function useCaptions(): Captions {
  const time = useApp((s) => s.timeUtcMs);
  useApp((s) => s.revision);
  usePlanning((p) => p.current);
  usePlanning((p) => p.status);
  useRollout((r) => r.dateMs);
  useRollout((r) => r.figures);
  useDemo((d) => d.rollout);
  const client = getEngine();
  useSyncExternalStore((cb) => client.onScenarioLoaded(cb), () => client.scenarioInfo);
  return currentCaptions(time);
}

function CaptionBand() {
  const c = useCaptions();
  return (
    <div className="demo__captions" data-testid="demo-captions">
      {c.launch && (
        <div className="demo__launch" data-testid="demo-launch">
          {c.launch}
        </div>
      )}
      {CAPTION_ORDER.map((k) => (
        <div className="demo__caption" key={k} data-caption={k}>
          <div className="demo__label">{c.labels[k]}</div>
          <div className="demo__value">{c[k]}</div>
        </div>
      ))}
    </div>
  );
}

function ExportProgress() {
  const run = useDemo((d) => d.exportRun);
  if (!run) return null;
  const label = run.kind === 'png' ? 'Exporting still' : 'Recording video';
  return (
    <div className="demo__progress" role="status" data-testid="demo-export">
      <span>
        {label}: {run.phase} {run.total > 1 ? `${run.done} / ${run.total} frames` : ''}
      </span>
      <progress max={run.total} value={run.done} aria-label={label} />
      <button type="button" className="btn btn--small" onClick={cancelExport} disabled={run.cancelRequested}>
        Cancel
      </button>
    </div>
  );
}

/** The tour's "Rollout: first launch -> full deployment" option (default on when the scenario has launches). */
export function RolloutTourToggle({ disabled = false }: { disabled?: boolean }) {
  const option = useDemo((d) => d.rolloutOption);
  const scenario = useApp((s) => s.scenario);
  const hasLaunches = scenario.rollout.launches.length > 0 || scenario.rollout.cadence.length > 0;
  return (
    <label className="demo__field" title={hasLaunches ? 'The tour steps the rollout date from the first launch to full deployment' : 'This scenario has no launches'}>
      <input type="checkbox" checked={hasLaunches && rolloutTourWanted(scenario, option)} disabled={disabled || !hasLaunches} onChange={(e) => {
          setRolloutTour(e.target.checked);
          // Back to the demo's keys: Space on a focused checkbox would toggle it instead of pausing.
          e.currentTarget.blur();
        }}
      />
      Rollout: first launch → full deployment
    </label>
  );
}

function Controls() {
  const paused = useDemo((d) => d.paused);
  const exporting = useDemo((d) => d.exportRun !== null);
  const [size, setSize] = useState(1);
  const [videoS, setVideoS] = useState(DEFAULT_VIDEO_S);
  const still = STILL_SIZES[size] ?? STILL_SIZES[1];
  return (
    <div className="demo__controls" role="toolbar" aria-label="Demo mode">
      <button type="button" className="btn btn--small" onClick={() => stepStop(-1)} disabled={exporting} aria-label="Previous stop">
        ◀
      </button>
      <button type="button" className="btn btn--small" onClick={togglePause} disabled={exporting}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" className="btn btn--small" onClick={() => stepStop(1)} disabled={exporting} aria-label="Next stop">
        ▶
      </button>
      <span className="demo__sep" />
      <RolloutTourToggle disabled={exporting} />
      <span className="demo__sep" />
      <select aria-label="Still resolution" value={size} onChange={(e) => setSize(Number(e.target.value))} disabled={exporting}>
        {STILL_SIZES.map((s, i) => (
          <option key={i} value={i}>
            {s.width}×{s.height}
          </option>
        ))}
      </select>
      <button type="button" className="btn btn--small" disabled={exporting} onClick={() => void exportStill(still.width, still.height)}>
        Export PNG
      </button>
      <span className="demo__sep" />
      <label className="demo__field">
        Video
        <input
          type="number"
          aria-label="Video length (s)"
          min={1}
          max={MAX_VIDEO_S}
          step={1}
          value={videoS}
          disabled={exporting}
          onChange={(e) => setVideoS(Number(e.target.value))}
        />
        s
      </label>
      <button type="button" className="btn btn--small" disabled={exporting || !(videoS > 0)} onClick={() => void exportVideo(videoS)}>
        Export WebM 1080p
      </button>
      <span className="demo__sep" />
      <button type="button" className="btn btn--small" onClick={leaveDemo}>
        Leave (Esc)
      </button>
    </div>
  );
}

function StopTitle() {
  const stop = useDemo((d) => d.stops[d.stopIndex]);
  const n = useDemo((d) => d.stops.length);
  const i = useDemo((d) => d.stopIndex);
  const builtin = useDemo((d) => d.builtin);
  const paused = useDemo((d) => d.paused);
  return (
    <div className="demo__stop" data-testid="demo-stop">
      <div className="demo__stop-name">
        {stop?.name ?? ''} <span className="demo__stop-count">{n > 0 ? `${i + 1} / ${n}` : ''}</span>
        {paused && <span className="demo__paused"> · paused</span>}
      </div>
      {builtin && <div className="demo__note">Built-in views over the most populated regions: this scenario has no camera bookmarks.</div>}
      <div className="demo__note">Space pause · ← → stops · Esc leave</div>
    </div>
  );
}

export function DemoMode() {
  const active = useDemo((d) => d.active);
  useEffect(() => {
    if (!active) return;
    window.addEventListener('keydown', onDemoKey, true);
    return () => window.removeEventListener('keydown', onDemoKey, true);
  }, [active]);
  // A scenario replaced under the tour (File > Open) ends demo mode: its stops were the old one's.
  useEffect(() => appStore.subscribe((s, prev) => s.filePath !== prev.filePath && leaveDemo()), []);
  if (!active) {
    return (
      <button type="button" className="globe-controls__btn demo__enter" onClick={enterDemo} aria-label="Demo mode" title="Demo mode: full screen tour with large captions (D)" aria-keyshortcuts="D">
        ▷
      </button>
    );
  }
  return (
    <div className="demo" data-testid="demo-mode">
      <StopTitle />
      <CaptionBand />
      <Controls />
      <ExportProgress />
    </div>
  );
}
