// Tiny static server for the built renderer (out/renderer), used when the Electron binary is
// unavailable (npm start opens it in a Chromium app window) and by the e2e tests.
// Binds to 127.0.0.1 only, serves GET/HEAD, refuses paths that leave the root (including via
// symlinks), and sends the same Content-Security-Policy as the Electron main process so the
// browser run is held to the same rules. One POST: the page reports that hardware WebGL failed
// (SOFTWARE_RENDERING_PATH); with `onSoftwareRendering` (scripts/start.mjs) the launcher reopens
// the window with software rendering, without it the page is told that this server cannot.
//   import { startServer } from './serve.mjs'; const { url, close } = await startServer({ root, port: 0 });
//   node scripts/serve.mjs [--root out/renderer] [--port 0]
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Must equal CSP in src-main/main/security-policy.ts (a unit test checks). */
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

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.topojson': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.glsl': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ktx2': 'image/ktx2',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.b3dm': 'application/octet-stream',
  '.terrain': 'application/vnd.quantized-mesh',
  '.bin': 'application/octet-stream',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/**
 * Cross-origin isolation, so the page may share memory with its workers (the footprint-raster
 * worker: src-renderer/globe/overlay/rasterWorker.ts). Must equal ISOLATION_HEADERS in
 * src-main/main/security-policy.ts (a unit test checks).
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

const COMMON_HEADERS = {
  'Content-Security-Policy': CSP,
  ...ISOLATION_HEADERS,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The tests rebuild and reload; a stale cached bundle would test the wrong code.
  'Cache-Control': 'no-cache',
};

/** Must equal SOFTWARE_RENDERING_PATH in src-renderer/platform/browserBridge.ts (a unit test checks). */
export const SOFTWARE_RENDERING_PATH = '/__leo/software-rendering';
const MAX_REASON_BYTES = 2000;

function replyJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * POST SOFTWARE_RENDERING_PATH from the app's own page (same origin: another local site cannot
 * restart the user's window), body = the reason as text.
 */
function handleSoftwareRendering(req, res, origin, onSoftwareRendering) {
  if (req.headers.origin !== origin) return reply(res, 403, 'Forbidden', 'POST');
  let reason = '';
  let tooLong = false;
  req.setEncoding('utf8');
  req.on('data', (chunk) => {
    if (reason.length + chunk.length > MAX_REASON_BYTES) tooLong = true;
    else reason += chunk;
  });
  req.on('end', () => {
    if (tooLong) return reply(res, 413, 'Payload Too Large', 'POST');
    if (!onSoftwareRendering) return replyJson(res, 200, { relaunching: false, why: 'this server cannot restart the browser (start the app with npm start)' });
    const answer = onSoftwareRendering(reason.trim() || 'no reason given');
    replyJson(res, 200, answer);
  });
}

function reply(res, status, text, method) {
  const body = `${status} ${text}\n`;
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(method === 'HEAD' ? undefined : body);
}

const inside = (root, p) => {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..'));
};

/**
 * Maps a request path to a file under `root`, or an HTTP status: 400 malformed, 403 outside
 * the root, 404 missing. Exported for tests.
 */
export async function resolveRequestPath(root, requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://localhost').pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0')) return { status: 400 };
  // new URL() already folded plain ../ segments; decoding can bring back encoded ones
  // (%2e%2e, %2f), and a backslash is a separator on Windows, so check the joined path.
  if (pathname.includes('\\')) return { status: 403 };
  let file = resolve(root, `.${pathname}`);
  if (!inside(root, file)) return { status: 403 };
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return { status: 404 };
    // A symlink inside the root may point outside it.
    const real = await realpath(file);
    if (!inside(await realpath(root), real)) return { status: 403 };
    return { status: 200, file: real, size: info.size };
  } catch {
    return { status: 404 };
  }
}

/**
 * Starts the server. `port` 0 (the default) picks a free one. Resolves to { url, port, close }.
 * `onSoftwareRendering(reason)` answers the page's report that hardware WebGL failed with
 * { relaunching: true } or { relaunching: false, why }.
 */
export async function startServer({ root, port = 0, host = '127.0.0.1', onSoftwareRendering } = {}) {
  if (!root) throw new Error('startServer: root is required');
  const absRoot = resolve(root);
  const info = await stat(absRoot).catch(() => null);
  if (!info?.isDirectory()) throw new Error(`startServer: ${absRoot} is not a folder (build first: npx electron-vite build)`);

  let origin = '';
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    if (method === 'POST' && new URL(req.url ?? '/', 'http://localhost').pathname === SOFTWARE_RENDERING_PATH) {
      handleSoftwareRendering(req, res, origin, onSoftwareRendering);
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      reply(res, 405, 'Method Not Allowed', method);
      return;
    }
    resolveRequestPath(absRoot, req.url ?? '/').then(
      (r) => {
        if (r.status === 400) return reply(res, 400, 'Bad Request', method);
        if (r.status === 403) return reply(res, 403, 'Forbidden', method);
        if (r.status !== 200) return reply(res, 404, 'Not Found', method);
        res.writeHead(200, {
          ...COMMON_HEADERS,
          'Content-Type': MIME_TYPES[extname(r.file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Length': r.size,
        });
        if (method === 'HEAD') return res.end();
        const stream = createReadStream(r.file);
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      },
      () => reply(res, 500, 'Internal Server Error', method),
    );
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const actualPort = server.address().port;
  const url = `http://${host}:${actualPort}/`;
  origin = new URL(url).origin;
  const close = () =>
    new Promise((ok) => {
      server.close(() => ok());
      // Keep-alive connections would hold close() open until they time out.
      server.closeAllConnections?.();
    });
  return { url, port: actualPort, close, server };
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [key, inline] = a.split('=', 2);
    const value = inline ?? argv[++i];
    if (key === '--port') opts.port = Number(value);
    else if (key === '--root') opts.root = value;
    else if (key === '--host') opts.host = value;
    else throw new Error(`unknown option ${a} (use --root DIR --port N)`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const defaultRoot = fileURLToPath(new URL('../out/renderer', import.meta.url));
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { url, close } = await startServer({ root: opts.root ?? defaultRoot, port: opts.port ?? Number(process.env.PORT ?? 0), host: opts.host });
    console.log(`LEO Planner renderer served at ${url}`);
    const stop = () => close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(`serve: ${err.message}`);
    process.exit(1);
  }
}
