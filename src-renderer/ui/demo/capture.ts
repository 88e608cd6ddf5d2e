// Exports of demo mode: a still (PNG at a chosen resolution) and a video of the tour (WebM:
// WebCodecs' VideoEncoder, muxed by webmMuxer.ts), both rendered by the live globe at the export's own size and composited with
// the captions on a 2D canvas. Fully offline: the file is made in the page and saved through
// the platform bridge.
//
// Frame timing follows the tour's clock, not the wall clock: video frame k shows tour time k/fps
// and is stamped k/fps in the file, so a slow (software-rendered) machine records the same tour,
// only taking longer to do it. With a rollout date set (the tour's rollout option), each frame
// waits for the engine's figures of its date before it is recorded, for the same reason. Why not MediaRecorder on a canvas stream: it stamps frames with
// wall-clock capture times and drops frames while its encoder is busy; on our loaded build
// machines (SwiftShader, 2 cores) it wrote 1080p WebM files with no frame at all.
import type { CesiumWidget } from '@cesium/engine';
import { utcMs } from '../../../src-core/units';
import { getLiveViewer } from '../../globe/camera';
import { installLeoHooks } from '../../globe/hooks';
import { getBridge } from '../../platform/bridge';
import { appStore } from '../../state/store';
import { useRollout } from '../rollout/rolloutStore';
import { currentCaptions, drawCaptions, formatUtcDate, PENDING, type Captions } from './captions';
import { demoStore, logDemoEvent, type ExportedCaptions, type ExportKind } from './demoStore';
import { applyTourTime } from './tour';
import { muxWebm, type EncodedFrame } from './webmMuxer';

export const STILL_SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
  { width: 3840, height: 2160 },
] as const;
export const VIDEO_SIZE = { width: 1920, height: 1080 } as const;
export const VIDEO_FPS = 30;
export const DEFAULT_VIDEO_S = 20;
export const MAX_VIDEO_S = 600;
const VIDEO_BITS_PER_S = 8_000_000;
/** A frame is captured once the globe's tiles are in, or after this many frames regardless. */
const MAX_SETTLE_FRAMES = 90;

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'ExportCancelled';
  }
}

function cancelled(): boolean {
  return demoStore.getState().exportRun?.cancelRequested ?? true;
}

/** How long an export waits for the figures of one rollout date; after one such wait it stops waiting (frames say "—"). */
const FIGURES_WAIT_MS = 120_000;

/** True when no rollout date is set, or the engine has answered for the one that is. */
function rolloutFiguresIn(): boolean {
  const r = useRollout.getState();
  return r.dateMs === null || (r.figures !== null && r.figures.dateMs === r.dateMs);
}

/** Resolves true once the rollout date's figures are in (or the export is cancelled), false after `timeoutMs`. */
function whenRolloutFigures(timeoutMs: number): Promise<boolean> {
  if (rolloutFiguresIn()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      offRollout();
      offDemo();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const offRollout = useRollout.subscribe(() => rolloutFiguresIn() && finish(true));
    const offDemo = demoStore.subscribe(() => cancelled() && finish(true));
  });
}

/** One export's wait for rollout figures: each frame waits for its date's, until one wait times out. */
class FiguresGate {
  private gaveUp = false;
  async wait(): Promise<void> {
    if (this.gaveUp || (await whenRolloutFigures(FIGURES_WAIT_MS))) return;
    this.gaveUp = true;
    const dateMs = useRollout.getState().dateMs;
    appStore.getState().notify('info', `The rollout figures of ${dateMs === null ? 'the date' : formatUtcDate(dateMs)} did not arrive within ${FIGURES_WAIT_MS / 1000} s: this export shows "—" where they are missing.`);
  }
}

/** Renders the globe at width x height device px while `fn` runs (the view's CSS box is scaled down to fit the window). */
async function atSize<T>(viewer: CesiumWidget, width: number, height: number, fn: () => Promise<T>): Promise<T> {
  const box = (viewer.container.closest('.globe') as HTMLElement | null) ?? viewer.container as HTMLElement;
  const saved = box.getAttribute('style');
  const savedScale = viewer.resolutionScale;
  const k = Math.max(1, width / window.innerWidth, height / window.innerHeight);
  Object.assign(box.style, { position: 'fixed', left: '0', top: '0', right: 'auto', bottom: 'auto', width: `${width / k}px`, height: `${height / k}px`, zIndex: '0' });
  viewer.resolutionScale = k;
  try {
    return await fn();
  } finally {
    if (saved === null) box.removeAttribute('style');
    else box.setAttribute('style', saved);
    viewer.resolutionScale = savedScale;
  }
}

/** Frames the constellation overlay actually drew (it skips frames when nothing changed). */
function overlayDraws(): number | null {
  const st = installLeoHooks().layerStats;
  return st ? st.frames - st.skippedFrames : null;
}

/**
 * Composites the next fully rendered frame (tiles loaded, the overlay drawn in that very frame)
 * into `out`, inside Cesium's postRender: a WebGL canvas can only be read in the task that drew it.
 * `isCancelled` defaults to the demo export's cancel button (the planning report passes its own).
 */
export function captureFrame(viewer: CesiumWidget, out: HTMLCanvasElement, timeUtcMs: number, isCancelled: () => boolean = cancelled): Promise<Captions> {
  return new Promise((resolve, reject) => {
    const scene = viewer.scene;
    let frames = 0;
    let draws = overlayDraws();
    const onPost = () => {
      frames++;
      const nowDraws = overlayDraws();
      const drewOverlay = nowDraws === null || nowDraws !== draws;
      draws = nowDraws;
      const settled = (scene.globe.tilesLoaded && frames >= 2) || frames >= MAX_SETTLE_FRAMES;
      if (isCancelled()) {
        scene.postRender.removeEventListener(onPost);
        reject(new ExportCancelled());
        return;
      }
      if (!settled) {
        // Frames are drawn on request (globe.ts): keep them coming until the view has settled.
        scene.requestRender();
        return;
      }
      if (!drewOverlay) {
        // Same time and camera as the frame on screen: the overlay skipped drawing. Move the
        // clock by 1 ms so it draws the next frame, which is then the one captured.
        appStore.getState().setTime(utcMs(appStore.getState().timeUtcMs + 1));
        return;
      }
      scene.postRender.removeEventListener(onPost);
      try {
        const ctx = out.getContext('2d');
        if (!ctx) throw new Error('no 2D canvas context for the export');
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, out.width, out.height);
        const layers = viewer.canvas.parentElement?.querySelectorAll('canvas') ?? [viewer.canvas];
        for (const c of layers) if (c.width > 0 && c.height > 0) ctx.drawImage(c, 0, 0, out.width, out.height);
        const captions = currentCaptions(utcMs(timeUtcMs));
        drawCaptions(ctx, out.width, out.height, captions);
        resolve(captions);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    };
    scene.postRender.addEventListener(onPost);
    scene.requestRender();
  });
}

function stamp(): string {
  return new Date(appStore.getState().timeUtcMs).toISOString().slice(0, 16).replace(/[:T]/g, '-');
}

export function slug(): string {
  return appStore.getState().scenario.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
}

export function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
}

function progress(done: number, total: number, phase: string): void {
  const run = demoStore.getState().exportRun;
  if (run) demoStore.setState({ exportRun: { ...run, done, total, phase } });
}

interface Outcome {
  blob: Blob | null;
  frames: number;
  captions: ExportedCaptions;
}

/** Counts the frames whose captions show "—" (a figure not in yet), and keeps the last frame's. */
class CaptionTally implements ExportedCaptions {
  pendingFrames = 0;
  last: ExportedCaptions['last'] = null;
  add(c: Captions): void {
    if (c.date === PENDING || c.satellites === PENDING || c.served === PENDING) this.pendingFrames++;
    this.last = { date: c.date, satellites: c.satellites, served: c.served };
  }
}

async function runExport(kind: ExportKind, width: number, height: number, total: number, make: (viewer: CesiumWidget) => Promise<Outcome>): Promise<void> {
  const viewer = getLiveViewer();
  const st = appStore.getState();
  if (!viewer) {
    st.notify('error', 'Nothing exported: the globe is not running (it needs WebGL).');
    return;
  }
  if (demoStore.getState().exportRun) return;
  demoStore.setState({ exportRun: { kind, done: 0, total, phase: 'rendering', cancelRequested: false } });
  logDemoEvent({ type: 'export-start', kind });
  const end = (outcome: 'saved' | 'cancelled' | 'failed', bytes: number, frames: number, error?: string, captions?: ExportedCaptions) =>
    logDemoEvent({ type: 'export-end', kind, outcome, bytes, frames, width, height, ...(error ? { error } : {}), ...(captions ? { captions } : {}) });
  try {
    const { blob, frames, captions } = await atSize(viewer, width, height, () => make(viewer));
    if (!blob || cancelled()) {
      end('cancelled', 0, frames, undefined, captions);
      return;
    }
    const name = `${slug()}-${stamp()}-${width}x${height}.${kind}`;
    const saved = await getBridge().saveExport({ blob, suggestedName: name });
    if (!saved) {
      end('cancelled', blob.size, frames, undefined, captions);
      return;
    }
    end('saved', blob.size, frames, undefined, captions);
    st.notify('info', `Exported ${saved.name} (${(blob.size / 1e6).toFixed(1)} MB)`);
  } catch (e) {
    if (e instanceof ExportCancelled) {
      end('cancelled', 0, 0);
      return;
    }
    const msg = e instanceof Error ? e.message : String(e);
    end('failed', 0, 0, msg);
    st.notify('error', `Export failed: ${msg}`);
  } finally {
    demoStore.setState({ exportRun: null });
  }
}

/** A still of the current view and time, width x height px, with the captions. */
export function exportStill(width: number, height: number): Promise<void> {
  return runExport('png', width, height, 1, async (viewer) => {
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    await new FiguresGate().wait();
    const captions = new CaptionTally();
    captions.add(await captureFrame(viewer, out, appStore.getState().timeUtcMs));
    progress(1, 1, 'encoding');
    return { blob: await toBlob(out), frames: 1, captions };
  });
}

/** Key frame every this many seconds of video (seeking granularity). */
const KEY_FRAME_S = 2;
/** Frames waiting in the encoder before rendering waits for it (bounds memory: ~8 MB a 1080p frame). */
const MAX_ENCODE_QUEUE = 4;
/** VP9 (profile 0, level 4.1: 1080p30), else VP8. */
const CODECS = [
  { config: 'vp09.00.41.08', webm: 'V_VP9' },
  { config: 'vp8', webm: 'V_VP8' },
] as const;

async function pickCodec(width: number, height: number, fps: number): Promise<(typeof CODECS)[number] | null> {
  if (typeof VideoEncoder === 'undefined') return null;
  for (const c of CODECS) {
    const r = await VideoEncoder.isConfigSupported({ codec: c.config, width, height, bitrate: VIDEO_BITS_PER_S, framerate: fps }).catch(() => null);
    if (r?.supported) return c;
  }
  return null;
}

/**
 * `durationS` seconds of the tour from its start at VIDEO_SIZE, `fps` frames per second of tour
 * time. The tour clock is put back where it was afterwards.
 */
export async function exportVideo(durationS: number, fps = VIDEO_FPS): Promise<void> {
  const { width, height } = VIDEO_SIZE;
  const codec = await pickCodec(width, height, fps);
  if (!codec) {
    appStore.getState().notify('error', 'Video export needs WebCodecs (VideoEncoder with VP9 or VP8), which this browser does not offer.');
    return;
  }
  const seconds = Math.min(MAX_VIDEO_S, Math.max(1 / fps, durationS));
  const total = Math.max(1, Math.round(seconds * fps));
  const frameUs = 1e6 / fps;
  const resumeAt = demoStore.getState().tourMs;
  await runExport('webm', width, height, total, async (viewer) => {
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const encoded: EncodedFrame[] = [];
    let failure: Error | null = null;
    const encoder = new VideoEncoder({
      output: (chunk) => {
        const data = new Uint8Array(chunk.byteLength);
        chunk.copyTo(data);
        encoded.push({ data, timestampUs: chunk.timestamp, key: chunk.type === 'key' });
      },
      error: (e) => {
        failure = e instanceof Error ? e : new Error(String(e));
      },
    });
    encoder.configure({ codec: codec.config, width, height, bitrate: VIDEO_BITS_PER_S, framerate: fps });
    let frames = 0;
    const figures = new FiguresGate();
    const captions = new CaptionTally();
    try {
      for (let k = 0; k < total; k++) {
        const tourMs = (k * 1000) / fps;
        applyTourTime(tourMs);
        await figures.wait();
        captions.add(await captureFrame(viewer, out, appStore.getState().timeUtcMs));
        // Frame k is stamped with its tour time, however long it took to render.
        const frame = new VideoFrame(out, { timestamp: Math.round(k * frameUs), duration: Math.round(frameUs) });
        encoder.encode(frame, { keyFrame: k % Math.round(KEY_FRAME_S * fps) === 0 });
        frame.close();
        frames++;
        logDemoEvent({ type: 'frame', tourMs });
        progress(frames, total, 'recording');
        while (encoder.encodeQueueSize > MAX_ENCODE_QUEUE && !failure) await new Promise((r) => encoder.addEventListener('dequeue', r, { once: true }));
        if (failure) throw failure;
        if (cancelled()) throw new ExportCancelled();
      }
      progress(frames, total, 'encoding');
      await encoder.flush();
      if (failure) throw failure;
    } finally {
      if (encoder.state !== 'closed') encoder.close();
      applyTourTime(resumeAt);
    }
    progress(frames, total, 'saving');
    const file = muxWebm({ codec: codec.webm, width, height, frameDurationUs: frameUs }, encoded);
    return { blob: new Blob([file], { type: 'video/webm' }), frames: encoded.length, captions };
  });
}

export function cancelExport(): void {
  const run = demoStore.getState().exportRun;
  if (run) demoStore.setState({ exportRun: { ...run, cancelRequested: true } });
}
