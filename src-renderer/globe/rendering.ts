// How the globe is rendered, and what happens when it cannot be: WebGL 2 on the GPU, in software
// (SwiftShader, llvmpipe), or not at all. Before Cesium is constructed the page checks that it
// can create a WebGL 2 context; when it cannot, it asks its shell (platform bridge) to restart it
// with software rendering: Electron relaunches itself with SwiftShader, the Chromium launcher
// (scripts/start.mjs) reopens its window so. The restarted page carries ?render=software-fallback,
// and says plainly that it runs in software (status bar, a notice shown once per profile).
import { create } from 'zustand';
import { isSoftwareRenderer } from './quality';

/** URL parameter the shells add after restarting in software rendering. */
export const RENDER_PARAM = 'render';
export const SOFTWARE_FALLBACK = 'software-fallback';
const NOTICE_KEY = 'leo.softwareRenderingNoticeSeen';

export type RenderingMode =
  | 'pending' // not checked yet
  | 'hardware' // WebGL 2 on a GPU
  | 'software' // WebGL 2 rendered by the CPU (SwiftShader, llvmpipe)
  | 'switching' // no WebGL 2: the shell is restarting the app in software rendering
  | 'unavailable'; // no WebGL 2 and no way to get it: the globe cannot be drawn

export interface RenderingState {
  mode: RenderingMode;
  /** The shell restarted the app in software rendering because hardware WebGL failed. */
  fallback: boolean;
  /** The WebGL renderer string, or why there is none. */
  detail: string;
  /** The one-time software-rendering notice is showing. */
  noticeOpen: boolean;
  dismissNotice(): void;
}

export function isSoftwareFallbackRun(search = window.location.search): boolean {
  return new URLSearchParams(search).get(RENDER_PARAM) === SOFTWARE_FALLBACK;
}

function noticeSeen(): boolean {
  try {
    return window.localStorage.getItem(NOTICE_KEY) === '1';
  } catch {
    return false;
  }
}

export const useRendering = create<RenderingState>()((set) => ({
  mode: 'pending',
  fallback: false,
  detail: '',
  noticeOpen: false,
  dismissNotice() {
    try {
      window.localStorage.setItem(NOTICE_KEY, '1');
    } catch {
      // Storage off (private mode): the notice comes back next start, nothing worse.
    }
    set({ noticeOpen: false });
  },
}));

/** `reason`: one short clause for the UI; `details`: Chromium's whole status message, for logs. */
export type Webgl2Probe = { ok: true; renderer: string } | { ok: false; reason: string; details: string };

/**
 * Creates a throwaway WebGL 2 context, as Cesium is about to, and reads the unmasked renderer
 * string. Cesium reports a failure only as "Error constructing CesiumWidget"; this says why.
 */
export function probeWebgl2(): Webgl2Probe {
  const canvas = document.createElement('canvas');
  let status = '';
  canvas.addEventListener('webglcontextcreationerror', (e) => {
    status = (e as WebGLContextEvent).statusMessage;
  });
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = canvas.getContext('webgl2');
  } catch (e) {
    status ||= e instanceof Error ? e.message : String(e);
  }
  if (!gl) {
    // Chromium's message goes on with the GPU's ids and driver state ("…, VENDOR = 0xffff, …").
    const short = status.split(/, [A-Z][A-Za-z_ ]* = /)[0]!.trim();
    return status
      ? { ok: false, reason: `WebGL 2 context creation failed: ${short}`, details: `WebGL 2 context creation failed: ${status}` }
      : { ok: false, reason: 'WebGL 2 is not available in this browser', details: 'getContext("webgl2") returned null without a status message' };
  }
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer: unknown = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { ok: true, renderer: typeof renderer === 'string' ? renderer : 'unknown' };
}

/** Records a working context: software or hardware, and opens the notice once after a fallback. */
export function noteRenderer(renderer: string): void {
  const fallback = isSoftwareFallbackRun();
  const software = isSoftwareRenderer(renderer);
  useRendering.setState({ mode: software ? 'software' : 'hardware', fallback, detail: renderer, noticeOpen: software && fallback && !noticeSeen() });
}
