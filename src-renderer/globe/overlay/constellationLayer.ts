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
// - Footprints: GL lines from gl_VertexID on real GPUs; on software WebGL (any quality, set by
//   live.ts through setFootprintRaster from the WebGL renderer) the rings are walked on the CPU by
//   ringRaster.ts and drawn as one textured rectangle: ~23k line primitives cost SwiftShader
//   ~45 ms of GPU-process CPU per frame, the walk 2-5 ms of JS there. The walk runs in the raster
//   worker, posted in preRender and picked up in postRender of the same frame (ringRasterJob.ts;
//   a late one shows the previous frame's rings), or on the main thread where memory cannot be
//   shared (docs/BENCHMARKS.md, "Render, fourth session" to "sixth session").
// - Budget: layer JS per frame (interpolate, fill buffers, camera sync, three's render call) is
//   measured with performance.now() and published as window.__leo.layerStats; the bench also
//   reads its main-thread CPU time from performance marks in a trace (setTraceMarks).
import { PerspectiveFrustum, PerspectiveOffCenterFrustum, type CesiumWidget } from '@cesium/engine';
import {
  BufferAttribute,
  BufferGeometry,
  DynamicDrawUsage,
  DataTexture,
  FloatType,
  LineSegments,
  NearestFilter,
  RGBAFormat,
  Mesh,
  PerspectiveCamera,
  Points,
  Scene,
  Sphere,
  Vector3,
  WebGLRenderer,
  type ShaderMaterial,
} from 'three';
import { STATUS_PLANNED, STATUS_RAISING, trafficMask } from '../../../src-core/constellation/status';
import { geodeticToEcef } from '../../../src-core/frames/geodetic';
import { groundFrame, visibleSatellites } from '../../../src-core/network/ground';
import { EARTH_MEAN_RADIUS_KM, WGS84_A_KM, WGS84_B_KM, degToRad, radToDeg } from '../../../src-core/units';
import type { EngineClient } from '../../engine/client';
import { isDroppedResult, type LoadScenarioResult } from '../../engine/protocol';
import { installLeoHooks } from '../hooks';
import { mToKm } from '../units';
import { RateEstimator, StepPolicy } from './interpolate';
import { CpuFootprints } from './cpuFootprints';
import { RingRasterWorker, canShareMemory } from './rasterWorker';
import { RingRaster } from './ringRaster';
import { JOB, RESULT, runRingRasterJob } from './ringRasterJob';
import { beamMaterial, footprintMaterial, islMaterial, occluderMaterial, satelliteMaterial } from './materials';
import { FEEDER_BEAM_COLOR, IN_VIEW_BEAM_COLOR, RAISING_SIZE_SCALE, SATELLITE_SIZE_PX, USER_BEAM_COLOR, footprintOpacity, satelliteColor } from './palette';
import { cullFootprints, footprintHalfAngleRad, frustumSidePlanes, ringChords } from './culling';
import { depthRangeKm, hiddenByEllipsoid, projectRelative, rotationOnly, withDepthRange } from './projection';
import { SnapshotCache, maxRadiusKm, type FrameSource } from './snapshots';

export type { FootprintRaster, LayerName, LayerStats } from '../hookTypes';
import { LAYER_MARKS, type FootprintRaster, type LayerName, type LayerStats } from '../hookTypes';

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
  /** How footprint rings are rasterised (default 'gpu'; see setFootprintRaster). */
  footprintRaster?: FootprintRaster;
}

export interface ConstellationLayer {
  /** The sim time to show (UTC ms); call whenever the app's time changes. */
  setTime(utcMs: number): void;
  setLayerVisible(name: LayerName, visible: boolean): void;
  isLayerVisible(name: LayerName): boolean;
  setFeederBeams(beams: readonly FeederBeam[]): void;
  /**
   * Colour the laser links by routed load (demand per link, topology order; busiest = maxLoad), or
   * by length again when `load` is null or its length does not match the scenario's links.
   */
  setLinkLoad(load: Float32Array | null, maxLoad: number): void;
  /** Colour links by capacity utilisation (0..1 per link, topology order; the Capacity layer), or null to stop. Writes the per-link attribute, no rebuild. */
  setLinkUtilisation(utilisation: Float32Array | null): void;
  linkColoring(): 'length' | 'load' | 'utilisation';
  /**
   * The selected ground point (null: none): violet beams to every usable satellite above the terminal
   * mask from it, recomputed each frame at the drawn positions (the serving one: setUserBeams).
   */
  setUserTerminal(ground: GroundPoint | null): void;
  setFootprintRaster(mode: FootprintRaster): void;
  footprintRaster(): FootprintRaster;
  /**
   * Tests only (0 = off, the default): each frame waits up to `ms` for the raster worker's job
   * for that frame before falling back to walking the rings here, so a test sees the worker's own
   * pixels however fast the machine is. The app never sets it: a late job is shown a frame late.
   */
  setFootprintRasterWait(ms: number): void;
  /** performance.mark around the layer's per-frame work (hookTypes LAYER_MARKS), for benchmarks. */
  setTraceMarks(on: boolean): void;
  /**
   * Rollout view: one status byte per satellite at the date shown (STATUS_CODES), or null for the
   * scenario as written. With a mask, planned satellites are not drawn at all (no sprite,
   * footprint, pick or beam), raising ones are drawn smaller in the raising tint, and laser links
   * are drawn only between two operational satellites. A mask of another length is ignored.
   * `radiusScale` (drawn / propagated radius per satellite, e.g. a raising satellite below its
   * slot's orbit): each propagated position is scaled radially from the Earth's centre by it
   * (sprite, footprint, links, beams and picks all use the scaled position); null or another
   * length: drawn on their propagated orbits.
   */
  setRolloutStatus(status: Uint8Array | null, radiusScale?: Float32Array | null): void;
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
/** uLoadMode of the links material when the Capacity layer colours them by utilisation (1 = routed load, 0 = length). */
const LINK_MODE_UTILISATION = 2;
/**
 * Occluder mesh: segments around the visible cap and rings from under the camera to the limb.
 * 128 segments put the silhouette polygon within ~1.8 km of the true limb at a whole-Earth view
 * (inside it by up to that, less than the occluder's depth under the surface).
 */
const OCCLUDER_SEGMENTS = 128;
const OCCLUDER_RINGS = 6;
/** Footprint rings are drawn this far above the ellipsoid. */
const FOOTPRINT_LIFT_KM = 2;
/** Texels per row of the footprint position texture. */
const RING_TEXTURE_WIDTH = 1024;
/** Frames averaged in stats.avgFrameJsMs. */
const FRAME_WINDOW = 60;
const DEFAULT_VISIBLE: Record<LayerName, boolean> = { satellites: true, links: true, footprints: false, feederBeams: true, userBeams: true };


interface BeamSet {
  object: LineSegments<BufferGeometry, ShaderMaterial>;
  groundEcefKm: Float64Array;
  sat: Int32Array;
  count: number;
}

/** The occluder's template: (azimuth fraction, ring fraction) per vertex, triangles between rings (shaders/occluder.vert.glsl). */
function horizonCapGeometry(segments: number, rings: number): BufferGeometry {
  const pos = new Float32Array(3 * (1 + segments * rings));
  for (let r = 1; r <= rings; r++) {
    for (let k = 0; k < segments; k++) pos.set([k / segments, r / rings, 0], 3 * (1 + (r - 1) * segments + k));
  }
  const idx: number[] = [];
  const at = (r: number, k: number): number => (r === 0 ? 0 : 1 + (r - 1) * segments + (k % segments));
  for (let k = 0; k < segments; k++) idx.push(0, at(1, k), at(1, k + 1));
  for (let r = 1; r < rings; r++) {
    for (let k = 0; k < segments; k++) idx.push(at(r, k), at(r + 1, k), at(r + 1, k + 1), at(r, k), at(r + 1, k + 1), at(r, k + 1));
  }
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(pos, 3));
  g.setIndex(idx);
  return g;
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

  const occluderGeometry = horizonCapGeometry(OCCLUDER_SEGMENTS, OCCLUDER_RINGS);
  const occluder = new Mesh(occluderGeometry, occluderMaterial());
  (occluder.material.uniforms.uRadiiKm!.value as Float32Array).set([occA, occB]);
  occluder.renderOrder = -10;
  occluder.frustumCulled = false;
  scene3.add(occluder);

  const pointsMaterial = satelliteMaterial(sizeCssPx);
  const linksMaterial = islMaterial();
  const ringMaterial = footprintMaterial();
  (ringMaterial.uniforms.uEllipsoidKm!.value as Float32Array).set([WGS84_A_KM, WGS84_B_KM, FOOTPRINT_LIFT_KM]);

  const points = new Points(new BufferGeometry(), pointsMaterial);
  const links = new LineSegments(new BufferGeometry(), linksMaterial);
  // Footprints: GL_LINES generated from gl_VertexID (shaders/footprint.vert.glsl) for the rings that
  // may be visible (culling.ts), the chord count chosen per frame from the largest ring on screen.
  const rings = new LineSegments(new BufferGeometry(), ringMaterial);
  // The same rings rasterised on the CPU (footprintRaster 'cpu', cpuFootprints.ts).
  let footprintRaster: FootprintRaster = opts.footprintRaster ?? 'gpu';
  const cpuRings = new CpuFootprints();
  scene3.add(cpuRings.object);
  // ... walked in the raster worker, in the same frame, where the page may share memory.
  let rasterWorker: RingRasterWorker | null = null;
  let rasterWorkerTried = false;
  /** Seq of the raster job posted in this frame's preRender (0: none), and the camera it used. */
  let rasterJob = 0;
  /** setFootprintRasterWait (tests only). */
  let rasterWaitMs = 0;
  /** stats.frames when the last two jobs were posted (by seq parity): a late frame may show the previous job only if it was the previous frame's. */
  const rasterJobFrame = new Float64Array(2).fill(-2);
  const rasterJobCamera = new Float64Array(35);
  // The main thread's own run of the job, when there is no worker result to show.
  const mainJob = new Float64Array(JOB.length);
  const mainResult = new Float64Array(RESULT.length);
  const mainRaster = new RingRaster();
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
  // The selected ground point's other satellites in view (above the terminal mask, usable), in violet.
  const inView = makeBeams(IN_VIEW_BEAM_COLOR);
  inView.object.renderOrder = 2.5;
  let terminal: ReturnType<typeof groundFrame> | null = null;
  let viewIndex = new Int32Array(0);
  let viewSlant = new Float64Array(0);
  let usable = new Uint8Array(0);
  let maxSlantKm: number | null = null;
  /** Rollout view's status per satellite (null: the topology's own status); see setRolloutStatus. */
  let rolloutStatus: Uint8Array | null = null;
  /** Rollout view's drawn / propagated radius per satellite (null: propagated orbits); see setRolloutStatus. */
  let rolloutScale: Float32Array | null = null;
  let colorAttr = new BufferAttribute(new Float32Array(0), 3);
  let scaleAttr = new BufferAttribute(new Float32Array(0), 1);

  // ---- per-scenario state
  let info: LoadScenarioResult | null = null;
  let n = 0;
  let cur: Float64Array<ArrayBufferLike> = new Float64Array(0); // interpolated ECEF km, 3N (shared with the raster worker when it runs)
  let pointRel = new Float32Array(0); // eye-relative km, 3N (hidden satellites parked at the eye)
  let hidden = new Uint8Array(0); // 1: no position, or behind the Earth this frame
  let pointAttr = new BufferAttribute(pointRel, 3);
  let ringTexture: DataTexture | null = null; // eye-relative km of the footprints drawn, packed (RGBA32F)
  let minElevRad = 0;
  let linkPos = new Float32Array(0);
  let linkLen = new Float32Array(0);
  let linkPosAttr = new BufferAttribute(linkPos, 3);
  let linkLenAttr = new BufferAttribute(linkLen, 1);
  let linkLoadAttr = new BufferAttribute(new Float32Array(0), 1);
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
  /** Bumped by every change that alters the overlay without moving the camera or the time. */
  let drawVersion = 0;

  // ---- last frame's camera (for projectSatellite / pickSatellite)
  const camKm = new Float64Array(3);
  let nearKm = 1;
  const viewRot = new Float64Array(16);
  const proj = new Float64Array(16);
  const planes = new Float64Array(16);
  let cssWidth = 0;
  let cssHeight = 0;
  let hasFrame = false;

  const stats: LayerStats = {
    buffersBuilt: 0,
    satellites: 0,
    links: 0,
    activeLinks: 0,
    linksInFront: 0,
    hiddenSatellites: 0,
    footprintsDrawn: 0,
    footprintChords: 0,
    footprintRadiusPx: 0,
    footprintOpacity: 0,
    footprintRaster,
    footprintRasterJsMs: 0,
    footprintRasterWalkMs: 0,
    footprintRasterUploadMs: 0,
    footprintRasterThread: 'none',
    footprintRasterWorkerFrames: 0,
    footprintRasterMainFrames: 0,
    footprintRasterLateFrames: 0,
    footprintRasterFrameLag: 0,
    userSatellitesInView: 0,
    skippedFrames: 0,
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
    rolloutView: false,
    satellitesDrawn: 0,
  };

  const frameTimes = new Float64Array(FRAME_WINDOW);
  let frameSum = 0;

  /** Terminal settings of the footprints (they change without the constellation). */
  function setTerminal(next: LoadScenarioResult): void {
    minElevRad = degToRad(next.terminalMinElevationDeg);
    maxSlantKm = next.terminalMaxSlantKm;
    ringMaterial.uniforms.uMinElevRad!.value = minElevRad;
  }

  function rebuild(next: LoadScenarioResult): void {
    if (info && next.topology === info.topology) {
      // Same constellation (a ground or settings edit): keep the buffers and the cached positions,
      // move on to the new revision (positions are asked for under it from now on).
      info = next;
      setTerminal(next);
      stats.revision = next.revision;
      drawVersion++;
      requestSnapshots();
      scene.requestRender();
      return;
    }
    stats.buffersBuilt++;
    info = next;
    n = next.satelliteCount;
    const topo = next.topology;
    cur = new Float64Array(3 * n).fill(Number.NaN);
    pointRel = new Float32Array(3 * n);
    hidden = new Uint8Array(n);
    pointAttr = new BufferAttribute(pointRel, 3).setUsage(DynamicDrawUsage);
    colorAttr = new BufferAttribute(new Float32Array(3 * n), 3);
    scaleAttr = new BufferAttribute(new Float32Array(n), 1);
    const pg = new BufferGeometry();
    pg.setAttribute('position', pointAttr);
    pg.setAttribute('aColor', colorAttr);
    pg.setAttribute('aScale', scaleAttr);
    points.geometry.dispose();
    points.geometry = pg;

    // Footprints: one texel per ring drawn; the geometry only sets the vertex count (three.js draws
    // position.count vertices; the shader reads none of them).
    ringTexture?.dispose();
    const texW = Math.min(Math.max(n, 1), RING_TEXTURE_WIDTH);
    const texH = Math.max(1, Math.ceil(n / texW));
    ringTexture = new DataTexture(new Float32Array(4 * texW * texH), texW, texH, RGBAFormat, FloatType);
    ringTexture.minFilter = ringTexture.magFilter = NearestFilter;
    ringTexture.generateMipmaps = false;
    ringMaterial.uniforms.uSatRel!.value = ringTexture;
    ringMaterial.uniforms.uSatRelWidth!.value = texW;
    rings.geometry.dispose();
    rings.geometry = new BufferGeometry();
    viewIndex = new Int32Array(n);
    viewSlant = new Float64Array(n);
    if (rolloutStatus && rolloutStatus.length !== n) rolloutStatus = null;
    if (!rolloutStatus || rolloutScale?.length !== n) rolloutScale = null;
    applyStatus();
    setTerminal(next);

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
    linkLoadAttr = new BufferAttribute(new Float32Array(2 * l), 1);
    lg.setAttribute('aLoad', linkLoadAttr);
    linksMaterial.uniforms.uLoadMode!.value = 0;
    links.geometry.dispose();
    links.geometry = lg;

    cache.clear();
    frameSnapshot = null;
    drawVersion++;
    inFlight = null;
    requestToken = {};
    retryAfter = 0;
    Object.assign(stats, { satellites: n, links: l, activeLinks: 0, maxFrameJsMs: 0, revision: next.revision, source: 'none' as FrameSource });
    precompile();
    requestSnapshots();
    scene.requestRender();
  }

  /** The status drawn: the rollout date's when rollout view has one, the topology's otherwise. */
  function shownStatus(): Uint8Array {
    return rolloutStatus ?? info!.topology.status;
  }

  /** Sprite colours and sizes, and the traffic mask (links, in-view beams), from the status drawn. */
  function applyStatus(): void {
    if (!info) return;
    const topo = info.topology;
    const status = shownStatus();
    const colors = colorAttr.array as Float32Array;
    const scales = scaleAttr.array as Float32Array;
    for (let i = 0; i < n; i++) {
      colors.set(satelliteColor(topo.shellIndex[i]!, status[i]!), 3 * i);
      scales[i] = rolloutStatus && status[i] === STATUS_RAISING ? RAISING_SIZE_SCALE : 1;
    }
    colorAttr.needsUpdate = true;
    scaleAttr.needsUpdate = true;
    usable = trafficMask({ count: n, status });
    stats.rolloutView = rolloutStatus !== null;
    drawVersion++;
  }

  /**
   * Rollout view: satellites not launched at the date have no position (nothing of them is drawn);
   * those with a radius scale (raising below their slot's orbit) are moved radially to it.
   */
  function applyRolloutPositions(): void {
    const status = rolloutStatus;
    if (!status) return;
    const scale = rolloutScale;
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      if (status[i] === STATUS_PLANNED) cur[j] = cur[j + 1] = cur[j + 2] = Number.NaN;
      else if (scale && scale[i] !== 1) {
        const k = scale[i]!;
        cur[j] = cur[j]! * k;
        cur[j + 1] = cur[j + 1]! * k;
        cur[j + 2] = cur[j + 2]! * k;
      }
    }
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
    nearKm = near;
    rotationOnly(camera.viewMatrix, viewRot);
    withDepthRange(frustum.projectionMatrix, near, far, proj);
    camera3.matrixWorldInverse.fromArray(viewRot);
    camera3.matrixWorld.copy(camera3.matrixWorldInverse).invert();
    camera3.projectionMatrix.fromArray(proj);
    camera3.projectionMatrixInverse.copy(camera3.projectionMatrix).invert();
    (occluder.material.uniforms.uCameraKm!.value as Float32Array).set(camKm);
    (ringMaterial.uniforms.uCameraKm!.value as Float32Array).set(camKm);
    return true;
  }

  /** Marks the satellites without a position or behind the Earth; returns how many are hidden. */
  function classify(): number {
    const cx = camKm[0]!, cy = camKm[1]!, cz = camKm[2]!;
    let count = 0;
    let positioned = 0;
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      const x = cur[j]!;
      if (x === x) positioned++;
      const h = x !== x || hiddenByEllipsoid(cx, cy, cz, x, cur[j + 1]!, cur[j + 2]!, occA, occB) ? 1 : 0;
      hidden[i] = h;
      count += h;
    }
    stats.satellitesDrawn = positioned;
    return count;
  }

  function fillPoints(): void {
    const cx = camKm[0]!, cy = camKm[1]!, cz = camKm[2]!;
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      if (hidden[i] === 0) {
        pointRel[j] = cur[j]! - cx;
        pointRel[j + 1] = cur[j + 1]! - cy;
        pointRel[j + 2] = cur[j + 2]! - cz;
      } else {
        // Hidden or no position: park it at the eye, where the near plane clips it before any
        // rasterisation (cheaper than letting the occluder's depth reject a sprite).
        pointRel[j] = pointRel[j + 1] = pointRel[j + 2] = 0;
      }
    }
    pointAttr.needsUpdate = true;
  }

  function noRasterStats(footprintsOff: boolean): void {
    if (footprintsOff) stats.footprintsDrawn = stats.footprintRadiusPx = stats.footprintOpacity = 0;
    stats.footprintRasterJsMs = stats.footprintRasterWalkMs = stats.footprintRasterUploadMs = stats.footprintRasterFrameLag = 0;
    stats.footprintRasterThread = 'none';
  }

  /** This frame's camera as the raster job saw it (camKm, viewRot, proj). */
  function jobCameraMatches(): boolean {
    const c = rasterJobCamera;
    for (let i = 0; i < 3; i++) if (c[i] !== camKm[i]) return false;
    for (let i = 0; i < 16; i++) if (c[3 + i] !== viewRot[i] || c[19 + i] !== proj[i]) return false;
    return true;
  }

  /**
   * Shows the rings the raster worker walked for this frame, or, when it is late, those of the
   * previous frame, and asks for one more frame so a paused globe ends on this frame's rings.
   * False when it has none to show (the rings are then walked here).
   */
  function presentWorkerRings(): boolean {
    const job = rasterJob;
    rasterJob = 0;
    const w = rasterWorker;
    if (job === 0 || !w || !w.usable || w.width !== canvas.width || w.height !== canvas.height || !jobCameraMatches()) return false;
    const t0 = performance.now();
    if (rasterWaitMs > 0) w.waitFor(job, rasterWaitMs);
    const done = w.latest(job);
    if (!done || (done.seq !== job && rasterJobFrame[done.seq & 1] !== stats.frames - 1)) return false;
    const r = done.result;
    cpuRings.present(renderer, done.counts, w.width, w.height, writtenRect(r), r[RESULT.opacity]!);
    cpuRasterStats(r, 'worker', t0);
    stats.footprintRasterWorkerFrames++;
    stats.footprintRasterFrameLag = job - done.seq;
    if (done.seq !== job) {
      stats.footprintRasterLateFrames++;
      drawVersion++;
      scene.requestRender();
    }
    return true;
  }

  /** The same job run here, on the main thread (no shared memory, or no worker result to show). */
  function walkRingsHere(maxRadiusKm: number, rings: Float32Array): void {
    const t0 = performance.now();
    fillJob(mainJob, maxRadiusKm);
    mainRaster.resize(canvas.width, canvas.height);
    runRingRasterJob(mainJob, cur, mainRaster, rings, mainResult);
    cpuRings.present(renderer, mainRaster.counts, canvas.width, canvas.height, mainRaster.written, mainResult[RESULT.opacity]!);
    cpuRasterStats(mainResult, 'main', t0);
    stats.footprintRasterMainFrames++;
    stats.footprintRasterFrameLag = 0;
  }

  const writtenRect = (r: Float64Array<ArrayBufferLike>) => ({ x0: r[RESULT.x0]!, y0: r[RESULT.y0]!, x1: r[RESULT.x1]!, y1: r[RESULT.y1]! });

  function cpuRasterStats(r: Float64Array<ArrayBufferLike>, thread: 'worker' | 'main', t0: number): void {
    stats.footprintRadiusPx = r[RESULT.maxRadiusPx]!;
    stats.footprintOpacity = r[RESULT.opacity]!;
    stats.footprintsDrawn = r[RESULT.count]!;
    stats.footprintChords = r[RESULT.chords]!;
    stats.footprintRaster = 'cpu';
    stats.footprintRasterThread = thread;
    stats.footprintRasterJsMs = performance.now() - t0;
    stats.footprintRasterWalkMs = r[RESULT.walkMs]!;
    stats.footprintRasterUploadMs = cpuRings.timing.uploadMs;
  }

  /** This frame's cull-and-walk parameters (JOB layout; not seq or positions generation). */
  function fillJob(j: Float64Array, maxRadiusKm: number): void {
    frustumSidePlanes(viewRot, proj, planes);
    j[JOB.count] = n;
    j.set(camKm, JOB.camKm);
    j.set(viewRot, JOB.viewRot);
    j.set(proj, JOB.proj);
    j.set(planes, JOB.planes);
    j[JOB.nearKm] = nearKm;
    j[JOB.width] = canvas.width;
    j[JOB.height] = canvas.height;
    j[JOB.minElevRad] = minElevRad;
    j[JOB.maxRadiusKm] = maxRadiusKm;
    j[JOB.focalPx] = (proj[5]! * canvas.height) / 2;
    j[JOB.occluderAKm] = occA;
    j[JOB.occluderBKm] = occB;
    j[JOB.liftKm] = FOOTPRINT_LIFT_KM;
  }

  /**
   * In preRender, when the rings are walked on the CPU: the raster worker gets this frame's camera
   * and the positions just interpolated (shared), and culls and walks while Cesium renders.
   */
  function postRasterJob(maxRadiusKm: number): void {
    if (!rasterWorkerTried) {
      rasterWorkerTried = true;
      if (canShareMemory()) {
        try {
          rasterWorker = new RingRasterWorker();
        } catch {
          rasterWorker = null;
        }
      }
    }
    const w = rasterWorker;
    if (!w || !w.usable) return;
    if (w.positions !== cur) {
      const shared = w.sharePositions(cur.length);
      shared.set(cur);
      cur = shared;
    }
    syncSize();
    if (!syncCamera(maxRadiusKm + 50)) return;
    // The frame on screen again (Cesium renders every animation frame): postRender will skip it.
    if (frameKeyIsDrawn(true)) return;
    w.ensureSize(canvas.width, canvas.height);
    fillJob(w.job, maxRadiusKm);
    rasterJobCamera.set(camKm, 0);
    rasterJobCamera.set(viewRot, 3);
    rasterJobCamera.set(proj, 19);
    rasterJob = w.post();
    rasterJobFrame[rasterJob & 1] = stats.frames;
  }

  function fillRings(maxRadiusKm: number): void {
    const tex = ringTexture;
    if (!tex) return;
    if (footprintRaster === 'cpu') {
      if (!presentWorkerRings()) walkRingsHere(maxRadiusKm, tex.image.data as Float32Array);
      return;
    }
    frustumSidePlanes(viewRot, proj, planes);
    const { count, maxRadiusPx } = cullFootprints(
      {
        positionsKm: cur,
        count: n,
        cameraKm: camKm,
        planes,
        maxHalfAngleRad: footprintHalfAngleRad(maxRadiusKm, minElevRad, EARTH_MEAN_RADIUS_KM),
        meanRadiusKm: EARTH_MEAN_RADIUS_KM,
        horizonRadiusKm: occB,
        ringMaxRadiusKm: WGS84_A_KM + FOOTPRINT_LIFT_KM,
        focalPx: (proj[5]! * canvas.height) / 2,
      },
      tex.image.data as Float32Array,
    );
    const chords = ringChords(maxRadiusPx);
    const opacity = footprintOpacity(maxRadiusPx);
    stats.footprintRadiusPx = maxRadiusPx;
    stats.footprintOpacity = opacity;
    stats.footprintsDrawn = count;
    stats.footprintChords = chords;
    stats.footprintRaster = 'gpu';
    noRasterStats(false);
    const vertices = 2 * chords * count;
    let g = rings.geometry;
    const have = (g.getAttribute('position') as BufferAttribute | undefined)?.count ?? 0;
    if (have < vertices) {
      // Grow by powers of two: the attribute only carries the count (1 byte per vertex, never read).
      g.dispose();
      g = new BufferGeometry();
      g.setAttribute('position', new BufferAttribute(new Uint8Array(2 ** Math.ceil(Math.log2(vertices))), 1));
      // three computes a bounding sphere from `position` to sort transparent objects; this one is
      // not a position: give it one (the object is drawn unculled, in renderOrder).
      g.boundingSphere = new Sphere(new Vector3(), Infinity);
      rings.geometry = g;
    }
    g.setDrawRange(0, vertices);
    ringMaterial.uniforms.uChords!.value = chords;
    ringMaterial.uniforms.uOpacity!.value = opacity;
    tex.needsUpdate = true;
  }

  function fillLinks(active: Uint8Array): number {
    const cx = camKm[0]!, cy = camKm[1]!, cz = camKm[2]!;
    const l = islA.length;
    let drawn = 0;
    let front = 0;
    for (let i = 0; i < l; i++) {
      const a = 3 * islA[i]!;
      const b = 3 * islB[i]!;
      const ax = cur[a]!, ay = cur[a + 1]!, az = cur[a + 2]!;
      const bx = cur[b]!, by = cur[b + 1]!, bz = cur[b + 2]!;
      const len = Math.sqrt((bx - ax) ** 2 + (by - ay) ** 2 + (bz - az) ** 2);
      const k = 6 * i;
      // Activity comes from the engine (grazing limit, raising satellites) at the nearest snapshot;
      // NaN length (no position) hides it too, and so do two hidden ends: the region the Earth
      // hides from the eye is convex, so the whole link is behind it.
      // Rollout view: only between two operational satellites at the date (raising ones have no links).
      const on = active[i] === 1 && len === len && (rolloutStatus === null || (usable[islA[i]!] === 1 && usable[islB[i]!] === 1));
      if (on) drawn++;
      if (on && (hidden[islA[i]!] === 0 || hidden[islB[i]!] === 0)) {
        front++;
        linkPos[k] = ax - cx;
        linkPos[k + 1] = ay - cy;
        linkPos[k + 2] = az - cz;
        linkPos[k + 3] = bx - cx;
        linkPos[k + 4] = by - cy;
        linkPos[k + 5] = bz - cz;
        linkLen[2 * i] = linkLen[2 * i + 1] = len;
      } else {
        linkLen[2 * i] = linkLen[2 * i + 1] = -1;
      }
    }
    linkPosAttr.needsUpdate = true;
    linkLenAttr.needsUpdate = true;
    stats.linksInFront = front;
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

  /** Vertex buffers for `cap` beams, and per-beam arrays of that size. */
  function growBeams(set: BeamSet, cap: number): void {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array(6 * cap), 3).setUsage(DynamicDrawUsage));
    const along = new Float32Array(2 * cap);
    for (let i = 0; i < cap; i++) along[2 * i + 1] = 1;
    g.setAttribute('aAlong', new BufferAttribute(along, 1));
    set.object.geometry.dispose();
    set.object.geometry = g;
    if (set.sat.length < cap) {
      set.sat = new Int32Array(cap);
      set.groundEcefKm = new Float64Array(3 * cap);
    }
  }

  function setBeams(set: BeamSet, grounds: readonly GroundPoint[], sats: readonly number[]): void {
    const count = Math.min(grounds.length, sats.length);
    const pos = set.object.geometry.getAttribute('position') as BufferAttribute | undefined;
    // Grow (power of two) so a changing beam count does not reallocate every call.
    if (!pos || pos.count < 2 * count) growBeams(set, Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(count, 1)))));
    set.groundEcefKm = new Float64Array(3 * count);
    set.sat = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const g = grounds[i]!;
      const p = geodeticToEcef({ latRad: degToRad(g.latDeg), lonRad: degToRad(g.lonDeg), heightKm: g.altKm ?? 0 });
      set.groundEcefKm.set([p.x, p.y, p.z], 3 * i);
      set.sat[i] = sats[i]!;
    }
    set.count = count;
    drawVersion++;
    scene.requestRender();
  }

  /** Beams from the selected ground point to its other satellites in view, at the drawn positions. */
  function fillInView(): void {
    if (!terminal) {
      inView.count = 0;
      stats.userSatellitesInView = 0;
      return;
    }
    const k = visibleSatellites(terminal, cur, radToDeg(minElevRad), maxSlantKm, viewIndex, viewSlant, null, usable);
    stats.userSatellitesInView = k;
    if (inView.sat.length < k) {
      const cap = Math.max(16, 2 ** Math.ceil(Math.log2(k)));
      growBeams(inView, cap);
    }
    const p = terminal.posEcefKm;
    let m = 0;
    const serving = user.count > 0 ? user.sat[0] : -1;
    for (let j = 0; j < k; j++) {
      const s = viewIndex[j]!;
      if (s === serving) continue;
      inView.sat[m] = s;
      inView.groundEcefKm[3 * m] = p.x;
      inView.groundEcefKm[3 * m + 1] = p.y;
      inView.groundEcefKm[3 * m + 2] = p.z;
      m++;
    }
    inView.count = m;
    fillBeams(inView);
  }

  // Positions are interpolated in preRender, before Cesium draws: the ground layer's highlighted
  // path (its own preRender, registered after this one) then runs through the satellites where
  // this frame draws them, not where the previous frame did.
  let frameSnapshot: ReturnType<SnapshotCache['evaluate']>['snapshot'] = null;
  let preRenderMs = 0;
  let traceMarks = false;
  function onPreRender(): void {
    if (!info || n === 0) return;
    if (traceMarks) performance.mark(LAYER_MARKS[0]);
    const t0 = performance.now();
    const { source, snapshot } = cache.evaluate(timeUtcMs, cur, 2 * stepMs);
    // Only over freshly evaluated positions ('none' leaves cur as it was: it must not be scaled twice).
    if (snapshot) applyRolloutPositions();
    stats.source = source;
    frameSnapshot = snapshot;
    requestSnapshots();
    rasterJob = 0;
    if (snapshot && visible.footprints && footprintRaster === 'cpu') postRasterJob(snapshot.maxRadiusKm);
    preRenderMs = performance.now() - t0;
    if (traceMarks) performance.mark(LAYER_MARKS[1]);
  }

  function onPostRender(): void {
    const marked = traceMarks && info !== null && n > 0;
    if (marked) performance.mark(LAYER_MARKS[2]);
    postRender();
    if (marked) performance.mark(LAYER_MARKS[3]);
  }

  function postRender(): void {
    const t0 = performance.now() - preRenderMs;
    preRenderMs = 0;
    hasFrame = false;
    if (!info || n === 0) {
      renderer.clear();
      drawnKey[0] = Number.NaN;
      return;
    }
    const snapshot = frameSnapshot;
    syncSize();
    if (!snapshot || !syncCamera(snapshot.maxRadiusKm + 50)) {
      renderer.clear();
      drawnKey[0] = Number.NaN;
      return;
    }
    points.visible = visible.satellites;
    links.visible = visible.links;
    rings.visible = visible.footprints && footprintRaster === 'gpu';
    cpuRings.hide(); // shown by fillRings when it draws a raster
    const cpuFootprints = visible.footprints && footprintRaster === 'cpu';
    feeder.object.visible = visible.feederBeams && feeder.count > 0;
    user.object.visible = visible.userBeams && user.count > 0;
    inView.object.visible = visible.userBeams && terminal !== null;
    const anything = points.visible || links.visible || rings.visible || cpuFootprints || feeder.object.visible || user.object.visible || inView.object.visible;
    if (unchangedSinceLastDraw(anything)) {
      // Same camera, time, snapshots and layers as the frame on screen: the overlay canvas keeps
      // showing it (a WebGL canvas is only re-presented when drawn to), so a paused, still globe
      // costs the layer nothing.
      hasFrame = true;
      stats.skippedFrames++;
      endFrame(t0, performance.now());
      return;
    }
    // Satellites and links use the hidden flags; footprints and beams have their own culling.
    stats.hiddenSatellites = points.visible || links.visible ? classify() : 0;
    if (points.visible) fillPoints();
    stats.activeLinks = visible.links ? fillLinks(snapshot.islActive) : 0;
    if (feeder.object.visible) fillBeams(feeder);
    if (user.object.visible) fillBeams(user);
    if (inView.object.visible) fillInView();
    else stats.userSatellitesInView = 0;
    // Last before drawing: the raster worker has had as long as possible.
    if (visible.footprints) fillRings(snapshot.maxRadiusKm);
    else noRasterStats(true);
    hasFrame = true;
    const tr = performance.now();
    // Nothing to draw: no occluder pass and no transparent canvas for the compositor to blend.
    const vis = anything ? 'visible' : 'hidden';
    if (canvas.style.visibility !== vis) canvas.style.visibility = vis;
    if (anything) renderer.render(scene3, camera3);
    endFrame(t0, tr);
  }

  /** Everything a frame's pixels depend on, compared with the frame last drawn. */
  const KEY_LENGTH = 43;
  const drawnKey = new Float64Array(KEY_LENGTH).fill(Number.NaN);
  const frameKey = new Float64Array(KEY_LENGTH);
  function unchangedSinceLastDraw(anything: boolean): boolean {
    const same = frameKeyIsDrawn(anything);
    drawnKey.set(frameKey);
    return same;
  }

  /** Fills frameKey for this frame; true when it is the frame on screen. */
  function frameKeyIsDrawn(anything: boolean): boolean {
    const k = frameKey;
    k.set(viewRot, 0);
    k.set(proj, 16);
    k.set(camKm, 32);
    k[35] = timeUtcMs;
    k[36] = stats.snapshotsReceived;
    k[37] = drawVersion;
    k[38] = canvas.width;
    k[39] = canvas.height;
    k[40] = anything ? 1 : 0;
    k[41] = stats.revision;
    k[42] = cssWidth;
    for (let i = 0; i < KEY_LENGTH; i++) if (k[i] !== drawnKey[i]) return false;
    return true;
  }

  function endFrame(t0: number, tr: number): void {
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
  scene.preRender.addEventListener(onPreRender);
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
      visible[name] = on === true;
      drawVersion++;
      scene.requestRender();
    },
    isLayerVisible: (name) => visible[name],
    setLinkLoad(load, maxLoad) {
      const arr = linkLoadAttr.array as Float32Array;
      if (load && load.length * 2 === arr.length) {
        for (let i = 0; i < load.length; i++) arr[2 * i] = arr[2 * i + 1] = load[i]!;
        linkLoadAttr.needsUpdate = true;
        linksMaterial.uniforms.uLoadMode!.value = 1;
        linksMaterial.uniforms.uMaxLoad!.value = maxLoad;
      } else {
        linksMaterial.uniforms.uLoadMode!.value = 0;
      }
      drawVersion++;
      scene.requestRender();
    },
    setLinkUtilisation(utilisation) {
      const arr = linkLoadAttr.array as Float32Array;
      if (utilisation && utilisation.length * 2 === arr.length) {
        for (let i = 0; i < utilisation.length; i++) arr[2 * i] = arr[2 * i + 1] = utilisation[i]!;
        linkLoadAttr.needsUpdate = true;
        linksMaterial.uniforms.uLoadMode!.value = LINK_MODE_UTILISATION;
      } else if (linksMaterial.uniforms.uLoadMode!.value === LINK_MODE_UTILISATION) {
        linksMaterial.uniforms.uLoadMode!.value = 0;
      }
      drawVersion++;
      scene.requestRender();
    },
    linkColoring: () => (linksMaterial.uniforms.uLoadMode!.value === 1 ? 'load' : linksMaterial.uniforms.uLoadMode!.value === LINK_MODE_UTILISATION ? 'utilisation' : 'length'),
    setFeederBeams(beams) {
      setBeams(feeder, beams, beams.map((b) => b.satIndex));
    },
    setUserTerminal(ground) {
      terminal = ground ? groundFrame(ground.latDeg, ground.lonDeg, ground.altKm ?? 0) : null;
      drawVersion++;
      scene.requestRender();
    },
    setFootprintRaster(mode) {
      if (mode === footprintRaster) return;
      footprintRaster = mode;
      drawVersion++;
      scene.requestRender();
    },
    footprintRaster: () => footprintRaster,
    setFootprintRasterWait(ms) {
      rasterWaitMs = Number.isFinite(ms) && ms > 0 ? ms : 0;
    },
    setTraceMarks(on) {
      traceMarks = on === true;
      if (!traceMarks) for (const m of LAYER_MARKS) performance.clearMarks(m);
    },
    setRolloutStatus(status, radiusScale = null) {
      const next = status && status.length === n ? status : null;
      const nextScale = next && radiusScale && radiusScale.length === n ? radiusScale : null;
      if (next === rolloutStatus && nextScale === rolloutScale) return;
      rolloutStatus = next;
      rolloutScale = nextScale;
      applyStatus();
      scene.requestRender();
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
      scene.preRender.removeEventListener(onPreRender);
      scene.postRender.removeEventListener(onPostRender);
      cpuRings.dispose();
      rasterWorker?.dispose();
      for (const o of [points, links, rings, feeder.object, user.object, inView.object]) {
        o.geometry.dispose();
        o.material.dispose();
      }
      occluderGeometry.dispose();
      ringTexture?.dispose();
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
  hooks.constellationLayer = { projectSatellite: layer.projectSatellite, pickSatellite: layer.pickSatellite, setLayerVisible: layer.setLayerVisible, isLayerVisible: layer.isLayerVisible, drawnPositionEcefKm: layer.drawnPositionEcefKm, linkColoring: layer.linkColoring, setFootprintRaster: layer.setFootprintRaster, footprintRaster: layer.footprintRaster, setFootprintRasterWait: layer.setFootprintRasterWait, setTraceMarks: layer.setTraceMarks };
  layer.setTime(timeUtcMs);
  return layer;
}
