// window.__leo: a small, stable surface for end-to-end tests and debugging. It is created at
// start-up (so `ready` exists before the globe mounts) and filled in by the globe.
import type { Quality } from '../state/slices/ui';
import { appStore } from '../state/store';

export interface ProjectedPoint {
  /** Viewport CSS pixels (what page.screenshot and mouse events use). */
  x: number;
  y: number;
  /** CSS pixels relative to the globe canvas. */
  canvasX: number;
  canvasY: number;
  /** False when the point is behind the Earth or outside the canvas. */
  visible: boolean;
}

export interface LeoHooks {
  /** Resolves once the globe has rendered with all imagery tiles and the borders loaded. */
  readonly ready: Promise<void>;
  isReady: boolean;
  readonly globe: {
    readonly tilesLoaded: boolean;
    readonly bordersLoaded: boolean;
    readonly quality: Quality;
    readonly webglRenderer: string;
  };
  /** Geodetic degrees -> pixel position on the globe canvas; null before the globe exists. */
  projectLatLon(latDeg: number, lonDeg: number): ProjectedPoint | null;
  /** A serialisable snapshot of the store's headline state. */
  state(): { scenarioName: string; revision: number; canUndo: boolean; canRedo: boolean; quality: Quality; qualitySetting: string; dirty: boolean; filePath: string | null };
  /** The camera's place (geodetic degrees, km above the ellipsoid); null before the globe exists. */
  camera(): { latDeg: number; lonDeg: number; heightKm: number } | null;
}

export interface GlobeProbe {
  tilesLoaded(): boolean;
  bordersLoaded(): boolean;
  project(latDeg: number, lonDeg: number): ProjectedPoint;
  camera(): { latDeg: number; lonDeg: number; heightKm: number };
}

declare global {
  interface Window {
    __leo?: LeoHooks;
  }
}

let probe: GlobeProbe | null = null;
let resolveReady: () => void = () => {};

function create(): LeoHooks {
  const ready = new Promise<void>((r) => {
    resolveReady = r;
  });
  const hooks: LeoHooks = {
    ready,
    isReady: false,
    globe: {
      get tilesLoaded() {
        return probe?.tilesLoaded() ?? false;
      },
      get bordersLoaded() {
        return probe?.bordersLoaded() ?? false;
      },
      get quality() {
        return appStore.getState().quality;
      },
      get webglRenderer() {
        return appStore.getState().webglRenderer;
      },
    },
    projectLatLon: (latDeg, lonDeg) => probe?.project(latDeg, lonDeg) ?? null,
    state() {
      const s = appStore.getState();
      return { scenarioName: s.scenario.name, revision: s.revision, canUndo: s.canUndo, canRedo: s.canRedo, quality: s.quality, qualitySetting: s.qualitySetting, dirty: s.scenario !== s.savedScenario, filePath: s.filePath };
    },
    camera: () => probe?.camera() ?? null,
  };
  return hooks;
}

export function installLeoHooks(): LeoHooks {
  window.__leo ??= create();
  return window.__leo;
}

export function attachGlobeProbe(p: GlobeProbe | null): void {
  probe = p;
}

export function markGlobeReady(): void {
  const hooks = installLeoHooks();
  if (hooks.isReady) return;
  hooks.isReady = true;
  document.body.dataset.globeReady = 'true';
  resolveReady();
}
