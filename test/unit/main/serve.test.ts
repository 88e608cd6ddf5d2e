import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CSP, startServer, type RunningServer } from '../../../scripts/serve.mjs';

let dir: string;
let root: string;
let server: RunningServer;

/** Raw request: fetch() would normalise ../ away before sending, hiding the attack. */
function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leo-serve-'));
  root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>LEO</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, 'assets', 'worker.mjs'), 'export {};');
  writeFileSync(join(root, 'assets', 'sgp4.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(join(root, 'assets', 'data.json'), '{}');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'blob.xyz'), 'x');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  server = await startServer({ root, port: 0 });
});
afterEach(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('serve.mjs', () => {
  it('listens on 127.0.0.1 and serves index.html at / with the CSP and cross-origin isolation', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>LEO</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    // COOP + COEP: the page may share memory with the footprint-raster worker.
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['cross-origin-embedder-policy']).toBe('require-corp');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['/assets/sgp4.wasm', 'application/wasm'],
    ['/assets/data.json', 'application/json; charset=utf-8'],
    ['/assets/style.css', 'text/css; charset=utf-8'],
    ['/assets/blob.xyz', 'application/octet-stream'],
    ['/assets/app.js?v=3#x', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const r = await get(path);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe(type);
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt'])(
    'refuses traversal %s',
    async (path) => {
      const r = await get(path);
      expect([403, 404]).toContain(r.status);
      expect(r.body).not.toContain('secret');
    },
  );

  it('refuses a symlink that points outside the root', async () => {
    symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
    const r = await get('/link.txt');
    expect(r.status).toBe(403);
  });

  it('answers 404 for missing files, 400 for malformed paths, 405 for other methods', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/', 'POST')).status).toBe(405);
    const head = await get('/assets/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('fails clearly when the root does not exist', async () => {
    await expect(startServer({ root: join(dir, 'missing') })).rejects.toThrow(/is not a folder/);
  });
});
