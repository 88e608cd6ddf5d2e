// Types of the window.__leo hooks that the live globe (live.ts) and the constellation layer
// (overlay/constellationLayer.ts) install. Kept free of Vite-only imports (shaders ?raw) so the
// Node-side tests and benchmarks type their page.evaluate calls against these same declarations.
import type { RouteResult } from '../../src-core/network/route';
import type { FrameSource } from './overlay/snapshots';

export type LayerName = 'satellites' | 'links' | 'footprints' | 'feederBeams' | 'userBeams';

/**
 * How footprint rings are rasterised. 'gpu': GL lines from shaders/footprint.vert.glsl (real GPUs:
 * next to free). 'cpu': walked into a byte per pixel by overlay/ringRaster.ts and drawn as one
 * textured rectangle (software WebGL, where every line primitive costs ~1.2 us of rasteriser
 * setup). Both draw the same rings.
 */
export type FootprintRaster = 'gpu' | 'cpu';

/** Per-frame cost and counts of the constellation layer (tests, status bar). */
export interface LayerStats {
  /** Times the constellation's GPU buffers were (re)built: once per new constellation topology, never for a ground edit. */
  buffersBuilt: number;
  satellites: number;
  links: number;
  /** Active links in the last frame (the engine's grazing limit and orbit raising, with positions). */
  activeLinks: number;
  /** Active links not entirely behind the Earth (the ones sent to the GPU; others are clipped). */
  linksInFront: number;
  /** Satellites without a position or behind the Earth in the last frame (not rasterised); 0 when neither satellites nor links are shown. */
  hiddenSatellites: number;
  /** Footprint rings drawn in the last frame (after horizon and frustum culling; 0 when the layer is off). */
  footprintsDrawn: number;
  /** Usable satellites above the terminal mask from the selected ground point (0: no ground point or user beams off). */
  userSatellitesInView: number;
  /** Chords per footprint ring in the last frame (level of detail from the largest ring on screen). */
  footprintChords: number;
  /** Largest footprint ring radius on screen in the last frame (device px; sets the chords and the opacity). */
  footprintRadiusPx: number;
  /** Opacity the footprint rings were drawn with in the last frame (palette.ts footprintOpacity). */
  footprintOpacity: number;
  /** How the footprint rings were rasterised: GL lines ('gpu') or walked on the CPU ('cpu', software WebGL). */
  footprintRaster: FootprintRaster;
  /**
   * Part of lastFrameJsMs spent on the CPU-walked rings on the main thread: taking the raster
   * worker's, or culling and walking them here, and uploading them (0: GL lines or footprints off).
   */
  footprintRasterJsMs: number;
  /** Where the last frame's rings were culled and walked: the raster worker (same frame) or the main thread. */
  footprintRasterThread: 'worker' | 'main' | 'none';
  /** The last frame's ring walk (on footprintRasterThread) and texture upload (texSubImage2D of the rows that changed), ms. */
  footprintRasterWalkMs: number;
  footprintRasterUploadMs: number;
  /** Frames whose CPU-walked rings came from the raster worker, and frames walked on the main thread (no shared memory, worker late or failed). */
  footprintRasterWorkerFrames: number;
  footprintRasterMainFrames: number;
  /** Of the worker's frames, those that showed the previous frame's rings (this frame's were late). */
  footprintRasterLateFrames: number;
  /** Frames the last frame's CPU-walked rings lag behind it: 0 (its own time and camera) or 1 (the worker was late). */
  footprintRasterFrameLag: number;
  /** Frames (counted in `frames`) not redrawn because nothing the overlay shows had changed. */
  skippedFrames: number;
  /** Layer JS in the last postRender: interpolation, buffer fills, camera sync and three's render call. */
  lastFrameJsMs: number;
  /** Mean of lastFrameJsMs over the last FRAME_WINDOW frames. */
  avgFrameJsMs: number;
  /** Largest lastFrameJsMs since attach (or since the last scenario load). */
  maxFrameJsMs: number;
  /** Part of lastFrameJsMs spent in three's render call. */
  lastRenderJsMs: number;
  frames: number;
  /** How the last frame's positions were obtained. */
  source: FrameSource;
  /** Snapshot step in sim ms (follows the playback rate). */
  stepMs: number;
  snapshotRequests: number;
  snapshotsReceived: number;
  /** Scenario revision drawn (-1 before the first load). */
  revision: number;
  /** Sim time of the last frame drawn (UTC ms). */
  timeUtcMs: number;
  /** Rollout view: the satellites are drawn with a date's status mask (setRolloutStatus). */
  rolloutView: boolean;
  /** Satellites with a position in the last classified frame (front and back of the Earth): in rollout view, those in orbit at the date. */
  satellitesDrawn: number;
}

/** performance.mark names of the layer's work, in frame order (setTraceMarks). */
export const LAYER_MARKS = ['leo-layer-pre-start', 'leo-layer-pre-end', 'leo-layer-post-start', 'leo-layer-post-end'] as const;

/** The live constellation layer, for end-to-end tests (projection and picking). */
export interface LayerHooks {
  projectSatellite(i: number): { x: number; y: number } | null;
  pickSatellite(x: number, y: number): number;
  setLayerVisible(name: LayerName, visible: boolean): void;
  isLayerVisible(name: LayerName): boolean;
  drawnPositionEcefKm(i: number): [number, number, number] | null;
  /** What the laser links are coloured by in the frames drawn now. */
  linkColoring(): 'length' | 'load' | 'utilisation';
  /** Footprint rings as GL lines ('gpu') or rasterised on the CPU ('cpu'); live.ts picks by the WebGL renderer. */
  setFootprintRaster(mode: FootprintRaster): void;
  footprintRaster(): FootprintRaster;
  /** Tests only: each frame waits up to `ms` for the raster worker's own job (0: off). */
  setFootprintRasterWait(ms: number): void;
  /**
   * While on, the layer marks the start and end of its preRender and postRender work with
   * performance.mark (names in LAYER_MARKS), so a trace can read its main-thread CPU time (the
   * marks' thread timestamps) next to the wall-clock layerStats. For benchmarks; off by default.
   */
  setTraceMarks(on: boolean): void;
}

export interface LiveHooks {
  /** Reading it also asks for one more frame (frames are drawn on request: a test polling `frames` keeps them coming). */
  /** markerImages: images in the gateway/PoP marker atlas (one per icon variant, all packed at start-up; not one per marker). */
  counts(): { satellites: number; links: number; linksDrawn: number; gateways: number; pops: number; frames: number; revision: number; buffersBuilt: number; markerImages: number };
  time(): { timeUtcMs: number; drawnTimeUtcMs: number; playing: boolean; speed: number };
  /** The current selection (state/slices/selection.ts Selection). */
  selection(): unknown;
  /** The highlighted ground-point route, as last computed by the worker. */
  route(): { latDeg: number; lonDeg: number; tUtcMs: number; revision: number; result: RouteResult } | null;
  /** The route panel's ends and the route between them as last computed by the worker (ui/route/routeStore.ts). */
  routeEnds(): {
    from: { end: unknown; label: string; latDeg: number; lonDeg: number } | null;
    to: { end: unknown; label: string; latDeg: number; lonDeg: number } | null;
    result: { key: string; tUtcMs: number; revision: number; result: RouteResult } | null;
  };
  /** The highlighted path as drawn on the globe: its hops' ids and the polyline's vertices (degrees, km); null when none. */
  drawnPath(): { hopIds: string[]; vertices: { latDeg: number; lonDeg: number; altKm: number }[]; backhaulArcs: number } | null;
  labels(): string[];
  satelliteName(i: number): string | null;
  satelliteMeta(i: number): { name: string; shellIndex: number; status: number } | null;
  /** The scenario as the engine got it (JSON), for Node-side reference computations in tests. */
  scenarioJson(): string;
  /** Sets the simulation time exactly (ms), as the timeline does. */
  setTime(utcMs: number): void;
  /** How the last drawn frame's positions were obtained ('exact' at snapshot times, 'hermite' between). */
  frameSource(): string;
  /** Viewport CSS px of satellite i as drawn (page.mouse coordinates), null when not visible. */
  projectSatelliteViewport(i: number): { x: number; y: number } | null;
  /** Test-only: make the engine client treat its worker as crashed (restart + re-feed). */
  simulateEngineCrash(): void;
  flyToSatellite(i: number): void;
  /** Flies the camera over a ground point, `heightKm` above it (search results). */
  flyToLatLon(latDeg: number, lonDeg: number, heightKm: number): void;
  /** Camera flights started by the app (search, route framing) that have not ended yet. */
  cameraFlights(): number;
  /**
   * The selected satellite's marks on the globe: its ring (window CSS px), how many laser links
   * it shows, its footprint's half-angle (rad) and first point (degrees); null when none or hidden.
   */
  selectedSatelliteMarker(): { x: number; y: number; links: number; footprint: { halfAngleRad: number; latDeg: number; lonDeg: number } | null } | null;
}

declare module './hooks' {
  interface LeoHooks {
    live?: LiveHooks;
    layerStats?: Readonly<LayerStats>;
    constellationLayer?: LayerHooks;
  }
}
