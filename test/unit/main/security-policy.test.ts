import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, CSP, isAllowedRequest, isAppResource, ISOLATION_HEADERS } from '../../../src-main/main/security-policy';
import { CSP as SERVE_CSP, ISOLATION_HEADERS as SERVE_ISOLATION } from '../../../scripts/serve.mjs';

const root = pathToFileURL('/opt/leo/out/renderer/').href;

describe('security policy', () => {
  it('has the required directives, and serve.mjs sends the same policy', () => {
    for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self' blob:", "img-src 'self' data: blob:", "style-src 'self' 'unsafe-inline'", "connect-src 'self' data: blob:"]) {
      expect(CSP.split('; ')).toContain(d);
    }
    expect(SERVE_CSP).toBe(CSP);
    expect(contentSecurityPolicy()).toBe(CSP);
  });

  it('asks for cross-origin isolation (shared memory with the raster worker), as serve.mjs does', () => {
    expect(ISOLATION_HEADERS).toEqual({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    expect(SERVE_ISOLATION).toEqual(ISOLATION_HEADERS);
  });

  it('relaxes only script-src and connect-src for the dev server', () => {
    const dev = contentSecurityPolicy('http://localhost:5173/');
    expect(dev).toContain("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline' http://localhost:5173");
    expect(dev).toContain("connect-src 'self' data: blob: http://localhost:5173 ws://localhost:5173");
    expect(dev).toContain("default-src 'self'");
  });

  it('allows the app files, in-memory URLs and DevTools only', () => {
    const p = { rendererRootUrl: root };
    expect(isAllowedRequest(`${root}index.html`, p)).toBe(true);
    expect(isAllowedRequest(`${root}cesium/Assets/Textures/NaturalEarthII/0/0/0.jpg`, p)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', p)).toBe(true);
    expect(isAllowedRequest('blob:file:///0b5e', p)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', p)).toBe(true);
    expect(isAllowedRequest(pathToFileURL('/etc/passwd').href, p)).toBe(false);
    expect(isAllowedRequest(`${root}../../secrets.json`, p)).toBe(false);
    expect(isAllowedRequest(`${root}%2e%2e/%2e%2e/secrets.json`, p)).toBe(false);
    expect(isAllowedRequest('https://api.cesium.com/v1/assets', p)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/', p)).toBe(false);
    expect(isAllowedRequest('ftp://x/', p)).toBe(false);
  });

  it('allows the dev server (http and HMR websocket) only when in dev', () => {
    const p = { rendererRootUrl: root, devUrl: 'http://localhost:5173/' };
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', p)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', p)).toBe(true);
    expect(isAllowedRequest('http://localhost:8080/', p)).toBe(false);
    expect(isAppResource('http://localhost:5173/', p)).toBe(true);
    expect(isAppResource('devtools://devtools/bundled/inspector.html', p)).toBe(false);
  });
});
