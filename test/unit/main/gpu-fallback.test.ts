// Software rendering when hardware WebGL fails: the main process's decision, the launcher's
// Chromium switches, the page <-> server report, and the constants each side keeps a copy of.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as start from '../../../scripts/start.mjs';
import { SOFTWARE_RENDERING_PATH, startServer, type RunningServer } from '../../../scripts/serve.mjs';
import {
  decideSoftwareRendering,
  isSoftwareRenderingRun,
  SOFTWARE_RENDERING_ARG,
  SOFTWARE_RENDERING_EXIT_CODE,
  SOFTWARE_RENDERING_QUERY,
  SOFTWARE_RENDERING_SWITCHES,
} from '../../../src-main/main/gpu-fallback';
import { SOFTWARE_RENDERING_PATH as BRIDGE_PATH } from '../../../src-renderer/platform/browserBridge';
import { isSoftwareFallbackRun, RENDER_PARAM, SOFTWARE_FALLBACK } from '../../../src-renderer/globe/rendering';

describe('main process decision', () => {
  it('relaunches a hardware run with the marker, keeping its arguments', () => {
    expect(decideSoftwareRendering(['/opt/electron', '/app', '--no-sandbox'], undefined)).toEqual({ action: 'relaunch', args: ['/app', '--no-sandbox', SOFTWARE_RENDERING_ARG] });
  });
  it('started by scripts/start.mjs, exits with the code the launcher restarts on', () => {
    expect(decideSoftwareRendering(['/opt/electron', '/app'], 'start.mjs')).toEqual({ action: 'exit-for-launcher', code: SOFTWARE_RENDERING_EXIT_CODE });
  });
  it('never relaunches a run that is already in software rendering (no loop)', () => {
    for (const launcher of [undefined, 'start.mjs']) {
      const d = decideSoftwareRendering(['/opt/electron', '/app', SOFTWARE_RENDERING_ARG], launcher);
      expect(d.action).toBe('none');
      expect(d.action === 'none' && d.why).toMatch(/already runs in software rendering/);
    }
    expect(isSoftwareRenderingRun(['/opt/electron', '/app'])).toBe(false);
  });
});

describe('the copies agree', () => {
  it('launcher, main process and page use the same marker, exit code, switches and URL parameter', () => {
    expect(start.SOFTWARE_RENDERING_ARG).toBe(SOFTWARE_RENDERING_ARG);
    expect(start.SOFTWARE_RENDERING_EXIT_CODE).toBe(SOFTWARE_RENDERING_EXIT_CODE);
    expect(start.SOFTWARE_RENDERING_SWITCHES).toEqual(SOFTWARE_RENDERING_SWITCHES.map(([n, v]) => (v === undefined ? `--${n}` : `--${n}=${v}`)));
    expect(SOFTWARE_RENDERING_QUERY).toEqual({ [RENDER_PARAM]: SOFTWARE_FALLBACK });
    expect(start.SOFTWARE_RENDERING_QUERY).toBe(`?${new URLSearchParams(SOFTWARE_RENDERING_QUERY)}`);
    expect(isSoftwareFallbackRun(start.SOFTWARE_RENDERING_QUERY)).toBe(true);
    expect(isSoftwareFallbackRun('?quality=lean')).toBe(false);
    expect(SOFTWARE_RENDERING_PATH).toBe(`/${BRIDGE_PATH}`);
  });
});

describe('Chromium app window switches', () => {
  const base = { url: 'http://127.0.0.1:4000/', profile: '/tmp/p' };
  it('hide the unsupported-flag bar and add SwiftShader only in software rendering, after any extra switch', () => {
    const hw = start.chromiumArgs({ ...base, root: true, software: false, extra: ['--use-angle=gl'] });
    expect(hw).toContain('--test-type');
    expect(hw).toContain('--no-sandbox');
    expect(hw[0]).toBe('--app=http://127.0.0.1:4000/');
    expect(hw.some((a: string) => a.includes('swiftshader'))).toBe(false);
    const sw = start.chromiumArgs({ ...base, root: false, software: true, extra: ['--use-angle=gl'] });
    expect(sw[0]).toBe('--app=http://127.0.0.1:4000/?render=software-fallback');
    expect(sw).not.toContain('--no-sandbox');
    expect(sw.slice(-3)).toEqual(['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-features=DeferRendererTasksAfterInput']);
    expect(sw.indexOf('--use-angle=gl')).toBeLessThan(sw.indexOf('--use-angle=swiftshader'));
  });
});

describe('the server takes the page report', () => {
  let dir: string;
  let server: RunningServer | null = null;
  const reasons: string[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leo-gpu-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    reasons.length = 0;
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    rmSync(dir, { recursive: true, force: true });
  });
  const post = (s: RunningServer, origin: string, body = 'WebGL 2 context creation failed') =>
    fetch(new URL(SOFTWARE_RENDERING_PATH, s.url), { method: 'POST', headers: { origin, 'content-type': 'text/plain' }, body });

  it('passes a same-origin report to the launcher and answers with its decision', async () => {
    server = await startServer({ root: dir, onSoftwareRendering: (r) => (reasons.push(r), { relaunching: true }) });
    const r = await post(server, new URL(server.url).origin);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ relaunching: true });
    expect(reasons).toEqual(['WebGL 2 context creation failed']);
  });
  it('refuses another origin, and a reason over 2000 bytes', async () => {
    server = await startServer({ root: dir, onSoftwareRendering: (r) => (reasons.push(r), { relaunching: true }) });
    expect((await post(server, 'http://evil.example')).status).toBe(403);
    expect((await post(server, new URL(server.url).origin, 'x'.repeat(3000))).status).toBe(413);
    expect(reasons).toEqual([]);
  });
  it('without a launcher (the e2e server) says it cannot restart the browser', async () => {
    server = await startServer({ root: dir });
    const r = await post(server, new URL(server.url).origin);
    expect(await r.json()).toEqual({ relaunching: false, why: expect.stringContaining('cannot restart the browser') });
  });
});
