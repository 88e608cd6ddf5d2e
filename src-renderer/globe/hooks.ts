// window.__leo: a small, stable surface for end-to-end tests and debugging. It is created at
// start-up (so `ready` exists before the globe mounts) and filled in by the globe.
import type { EngineActivity, EngineClient, EngineStatus } from '../engine/client';
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

/** An EngineActivity with its place in the log. */
export interface EngineWorkEvent extends EngineActivity {
  seq: number;
}

/**
 * What the engine client did, for tests that must wait on the engine itself (never on how long
 * a UI state lasts, which depends on the machine). Times are performance.now() ms.
 */
export interface EngineHooks {
  /** seq of the newest event (0 before any). */
  readonly seq: number;
  /**
   * Start/end events of the engine's real work (everything but the per-frame `positions`
   * requests), oldest first, with seq > sinceSeq; the log keeps the last LOG_LIMIT events.
   */
  log(sinceSeq?: number): EngineWorkEvent[];
  /** The newest 'end' of a request by this name (any kind, per-frame ones too), or null. */
  lastEnd(name: string): EngineWorkEvent | null;
  /** Requests started and settled per name since start-up (all kinds). */
  counts(): Record<string, { started: number; ended: number }>;
  /** Every change of the client's status, oldest first (the last LOG_LIMIT). */
  statusLog(): { status: EngineStatus; atMs: number }[];
  /** Worker responses that carried the constellation topology (a gateway edit adds none). */
  topologiesReceived(): number;
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
    /** Camera movements that have ended (Cesium's camera.moveEnd: the view stood still for scene.cameraEventWaitTime). */
    readonly cameraMoves: number;
    /** Between Cesium's camera.moveStart and moveEnd (a flight, a drag, a wheel zoom with its inertia). */
    readonly cameraMoving: boolean;
    /** Times the render watchdog restarted Cesium's render loop after an error (globe.ts). */
    readonly renderRecoveries: number;
  };
  /** Geodetic degrees -> pixel position on the globe canvas; null before the globe exists. */
  projectLatLon(latDeg: number, lonDeg: number): ProjectedPoint | null;
  /** Filled in when the app's engine client is created (engine/instance.ts). */
  engine?: EngineHooks;
  /** The coverage heatmap (globe/heatmap/heatmapLayer.ts): the revision whose colours were last written, and when (performance.now()). */
  heatmap?: { lastShown(): { revision: number; atMs: number; /** Rollout date of the network drawn (null: the scenario as written). */ dateMs: number | null; /** Hash of the cell colours written. */ colorHash: number } | null; /** Every cell's colour read back through Cesium's public attribute against the colours written; `direct`: batches written through their batch table. */ checkColors(): { batches: number; direct: number; mismatches: number } };
  /** A serialisable snapshot of the store's headline state. */
  state(): { scenarioName: string; revision: number; canUndo: boolean; canRedo: boolean; quality: Quality; qualitySetting: string; dirty: boolean; filePath: string | null };
  /** The camera's place (geodetic degrees, km above the ellipsoid); null before the globe exists. */
  camera(): { latDeg: number; lonDeg: number; heightKm: number } | null;
}

export interface GlobeProbe {
  tilesLoaded(): boolean;
  bordersLoaded(): boolean;
  cameraMoves(): number;
  cameraMoving(): boolean;
  renderRecoveries(): number;
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
      get cameraMoves() {
        return probe?.cameraMoves() ?? 0;
      },
      get cameraMoving() {
        return probe?.cameraMoving() ?? false;
      },
      get renderRecoveries() {
        return probe?.renderRecoveries() ?? 0;
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

const LOG_LIMIT = 2000;

/** Records the engine client's activity and status changes under window.__leo.engine. */
export function attachEngineProbe(client: EngineClient): void {
  const hooks = installLeoHooks();
  let seq = 0;
  const log: EngineWorkEvent[] = [];
  const lastEnd = new Map<string, EngineWorkEvent>();
  const counts: Record<string, { started: number; ended: number }> = {};
  const statusLog: { status: EngineStatus; atMs: number }[] = [{ status: client.status, atMs: performance.now() }];
  client.onActivity((a) => {
    const e: EngineWorkEvent = { ...a, seq: ++seq };
    const c = (counts[a.name] ??= { started: 0, ended: 0 });
    if (a.phase === 'start') c.started++;
    else {
      c.ended++;
      lastEnd.set(a.name, e);
    }
    if (a.name === 'positions') return; // per frame: counted, not logged
    log.push(e);
    if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
  });
  client.onStatus((status) => {
    statusLog.push({ status, atMs: performance.now() });
    if (statusLog.length > LOG_LIMIT) statusLog.splice(0, statusLog.length - LOG_LIMIT);
  });
  hooks.engine = {
    get seq() {
      return seq;
    },
    log: (sinceSeq = 0) => log.filter((e) => e.seq > sinceSeq),
    lastEnd: (name) => lastEnd.get(name) ?? null,
    counts: () => structuredClone(counts),
    statusLog: () => statusLog.slice(),
    topologiesReceived: () => client.topologiesReceived,
  };
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
