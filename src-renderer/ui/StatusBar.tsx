// Status bar: engine state, rendering (GPU or software) and quality, frame time and the cursor's
// position; above it, once, the notice that the app fell back to software rendering.
import { useEffect, useRef, useState } from 'react';
import { useGlobeView } from '../globe/ground/viewStore';
import { useRendering, type RenderingMode } from '../globe/rendering';
import { useApp } from '../state/store';
import type { EngineStatus } from '../state/slices/ui';
import { BusyIndicator } from './busyIndicator';
import { formatLatLon } from './format';

const ENGINE_TEXT: Record<EngineStatus, string> = {
  'not-started': 'not started',
  starting: 'starting…',
  ready: 'ready',
  busy: 'working…',
  restarting: 'restarting after a crash…',
  failed: 'failed',
};

/** The engine status as the bar shows it: 'busy' only once it has lasted BUSY_SHOW_DELAY_MS (busyIndicator.ts). */
function useShownEngineStatus(engine: EngineStatus): EngineStatus {
  const [shown, setShown] = useState<EngineStatus>(engine === 'busy' ? 'ready' : engine);
  const indicator = useRef<BusyIndicator | null>(null);
  useEffect(() => {
    const ind = new BusyIndicator(setShown);
    indicator.current = ind;
    return () => {
      ind.dispose();
      indicator.current = null;
    };
  }, []);
  useEffect(() => indicator.current?.update(engine), [engine]);
  return shown;
}

const RENDERING_TEXT: Record<RenderingMode, string | null> = {
  pending: null,
  hardware: 'GPU',
  software: 'software (no GPU)',
  switching: 'no WebGL: restarting in software…',
  unavailable: 'no WebGL: globe unavailable',
};

/** Shown once per profile after the app restarted itself in software rendering (rendering.ts). */
function SoftwareRenderingNotice() {
  const open = useRendering((s) => s.noticeOpen);
  const renderer = useRendering((s) => s.detail);
  const dismiss = useRendering((s) => s.dismissNotice);
  if (!open) return null;
  return (
    <div className="statusbar__notice" role="status" data-testid="software-rendering-notice">
      <p>
        <strong>Software rendering.</strong> This machine's GPU could not run WebGL, so LEO Planner restarted with the globe drawn by the CPU (SwiftShader) at lean
        quality. Everything works; the globe is slower. With a working GPU driver it uses the GPU again.
      </p>
      <p className="muted">{renderer}</p>
      <button type="button" className="btn btn--small" onClick={dismiss}>
        OK
      </button>
    </div>
  );
}

export function StatusBar() {
  const engine = useShownEngineStatus(useApp((s) => s.engineStatus));
  const quality = useApp((s) => s.quality);
  const reason = useApp((s) => s.qualityReason);
  const renderer = useApp((s) => s.webglRenderer);
  const frameMs = useApp((s) => s.frameMs);
  const frameIdle = useApp((s) => s.frameIdle);
  const cursor = useApp((s) => s.cursor);
  const revision = useApp((s) => s.revision);
  const showFrame = useGlobeView((s) => s.showFrameTime);
  const rendering = useRendering((s) => s.mode);
  const renderingDetail = useRendering((s) => s.detail);
  const fallback = useRendering((s) => s.fallback);
  return (
    <footer className="statusbar" role="status" aria-live="off">
      <SoftwareRenderingNotice />
      <span className={`statusbar__field statusbar__engine is-${engine}`} data-field="engine">
        Engine: {ENGINE_TEXT[engine]}
      </span>
      {RENDERING_TEXT[rendering] && (
        <span
          className={`statusbar__field statusbar__rendering is-${rendering}`}
          data-field="rendering"
          title={`${renderingDetail}${fallback ? ' (restarted in software rendering because hardware WebGL failed)' : ''}`}
        >
          Rendering: {RENDERING_TEXT[rendering]}
        </span>
      )}
      <span className="statusbar__field" data-field="quality" title={renderer}>
        Quality: {quality} <span className="muted">({reason})</span>
      </span>
      {showFrame && (
        <span
          className="statusbar__field"
          data-field="frame"
          title={
            frameIdle
              ? 'Idle: nothing on the globe changed, so no frame is drawn (frames are drawn on request). The figure is the mean frame time of the last second of frames drawn back to back'
              : 'Mean frame time over the last second of frames drawn back to back (frames per second)'
          }
        >
          Frame: {frameMs === null ? '—' : `${frameMs.toFixed(frameMs < 10 ? 1 : 0)} ms · ${(1000 / frameMs).toFixed(frameMs > 100 ? 1 : 0)} fps`}
          {frameIdle && <span className="muted"> · idle</span>}
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
