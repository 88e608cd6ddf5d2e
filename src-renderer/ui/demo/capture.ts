// Exports of demo mode: a still (PNG at a chosen resolution) and a video of the tour (WebM via
// MediaRecorder), both rendered by the live globe at the export's own size and composited with
// the captions on a 2D canvas. Fully offline: the file is made in the page and saved through
// the platform bridge.
//
// Frame timing follows the tour's clock, not the wall clock: video frame k shows tour time
// start + k/fps, and the recorder is paused while a frame renders and runs for exactly one
// frame period after it is handed over, so a slow (software-rendered) machine records the same
// tour, only taking longer to do it.
import type { CesiumWidget } from '@cesium/engine';
import { utcMs } from '../../../src-core/units';
import { getLiveViewer } from '../../globe/camera';
import { installLeoHooks } from '../../globe/hooks';
import { getBridge } from '../../platform/bridge';
import { appStore } from '../../state/store';
import { currentCaptions, drawCaptions } from './captions';
import { demoStore, logDemoEvent, type ExportKind } from './demoStore';
import { applyTourTime } from './tour';

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
 */
function captureFrame(viewer: CesiumWidget, out: HTMLCanvasElement, timeUtcMs: number): Promise<void> {
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
      if (cancelled()) {
        scene.postRender.removeEventListener(onPost);
        reject(new ExportCancelled());
        return;
      }
      if (!settled) return;
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
        drawCaptions(ctx, out.width, out.height, currentCaptions(utcMs(timeUtcMs)));
        resolve();
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

function slug(): string {
  return appStore.getState().scenario.name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'scenario';
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
}

function progress(done: number, total: number, phase: string): void {
  const run = demoStore.getState().exportRun;
  if (run) demoStore.setState({ exportRun: { ...run, done, total, phase } });
}

interface Outcome {
  blob: Blob | null;
  frames: number;
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
  const end = (outcome: 'saved' | 'cancelled' | 'failed', bytes: number, frames: number, error?: string) =>
    logDemoEvent({ type: 'export-end', kind, outcome, bytes, frames, width, height, ...(error ? { error } : {}) });
  try {
    const { blob, frames } = await atSize(viewer, width, height, () => make(viewer));
    if (!blob || cancelled()) {
      end('cancelled', 0, frames);
      return;
    }
    const name = `${slug()}-${stamp()}-${width}x${height}.${kind}`;
    const saved = await getBridge().saveExport({ blob, suggestedName: name });
    if (!saved) {
      end('cancelled', blob.size, frames);
      return;
    }
    end('saved', blob.size, frames);
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
    await captureFrame(viewer, out, appStore.getState().timeUtcMs);
    progress(1, 1, 'encoding');
    return { blob: await toBlob(out), frames: 1 };
  });
}

/** The MIME type this browser records WebM in (VP9 when it can, else VP8). */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  return ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * `durationS` seconds of the tour from its start at VIDEO_SIZE, VIDEO_FPS frames per second of
 * tour time. The tour clock is put back where it was afterwards.
 */
export function exportVideo(durationS: number, fps = VIDEO_FPS): Promise<void> {
  const type = webmType();
  if (!type) {
    appStore.getState().notify('error', 'Video export needs MediaRecorder with WebM, which this browser does not offer.');
    return Promise.resolve();
  }
  const seconds = Math.min(MAX_VIDEO_S, Math.max(1 / fps, durationS));
  const total = Math.max(1, Math.round(seconds * fps));
  const { width, height } = VIDEO_SIZE;
  const resumeAt = demoStore.getState().tourMs;
  return runExport('webm', width, height, total, async (viewer) => {
    const out = document.createElement('canvas');
    out.width = width;
    out.height = height;
    const stream = out.captureStream(0);
    const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
    if (!track) throw new Error('the canvas gave no video track');
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: VIDEO_BITS_PER_S });
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    const stopped = new Promise<void>((r) => rec.addEventListener('stop', () => r(), { once: true }));
    rec.start();
    rec.pause();
    let frames = 0;
    try {
      for (let k = 0; k < total; k++) {
        const tourMs = (k * 1000) / fps;
        applyTourTime(tourMs);
        await captureFrame(viewer, out, appStore.getState().timeUtcMs);
        // One frame period of recorder time for this frame (see the header).
        rec.resume();
        track.requestFrame();
        await wait(1000 / fps);
        rec.pause();
        frames++;
        logDemoEvent({ type: 'frame', tourMs });
        progress(frames, total, 'recording');
      }
    } finally {
      rec.stop();
      await stopped;
      track.stop();
      applyTourTime(resumeAt);
    }
    progress(frames, total, 'saving');
    return { blob: new Blob(chunks, { type: 'video/webm' }), frames };
  });
}

export function cancelExport(): void {
  const run = demoStore.getState().exportRun;
  if (run) demoStore.setState({ exportRun: { ...run, cancelRequested: true } });
}
