// React host for the Cesium globe: checks for WebGL 2 first (and, without it, has the shell restart
// the app in software rendering: rendering.ts), then creates the viewer on mount and destroys it
// on unmount.
import { useEffect, useRef } from 'react';
import { getBridge } from '../platform/bridge';
import { appStore } from '../state/store';
import { createGlobe } from './globe';
import { attachLiveGlobe } from './live';
import { attachHeatmapLayer } from './heatmap/heatmapLayer';
import { isSoftwareFallbackRun, noteRenderer, probeWebgl2, useRendering } from './rendering';

/** No WebGL 2: ask the shell for software rendering once; if it cannot, say what to do (in the globe's place). */
async function withoutWebgl(reason: string, details: string): Promise<void> {
  if (!isSoftwareFallbackRun()) {
    useRendering.setState({ mode: 'switching', fallback: false, detail: reason });
    const answer = await getBridge().requestSoftwareRendering(details);
    if (answer.relaunching) return; // this page is about to be closed and reopened
    useRendering.setState({ mode: 'unavailable', detail: `${reason}; ${answer.why}` });
  } else {
    useRendering.setState({ mode: 'unavailable', fallback: true, detail: `${reason}, even in software rendering (SwiftShader)` });
  }
  // The globe area itself says so (below), as an alert; the status bar too.
}

export function GlobeView() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const probe = probeWebgl2();
    if (!probe.ok) {
      void withoutWebgl(probe.reason, probe.details);
      return undefined;
    }
    noteRenderer(probe.renderer);
    try {
      const globe = createGlobe(el, probe.renderer);
      let detach: (() => void) | null = null;
      try {
        // Engine worker, constellation layer, ground objects, input events and the select tool.
        detach = attachLiveGlobe(globe.viewer);
      } catch (e) {
        appStore.getState().notify('error', `The constellation could not be shown: ${e instanceof Error ? e.message : String(e)}`);
      }
      // Coverage heatmap (gateway planning): H3 cells coloured from the live coverage figures.
      const heatmap = attachHeatmapLayer(globe.viewer);
      return () => {
        heatmap.destroy();
        detach?.();
        globe.destroy();
      };
    } catch (e) {
      appStore.getState().notify('error', `The globe could not start: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }, []);
  const mode = useRendering((s) => s.mode);
  const detail = useRendering((s) => s.detail);
  return (
    <div className="globe" ref={ref} data-testid="globe" data-rendering={mode}>
      {mode === 'switching' && (
        <div className="globe__message" role="status" data-testid="globe-message">
          No usable GPU ({detail}). Restarting in software rendering…
        </div>
      )}
      {mode === 'unavailable' && (
        <div className="globe__message" role="alert" data-testid="globe-message">
          The globe needs WebGL 2, which is not available here ({detail}). Start LEO Planner with <code>npm start</code>, which switches to software rendering
          when the GPU fails, or turn on hardware acceleration in the browser. Everything else works without the globe.
        </div>
      )}
    </div>
  );
}
