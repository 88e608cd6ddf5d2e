// The layer's side of the footprint-raster worker (ringRasterJob.ts says why and when). Shared
// memory needs a cross-origin isolated page (COOP same-origin + COEP require-corp: the Electron
// main process, scripts/serve.mjs and the Vite dev server send both; Electron also enables
// SharedArrayBuffer for its file:// page); where it is missing, or the worker fails, the layer
// walks the rings on the main thread as before.
import { CTRL, JOB, RESULT, type RingRasterWorkerMessage } from './ringRasterJob';

/** True when this page may share memory with a worker (posting the buffers may still fail: the layer catches it). */
export function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' && typeof Worker === 'function';
}

/** A finished job: its seq, and which of the two buffers holds its counts and result. */
export interface RingRasterDone {
  seq: number;
  counts: Uint8ClampedArray<ArrayBufferLike>;
  result: Float64Array<ArrayBufferLike>;
}

/**
 * Two counts buffers, by the parity of the job's seq: while the worker walks job f into one, the
 * layer may show job f - 1 from the other (when job f is late).
 */
export class RingRasterWorker {
  /** The job's parameters (JOB layout): fill, then post(). */
  readonly job = new Float64Array(JOB.length);
  width = 0;
  height = 0;
  /** ECEF km, 3 per satellite, read by the worker during a job. */
  positions: Float64Array<ArrayBufferLike> = new Float64Array(0);
  /**
   * False once the worker failed (an error event). A frame without a usable job (the worker two
   * frames behind, or a resize it has not seen yet) is walked on the main thread instead; that does
   * not retire the worker, so a window being resized does not lose it.
   */
  usable = true;
  private counts: Array<Uint8ClampedArray<ArrayBufferLike>> = [new Uint8ClampedArray(0), new Uint8ClampedArray(0)];
  private readonly worker: Worker;
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(4 * CTRL.length));
  private readonly params = new Float64Array(new SharedArrayBuffer(8 * 2 * JOB.length));
  private readonly results = new Float64Array(new SharedArrayBuffer(8 * 2 * RESULT.length));
  private seq = 0;
  private positionsGeneration = 0;
  /** The first seq posted for the current size (older jobs' buffers are gone). */
  private sizeFrom = 1;

  constructor() {
    this.worker = new Worker(new URL('./ringRaster.worker.ts', import.meta.url), { type: 'module', name: 'leo-ring-raster' });
    this.worker.addEventListener('error', () => (this.usable = false));
    // ctrl last: the worker starts waiting for jobs once it has it.
    this.send({ params: this.params.buffer as SharedArrayBuffer, results: this.results.buffer as SharedArrayBuffer, ctrl: this.ctrl.buffer as SharedArrayBuffer });
  }

  /** Shared positions of `length` floats (zeroed), handed to the worker. */
  sharePositions(length: number): Float64Array<ArrayBufferLike> {
    const buffer = new SharedArrayBuffer(8 * length);
    this.positions = new Float64Array(buffer);
    this.send({ positions: buffer, positionsGeneration: ++this.positionsGeneration });
    return this.positions;
  }

  /** Shared counts buffers of width x height, handed to the worker (when the size changed). */
  ensureSize(width: number, height: number): void {
    if (width === this.width && height === this.height) return;
    const buffers = [0, 1].map(() => new SharedArrayBuffer(Math.max(1, width * height)));
    this.counts = buffers.map((b) => new Uint8ClampedArray(b, 0, width * height));
    this.width = width;
    this.height = height;
    // Jobs posted before this (other size) can no longer be shown.
    this.sizeFrom = this.seq + 1;
    this.send({ counts: buffers, width, height });
  }

  /** Posts `job` (its seq set here) and returns the seq to look for in postRender. */
  post(): number {
    const seq = ++this.seq;
    this.job[JOB.seq] = seq;
    this.job[JOB.positionsGeneration] = this.positionsGeneration;
    this.params.set(this.job, (seq & 1) * JOB.length);
    // The store orders the writes above (and the positions') before the worker's load of it.
    Atomics.store(this.ctrl, CTRL.posted, seq);
    Atomics.notify(this.ctrl, CTRL.posted);
    return seq;
  }

  /**
   * Job `seq` if done; else job seq - 1 if that one is done (its buffers are not the ones being
   * written); else null. It does not wait: the worker has had Cesium's whole render for the job,
   * and where it has not finished the cores are saturated (2 cores beside SwiftShader), so a
   * spinning main thread would take the core it needs. A 1 ms spin cost ~0.5 ms a frame on
   * average and still missed most late jobs (docs/BENCHMARKS.md, "Render, sixth session").
   */
  latest(seq: number): RingRasterDone | null {
    const done = Atomics.load(this.ctrl, CTRL.done);
    const use = done === seq ? seq : done === seq - 1 ? seq - 1 : 0;
    if (use === 0 || use < this.sizeFrom) return null;
    const k = use & 1;
    return { seq: use, counts: this.counts[k]!, result: this.results.subarray(k * RESULT.length, (k + 1) * RESULT.length) };
  }

  /**
   * Busy-waits up to `ms` for job `seq` to finish (tests only: `ConstellationLayer.
   * setFootprintRasterWait`, so a test can see the worker's own pixels for a frame whatever the
   * machine's speed). True when it finished.
   */
  waitFor(seq: number, ms: number): boolean {
    const until = performance.now() + ms;
    while (Atomics.load(this.ctrl, CTRL.done) < seq) if (performance.now() > until) return false;
    return true;
  }

  dispose(): void {
    this.usable = false;
    this.worker.terminate();
  }

  private send(message: RingRasterWorkerMessage): void {
    this.worker.postMessage(message);
  }
}
