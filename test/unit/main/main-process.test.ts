// Drives src-main/main/index.ts against a fake `electron` module (the boundary), checking the
// wiring the pure modules cannot: window options, session hardening, navigation guards, IPC
// registration, menu installation and window-state persistence.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../../../src-main/main/ipc-contract';
import { CSP } from '../../../src-main/main/security-policy';

type Fn = (...args: never[]) => unknown;

function makeFakeElectron(userData: string) {
  const calls: string[] = [];
  const appHandlers = new Map<string, Fn>();
  const ipcHandlers = new Map<string, Fn>();
  const session = { permissionRequest: undefined as Fn | undefined, permissionCheck: undefined as Fn | undefined, beforeRequest: undefined as Fn | undefined, headersReceived: undefined as Fn | undefined };
  const menus: { template: { label?: string; submenu?: unknown }[] }[] = [];
  const windows: FakeWindow[] = [];

  class FakeWindow {
    handlers = new Map<string, Fn>();
    loaded: string[] = [];
    title = '';
    webContents = { send: vi.fn(), on: vi.fn() };
    constructor(public options: Record<string, unknown>) {
      windows.push(this);
    }
    on(event: string, cb: Fn) {
      this.handlers.set(event, cb);
      return this;
    }
    once(event: string, cb: Fn) {
      return this.on(event, cb);
    }
    maximize() {}
    show() {}
    isDestroyed() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 10, y: 20, width: 1200, height: 800 };
    }
    setTitle(t: string) {
      this.title = t;
    }
    setDocumentEdited() {}
    loadFile(p: string, opts?: { query?: Record<string, string> }) {
      this.loaded.push(`file:${p}${opts?.query ? `?${new URLSearchParams(opts.query)}` : ''}`);
      return Promise.resolve();
    }
    loadURL(u: string) {
      this.loaded.push(`url:${u}`);
      return Promise.resolve();
    }
  }

  const electron = {
    app: {
      isPackaged: true,
      enableSandbox: () => calls.push('enableSandbox'),
      commandLine: { appendSwitch: (name: string, value?: string) => calls.push(`switch:${name}=${value ?? ''}`) },
      requestSingleInstanceLock: () => true,
      on: (event: string, cb: Fn) => appHandlers.set(event, cb),
      whenReady: () => {
        calls.push('whenReady');
        return Promise.resolve();
      },
      getPath: (name: string) => (name === 'userData' ? userData : join(userData, name)),
      getVersion: () => '0.1.0',
      quit: () => calls.push('quit'),
      relaunch: (opts: { args: string[] }) => calls.push(`relaunch:${opts.args.join(' ')}`),
      exit: (code: number) => calls.push(`exit:${code}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Fn) => (session.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Fn) => (session.permissionCheck = fn),
        webRequest: {
          onBeforeRequest: (fn: Fn) => (session.beforeRequest = fn),
          onHeadersReceived: (fn: Fn) => (session.headersReceived = fn),
        },
      },
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    Menu: {
      buildFromTemplate: (template: { label?: string }[]) => ({ template }),
      setApplicationMenu: (m: { template: { label?: string }[] }) => menus.push(m),
    },
    ipcMain: {
      handle: (channel: string, fn: Fn) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
    },
    dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 1 })), showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    BrowserWindow: FakeWindow,
  };
  return { electron, calls, appHandlers, ipcHandlers, session, menus, windows };
}

let userData: string;
let fake: ReturnType<typeof makeFakeElectron>;

beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'leo-main-'));
  fake = makeFakeElectron(userData);
  vi.resetModules();
  vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await import('../../../src-main/main/index');
  await new Promise((r) => setTimeout(r, 0)); // let whenReady().then run
});
afterEach(() => {
  vi.doUnmock('electron');
  vi.restoreAllMocks();
  rmSync(userData, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('enables the sandbox and shared memory before ready and opens one hardened window on the built page', () => {
    expect(fake.calls.slice(0, 3)).toEqual(['enableSandbox', 'switch:enable-features=SharedArrayBuffer', 'whenReady']);
    expect(fake.windows).toHaveLength(1);
    const win = fake.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loaded).toHaveLength(1);
    expect(win.loaded[0]).toMatch(/^file:.*renderer[\\/]index\.html$/);
  });

  it('sets the CSP and cross-origin isolation on the app page and leaves DevTools alone', () => {
    const page = pathToFileURL(fake.windows[0]!.loaded[0]!.slice('file:'.length)).href;
    let out: { responseHeaders?: Record<string, string[]> } = {};
    fake.session.headersReceived!({ url: page, responseHeaders: { 'content-security-policy': ['default-src *'] } } as never, ((r: typeof out) => (out = r)) as never);
    expect(out.responseHeaders).toEqual({
      'Content-Security-Policy': [CSP],
      'X-Content-Type-Options': ['nosniff'],
      'Cross-Origin-Opener-Policy': ['same-origin'],
      'Cross-Origin-Embedder-Policy': ['require-corp'],
    });
    fake.session.headersReceived!({ url: 'devtools://devtools/bundled/inspector.html', responseHeaders: {} } as never, ((r: typeof out) => (out = r)) as never);
    expect(out).toEqual({});
  });

  it('blocks remote requests and denies permissions', () => {
    const page = pathToFileURL(fake.windows[0]!.loaded[0]!.slice('file:'.length)).href;
    const decide = (url: string) => {
      let r: { cancel: boolean } | undefined;
      fake.session.beforeRequest!({ url } as never, ((x: { cancel: boolean }) => (r = x)) as never);
      return r!.cancel;
    };
    expect(decide(page)).toBe(false);
    expect(decide('https://tile.openstreetmap.org/0/0/0.png')).toBe(true);
    expect(decide(pathToFileURL('/etc/passwd').href)).toBe(true);
    const answers: boolean[] = [];
    fake.session.permissionRequest!(null as never, 'geolocation' as never, ((ok: boolean) => answers.push(ok)) as never);
    expect(answers).toEqual([false]);
    expect(fake.session.permissionCheck!()).toBe(false);
  });

  it('denies navigation, new windows and webviews in every web contents', () => {
    const on = new Map<string, Fn>();
    let openHandler: Fn | undefined;
    const contents = { on: (e: string, cb: Fn) => on.set(e, cb), setWindowOpenHandler: (fn: Fn) => (openHandler = fn) };
    fake.appHandlers.get('web-contents-created')!({} as never, contents as never);
    expect(openHandler!({ url: 'https://example.com' } as never)).toEqual({ action: 'deny' });
    const nav = { url: 'https://example.com', preventDefault: vi.fn() };
    on.get('will-navigate')!(nav as never);
    expect(nav.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    on.get('will-attach-webview')!(webview as never);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('registers every IPC channel, installs the menu and rebuilds it on updateMenuState', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC).sort());
    expect(fake.menus.at(-1)!.template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const page = pathToFileURL(fake.windows[0]!.loaded[0]!.slice('file:'.length)).href;
    const event = { senderFrame: { url: page, parent: null } };
    const before = fake.menus.length;
    expect(await fake.ipcHandlers.get(IPC.updateMenuState)!(event as never, { quality: 'lean' } as never)).toEqual({ ok: true });
    expect(fake.menus.length).toBe(before + 1);
    expect(await fake.ipcHandlers.get(IPC.setDocumentState)!(event as never, { title: 'walker.json', dirty: true } as never)).toEqual({ ok: true });
    expect(fake.windows[0]!.title).toBe('• walker.json — LEO Planner');
  });

  it('saves the window geometry on close and asks before discarding unsaved changes', async () => {
    const win = fake.windows[0]!;
    const page = pathToFileURL(win.loaded[0]!.slice('file:'.length)).href;
    await fake.ipcHandlers.get(IPC.setDocumentState)!({ senderFrame: { url: page, parent: null } } as never, { title: 'a.json', dirty: true } as never);
    const close = { preventDefault: vi.fn() };
    win.handlers.get('close')!(close as never);
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
    expect(close.preventDefault).toHaveBeenCalled();
    expect(fake.electron.dialog.showMessageBox).toHaveBeenCalledOnce();
  });

  it('relaunches itself with software rendering when the page cannot create a WebGL context, once', async () => {
    const page = pathToFileURL(fake.windows[0]!.loaded[0]!.slice('file:'.length)).href;
    const event = { senderFrame: { url: page, parent: null } };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const launcher = process.env.LEO_LAUNCHER;
    delete process.env.LEO_LAUNCHER;
    try {
      expect(await fake.ipcHandlers.get(IPC.requestSoftwareRendering)!(event as never, 'WebGL 2 context creation failed' as never)).toEqual({ ok: true, relaunching: true });
    } finally {
      if (launcher !== undefined) process.env.LEO_LAUNCHER = launcher;
    }
    await vi.waitFor(() => expect(fake.calls).toContain('exit:0'), { timeout: 10_000 });
    const relaunch = fake.calls.find((c) => c.startsWith('relaunch:'));
    expect(relaunch).toMatch(/ --leo-software-rendering$/);
    expect(fake.calls.indexOf(relaunch!)).toBeLessThan(fake.calls.indexOf('exit:0'));
  });

  it('in a software-rendering run: SwiftShader switches before ready, the page told so, no second relaunch', async () => {
    vi.resetModules();
    fake = makeFakeElectron(userData);
    vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    process.argv.push('--leo-software-rendering');
    try {
      await import('../../../src-main/main/index');
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      process.argv.splice(process.argv.indexOf('--leo-software-rendering'), 1);
    }
    expect(fake.calls.slice(0, 5)).toEqual(['enableSandbox', 'switch:enable-features=SharedArrayBuffer', 'switch:use-angle=swiftshader', 'switch:enable-unsafe-swiftshader=', 'whenReady']);
    const win = fake.windows[0]!;
    expect(win.loaded[0]).toMatch(/renderer[\\/]index\.html\?render=software-fallback$/);
    const page = pathToFileURL(win.loaded[0]!.slice('file:'.length).replace(/\?.*$/, '')).href;
    const r = await fake.ipcHandlers.get(IPC.requestSoftwareRendering)!({ senderFrame: { url: `${page}?render=software-fallback`, parent: null } } as never, 'still no WebGL' as never);
    expect(r).toMatchObject({ ok: true, relaunching: false, why: expect.stringContaining('already runs in software rendering') });
    expect(fake.calls.some((c) => c.startsWith('relaunch:') || c.startsWith('exit:'))).toBe(false);
  });
});
