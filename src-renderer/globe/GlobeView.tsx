// React host for the Cesium globe: creates the viewer on mount, destroys it on unmount.
import { useEffect, useRef } from 'react';
import { appStore } from '../state/store';
import { createGlobe } from './globe';

export function GlobeView() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    try {
      const globe = createGlobe(el);
      return () => globe.destroy();
    } catch (e) {
      appStore.getState().notify('error', `The globe could not start: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }, []);
  return <div className="globe" ref={ref} data-testid="globe" />;
}
