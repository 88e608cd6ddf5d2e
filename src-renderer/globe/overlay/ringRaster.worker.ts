// Entry of the footprint-raster Web Worker (bundled by Vite from `new Worker(new URL(...))` in
// rasterWorker.ts). Only wiring: the job is ringRasterJob.ts, run on shared memory.
import { RingRaster } from './ringRaster';
import { CTRL, JOB, RESULT, runRingRasterJob, type RingRasterWorkerMessage } from './ringRasterJob';

// One raster per counts buffer: job seq walks into rasters[seq & 1] (each clears what it drew last).
const rasters = [new RingRaster(), new RingRaster()];
let ctrl: Int32Array | null = null;
let results: Float64Array | null = null;
let positions: Float64Array<ArrayBufferLike> = new Float64Array(0);
let rings = new Float32Array(0);

self.addEventListener('message', (event: MessageEvent<RingRasterWorkerMessage>) => {
  const m = event.data;
  if (m.ctrl) ctrl = new Int32Array(m.ctrl);
  if (m.result) results = new Float64Array(m.result);
  if (m.positions) {
    positions = new Float64Array(m.positions);
    if (rings.length < (4 * positions.length) / 3) rings = new Float32Array((4 * positions.length) / 3);
  }
  if (m.counts) m.counts.forEach((b, k) => rasters[k]!.adopt(new Uint8ClampedArray(b), m.width ?? 0, m.height ?? 0));
  if (m.job && ctrl && results) {
    const seq = m.job[JOB.seq]!;
    // Pairs with the layer's store before posting: its writes to the positions are visible here.
    // A newer job is waiting already (this one came too late to be shown): skip to it.
    if (Atomics.load(ctrl, CTRL.posted) !== seq) return void Atomics.store(ctrl, CTRL.failed, seq);
    const k = seq & 1;
    const ok = runRingRasterJob(m.job, positions, rasters[k]!, rings, results.subarray(k * RESULT.length, (k + 1) * RESULT.length));
    Atomics.store(ctrl, ok ? CTRL.done : CTRL.failed, seq);
  }
});

self.postMessage({ type: 'ready' });
