// Drives src-main/main/index.ts against a fake `electron` module (the boundary), checking the
// wiring the pure modules cannot: window options, session hardening, navigation guards, IPC
// registration, menu installation and window-state persistence.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLOSE_REQUEST_EVENT, IPC } from '../../../src-main/main/ipc-contract';
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
    contentsHandlers = new Map<string, Fn>();
    loaded: string[] = [];
    title = '';
    closed = false;
    webContents = { send: vi.fn(), on: vi.fn((event: string, cb: Fn) => this.contentsHandlers.set(event, cb)) };
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
    /** Like Electron: 'close' may be prevented; otherwise the window goes and 'closed' follows. */
    close() {
      if (this.closed) return;
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      (this.handlers.get('close') as ((e: typeof event) => void) | undefined)?.(event);
      if (event.defaultPrevented) return;
      this.closed = true;
      (this.handlers.get('closed') as (() => void) | undefined)?.();
    }
    isDestroyed() {
      return this.closed;
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
      // Like Electron: 'before-quit', then every window is asked to close; one that stays open cancels the quit.
      quit: () => {
        calls.push('quit');
        (appHandlers.get('before-quit') as (() => void) | undefined)?.();
        for (const w of windows) w.close();
        if (windows.every((w) => w.closed)) calls.push('quit:done');
      },
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

  it('saves the window geometry on close and closes a window without unsaved changes at once', () => {
    const win = fake.windows[0]!;
    win.close();
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
    expect(win.closed).toBe(true);
    expect(win.webContents.send).not.toHaveBeenCalled();
    expect(fake.electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });
});

describe('closing and quitting with unsaved changes', () => {
  const invoke = (channel: string, ...args: unknown[]) => {
    const page = pathToFileURL(fake.windows[0]!.loaded[0]!.slice('file:'.length)).href;
    return fake.ipcHandlers.get(channel)!({ senderFrame: { url: page, parent: null } } as never, ...(args as never[]));
  };
  const makeDirty = () => invoke(IPC.setDocumentState, { title: 'walker.json', dirty: true });
  const closeRequests = () => fake.windows[0]!.webContents.send.mock.calls.filter((c) => c[0] === CLOSE_REQUEST_EVENT).map((c) => c[1]);

  it('asks the page before closing; Cancel keeps the window, Save / Don\'t save (proceed) closes it', async () => {
    const win = fake.windows[0]!;
    await makeDirty();
    win.close();
    expect(win.closed).toBe(false);
    expect(closeRequests()).toEqual([{ reason: 'close' }]);
    // A second click on the close button while the prompt is up does not ask twice.
    win.close();
    expect(closeRequests()).toHaveLength(1);

    expect(await invoke(IPC.answerCloseRequest, false)).toEqual({ ok: true });
    expect(win.closed).toBe(false);
    // Nothing is pending any more: a stray answer is refused and closes nothing.
    expect(await invoke(IPC.answerCloseRequest, true)).toEqual({ ok: false, code: 'bad-argument', error: 'answerCloseRequest: no close request is pending' });
    expect(win.closed).toBe(false);

    win.close();
    expect(closeRequests()).toEqual([{ reason: 'close' }, { reason: 'close' }]);
    expect(await invoke(IPC.answerCloseRequest, true)).toEqual({ ok: true });
    expect(win.closed).toBe(true);
    expect(fake.calls).not.toContain('quit');
    expect(fake.electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('asks before quitting; Cancel aborts the quit, proceed quits', async () => {
    const win = fake.windows[0]!;
    await makeDirty();
    fake.electron.app.quit();
    expect(closeRequests()).toEqual([{ reason: 'quit' }]);
    expect(fake.calls).not.toContain('quit:done');
    expect(await invoke(IPC.answerCloseRequest, false)).toEqual({ ok: true });
    expect(win.closed).toBe(false);

    // The canceled quit is forgotten: closing the window now asks to close, not to quit.
    win.close();
    expect(closeRequests().at(-1)).toEqual({ reason: 'close' });
    // Quitting while that prompt is up turns it into a quit.
    fake.electron.app.quit();
    expect(closeRequests()).toHaveLength(2);
    expect(await invoke(IPC.answerCloseRequest, true)).toEqual({ ok: true });
    expect(win.closed).toBe(true);
    expect(fake.calls.filter((c) => c.startsWith('quit'))).toEqual(['quit', 'quit', 'quit', 'quit:done']);
  });

  it('a clean document closes and quits without asking', () => {
    fake.electron.app.quit();
    expect(fake.windows[0]!.closed).toBe(true);
    expect(fake.calls).toContain('quit:done');
    expect(closeRequests()).toEqual([]);
  });

  it('falls back to a native Don\'t save / Cancel dialog when the page does not respond', async () => {
    const win = fake.windows[0]!;
    await makeDirty();
    (win.handlers.get('unresponsive') as () => void)();
    const box = fake.electron.dialog.showMessageBox as unknown as ReturnType<typeof vi.fn>;
    box.mockResolvedValueOnce({ response: 1 }); // Cancel
    win.close();
    expect(closeRequests()).toEqual([]);
    await vi.waitFor(() => expect(box).toHaveBeenCalledOnce());
    await new Promise((r) => setTimeout(r, 0));
    expect(win.closed).toBe(false);
    expect(box.mock.calls[0]![1]).toMatchObject({ buttons: ["Don't Save and Close", 'Cancel'], cancelId: 1, message: 'walker.json has unsaved changes.' });
    // The page cannot answer for the native dialog.
    expect(await invoke(IPC.answerCloseRequest, true)).toMatchObject({ ok: false });

    box.mockResolvedValueOnce({ response: 0 }); // Don't save
    win.close();
    await vi.waitFor(() => expect(win.closed).toBe(true));
    expect(fake.calls).not.toContain('quit');
  });

  it('asks a page that became responsive again, and a reloaded page after a crash', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const win = fake.windows[0]!;
    await makeDirty();
    (win.handlers.get('unresponsive') as () => void)();
    (win.handlers.get('responsive') as () => void)();
    win.close();
    expect(closeRequests()).toEqual([{ reason: 'close' }]);
    expect(await invoke(IPC.answerCloseRequest, false)).toEqual({ ok: true });
    (win.contentsHandlers.get('render-process-gone') as (e: unknown, d: unknown) => void)({}, { reason: 'crashed', exitCode: 1 });
    const box = fake.electron.dialog.showMessageBox as unknown as ReturnType<typeof vi.fn>;
    box.mockResolvedValueOnce({ response: 1 }); // the crash dialog: Quit is not chosen here
    box.mockResolvedValueOnce({ response: 1 }); // the close fallback: Cancel
    win.close();
    await vi.waitFor(() => expect(box).toHaveBeenCalledTimes(2));
    expect(closeRequests()).toHaveLength(1);
    (win.contentsHandlers.get('did-start-loading') as () => void)();
    await new Promise((r) => setTimeout(r, 0));
    win.close();
    expect(closeRequests()).toHaveLength(2);
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
    expect(fake.calls.slice(0, 6)).toEqual(['enableSandbox', 'switch:enable-features=SharedArrayBuffer', 'switch:use-angle=swiftshader', 'switch:enable-unsafe-swiftshader=', 'switch:disable-features=DeferRendererTasksAfterInput', 'whenReady']);
    const win = fake.windows[0]!;
    expect(win.loaded[0]).toMatch(/renderer[\\/]index\.html\?render=software-fallback$/);
    const page = pathToFileURL(win.loaded[0]!.slice('file:'.length).replace(/\?.*$/, '')).href;
    const r = await fake.ipcHandlers.get(IPC.requestSoftwareRendering)!({ senderFrame: { url: `${page}?render=software-fallback`, parent: null } } as never, 'still no WebGL' as never);
    expect(r).toMatchObject({ ok: true, relaunching: false, why: expect.stringContaining('already runs in software rendering') });
    expect(fake.calls.some((c) => c.startsWith('relaunch:') || c.startsWith('exit:'))).toBe(false);
  });
});
