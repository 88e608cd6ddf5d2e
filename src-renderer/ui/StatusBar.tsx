// Status bar: engine state, rendering quality, frame time and the cursor's position.
import { useEffect, useState } from 'react';
import { useGlobeView } from '../globe/ground/viewStore';
import { useApp } from '../state/store';
import type { EngineStatus } from '../state/slices/ui';
import { formatLatLon } from './format';

const ENGINE_TEXT: Record<EngineStatus, string> = {
  'not-started': 'not started',
  starting: 'starting…',
  ready: 'ready',
  busy: 'working…',
  restarting: 'restarting after a crash…',
  failed: 'failed',
};

/**
 * How long the engine must stay busy before the bar says so. During playback the globe asks for
 * laser and feeder-beam state a few times a second, each answered in ~20 ms: shown at once, the
 * field would blink "working…" every half second. Long work (coverage, optimisation) still shows.
 */
export const BUSY_SHOW_DELAY_MS = 500;

/** The engine status as the bar shows it: 'busy' only once it has lasted BUSY_SHOW_DELAY_MS. */
function useShownEngineStatus(engine: EngineStatus): EngineStatus {
  const [shownBusy, setShownBusy] = useState(false);
  useEffect(() => {
    if (engine !== 'busy') {
      setShownBusy(false);
      return;
    }
    const id = setTimeout(() => setShownBusy(true), BUSY_SHOW_DELAY_MS);
    return () => clearTimeout(id);
  }, [engine]);
  return engine === 'busy' && !shownBusy ? 'ready' : engine;
}

export function StatusBar() {
  const engine = useShownEngineStatus(useApp((s) => s.engineStatus));
  const quality = useApp((s) => s.quality);
  const reason = useApp((s) => s.qualityReason);
  const renderer = useApp((s) => s.webglRenderer);
  const frameMs = useApp((s) => s.frameMs);
  const cursor = useApp((s) => s.cursor);
  const revision = useApp((s) => s.revision);
  const showFrame = useGlobeView((s) => s.showFrameTime);
  return (
    <footer className="statusbar" role="status" aria-live="off">
      <span className={`statusbar__field statusbar__engine is-${engine}`} data-field="engine">
        Engine: {ENGINE_TEXT[engine]}
      </span>
      <span className="statusbar__field" data-field="quality" title={renderer}>
        Quality: {quality} <span className="muted">({reason})</span>
      </span>
      {showFrame && (
        <span className="statusbar__field" data-field="frame" title="Mean frame time over the last second (frames per second)">
          Frame: {frameMs === null ? '—' : `${frameMs.toFixed(frameMs < 10 ? 1 : 0)} ms · ${(1000 / frameMs).toFixed(frameMs > 100 ? 1 : 0)} fps`}
        </span>
      )}
      <span className="statusbar__field statusbar__cursor" data-field="cursor">
        {cursor ? formatLatLon(cursor.latDeg, cursor.lonDeg) : '—'}
      </span>
      <span className="statusbar__spacer" />
      <span className="statusbar__field muted" data-field="revision">
        rev {revision}
      </span>
    </footer>
  );
}
