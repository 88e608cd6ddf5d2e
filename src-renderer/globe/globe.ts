// The Cesium globe: an offline CesiumWidget (bundled Natural Earth II imagery, no ion, no
// network widgets), country borders, quality switching, and the live readouts the status bar
// shows (frame time, cursor position). Cesium owns the Earth; the moving constellation will be
// a three.js overlay (see DESIGN.md), synced from this widget's camera.
//
// Why CesiumWidget from @cesium/engine and not Viewer from 'cesium': Viewer lives in
// @cesium/widgets, which bundles knockout, and knockout runs eval("this") when its module is
// evaluated. Under the app's CSP (no 'unsafe-eval') that throws before React mounts. With all
// of Viewer's widgets turned off (our UI does their jobs) Viewer is CesiumWidget plus knockout,
// so we use CesiumWidget directly and never import the 'cesium' umbrella (which re-exports
// @cesium/widgets, side effects included). Only widgets.css is taken from the cesium package.
import {
  buildModuleUrl,
  Cartographic,
  Cartesian2,
  Cartesian3,
  Ellipsoid,
  ImageryLayer,
  Ion,
  Math as CesiumMath,
  SceneTransforms,
  ScreenSpaceEventHandler,
  ScreenSpaceEventType,
  TileMapServiceImageryProvider,
  CesiumWidget,
  type Primitive,
} from '@cesium/engine';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import { appStore } from '../state/store';
import { createBorderPrimitive, loadBorderLines } from './borders';
import { attachGlobeProbe, markGlobeReady, type ProjectedPoint } from './hooks';
import { cameraPlace, clampCameraHeight, flyHome, setHomeHandler, setHomeView, setLiveCamera, setLiveViewer, keepOrientationReadsStill, skipZeroAxisRotations, stopCameraInertia } from './camera';
import { applyQuality, msaaSamplesFor, resolveQuality } from './quality';
import { cartesianFromDegreesKm, julianFromUtcMs } from './units';

/** Consecutive fully-loaded frames required before declaring the globe ready. */
const READY_FRAMES = 3;
/** A frame drawn this long (ms) after the previous one follows an idle spell (render on request): it starts a new frame-time window. */
const IDLE_GAP_MS = 1000;

export interface Globe {
  readonly viewer: CesiumWidget;
  destroy(): void;
}

/** `webglRenderer`: the WebGL renderer string (rendering.ts probeWebgl2), which picks the "auto" quality. */
export function createGlobe(container: HTMLElement, webglRenderer: string): Globe {
  // Belt and braces next to the build-time define: Cesium reads this global lazily.
  const w = window as Window & { CESIUM_BASE_URL?: string };
  w.CESIUM_BASE_URL ??= CESIUM_BASE_URL;
  // Offline app: never talk to Cesium ion.
  Ion.defaultAccessToken = '';

  const store = appStore;
  const initial = resolveQuality(store.getState().qualitySetting, webglRenderer);
  store.getState().setResolvedQuality(initial.quality, initial.reason, webglRenderer);

  const baseLayer = ImageryLayer.fromProviderAsync(TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII')));
  const viewer = new CesiumWidget(container, {
    baseLayer,
    shouldAnimate: false,
    msaaSamples: msaaSamplesFor(initial.quality),
    // Errors are handled by the render watchdog below (recover first, report if that fails).
    showRenderLoopErrors: false,
  });
  const { scene, camera } = viewer;
  // Render on request (docs/LIFE-OF-A-FRAME.md): a frame is drawn only when something changed —
  // the camera, the simulation time (the store's time is mirrored into Cesium's clock below, and
  // maximumRenderTimeChange stays 0, so playback draws every animation frame), a tile load, or a
  // layer's scene.requestRender() after it changed what it shows. A paused, still globe draws
  // nothing, so software WebGL no longer takes the cores the engine worker needs between edits.
  scene.requestRenderMode = true;
  applyQuality(viewer, initial.quality);
  // Cesium's default double-click zooms to/tracks entities; our own UI owns selection.
  viewer.screenSpaceEventHandler.removeInputAction(ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
  keepOrientationReadsStill(camera);
  skipZeroAxisRotations(camera);
  setHomeView(camera);
  setHomeHandler(() => flyHome(camera));
  setLiveViewer(viewer);
  setLiveCamera(camera);

  const unsubs: (() => void)[] = [];

  // Quality follows the setting.
  unsubs.push(
    store.subscribe((s, prev) => {
      if (s.qualitySetting === prev.qualitySetting) return;
      const r = resolveQuality(s.qualitySetting, webglRenderer);
      applyQuality(viewer, r.quality);
      scene.requestRender();
      s.setResolvedQuality(r.quality, r.reason, webglRenderer);
    }),
  );

  // Cesium's clock mirrors the store's time (sun position for lighting, later time-dynamic layers).
  viewer.clock.currentTime = julianFromUtcMs(store.getState().timeUtcMs);
  unsubs.push(
    store.subscribe((s, prev) => {
      if (s.timeUtcMs !== prev.timeUtcMs) viewer.clock.currentTime = julianFromUtcMs(s.timeUtcMs, viewer.clock.currentTime);
    }),
  );

  // Borders.
  const abort = new AbortController();
  let borders: Primitive | null = null;
  let bordersSettled = false;
  loadBorderLines(abort.signal)
    .then((lines) => {
      if (viewer.isDestroyed()) return;
      borders = scene.primitives.add(createBorderPrimitive(lines)) as Primitive;
      scene.requestRender();
    })
    .catch((e: unknown) => {
      if (abort.signal.aborted) return;
      bordersSettled = true;
      store.getState().notify('error', `Country borders could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    });
  const bordersLoaded = () => bordersSettled || (borders !== null && borders.ready);

  // Frame time (mean interval over about a second of frames drawn back to back) and readiness.
  // Frames are drawn on request: a frame that follows an idle spell starts a new window, so the
  // figure is the interval while the globe is drawing (playback, camera moves), not idle time.
  let frames = 0;
  let windowStart = performance.now();
  let lastFrameAt = windowStart;
  let loadedFrames = 0;
  const onPostRender = () => {
    const now = performance.now();
    if (now - lastFrameAt > IDLE_GAP_MS) {
      frames = 0;
      windowStart = now;
    } else frames++;
    lastFrameAt = now;
    if (store.getState().frameIdle) store.getState().setFrameIdle(false);
    if (frames > 0 && now - windowStart >= 1000) {
      store.getState().setFrameMs((now - windowStart) / frames);
      frames = 0;
      windowStart = now;
    }
    if (!window.__leo?.isReady) {
      const done = baseLayer.ready && scene.globe.tilesLoaded && bordersLoaded();
      loadedFrames = done ? loadedFrames + 1 : 0;
      if (loadedFrames >= READY_FRAMES) markGlobeReady();
      // Readiness counts drawn frames: keep drawing until the globe is ready.
      else scene.requestRender();
    }
  };
  scene.postRender.addEventListener(onPostRender);
  // The status bar says "idle" once no frame has been drawn for IDLE_GAP_MS (a paused, still globe).
  const idleCheck = window.setInterval(() => {
    if (!store.getState().frameIdle && performance.now() - lastFrameAt > IDLE_GAP_MS) store.getState().setFrameIdle(true);
  }, IDLE_GAP_MS / 2);
  unsubs.push(() => window.clearInterval(idleCheck));
  // Zoom-out limit (camera.ts): after the controller moved the camera, before the frame draws.
  const onPreRender = () => clampCameraHeight(camera);
  scene.preRender.addEventListener(onPreRender);

  // Render watchdog. Cesium 1.140's camera controller can throw mid-frame on a hard wheel turn
  // over the exact centre of the globe ("normalized result is not a number": a zero rotation
  // axis), and its render loop then stops for good. The camera of the last good frame is kept;
  // when the loop has stopped, the camera goes back to it and the loop restarts. Repeated
  // failures (3 within 5 s) are a real fault: then the error panel shows and the user is told.
  // That rotation is now skipped (skipZeroAxisRotations, camera.ts); the watchdog stays for any
  // other error.
  const good = { position: new Cartesian3(), direction: new Cartesian3(), up: new Cartesian3(), ok: false };
  const finite = (c: Cartesian3) => Number.isFinite(c.x) && Number.isFinite(c.y) && Number.isFinite(c.z);
  const keepGood = () => {
    if (!finite(camera.position) || !finite(camera.direction) || !finite(camera.up)) return;
    Cartesian3.clone(camera.position, good.position);
    Cartesian3.clone(camera.direction, good.direction);
    Cartesian3.clone(camera.up, good.up);
    good.ok = true;
  };
  scene.postRender.addEventListener(keepGood);
  const failures: number[] = [];
  let gaveUp = false;
  let recoveries = 0;
  const watchdog = window.setInterval(() => {
    if (viewer.isDestroyed() || viewer.useDefaultRenderLoop || gaveUp) return;
    const now = performance.now();
    failures.push(now);
    while (failures.length && now - failures[0]! > 5000) failures.shift();
    if (failures.length >= 3) {
      gaveUp = true;
      viewer.showErrorPanel('Rendering stopped after repeated errors.', 'Reload the window (your scenario is kept if saved; unsaved edits are kept in the undo history until you reload).');
      store.getState().notify('error', 'The globe stopped rendering after repeated errors; reload the window to continue.');
      return;
    }
    if (good.ok) {
      stopCameraInertia();
      camera.setView({ destination: good.position, orientation: { direction: good.direction, up: good.up } });
    }
    viewer.useDefaultRenderLoop = true;
    scene.requestRender();
    recoveries++;
  }, 100);
  unsubs.push(() => window.clearInterval(watchdog), () => scene.postRender.removeEventListener(keepGood));

  // Cursor position, at most once per frame.
  const handler = new ScreenSpaceEventHandler(scene.canvas);
  let pending: Cartesian2 | null = null;
  let raf = 0;
  const scratchCarto = new Cartographic();
  const flushCursor = () => {
    raf = 0;
    const p = pending && camera.pickEllipsoid(pending, Ellipsoid.WGS84);
    if (!p) {
      store.getState().setCursor(null);
      return;
    }
    const c = Cartographic.fromCartesian(p, Ellipsoid.WGS84, scratchCarto);
    store.getState().setCursor({ latDeg: CesiumMath.toDegrees(c.latitude), lonDeg: CesiumMath.toDegrees(c.longitude) });
  };
  handler.setInputAction((move: ScreenSpaceEventHandler.MotionEvent) => {
    pending = Cartesian2.clone(move.endPosition, pending ?? undefined);
    if (!raf) raf = requestAnimationFrame(flushCursor);
  }, ScreenSpaceEventType.MOUSE_MOVE);
  const onLeave = () => {
    pending = null;
    store.getState().setCursor(null);
  };
  scene.canvas.addEventListener('mouseleave', onLeave);

  // A surface point is on the visible side when the camera is above its tangent plane.
  const scratchNormal = new Cartesian3();
  const scratchToCamera = new Cartesian3();
  const facesCamera = (world: Cartesian3): boolean => {
    const n = Ellipsoid.WGS84.geodeticSurfaceNormal(world, scratchNormal);
    return Cartesian3.dot(n, Cartesian3.subtract(camera.positionWC, world, scratchToCamera)) > 0;
  };
  const project = (latDeg: number, lonDeg: number): ProjectedPoint => {
    const world = cartesianFromDegreesKm(lonDeg, latDeg, 0);
    const win = SceneTransforms.worldToWindowCoordinates(scene, world);
    const rect = scene.canvas.getBoundingClientRect();
    if (!win) return { x: NaN, y: NaN, canvasX: NaN, canvasY: NaN, visible: false };
    const inside = win.x >= 0 && win.y >= 0 && win.x < rect.width && win.y < rect.height;
    return { x: rect.left + win.x, y: rect.top + win.y, canvasX: win.x, canvasY: win.y, visible: inside && facesCamera(world) };
  };
  // Camera movement, so tests wait for a flight or a zoom to end instead of sleeping.
  let cameraMoves = 0;
  let cameraMoving = false;
  unsubs.push(
    camera.moveStart.addEventListener(() => {
      cameraMoving = true;
    }),
    camera.moveEnd.addEventListener(() => {
      cameraMoving = false;
      cameraMoves++;
      // The globe moved under a still mouse (a flight, a wheel turn): the cursor's place changed.
      if (pending && !raf) raf = requestAnimationFrame(flushCursor);
    }),
  );
  attachGlobeProbe({ tilesLoaded: () => scene.globe.tilesLoaded, bordersLoaded, project, cameraMoves: () => cameraMoves, cameraMoving: () => cameraMoving, camera: () => cameraPlace(camera), renderRecoveries: () => recoveries });

  return {
    viewer,
    destroy() {
      attachGlobeProbe(null);
      setHomeHandler(null);
      setLiveViewer(null);
      setLiveCamera(null);
      abort.abort();
      for (const u of unsubs) u();
      if (raf) cancelAnimationFrame(raf);
      scene.canvas.removeEventListener('mouseleave', onLeave);
      handler.destroy();
      scene.postRender.removeEventListener(onPostRender);
      scene.preRender.removeEventListener(onPreRender);
      viewer.destroy();
    },
  };
}
