// One frame's footprint rings, culled and walked (ringRaster.ts) off the main thread, in the SAME
// frame: the layer posts the job in Cesium's preRender, when the frame's time and camera are final,
// the raster worker (ringRaster.worker.ts) culls and walks while the main thread runs Cesium's own
// render (~10-15 ms of JavaScript and GPU-process round trips on software WebGL), and the layer
// picks the counts up in postRender from shared memory (rasterWorker.ts). Nothing is predicted
// and nothing lags: the rings are those of the displayed time and camera, as on the main thread.
//
// This module is the job itself: the parameter and result layouts and `runRingRasterJob`, a pure
// function on typed arrays, so the worker is only wiring and the unit tests run the very code
// the worker runs.
import { EARTH_MEAN_RADIUS_KM, WGS84_A_KM, WGS84_B_KM } from '../../../src-core/units';
import { cullFootprints, footprintHalfAngleRad, ringChords } from './culling';
import { footprintOpacity } from './palette';
import type { RingRaster } from './ringRaster';

/** Slots of the control block (Int32Array over shared memory): the seq of the job last posted, and of the last done. */
export const CTRL = { posted: 0, done: 1, length: 2 } as const;

/**
 * The shared buffers the layer hands the raster worker (each when it is made). Jobs do not come as
 * messages: the layer writes the parameters into `params` (slot seq & 1, JOB layout), stores the
 * seq in ctrl[CTRL.posted] and notifies; the worker stores it in ctrl[CTRL.done] when it has walked it.
 */
export interface RingRasterWorkerMessage {
  ctrl?: SharedArrayBuffer;
  /** Two parameter slots (JOB.length float64 each), by seq parity. */
  params?: SharedArrayBuffer;
  /** Two result slots (RESULT.length float64 each), by seq parity. */
  results?: SharedArrayBuffer;
  /** ECEF km, 3 per satellite (the layer's interpolated positions, written in preRender). */
  positions?: SharedArrayBuffer;
  /** Jobs for these positions carry this in JOB.positionsGeneration (others fail: positions of another scenario). */
  positionsGeneration?: number;
  /** Two buffers of ring counts, width x height bytes, rows from the top: job seq walks into counts[seq & 1]. */
  counts?: SharedArrayBuffer[];
  width?: number;
  height?: number;
}

/** Offsets in a job's parameters (one Float64Array, posted with the job). */
export const JOB = {
  seq: 0,
  /** Satellites in the positions buffer (3 ECEF km each). */
  count: 1,
  camKm: 2,
  viewRot: 5,
  proj: 21,
  planes: 37,
  nearKm: 53,
  width: 54,
  height: 55,
  minElevRad: 56,
  /** Largest geocentric radius of any satellite this frame (km): the largest footprint. */
  maxRadiusKm: 57,
  /** Device px per km at 1 km from the eye. */
  focalPx: 58,
  occluderAKm: 59,
  occluderBKm: 60,
  liftKm: 61,
  positionsGeneration: 62,
  length: 63,
} as const;

/** Offsets in a job's result (Float64Array over shared memory, two of them by seq parity; valid once `done` holds its seq). */
export const RESULT = {
  count: 0,
  maxRadiusPx: 1,
  chords: 2,
  opacity: 3,
  x0: 4,
  y0: 5,
  x1: 6,
  y1: 7,
  cullMs: 8,
  walkMs: 9,
  pixels: 10,
  length: 11,
} as const;

/**
 * Culls the rings of `positionsKm` for the job's camera and walks them into `raster`. Returns
 * false, drawing nothing, when the raster is not the job's size (the counts buffer for a resized
 * canvas has not reached the worker): the layer then walks the frame itself.
 */
export function runRingRasterJob(job: Float64Array, positionsKm: Float64Array, raster: RingRaster, rings: Float32Array, result: Float64Array, now: () => number = () => performance.now()): boolean {
  if (raster.width !== job[JOB.width] || raster.height !== job[JOB.height]) return false;
  const t0 = now();
  const camKm = job.subarray(JOB.camKm, JOB.camKm + 3);
  const viewRot = job.subarray(JOB.viewRot, JOB.viewRot + 16);
  const proj = job.subarray(JOB.proj, JOB.proj + 16);
  const minElevationRad = job[JOB.minElevRad]!;
  const occB = job[JOB.occluderBKm]!;
  const liftKm = job[JOB.liftKm]!;
  const { count, maxRadiusPx } = cullFootprints(
    {
      positionsKm,
      count: Math.min(job[JOB.count]!, positionsKm.length / 3, rings.length / 4),
      cameraKm: camKm,
      planes: job.subarray(JOB.planes, JOB.planes + 16),
      maxHalfAngleRad: footprintHalfAngleRad(job[JOB.maxRadiusKm]!, minElevationRad, EARTH_MEAN_RADIUS_KM),
      meanRadiusKm: EARTH_MEAN_RADIUS_KM,
      horizonRadiusKm: occB,
      ringMaxRadiusKm: WGS84_A_KM + liftKm,
      focalPx: job[JOB.focalPx]!,
    },
    rings,
  );
  const chords = ringChords(maxRadiusPx);
  const t1 = now();
  raster.draw({
    positionsKm,
    rings,
    count,
    chords,
    cameraKm: camKm,
    viewRot,
    proj,
    minElevationRad,
    meanRadiusKm: EARTH_MEAN_RADIUS_KM,
    ellipsoidAKm: WGS84_A_KM,
    ellipsoidBKm: WGS84_B_KM,
    liftKm,
    occluderAKm: job[JOB.occluderAKm]!,
    occluderBKm: occB,
    nearKm: job[JOB.nearKm]!,
  });
  const w = raster.written;
  result[RESULT.count] = count;
  result[RESULT.maxRadiusPx] = maxRadiusPx;
  result[RESULT.chords] = chords;
  result[RESULT.opacity] = footprintOpacity(maxRadiusPx);
  result[RESULT.x0] = w.x0;
  result[RESULT.y0] = w.y0;
  result[RESULT.x1] = w.x1;
  result[RESULT.y1] = w.y1;
  result[RESULT.cullMs] = t1 - t0;
  result[RESULT.walkMs] = now() - t1;
  result[RESULT.pixels] = raster.pixels;
  return true;
}
