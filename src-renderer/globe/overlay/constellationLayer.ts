// The constellation layer: satellites, laser crosslinks, coverage footprints and feeder/user beams
// drawn by three.js on an overlay canvas above Cesium's, in a handful of draw calls (DESIGN.md,
// "The globe and the constellation layer"). Cesium keeps the Earth, imagery and camera; this layer
// copies Cesium's camera every frame in `scene.postRender`, so both canvases show the same view
// and the same time in the same animation frame.
//
// Decisions (and why):
// - Occlusion: a depth-only WGS84 ellipsoid (OCCLUDER_DEPTH_KM under the surface) is drawn first
//   into the overlay's depth buffer. Chosen over a per-vertex ray-sphere test because the depth
//   test works per FRAGMENT: a laser link or a beam that is half behind the limb is cut exactly
//   at the limb, where a vertex test would show or hide the whole segment. Cesium's own depth
//   buffer is in another WebGL context and not reachable through public API.
// - Depth range: Cesium's projection keeps its field of view/aspect/offsets, but near/far are
//   replaced by a tight range around what can be visible (projection.ts); Cesium's own 1 m ..
//   5e8 m range has no depth precision in a single 24-bit buffer.
// - Frame: eye-relative km, computed in float64 on the CPU every frame and stored float32 (see
//   projection.ts): no float32 jitter at any zoom. The view matrix is Cesium's minus translation.
// - Motion: the worker sends snapshots at step times (1..120 s of sim time, from the playback
//   rate); each frame interpolates them with cubic Hermite (positions + velocities) on the CPU
//   into the dynamic buffers (interpolate.ts, snapshots.ts). ~10k floats for Kuiper: far cheaper
//   than the upload, and it keeps picking (CPU) and drawing (GPU) on the very same positions.
// - Budget: layer JS per frame (interpolate, fill buffers, camera sync, three's render call) is
//   measured with performance.now() and published as window.__leo.layerStats.
import { PerspectiveFrustum, PerspectiveOffCenterFrustum, type CesiumWidget } from '@cesium/engine';
import {
  BufferAttribute,
  BufferGeometry,
  DynamicDrawUsage,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  LineSegments,
  Mesh,
  PerspectiveCamera,
  Points,
  Scene,
  SphereGeometry,
  WebGLRenderer,
  type ShaderMaterial,
} from 'three';
import { geodeticToEcef } from '../../../src-core/frames/geodetic';
import { WGS84_A_KM, WGS84_B_KM, degToRad } from '../../../src-core/units';
import type { EngineClient } from '../../engine/client';
import { isDroppedResult, type LoadScenarioResult } from '../../engine/protocol';
import { installLeoHooks } from '../hooks';
import { mToKm } from '../units';
import { RateEstimator, StepPolicy } from './interpolate';
import { beamMaterial, footprintMaterial, islMaterial, occluderMaterial, satelliteMaterial } from './materials';
import { FEEDER_BEAM_COLOR, SATELLITE_SIZE_PX, USER_BEAM_COLOR, satelliteColor } from './palette';
import { depthRangeKm, hiddenByEllipsoid, projectRelative, rotationOnly, withDepthRange } from './projection';
import { SnapshotCache, maxRadiusKm, type FrameSource } from './snapshots';

export type { LayerName, LayerStats } from '../hookTypes';
import type { LayerName, LayerStats } from '../hookTypes';

export interface GroundPoint {
  latDeg: number;
  lonDeg: number;
  altKm?: number;
}

/** A feeder beam: from a gateway on the ground to the satellite (catalogue index) it serves. */
export interface FeederBeam extends GroundPoint {
  satIndex: number;
}


export interface ConstellationLayerOptions {
  visible?: Partial<Record<LayerName, boolean>>;
  /** Satellite sprite diameter, CSS px. */
  satelliteSizePx?: number;
  /** pickSatellite accepts satellites up to this far from the click, CSS px. */
  pickRadiusPx?: number;
  initialTimeUtcMs?: number;
  /** Engine errors other than dropped results (reported once per distinct message). */
  onError?: (error: Error) => void;
}

export interface ConstellationLayer {
  /** The sim time to show (UTC ms); call whenever the app's time changes. */
  setTime(utcMs: number): void;
  setLayerVisible(name: LayerName, visible: boolean): void;
  isLayerVisible(name: LayerName): boolean;
  setFeederBeams(beams: readonly FeederBeam[]): void;
  /** Beams from one ground point (null: none) to the given satellites. */
  setUserBeams(ground: GroundPoint | null, satIndices: readonly number[]): void;
  /** Canvas CSS px of satellite i as last drawn; null when hidden, behind the Earth or off-canvas. */
  projectSatellite(i: number): { x: number; y: number } | null;
  /** The visible satellite nearest to canvas CSS px (x, y) within the pick radius, or -1. */
  pickSatellite(x: number, y: number): number;
  /** ECEF km of satellite i as last drawn (interpolated for stats.timeUtcMs); null before a frame or without a position. */
  drawnPositionEcefKm(i: number): [number, number, number] | null;
  readonly stats: Readonly<LayerStats>;
  dispose(): void;
}

/** The occluder sits this far under the WGS84 surface, so ground-level lines (beams, footprints) stay in front of it. */
export const OCCLUDER_DEPTH_KM = 5;
/** Footprint rings are drawn this far above the ellipsoid. */
const FOOTPRINT_LIFT_KM = 2;
// Chords of one footprint ring. 32 chords: at a ~700 km footprint radius the ring is within 3.4 km of the true circle, and half the
// vertices of 64 (footprint vertices dominate the layer's cost under software WebGL).
const RING_SEGMENTS = 32;
/** Frames averaged in stats.avgFrameJsMs. */
const FRAME_WINDOW = 60;
const DEFAULT_VISIBLE: Record<LayerName, boolean> = { satellites: true, links: true, footprints: false, feederBeams: true, userBeams: true };


interface BeamSet {
  object: LineSegments<BufferGeometry, ShaderMaterial>;
  groundEcefKm: Float64Array;
  sat: Int32Array;
  count: number;
}

export function attachConstellationLayer(viewer: CesiumWidget, client: EngineClient, opts: ConstellationLayerOptions = {}): ConstellationLayer {
  const { scene } = viewer;
  const cesiumCanvas = scene.canvas;
  const visible: Record<LayerName, boolean> = { ...DEFAULT_VISIBLE, ...opts.visible };
  const sizeCssPx = opts.satelliteSizePx ?? SATELLITE_SIZE_PX;
  const pickRadiusPx = opts.pickRadiusPx ?? 8;
  const occA = WGS84_A_KM - OCCLUDER_DEPTH_KM;
  const occB = WGS84_B_KM - OCCLUDER_DEPTH_KM;

  // ---- overlay canvas and three.js scene
  const canvas = document.createElement('canvas');
  canvas.className = 'leo-constellation-overlay';
  canvas.dataset.testid = 'constellation-overlay';
  Object.assign(canvas.style, { position: 'absolute', left: '0', top: '0', width: '100%', height: '100%', pointerEvents: 'none' });
  cesiumCanvas.insertAdjacentElement('afterend', canvas);

  const renderer = new WebGLRenderer({ canvas, alpha: true, antialias: false, depth: true, stencil: false, premultipliedAlpha: true, powerPreference: 'high-performance' });
  renderer.setClearColor(0x000000, 0);
  renderer.setPixelRatio(1); // sized in device pixels to match Cesium's drawing buffer exactly
  const scene3 = new Scene();
  scene3.matrixWorldAutoUpdate = true;
  const camera3 = new PerspectiveCamera();
  camera3.matrixAutoUpdate = false;
  camera3.matrixWorldAutoUpdate = false;

  const occluderGeometry = new SphereGeometry(1, 128, 64).rotateX(Math.PI / 2); // poles on +-Z, as in ECEF
  const occluder = new Mesh(occluderGeometry, occluderMaterial());
  occluder.scale.set(occA, occA, occB);
  occluder.renderOrder = -10;
  occluder.frustumCulled = false;
  scene3.add(occluder);

  const pointsMaterial = satelliteMaterial(sizeCssPx);
  const linksMaterial = islMaterial();
  const ringMaterial = footprintMaterial();
  (ringMaterial.uniforms.uEllipsoidKm!.value as Float32Array).set([WGS84_A_KM, WGS84_B_KM, FOOTPRINT_LIFT_KM]);

  const points = new Points(new BufferGeometry(), pointsMaterial);
  const links = new LineSegments(new BufferGeometry(), linksMaterial);
  const rings = new LineSegments(new InstancedBufferGeometry(), ringMaterial);
  points.renderOrder = 0;
  links.renderOrder = 1;
  rings.renderOrder = 2;
  for (const o of [points, links, rings]) {
    o.frustumCulled = false; // positions are rewritten every frame; the bounding sphere would be stale
    scene3.add(o);
  }
  const makeBeams = (color: typeof FEEDER_BEAM_COLOR): BeamSet => {
    const object = new LineSegments(new BufferGeometry(), beamMaterial(color));
    object.renderOrder = 3;
    object.frustumCulled = false;
    scene3.add(object);
    return { object, groundEcefKm: new Float64Array(0), sat: new Int32Array(0), count: 0 };
  };
  const feeder = makeBeams(FEEDER_BEAM_COLOR);
  const user = makeBeams(USER_BEAM_COLOR);

  // ---- per-scenario state
  let info: LoadScenarioResult | null = null;
  let n = 0;
  let cur = new Float64Array(0); // interpolated ECEF km, 3N
  let pointRel = new Float32Array(0); // eye-relative km, 3N (points and footprint instances)
  let pointAttr = new BufferAttribute(pointRel, 3);
  let ringAttr = new InstancedBufferAttribute(pointRel, 3);
  let linkPos = new Float32Array(0);
  let linkLen = new Float32Array(0);
  let linkPosAttr = new BufferAttribute(linkPos, 3);
  let linkLenAttr = new BufferAttribute(linkLen, 1);
  let islA: Int32Array = new Int32Array(0);
  let islB: Int32Array = new Int32Array(0);
  const cache = new SnapshotCache(8);
  const rate = new RateEstimator();
  const stepPolicy = new StepPolicy();

  let timeUtcMs = opts.initialTimeUtcMs ?? Date.now();
  let stepMs = 1000;
  let inFlight: { tUtcMs: number; token: object } | null = null;
  let requestToken: object = {};
  let retryAfter = 0;
  let lastErrorMessage = '';

  // ---- last frame's camera (for projectSatellite / pickSatellite)
  const camKm = new Float64Array(3);
  const viewRot = new Float64Array(16);
  const proj = new Float64Array(16);
  let cssWidth = 0;
  let cssHeight = 0;
  let hasFrame = false;

  const stats: LayerStats = {
    satellites: 0,
    links: 0,
    activeLinks: 0,
    lastFrameJsMs: 0,
    avgFrameJsMs: 0,
    maxFrameJsMs: 0,
    lastRenderJsMs: 0,
    frames: 0,
    source: 'none',
    stepMs,
    snapshotRequests: 0,
    snapshotsReceived: 0,
    revision: -1,
    timeUtcMs,
  };

  const frameTimes = new Float64Array(FRAME_WINDOW);
  let frameSum = 0;

  function rebuild(next: LoadScenarioResult): void {
    info = next;
    n = next.satelliteCount;
    const topo = next.topology;
    cur = new Float64Array(3 * n).fill(Number.NaN);
    pointRel = new Float32Array(3 * n);
    const colors = new Float32Array(3 * n);
    for (let i = 0; i < n; i++) colors.set(satelliteColor(topo.shellIndex[i]!, topo.status[i]!), 3 * i);
    pointAttr = new BufferAttribute(pointRel, 3).setUsage(DynamicDrawUsage);
    const pg = new BufferGeometry();
    pg.setAttribute('position', pointAttr);
    pg.setAttribute('aColor', new BufferAttribute(colors, 3));
    points.geometry.dispose();
    points.geometry = pg;

    // Footprints: template ring (position.xy = cos/sin of the angle) x one instance per satellite,
    // sharing the points' eye-relative positions array (separate attribute: it has a divisor).
    const ring = new Float32Array(RING_SEGMENTS * 2 * 3);
    for (let k = 0; k < RING_SEGMENTS; k++) {
      const p0 = (2 * Math.PI * k) / RING_SEGMENTS;
      const p1 = (2 * Math.PI * (k + 1)) / RING_SEGMENTS;
      ring.set([Math.cos(p0), Math.sin(p0), 0, Math.cos(p1), Math.sin(p1), 0], k * 6);
    }
    const rg = new InstancedBufferGeometry();
    rg.setAttribute('position', new BufferAttribute(ring, 3));
    ringAttr = new InstancedBufferAttribute(pointRel, 3).setUsage(DynamicDrawUsage);
    rg.setAttribute('aSatRel', ringAttr);
    rg.instanceCount = n;
    rings.geometry.dispose();
    rings.geometry = rg;
    ringMaterial.uniforms.uMinElevRad!.value = degToRad(next.terminalMinElevationDeg);

    const l = next.islCount;
    islA = topo.islA;
    islB = topo.islB;
    linkPos = new Float32Array(6 * l);
    linkLen = new Float32Array(2 * l).fill(-1);
    const linkInfo = new Float32Array(4 * l);
    for (let i = 0; i < l; i++) linkInfo.set([topo.islSeam[i]!, 0, topo.islSeam[i]!, 1], 4 * i);
    linkPosAttr = new BufferAttribute(linkPos, 3).setUsage(DynamicDrawUsage);
    linkLenAttr = new BufferAttribute(linkLen, 1).setUsage(DynamicDrawUsage);
    const lg = new BufferGeometry();
    lg.setAttribute('position', linkPosAttr);
    lg.setAttribute('aLengthKm', linkLenAttr);
    lg.setAttribute('aLink', new BufferAttribute(linkInfo, 2));
    links.geometry.dispose();
    links.geometry = lg;

    cache.clear();
    inFlight = null;
    requestToken = {};
    retryAfter = 0;
    Object.assign(stats, { satellites: n, links: l, activeLinks: 0, maxFrameJsMs: 0, revision: next.revision, source: 'none' as FrameSource });
    precompile();
    requestSnapshots();
    scene.requestRender();
  }

  let compiled = false;
  /** Compile every program up front (in parallel where the driver can), so switching a layer on later does not stall a frame. */
  function precompile(): void {
    if (compiled) return;
    compiled = true;
    const objects = [points, links, rings, feeder.object, user.object];
    const was = objects.map((o) => o.visible);
    for (const o of objects) o.visible = true;
    renderer.compileAsync(scene3, camera3).catch(() => {});
    objects.forEach((o, i) => (o.visible = was[i]!));
  }

  function requestSnapshots(): void {
    if (!info || inFlight || performance.now() < retryAfter) return;
    const want = cache.nextNeeded(timeUtcMs, stepMs, rate.direction, null);
    if (want === null) return;
    const token = requestToken;
    const revision = info.revision;
    inFlight = { tUtcMs: want, token };
    stats.snapshotRequests++;
    client.request('positions', { tUtcMs: want, revision, withVelocity: true }).then(
      (res) => {
        if (token !== requestToken) return; // a newer scenario was loaded meanwhile
        cache.add({ tUtcMs: res.tUtcMs, positionsEcefKm: res.positionsEcefKm, velocitiesEcefKmS: res.velocitiesEcefKmS, islActive: res.islActive, maxRadiusKm: maxRadiusKm(res.positionsEcefKm) }, timeUtcMs);
        stats.snapshotsReceived++;
        lastErrorMessage = '';
        scene.requestRender();
      },
      (e: unknown) => {
        if (token !== requestToken || isDroppedResult(e)) return;
        const err = e instanceof Error ? e : new Error(String(e));
        // Back off so a failing engine is not asked again every frame.
        retryAfter = performance.now() + 1000;
        if (err.message !== lastErrorMessage) {
          lastErrorMessage = err.message;
          opts.onError?.(err);
        }
      },
    ).finally(() => {
      if (inFlight?.token === token && inFlight.tUtcMs === want) inFlight = null;
      if (token === requestToken) requestSnapshots();
    });
  }

  // ---- per-frame work
  function syncSize(): void {
    const w = cesiumCanvas.width;
    const h = cesiumCanvas.height;
    cssWidth = cesiumCanvas.clientWidth || w;
    cssHeight = cesiumCanvas.clientHeight || h;
    if (canvas.width !== w || canvas.height !== h) renderer.setSize(w, h, false);
    pointsMaterial.uniforms.uSizePx!.value = sizeCssPx * (w / cssWidth);
  }

  /** Copies Cesium's camera; false when it is not a perspective camera (2D/Columbus modes are not supported). */
  function syncCamera(maxRadius: number): boolean {
    const camera = viewer.camera;
    const frustum = camera.frustum;
    if (!(frustum instanceof PerspectiveFrustum || frustum instanceof PerspectiveOffCenterFrustum)) return false;
    const p = camera.positionWC;
    camKm[0] = mToKm(p.x);
    camKm[1] = mToKm(p.y);
    camKm[2] = mToKm(p.z);
    const d = Math.hypot(camKm[0], camKm[1], camKm[2]);
    const { near, far } = depthRangeKm(d, maxRadius, occB);
    rotationOnly(camera.viewMatrix, viewRot);
    withDepthRange(frustum.projectionMatrix, near, far, proj);
    camera3.matrixWorldInverse.fromArray(viewRot);
    camera3.matrixWorld.copy(camera3.matrixWorldInverse).invert();
    camera3.projectionMatrix.fromArray(proj);
    camera3.projectionMatrixInverse.copy(camera3.projectionMatrix).invert();
    occluder.position.set(-camKm[0], -camKm[1], -camKm[2]);
    (ringMaterial.uniforms.uCameraKm!.value as Float32Array).set(camKm);
    return true;
  }

  function fillPoints(): void {
    const cx = camKm[0]!, cy = camKm[1]!, cz = camKm[2]!;
    for (let j = 0; j < 3 * n; j += 3) {
      const x = cur[j]!;
      if (x === x) {
        pointRel[j] = x - cx;
        pointRel[j + 1] = cur[j + 1]! - cy;
        pointRel[j + 2] = cur[j + 2]! - cz;
      } else {
        // No position: park it at the Earth's centre, behind the occluder.
        pointRel[j] = -cx;
        pointRel[j + 1] = -cy;
        pointRel[j + 2] = -cz;
      }
    }
    pointAttr.needsUpdate = true;
    if (visible.footprints) ringAttr.needsUpdate = true;
  }

  function fillLinks(active: Uint8Array): number {
    const cx = camKm[0]!, cy = camKm[1]!, cz = camKm[2]!;
    const l = islA.length;
    let drawn = 0;
    for (let i = 0; i < l; i++) {
      const a = 3 * islA[i]!;
      const b = 3 * islB[i]!;
      const ax = cur[a]!, ay = cur[a + 1]!, az = cur[a + 2]!;
      const bx = cur[b]!, by = cur[b + 1]!, bz = cur[b + 2]!;
      const len = Math.sqrt((bx - ax) ** 2 + (by - ay) ** 2 + (bz - az) ** 2);
      const k = 6 * i;
      // Activity comes from the engine (grazing limit, raising satellites) at the nearest snapshot;
      // NaN length (no position) hides it too.
      if (active[i] === 1 && len === len) {
        linkPos[k] = ax - cx;
        linkPos[k + 1] = ay - cy;
        linkPos[k + 2] = az - cz;
        linkPos[k + 3] = bx - cx;
        linkPos[k + 4] = by - cy;
        linkPos[k + 5] = bz - cz;
        linkLen[2 * i] = linkLen[2 * i + 1] = len;
        drawn++;
      } else {
        linkLen[2 * i] = linkLen[2 * i + 1] = -1;
      }
    }
    linkPosAttr.needsUpdate = true;
    linkLenAttr.needsUpdate = true;
    return drawn;
  }

  function fillBeams(set: BeamSet): void {
    const cx = camKm[0]!, cy = camKm[1]!, cz = camKm[2]!;
    const pos = set.object.geometry.getAttribute('position') as BufferAttribute | undefined;
    if (!pos || set.count === 0) {
      set.object.geometry.setDrawRange(0, 0);
      return;
    }
    const arr = pos.array as Float32Array;
    for (let i = 0; i < set.count; i++) {
      const s = set.sat[i]!;
      const j = 3 * s;
      const ok = s >= 0 && s < n && cur[j] === cur[j];
      const k = 6 * i;
      if (ok) {
        arr[k] = set.groundEcefKm[3 * i]! - cx;
        arr[k + 1] = set.groundEcefKm[3 * i + 1]! - cy;
        arr[k + 2] = set.groundEcefKm[3 * i + 2]! - cz;
        arr[k + 3] = cur[j]! - cx;
        arr[k + 4] = cur[j + 1]! - cy;
        arr[k + 5] = cur[j + 2]! - cz;
      } else {
        for (let q = 0; q < 6; q++) arr[k + q] = -camKm[q % 3]!;
      }
    }
    pos.needsUpdate = true;
    set.object.geometry.setDrawRange(0, 2 * set.count);
  }

  function setBeams(set: BeamSet, grounds: readonly GroundPoint[], sats: readonly number[]): void {
    const count = Math.min(grounds.length, sats.length);
    const pos = set.object.geometry.getAttribute('position') as BufferAttribute | undefined;
    if (!pos || pos.count < 2 * count) {
      // Grow (power of two) so a changing beam count does not reallocate every call.
      const cap = Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(count, 1))));
      const g = new BufferGeometry();
      g.setAttribute('position', new BufferAttribute(new Float32Array(6 * cap), 3).setUsage(DynamicDrawUsage));
      const along = new Float32Array(2 * cap);
      for (let i = 0; i < cap; i++) along[2 * i + 1] = 1;
      g.setAttribute('aAlong', new BufferAttribute(along, 1));
      set.object.geometry.dispose();
      set.object.geometry = g;
    }
    set.groundEcefKm = new Float64Array(3 * count);
    set.sat = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const g = grounds[i]!;
      const p = geodeticToEcef({ latRad: degToRad(g.latDeg), lonRad: degToRad(g.lonDeg), heightKm: g.altKm ?? 0 });
      set.groundEcefKm.set([p.x, p.y, p.z], 3 * i);
      set.sat[i] = sats[i]!;
    }
    set.count = count;
    scene.requestRender();
  }

  function onPostRender(): void {
    const t0 = performance.now();
    hasFrame = false;
    if (!info || n === 0) {
      renderer.clear();
      return;
    }
    const { source, snapshot } = cache.evaluate(timeUtcMs, cur, 2 * stepMs);
    stats.source = source;
    requestSnapshots();
    syncSize();
    if (!snapshot || !syncCamera(snapshot.maxRadiusKm + 50)) {
      renderer.clear();
      return;
    }
    fillPoints();
    points.visible = visible.satellites;
    links.visible = visible.links;
    rings.visible = visible.footprints;
    feeder.object.visible = visible.feederBeams && feeder.count > 0;
    user.object.visible = visible.userBeams && user.count > 0;
    stats.activeLinks = visible.links ? fillLinks(snapshot.islActive) : 0;
    if (feeder.object.visible) fillBeams(feeder);
    if (user.object.visible) fillBeams(user);
    hasFrame = true;
    const tr = performance.now();
    renderer.render(scene3, camera3);
    const t1 = performance.now();
    const ms = t1 - t0;
    stats.lastRenderJsMs = t1 - tr;
    stats.lastFrameJsMs = ms;
    frameSum += ms - frameTimes[stats.frames % FRAME_WINDOW]!;
    frameTimes[stats.frames % FRAME_WINDOW] = ms;
    stats.avgFrameJsMs = frameSum / Math.min(stats.frames + 1, FRAME_WINDOW);
    if (ms > stats.maxFrameJsMs) stats.maxFrameJsMs = ms;
    stats.frames++;
    stats.timeUtcMs = timeUtcMs;
  }

  function project(i: number): { x: number; y: number } | null {
    if (!hasFrame || !(i >= 0 && i < n)) return null;
    const j = 3 * i;
    const x = cur[j]!, y = cur[j + 1]!, z = cur[j + 2]!;
    if (x !== x) return null;
    const p = projectRelative(viewRot, proj, x - camKm[0]!, y - camKm[1]!, z - camKm[2]!, cssWidth, cssHeight);
    if (!p || p.x < 0 || p.y < 0 || p.x > cssWidth || p.y > cssHeight) return null;
    if (hiddenByEllipsoid(camKm[0]!, camKm[1]!, camKm[2]!, x, y, z, occA, occB)) return null;
    return p;
  }

  // ---- wiring
  const offLoaded = client.onScenarioLoaded(rebuild);
  if (client.scenarioInfo && client.scenarioInfo.revision === client.revision) rebuild(client.scenarioInfo);
  scene.postRender.addEventListener(onPostRender);

  const layer: ConstellationLayer = {
    setTime(utcMs) {
      const wall = performance.now();
      rate.update(utcMs, wall);
      // While paused the rate keeps its last value, and so does the step (cached snapshots stay useful).
      stepMs = stepPolicy.update(rate.rate, wall);
      stats.stepMs = stepMs;
      timeUtcMs = utcMs;
      requestSnapshots();
      scene.requestRender();
    },
    setLayerVisible(name, on) {
      visible[name] = on;
      scene.requestRender();
    },
    isLayerVisible: (name) => visible[name],
    setFeederBeams(beams) {
      setBeams(feeder, beams, beams.map((b) => b.satIndex));
    },
    setUserBeams(ground, satIndices) {
      setBeams(user, ground ? satIndices.map(() => ground) : [], ground ? satIndices : []);
    },
    projectSatellite: project,
    pickSatellite(x, y) {
      if (!hasFrame || !visible.satellites) return -1;
      let best = -1;
      let bestD2 = pickRadiusPx * pickRadiusPx;
      for (let i = 0; i < n; i++) {
        const j = 3 * i;
        if (cur[j] !== cur[j]) continue;
        const p = projectRelative(viewRot, proj, cur[j]! - camKm[0]!, cur[j + 1]! - camKm[1]!, cur[j + 2]! - camKm[2]!, cssWidth, cssHeight);
        if (!p) continue;
        const d2 = (p.x - x) ** 2 + (p.y - y) ** 2;
        if (d2 > bestD2) continue;
        // Front side only; the occlusion test runs only for the few satellites near the click.
        if (hiddenByEllipsoid(camKm[0]!, camKm[1]!, camKm[2]!, cur[j]!, cur[j + 1]!, cur[j + 2]!, occA, occB)) continue;
        best = i;
        bestD2 = d2;
      }
      return best;
    },
    drawnPositionEcefKm(i) {
      if (!hasFrame || !(i >= 0 && i < n) || cur[3 * i] !== cur[3 * i]) return null;
      return [cur[3 * i]!, cur[3 * i + 1]!, cur[3 * i + 2]!];
    },
    stats,
    dispose() {
      offLoaded();
      requestToken = {};
      scene.postRender.removeEventListener(onPostRender);
      for (const o of [points, links, rings, feeder.object, user.object]) {
        o.geometry.dispose();
        o.material.dispose();
      }
      occluderGeometry.dispose();
      occluder.material.dispose();
      renderer.dispose();
      renderer.forceContextLoss();
      canvas.remove();
      const hooks = window.__leo;
      if (hooks?.layerStats === stats) {
        delete hooks.layerStats;
        delete hooks.constellationLayer;
      }
    },
  };

  const hooks = installLeoHooks();
  hooks.layerStats = stats;
  hooks.constellationLayer = { projectSatellite: layer.projectSatellite, pickSatellite: layer.pickSatellite, setLayerVisible: layer.setLayerVisible, isLayerVisible: layer.isLayerVisible, drawnPositionEcefKm: layer.drawnPositionEcefKm };
  layer.setTime(timeUtcMs);
  return layer;
}
