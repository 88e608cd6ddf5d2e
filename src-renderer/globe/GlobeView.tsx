// React host for the Cesium globe: creates the viewer on mount, destroys it on unmount.
import { useEffect, useRef } from 'react';
import { appStore } from '../state/store';
import { createGlobe } from './globe';
import { attachLiveGlobe } from './live';
import { attachHeatmapLayer } from './heatmap/heatmapLayer';

export function GlobeView() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    try {
      const globe = createGlobe(el);
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
  return <div className="globe" ref={ref} data-testid="globe" />;
}
