// The footprint-raster worker's job (src-renderer/globe/overlay/ringRasterJob.ts): on shared
// memory, the cull and the walk give exactly what the layer's main-thread path gives for the same
// frame (the worker runs this very function), the result block says what was drawn, and a job
// for another canvas size draws nothing.
import { describe, expect, it } from 'vitest';
import { EARTH_MEAN_RADIUS_KM, WGS84_A_KM, WGS84_B_KM } from '../../../src-core/units';
import { cullFootprints, footprintHalfAngleRad, ringChords } from '../../../src-renderer/globe/overlay/culling';
import { footprintOpacity } from '../../../src-renderer/globe/overlay/palette';
import { RingRaster } from '../../../src-renderer/globe/overlay/ringRaster';
import { JOB, RESULT, runRingRasterJob } from '../../../src-renderer/globe/overlay/ringRasterJob';
import { camera } from './overlayCamera';

const W = 960;
const H = 540;
const MIN_ELEV = (35 * Math.PI) / 180;
const OCC_A = WGS84_A_KM - 5;
const OCC_B = WGS84_B_KM - 5;
const LIFT = 2;

/** A Walker-like shell: `planes` x `perPlane` satellites at 630 km, 51.9 deg, ECEF km. */
function shell(planes: number, perPlane: number): Float64Array {
  const out = new Float64Array(3 * planes * perPlane);
  const r = EARTH_MEAN_RADIUS_KM + 630, inc = (51.9 * Math.PI) / 180;
  let k = 0;
  for (let p = 0; p < planes; p++) {
    const raan = (2 * Math.PI * p) / planes;
    for (let s = 0; s < perPlane; s++) {
      const u = (2 * Math.PI * (s + p / planes)) / perPlane;
      const x = Math.cos(u), y = Math.sin(u) * Math.cos(inc), z = Math.sin(u) * Math.sin(inc);
      out.set([r * (x * Math.cos(raan) - y * Math.sin(raan)), r * (x * Math.sin(raan) + y * Math.cos(raan)), r * z], 3 * k++);
    }
  }
  return out;
}

function job(positions: Float64Array, cam: ReturnType<typeof camera>, width = W, height = H): Float64Array {
  const j = new Float64Array(JOB.length);
  j[JOB.seq] = 7;
  j[JOB.count] = positions.length / 3;
  j.set(cam.cam, JOB.camKm);
  j.set(cam.view, JOB.viewRot);
  j.set(cam.proj, JOB.proj);
  j.set(cam.planes, JOB.planes);
  j[JOB.nearKm] = 10;
  j[JOB.width] = width;
  j[JOB.height] = height;
  j[JOB.minElevRad] = MIN_ELEV;
  j[JOB.maxRadiusKm] = Math.max(...Array.from({ length: positions.length / 3 }, (_, i) => Math.hypot(positions[3 * i]!, positions[3 * i + 1]!, positions[3 * i + 2]!)));
  j[JOB.focalPx] = (cam.proj[5]! * height) / 2;
  j[JOB.occluderAKm] = OCC_A;
  j[JOB.occluderBKm] = OCC_B;
  j[JOB.liftKm] = LIFT;
  return j;
}

describe('ring raster job (worker)', () => {
  const cam = camera(EARTH_MEAN_RADIUS_KM + 12_000, 25, -40, undefined, 60, W, H);
  const positions = shell(34, 34);

  it('walks, on shared memory, exactly the pixels the main-thread path walks, and reports them', () => {
    const sharedPos = new Float64Array(new SharedArrayBuffer(8 * positions.length));
    sharedPos.set(positions);
    const raster = new RingRaster();
    raster.adopt(new Uint8ClampedArray(new SharedArrayBuffer(W * H)), W, H);
    const result = new Float64Array(new SharedArrayBuffer(8 * RESULT.length));
    const j = job(sharedPos, cam);
    expect(runRingRasterJob(j, sharedPos, raster, new Float32Array((4 * positions.length) / 3), result)).toBe(true);

    // The layer's main-thread path (constellationLayer.ts fillRings + cpuFootprints.ts draw).
    const rings = new Float32Array((4 * positions.length) / 3);
    const { count, maxRadiusPx } = cullFootprints(
      {
        positionsKm: positions,
        count: positions.length / 3,
        cameraKm: cam.cam,
        planes: cam.planes,
        maxHalfAngleRad: footprintHalfAngleRad(j[JOB.maxRadiusKm]!, MIN_ELEV, EARTH_MEAN_RADIUS_KM),
        meanRadiusKm: EARTH_MEAN_RADIUS_KM,
        horizonRadiusKm: OCC_B,
        ringMaxRadiusKm: WGS84_A_KM + LIFT,
        focalPx: j[JOB.focalPx]!,
      },
      rings,
    );
    const main = new RingRaster();
    main.resize(W, H);
    const chords = ringChords(maxRadiusPx);
    main.draw({ positionsKm: positions, rings, count, chords, cameraKm: cam.cam, viewRot: cam.view, proj: cam.proj, minElevationRad: MIN_ELEV, meanRadiusKm: EARTH_MEAN_RADIUS_KM, ellipsoidAKm: WGS84_A_KM, ellipsoidBKm: WGS84_B_KM, liftKm: LIFT, occluderAKm: OCC_A, occluderBKm: OCC_B, nearKm: 10 });

    expect(count, 'a whole-Earth view culls some rings and keeps many').toBeGreaterThan(300);
    expect(count).toBeLessThan(positions.length / 3);
    expect(main.pixels).toBeGreaterThan(10_000);
    expect(result[RESULT.count]).toBe(count);
    expect(result[RESULT.maxRadiusPx]).toBe(maxRadiusPx);
    expect(result[RESULT.chords]).toBe(chords);
    expect(result[RESULT.opacity]).toBe(footprintOpacity(maxRadiusPx));
    expect(result[RESULT.pixels]).toBe(main.pixels);
    expect([result[RESULT.x0], result[RESULT.y0], result[RESULT.x1], result[RESULT.y1]]).toEqual([main.written.x0, main.written.y0, main.written.x1, main.written.y1]);
    let diff = 0;
    for (let i = 0; i < W * H; i++) if (raster.counts[i] !== main.counts[i]) diff++;
    expect(diff, 'pixels that differ').toBe(0);
    expect(result[RESULT.cullMs]).toBeGreaterThanOrEqual(0);
    expect(result[RESULT.walkMs]).toBeGreaterThan(0);

    // The next job (camera moved) clears what this one drew: nothing outside its own rings stays.
    const cam2 = camera(EARTH_MEAN_RADIUS_KM + 12_000, -30, 100, undefined, 60, W, H);
    const j2 = job(sharedPos, cam2);
    runRingRasterJob(j2, sharedPos, raster, new Float32Array((4 * positions.length) / 3), result);
    const again = new RingRaster();
    again.adopt(new Uint8ClampedArray(new SharedArrayBuffer(W * H)), W, H);
    runRingRasterJob(j2, sharedPos, again, new Float32Array((4 * positions.length) / 3), new Float64Array(RESULT.length));
    let diff2 = 0;
    for (let i = 0; i < W * H; i++) if (raster.counts[i] !== again.counts[i]) diff2++;
    expect(diff2, 'pixels left over from the previous job').toBe(0);
  });

  it('draws nothing for a job of another canvas size (its counts buffer has not arrived yet)', () => {
    const raster = new RingRaster();
    raster.adopt(new Uint8ClampedArray(new SharedArrayBuffer(W * H)), W, H);
    const result = new Float64Array(RESULT.length).fill(-1);
    expect(runRingRasterJob(job(positions, cam, W + 2, H), positions, raster, new Float32Array((4 * positions.length) / 3), result)).toBe(false);
    expect(raster.counts.every((c) => c === 0)).toBe(true);
    expect(result[RESULT.count]).toBe(-1);
    expect(() => raster.adopt(new Uint8ClampedArray(10), W, H)).toThrow(/10 bytes for 960 x 540/);
  });
});
