// Camera limits and the home view. The home view is the start-up view (Africa and Europe, the
// whole disc in sight); the zoom-out limit keeps the Earth a readable size instead of letting
// the wheel shrink it to a dot in empty space.
import { Cartesian3, Cartographic, Ellipsoid, Math as CesiumMath, Matrix4, Transforms, type Camera, type CesiumWidget } from '@cesium/engine';
import type { CameraView } from '../../src-core/scenario/schema';
import { cartesianFromDegreesKm, kmToM, mToKm } from './units';

/** Start-up view and what the Home button returns to. */
export const HOME_VIEW = { lonDeg: 15, latDeg: 15, heightKm: 12_000 } as const;
/** WGS84 equatorial radius. */
const EARTH_RADIUS_KM = 6378.137;
/** Zoom-out limit, camera height above the ellipsoid: about 5 Earth radii (the disc still fills a quarter of a 720 px view). */
export const MAX_ZOOM_OUT_KM = 5 * EARTH_RADIUS_KM;
const HOME_FLIGHT_S = 0.8;

const scratchCarto = new Cartographic();

/**
 * Pulls the camera back down to MAX_ZOOM_OUT_KM along its radial direction when it went higher;
 * call after the camera controller moved it and before the frame renders (scene.preRender).
 * True when it moved the camera.
 *
 * Why not ScreenSpaceCameraController.maximumZoomDistance: with it set, a wheel turn at the limit
 * (Chromium 150, Cesium 1.140) makes the controller rotate about a zero axis ("normalized result
 * is not a number") and Cesium stops rendering for good. Clamping the result is equivalent for
 * the user and cannot produce that.
 */
export function clampCameraHeight(camera: Camera): boolean {
  // Only the free (world-frame) camera; a lookAt frame keeps its own limits.
  if (!Matrix4.equals(camera.transform, Matrix4.IDENTITY)) return false;
  const c = Cartographic.fromCartesian(camera.position, Ellipsoid.WGS84, scratchCarto);
  if (!c) return false;
  const excessM = c.height - kmToM(MAX_ZOOM_OUT_KM);
  if (!(excessM > 0)) return false;
  const r = Cartesian3.magnitude(camera.position);
  Cartesian3.multiplyByScalar(camera.position, (r - excessM) / r, camera.position);
  return true;
}

/**
 * The camera controller's inertia states (Cesium 1.140 ScreenSpaceCameraController privates). A
 * wheel or drag keeps coasting for up to ~1.6 s after the input (inertiaZoom 0.8): the controller
 * moves the camera on every animation frame until the motion decays, and frames are drawn on
 * request, so on a fast machine (or software WebGL between frames) that is dozens of moves.
 */
const INERTIA_STATES = ['_lastInertiaSpinMovement', '_lastInertiaZoomMovement', '_lastInertiaTiltMovement', '_lastInertiaTranslateMovement'] as const;

/**
 * Ends any coasting of the camera controller, so that a flight or a view set now lands where it
 * was sent (Home after a hard wheel turn came back ~250 km short). Cesium has no public call for
 * it; the controller itself switches other movements' inertia off this way when a new input
 * starts (activateInertia), and the user's next input switches it on again.
 *
 * It also makes the controller forget the world point its last wheel zoom was anchored to.
 * Cesium 1.140 (ScreenSpaceCameraController handleZoom) picks that point only when a wheel turn
 * starts at a different pixel from the last one; at the same pixel it reuses the old point. After
 * a flight (search, Home, a bookmark) the camera looks somewhere else, so a wheel turn with the
 * mouse where it was zoomed towards the old point, often on the far side of the Earth: the view
 * jumped thousands of km (measured: 14 of 30 turns). The controller resets it the same way
 * itself (_zoomMouseStart.x = -1).
 */
export function stopCameraInertia(): void {
  const controller = getLiveViewer()?.scene.screenSpaceCameraController as unknown as Record<string, { inertiaEnabled?: boolean; x?: number } | undefined> | undefined;
  if (!controller) return;
  for (const k of INERTIA_STATES) {
    const st = controller[k];
    if (st && typeof st === 'object') st.inertiaEnabled = false;
  }
  const zoomStart = controller._zoomMouseStart;
  if (zoomStart && typeof zoomStart.x === 'number') zoomStart.x = -1;
}

/**
 * Makes the camera's heading, pitch and roll getters read-only in fact. Cesium 1.140's getters
 * move the camera into the local east-north-up frame and back (Camera._setTransform twice), which
 * rewrites direction, up and right with rounding noise; and Cesium reads heading and roll on every
 * frame while anything listens to camera.changed (its own entity clustering always does). On some
 * poses that round trip never settles: it flips the last bits back and forth (about 1e-15), so
 * the camera "moved" on every frame, moveEnd never fired and the still globe redrew at full rate
 * until the next input (measured in a probe of flights, each followed by a wheel turn with the
 * mouse still: 4 turns and 2 flights in about 670 moves never came to rest; none of 540 with
 * this). These instance getters do the same arithmetic on the world-frame vectors (the local
 * frame at the camera's world position, as Cesium's do in every mode; they return undefined while
 * morphing between modes, which this app never does) without touching the camera.
 */
export function keepOrientationReadsStill(camera: Camera): void {
  const enu = new Matrix4();
  const d = new Cartesian3(), u = new Cartesian3(), r = new Cartesian3();
  /** `v` (world frame) in the east-north-up frame at the camera: the transpose of that rotation. */
  const toLocal = (v: Cartesian3, out: Cartesian3) => {
    out.x = enu[0]! * v.x + enu[1]! * v.y + enu[2]! * v.z;
    out.y = enu[4]! * v.x + enu[5]! * v.y + enu[6]! * v.z;
    out.z = enu[8]! * v.x + enu[9]! * v.y + enu[10]! * v.z;
  };
  const local = () => {
    Transforms.eastNorthUpToFixedFrame(camera.positionWC, Ellipsoid.WGS84, enu);
    toLocal(camera.directionWC, d);
    toLocal(camera.upWC, u);
    Cartesian3.cross(d, u, r);
  };
  // Cesium's getHeading, getPitch and getRoll (Camera.js), on the local vectors.
  const nearVertical = () => CesiumMath.equalsEpsilon(Math.abs(d.z), 1.0, CesiumMath.EPSILON3);
  const angles = {
    heading: () => CesiumMath.TWO_PI - CesiumMath.zeroToTwoPi((nearVertical() ? Math.atan2(u.y, u.x) : Math.atan2(d.y, d.x)) - CesiumMath.PI_OVER_TWO),
    pitch: () => CesiumMath.PI_OVER_TWO - CesiumMath.acosClamped(d.z),
    roll: () => (nearVertical() ? 0 : CesiumMath.zeroToTwoPi(Math.atan2(-r.z, u.z) + CesiumMath.TWO_PI)),
  };
  for (const name of ['heading', 'pitch', 'roll'] as const) {
    Object.defineProperty(camera, name, { configurable: true, get: () => (local(), angles[name]()) });
  }
}

/**
 * Makes a rotation about a zero axis no rotation, as it is. Cesium 1.140's wheel zoom rotates the
 * camera about cross(picked point, centre point), which is zero when the two are the same point
 * (a turn over the exact centre), and Quaternion.fromAxisAngle then throws: the frame failed, the
 * render watchdog (globe.ts) restarted the loop and that wheel turn was lost. Cesium's own pan
 * (pan3D) skips such an axis; the live camera now does for every caller.
 */
export function skipZeroAxisRotations(camera: Camera): void {
  const rotate = camera.rotate.bind(camera);
  camera.rotate = (axis: Cartesian3, angle?: number) => {
    if (Cartesian3.equalsEpsilon(axis, Cartesian3.ZERO, CesiumMath.EPSILON14)) return;
    rotate(axis, angle);
  };
}

export function setHomeView(camera: Camera): void {
  camera.setView({ destination: cartesianFromDegreesKm(HOME_VIEW.lonDeg, HOME_VIEW.latDeg, HOME_VIEW.heightKm) });
}

export function flyHome(camera: Camera): void {
  stopCameraInertia();
  camera.flyTo({ destination: cartesianFromDegreesKm(HOME_VIEW.lonDeg, HOME_VIEW.latDeg, HOME_VIEW.heightKm), duration: HOME_FLIGHT_S });
}

/** Where the camera is, in geodetic degrees and km above the ellipsoid. */
export function cameraPlace(camera: Camera): { latDeg: number; lonDeg: number; heightKm: number } {
  const c = Cartographic.fromCartesian(camera.positionWC, Ellipsoid.WGS84);
  return { latDeg: (c.latitude * 180) / Math.PI, lonDeg: (c.longitude * 180) / Math.PI, heightKm: mToKm(c.height) };
}

// The live globe registers its camera here, so the UI (Home button, shortcut) can reach it
// without holding the viewer.
let homeHandler: (() => void) | null = null;

export function setHomeHandler(fn: (() => void) | null): void {
  homeHandler = fn;
}

/** Flies the camera back to the home view; false when no globe is live. */
export function goHome(): boolean {
  if (!homeHandler) return false;
  homeHandler();
  return true;
}

// The live viewer, for UI that drives the camera or captures frames (demo mode's tour and
// exports) without holding the React tree's globe.
let liveViewer: CesiumWidget | null = null;

export function setLiveViewer(viewer: CesiumWidget | null): void {
  liveViewer = viewer;
}

/** The globe's viewer while one is live and not destroyed, else null. */
export function getLiveViewer(): CesiumWidget | null {
  return liveViewer && !liveViewer.isDestroyed() ? liveViewer : null;
}

/** The camera as the scenario's `view.camera` stores it (degrees, km). */
export function cameraViewOf(camera: Camera): CameraView {
  return { ...cameraPlace(camera), headingDeg: CesiumMath.toDegrees(camera.heading), pitchDeg: CesiumMath.toDegrees(camera.pitch) };
}

// The live globe's camera, for saving it into a scenario and restoring it on open.
let liveCamera: Camera | null = null;

export function setLiveCamera(camera: Camera | null): void {
  liveCamera = camera;
}

/** The live camera's view, or null when no globe is live. */
export function currentCameraView(): CameraView | null {
  return liveCamera ? cameraViewOf(liveCamera) : null;
}

/** Puts the live camera where `v` says; false when no globe is live. */
export function restoreCameraView(v: CameraView): boolean {
  if (!liveCamera) return false;
  stopCameraInertia();
  liveCamera.setView({ destination: cartesianFromDegreesKm(v.lonDeg, v.latDeg, v.heightKm), orientation: { heading: CesiumMath.toRadians(v.headingDeg), pitch: CesiumMath.toRadians(v.pitchDeg), roll: 0 } });
  return true;
}
