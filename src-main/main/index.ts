// Electron main process: hardens the session, opens the one app window (restoring its
// geometry), installs the menu and the IPC handlers. The decisions live in the pure modules
// beside this file (security-policy, ipc-contract, window-state, menu-template); this file
// only wires them to Electron, following Electron's security checklist.
import { app, BrowserWindow, dialog, ipcMain, Menu, screen, session, type WebContents } from 'electron';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CloseReason, DocumentState, MenuCommandType, MenuState, QualityMode, RecentFile } from '../preload/api';
import { AutosaveFiles, RecentFiles, recentOperations } from './app-data-files';
import { createCloseGuard, type CloseGuard } from './close-guard';
import { CLOSE_REQUEST_EVENT, type TrustedPage } from './ipc-contract';
import { registerIpcHandlers } from './ipc-handlers';
import { decideSoftwareRendering, isSoftwareRenderingRun, SOFTWARE_RENDERING_QUERY, SOFTWARE_RENDERING_SWITCHES } from './gpu-fallback';
import { buildMenuTemplate } from './menu-template';
import { ScenarioFiles } from './scenario-files';
import { contentSecurityPolicy, isAllowedRequest, isAppResource, ISOLATION_HEADERS, type RequestPolicy } from './security-policy';
import { loadWindowState, MIN_WINDOW_SIZE, saveWindowState, type WindowState } from './window-state';

const APP_NAME = 'LEO Planner';
const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const indexHtml = join(rendererDir, 'index.html');
const preloadPath = join(here, '../preload/index.cjs');
// The dev server URL is only honoured from a source checkout: a packaged app must never be
// pointed at an arbitrary origin by an environment variable.
const devUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : undefined;
const isDev = !app.isPackaged;

const page: TrustedPage = { indexFileUrl: pathToFileURL(indexHtml).href, devUrl };
const requestPolicy: RequestPolicy = { rendererRootUrl: pathToFileURL(rendererDir + '/').href, devUrl };
const csp = contentSecurityPolicy(devUrl);

let mainWindow: BrowserWindow | null = null;
/** Asks before closing mainWindow (or quitting) with unsaved changes. */
let closeGuard: CloseGuard | null = null;
const menuState: MenuState = { quality: 'auto', canUndo: true, canRedo: true };
let documentState: DocumentState = { title: 'Untitled', dirty: false };
/** File › Open Recent as the menu shows it (RecentFiles holds and persists the list). */
let recentList: RecentFile[] = [];

// Must run before `ready`: every renderer, including ones we never meant to create, is sandboxed.
app.enableSandbox();
// The page is loaded from file://, where response headers (ISOLATION_HEADERS) may not make it
// cross-origin isolated; this lets it share memory with its workers all the same. It loads only
// its own files (the request allow-list), so nothing cross-origin can read that memory.
app.commandLine.appendSwitch('enable-features', 'SharedArrayBuffer');
// Relaunched because hardware WebGL failed (gpu-fallback.ts): WebGL on the CPU this time.
const launchArgv = [...process.argv];
const softwareRendering = isSoftwareRenderingRun(launchArgv);
if (softwareRendering) for (const [name, value] of SOFTWARE_RENDERING_SWITCHES) app.commandLine.appendSwitch(name, value);

/** The page could not create a WebGL context: relaunch in software rendering (once). */
function requestSoftwareRendering(reason: string): { relaunching: true } | { relaunching: false; why: string } {
  const decision = decideSoftwareRendering(launchArgv, process.env.LEO_LAUNCHER);
  if (decision.action === 'none') {
    console.error(`[gpu] WebGL failed in software rendering too: ${reason}`);
    return { relaunching: false, why: decision.why };
  }
  console.error(`[gpu] hardware WebGL failed (${reason}); restarting with software rendering (SwiftShader)`);
  // After the answer is sent; the window closes without the unsaved-changes prompt (nothing
  // can have been edited yet: the page reports this while it starts).
  setTimeout(() => {
    if (decision.action === 'relaunch') {
      app.relaunch({ args: decision.args });
      app.exit(0);
    } else app.exit(decision.code);
  }, 50);
  return { relaunching: true };
}

function hardenSession(): void {
  const ses = session.defaultSession;
  // The app needs no camera, notifications, geolocation or the like.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, requestPolicy);
    if (!allowed) console.warn(`[security] blocked request to ${details.url}`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppResource(details.url, requestPolicy)) {
      callback({});
      return;
    }
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Drop any policy a dev server sent so ours is the only one in force.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [csp];
    headers['X-Content-Type-Options'] = ['nosniff'];
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers[name] = [value];
    callback({ responseHeaders: headers });
  });
}

function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[security] denied new window for ${url}`);
    return { action: 'deny' };
  });
  const denyNavigation = (event: { preventDefault(): void }, url: string): void => {
    event.preventDefault();
    console.warn(`[security] denied navigation to ${url}`);
  };
  contents.on('will-navigate', (event) => denyNavigation(event, event.url));
  // will-navigate covers the main frame only; iframes navigate through this one.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) denyNavigation(event, event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedRequest(event.url, requestPolicy)) denyNavigation(event, event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function sendToRenderer(event: MenuCommandType, payload?: { quality: QualityMode } | { path: string }): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(event, payload);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: `About ${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail: `Plan low-Earth-orbit satellite networks.\n\nElectron ${process.versions.electron}\nChromium ${process.versions.chrome}\nNode ${process.versions.node}`,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function installMenu(): void {
  const template = buildMenuTemplate(
    { ...menuState, isDev, isMac: process.platform === 'darwin', appName: APP_NAME, recent: recentList },
    { send: sendToRenderer, showAbout },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function applyDocumentState(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  mainWindow.setTitle(`${documentState.dirty ? '• ' : ''}${documentState.title} — ${APP_NAME}`);
  if (process.platform === 'darwin') mainWindow.setDocumentEdited(documentState.dirty);
}

const windowStateFile = (): string => join(app.getPath('userData'), 'window-state.json');

function currentWindowState(win: BrowserWindow): WindowState {
  // Normal bounds, so a maximized or full-screen window comes back to its old size when restored.
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}

function persistWindowState(win: BrowserWindow): void {
  const err = saveWindowState(windowStateFile(), currentWindowState(win), { readFileSync, writeFileSync, renameSync, mkdirSync }, app.getPath('userData'));
  if (err) console.warn(`[window-state] not saved: ${err.message}`);
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(
    windowStateFile(),
    { readFileSync },
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: APP_NAME,
    show: false,
    backgroundColor: '#0b0f19',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const saveSoon = (): void => {
    // Also saved while running, so a crash or a kill still keeps a recent geometry.
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => !win.isDestroyed() && persistWindowState(win), 1000);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);

  // The page is asked only while it can answer: not after its renderer died or while it hangs.
  let pageAlive = true;
  win.webContents.on('did-start-loading', () => (pageAlive = true));
  win.on('unresponsive', () => (pageAlive = false));
  win.on('responsive', () => (pageAlive = true));
  const guard = createCloseGuard({
    isDirty: () => documentState.dirty,
    askPage(reason: CloseReason) {
      if (!pageAlive) return false;
      win.webContents.send(CLOSE_REQUEST_EVENT, { reason });
      return true;
    },
    async confirmDiscard(reason: CloseReason) {
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        buttons: [reason === 'quit' ? "Don't Save and Quit" : "Don't Save and Close", 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `${documentState.title} has unsaved changes.`,
        detail: 'The window is not responding, so they cannot be saved now. Close it and lose them?',
      });
      return response === 0;
    },
    closeWindow: () => win.close(),
    quitApp: () => app.quit(),
  });
  closeGuard = guard;
  win.on('close', (event) => {
    clearTimeout(saveTimer);
    persistWindowState(win);
    guard.onClose(event);
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    if (closeGuard === guard) closeGuard = null;
  });

  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    pageAlive = false;
    console.error(`[renderer] gone: ${details.reason} (exit code ${details.exitCode})`);
    void dialog
      .showMessageBox(win, {
        type: 'error',
        buttons: ['Reload', 'Quit'],
        message: 'The LEO Planner window stopped working.',
        detail: `Reason: ${details.reason}. Unsaved changes may be recoverable after reload.`,
      })
      .then(({ response }) => (response === 0 ? win.reload() : app.quit()));
  });

  if (devUrl) void win.loadURL(softwareRendering ? `${devUrl}?${new URLSearchParams(SOFTWARE_RENDERING_QUERY)}` : devUrl);
  else void win.loadFile(indexHtml, softwareRendering ? { query: { ...SOFTWARE_RENDERING_QUERY } } : undefined);
  return win;
}

if (!app.requestSingleInstanceLock()) {
  // A second launch focuses the first window instead of fighting over the same userData.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('before-quit', () => closeGuard?.onBeforeQuit());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    hardenSession();
    const recent = new RecentFiles(join(app.getPath('userData'), 'recent.json'));
    const autosaves = new AutosaveFiles(join(app.getPath('userData'), 'autosave'));
    const showRecent = (list: RecentFile[]): RecentFile[] => {
      recentList = list;
      installMenu();
      return list;
    };
    const files = new ScenarioFiles(
      {
        async showOpenDialog(options) {
          const opts: Electron.OpenDialogOptions = {
            title: options?.title ?? 'Open Scenario',
            properties: ['openFile'],
            filters: options?.filters ?? [{ name: 'LEO Planner scenario', extensions: ['json'] }, { name: 'All files', extensions: ['*'] }],
          };
          const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
          return r.canceled ? undefined : r.filePaths[0];
        },
        async showSaveDialog(defaultPath) {
          const opts: Electron.SaveDialogOptions = {
            title: 'Save Scenario',
            defaultPath,
            filters: [{ name: 'LEO Planner scenario', extensions: ['json'] }],
            properties: ['createDirectory', 'showOverwriteConfirmation'],
          };
          const r = mainWindow ? await dialog.showSaveDialog(mainWindow, opts) : await dialog.showSaveDialog(opts);
          return r.canceled || !r.filePath ? undefined : r.filePath;
        },
      },
      app.getPath('documents'),
      (path) => {
        app.addRecentDocument(path);
        void recent.add(path).then(showRecent);
      },
    );
    registerIpcHandlers(ipcMain, page, {
      appInfo: () => ({
        name: APP_NAME,
        version: app.getVersion(),
        shell: 'electron',
        electronVersion: process.versions.electron ?? '',
        chromeVersion: process.versions.chrome ?? '',
        nodeVersion: process.versions.node,
        os: process.platform,
        isDev,
      }),
      files,
      updateMenuState(state) {
        Object.assign(menuState, state);
        installMenu();
      },
      setDocumentState(state) {
        documentState = state;
        applyDocumentState();
      },
      requestSoftwareRendering,
      answerCloseRequest: (proceed) => closeGuard?.answer(proceed) ?? false,
      recent: recentOperations(recent, files, showRecent, () => app.clearRecentDocuments()),
      openDropped: (path) => files.openPath(path),
      autosave: {
        write: (meta, text) => autosaves.write(meta, text),
        clear: (docId) => autosaves.clear(docId),
        discard: (docId) => autosaves.discard(docId),
        list: () => autosaves.list(),
      },
    });
    void recent.entries().then(showRecent);
    installMenu();
    mainWindow = createWindow();
    app.on('activate', () => {
      // macOS: clicking the dock icon with no window open makes a new one.
      if (!mainWindow) mainWindow = createWindow();
    });
  });
}
