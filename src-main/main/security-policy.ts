// What the app's page may load: the Content-Security-Policy and the request allow-list the main
// process enforces through session.webRequest. Pure so it can be tested without Electron.
// The app is offline: nothing but its own files (and, in development, the Vite dev server).

/**
 * The production policy. Keep it identical to CSP in scripts/serve.mjs (a unit test checks):
 * the browser fallback must behave like Electron, or an e2e pass would prove nothing.
 * 'wasm-unsafe-eval' is for satellite.js's WASM propagator; blob: workers and images are what
 * Cesium creates at run time; 'unsafe-inline' styles are set by Cesium's widgets and React;
 * data: fonts match the renderer's own meta policy (both policies apply, so they must agree).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "connect-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Cross-origin isolation: the page may then share memory (SharedArrayBuffer) with its workers,
 * which the footprint-raster worker needs (src-renderer/globe/overlay/rasterWorker.ts). Every
 * resource the app loads is its own, so requiring CORP of cross-origin ones costs nothing.
 * Keep it identical to ISOLATION_HEADERS in scripts/serve.mjs (a unit test checks).
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * In development the React Fast Refresh preamble is an inline script and HMR talks over a
 * websocket, so the dev policy adds exactly those two things for the dev server's origin.
 */
export function contentSecurityPolicy(devUrl?: string): string {
  if (!devUrl) return CSP;
  const dev = new URL(devUrl);
  const ws = `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`;
  return CSP
    .replace("script-src 'self' 'wasm-unsafe-eval'", `script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline' ${dev.origin}`)
    .replace("connect-src 'self' data: blob:", `connect-src 'self' data: blob: ${dev.origin} ${ws}`);
}

export interface RequestPolicy {
  /** file:// URL of the folder holding the built renderer (out/renderer/), trailing slash. */
  rendererRootUrl: string;
  devUrl?: string | undefined;
}

/**
 * Allow-list for every request the renderer makes. file:// is limited to the renderer's own
 * folder, so a compromised page cannot read ~/.ssh through fetch; scenario files reach the
 * page only through the validated IPC calls.
 */
export function isAllowedRequest(url: string, policy: RequestPolicy): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  switch (u.protocol) {
    case 'data:':
    case 'blob:':
      return true; // in-memory, created by the page itself
    case 'devtools:':
    case 'chrome-extension:':
      return true; // DevTools' own frontend (only reachable when DevTools is open)
    case 'file:': {
      const root = new URL(policy.rendererRootUrl);
      // new URL() has already resolved any ../ and %2e%2e segments, so a prefix check is sound.
      return u.host === '' && root.host === '' && u.pathname.startsWith(root.pathname);
    }
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:': {
      if (!policy.devUrl) return false;
      const dev = new URL(policy.devUrl);
      return u.host === dev.host && u.hostname === dev.hostname;
    }
    default:
      return false;
  }
}

/** True for the app's own documents and scripts: the responses that get our CSP header. */
export function isAppResource(url: string, policy: RequestPolicy): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Everything else that isAllowedRequest lets through (DevTools, data:, blob:) is not ours to
  // police with a header, and DevTools breaks under the app's policy.
  if (u.protocol !== 'file:' && u.protocol !== 'http:' && u.protocol !== 'https:') return false;
  return isAllowedRequest(url, policy);
}
