// Entry of the footprint-raster Web Worker (bundled by Vite from `new Worker(new URL(...))` in
// rasterWorker.ts). Only wiring: the job is ringRasterJob.ts, run on shared memory. Buffers
// arrive as messages; jobs arrive through the control block (Atomics.notify on `posted`), so
// posting one costs the layer's frame a store and a notify, not a structured clone.
import { RingRaster } from './ringRaster';
import { CTRL, JOB, RESULT, runRingRasterJob, type RingRasterWorkerMessage } from './ringRasterJob';

interface AtomicsWithWaitAsync {
  waitAsync(typedArray: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

// One raster per counts buffer: job seq walks into rasters[seq & 1] (each clears what it drew last).
const rasters = [new RingRaster(), new RingRaster()];
let ctrl: Int32Array | null = null;
let params: Float64Array | null = null;
let results: Float64Array | null = null;
let positions: Float64Array<ArrayBufferLike> = new Float64Array(0);
let positionsGeneration = -1;
let rings = new Float32Array(0);
const job = new Float64Array(JOB.length);

self.addEventListener('message', (event: MessageEvent<RingRasterWorkerMessage>) => {
  const m = event.data;
  if (m.results) results = new Float64Array(m.results);
  if (m.params) params = new Float64Array(m.params);
  if (m.positions) {
    positions = new Float64Array(m.positions);
    positionsGeneration = m.positionsGeneration ?? -1;
    if (rings.length < (4 * positions.length) / 3) rings = new Float32Array((4 * positions.length) / 3);
  }
  if (m.counts) m.counts.forEach((b, k) => rasters[k]!.adopt(new Uint8ClampedArray(b), m.width ?? 0, m.height ?? 0));
  if (m.ctrl && !ctrl) {
    ctrl = new Int32Array(m.ctrl);
    void loop(ctrl);
  }
});

/** Runs the newest posted job, then sleeps until the layer posts another. */
async function loop(c: Int32Array): Promise<void> {
  let seen = 0;
  for (;;) {
    const seq = Atomics.load(c, CTRL.posted);
    if (seq === seen || !params || !results) {
      const w = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(c, CTRL.posted, seq);
      if (w.async) await w.value;
      else await new Promise((r) => setTimeout(r, 0)); // buffers not here yet: let their message in
      continue;
    }
    seen = seq;
    const k = seq & 1;
    job.set(params.subarray(k * JOB.length, (k + 1) * JOB.length));
    // The layer writes a slot two jobs later: if it has moved on past this one, skip to the newest.
    if (Atomics.load(c, CTRL.posted) !== seq || job[JOB.seq] !== seq) continue;
    // A job that cannot be walked (positions of a replaced scenario, a size not arrived yet) is not
    // marked done: the layer walks that frame itself.
    const ok = job[JOB.positionsGeneration] === positionsGeneration && runRingRasterJob(job, positions, rasters[k]!, rings, results.subarray(k * RESULT.length, (k + 1) * RESULT.length));
    if (ok) Atomics.store(c, CTRL.done, seq);
  }
}
