import type { IpcMainInvokeEvent } from 'electron';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LeoResult } from '../../../src-main/preload/api';
import { IPC, MENU_EVENTS, toCloseReason, toMenuCommand, validateArgs, validateSender, type TrustedPage } from '../../../src-main/main/ipc-contract';
import { registerIpcHandlers, type IpcMainLike, type IpcOperations } from '../../../src-main/main/ipc-handlers';
import { ScenarioFiles, type FileDialogs } from '../../../src-main/main/scenario-files';
import { AutosaveFiles, RecentFiles, recentOperations } from '../../../src-main/main/app-data-files';

const indexHtml = '/opt/leo/out/renderer/index.html';
const page: TrustedPage = { indexFileUrl: pathToFileURL(indexHtml).href };
const devPage: TrustedPage = { ...page, devUrl: 'http://localhost:5173/' };
const appUrl = `${pathToFileURL(indexHtml).href}#/scenario`;
/** The smallest text the save path accepts: every save is validated first (src-core/scenario/save.ts). */
const VALID_SCENARIO = '{"formatVersion":2,"constellation":{}}';

describe('validateSender', () => {
  it('accepts the app page, with any hash or query', () => {
    expect(validateSender({ url: appUrl, isTopFrame: true }, page).ok).toBe(true);
    expect(validateSender({ url: `${pathToFileURL(indexHtml).href}?q=1`, isTopFrame: true }, page).ok).toBe(true);
    expect(validateSender({ url: 'http://localhost:5173/index.html', isTopFrame: true }, devPage).ok).toBe(true);
  });

  it.each([
    ['another local file', pathToFileURL('/tmp/evil.html').href],
    ['a sibling of index.html', pathToFileURL('/opt/leo/out/renderer/other.html').href],
    ['a network file path', 'file://server/opt/leo/out/renderer/index.html'],
    ['a web page', 'https://example.com/'],
    ['the dev server when not in dev', 'http://localhost:5173/'],
    ['garbage', 'not a url'],
  ])('rejects %s', (_what, url) => {
    const r = validateSender({ url, isTopFrame: true }, page);
    expect(r).toEqual({ ok: false, error: `IPC from a page that is not the app is not allowed (${url})` });
  });

  it('rejects another dev-server origin, sub-frames and vanished frames', () => {
    expect(validateSender({ url: 'http://localhost:5174/', isTopFrame: true }, devPage).ok).toBe(false);
    expect(validateSender({ url: appUrl, isTopFrame: false }, page)).toEqual({ ok: false, error: `IPC from a sub-frame is not allowed (${appUrl})` });
    expect(validateSender(null, page)).toEqual({ ok: false, error: 'the sending frame is gone' });
  });
});

describe('argument validators', () => {
  it('accept good arguments, treating trailing undefined as omitted', () => {
    expect(validateArgs[IPC.getAppInfo]([])).toEqual({ ok: true, value: [] });
    expect(validateArgs[IPC.saveScenarioFile](['{}'])).toEqual({ ok: true, value: ['{}', undefined] });
    expect(validateArgs[IPC.saveScenarioFile](['{}', '/home/a/s.json'])).toEqual({ ok: true, value: ['{}', '/home/a/s.json'] });
    expect(validateArgs[IPC.saveScenarioFile](['{}', 'C:\\Users\\a\\s.json'])).toMatchObject({ ok: true });
    expect(validateArgs[IPC.saveScenarioFileAs](['{}', undefined])).toEqual({ ok: true, value: ['{}', undefined] });
    expect(validateArgs[IPC.saveScenarioFileAs](['{}', 'shell-1.json'])).toEqual({ ok: true, value: ['{}', 'shell-1.json'] });
    expect(validateArgs[IPC.updateMenuState]([{ quality: 'lean', canUndo: false }])).toEqual({ ok: true, value: [{ quality: 'lean', canUndo: false }] });
    expect(validateArgs[IPC.setDocumentState]([{ title: 'a.json', dirty: true }])).toEqual({ ok: true, value: [{ title: 'a.json', dirty: true }] });
    expect(validateArgs[IPC.answerCloseRequest]([false])).toEqual({ ok: true, value: [false] });
  });

  it.each([
    [IPC.getAppInfo, [1], 'getAppInfo: expected 0 argument(s), got 1'],
    [IPC.saveScenarioFile, [], 'saveScenarioFile: expected 1 to 2 argument(s), got 0'],
    [IPC.saveScenarioFile, [42], 'saveScenarioFile: argument 1 (text) must be a string, got number 42'],
    [IPC.saveScenarioFile, ['{}', 'relative/s.json'], 'saveScenarioFile: argument 2 (path) must be an absolute file path or omitted, got a string of 15 characters'],
    [IPC.saveScenarioFile, ['{}', '/a\0b'], 'saveScenarioFile: argument 2 (path) must be an absolute file path or omitted, got a string of 4 characters'],
    [IPC.saveScenarioFileAs, ['{}', '../../.bashrc'], 'saveScenarioFileAs: argument 2 (suggestedName) must be a bare file name or omitted, got a string of 13 characters'],
    [IPC.updateMenuState, [{ quality: 'ultra' }], 'updateMenuState: state.quality must be one of auto, pretty, lean, got a string of 5 characters'],
    [IPC.updateMenuState, [{ canUndo: 1 }], 'updateMenuState: state.canUndo must be a boolean, got number 1'],
    [IPC.updateMenuState, [{ evil: true }], 'updateMenuState: unknown field state.evil'],
    [IPC.updateMenuState, [null], 'updateMenuState: argument 1 (state) must be an object, got null'],
    [IPC.setDocumentState, [{ title: 'x' }], 'setDocumentState: state.dirty must be a boolean, got undefined undefined'],
    [IPC.setDocumentState, [{ title: 'x'.repeat(301), dirty: false }], 'setDocumentState: state.title must be a string of at most 300 characters, got a string of 301 characters'],
    [IPC.answerCloseRequest, ['yes'], 'answerCloseRequest: argument 1 (proceed) must be a boolean, got a string of 3 characters'],
    [IPC.answerCloseRequest, [], 'answerCloseRequest: expected 1 argument(s), got 0'],
  ] as const)('%s rejects %j', (channel, args, message) => {
    expect(validateArgs[channel](args as readonly unknown[])).toEqual({ ok: false, error: message });
  });
});

describe('menu events', () => {
  it('turns every menu channel into a command and rejects bad payloads', () => {
    for (const channel of MENU_EVENTS.filter((c) => c !== 'menu:quality' && c !== 'menu:open-recent')) expect(toMenuCommand(channel, undefined)).toEqual({ type: channel });
    expect(toMenuCommand('menu:open-recent', { path: '/home/a/x.leo.json' })).toEqual({ type: 'menu:open-recent', path: '/home/a/x.leo.json' });
    expect(toMenuCommand('menu:open-recent', { path: 'relative.json' })).toBeNull();
    expect(toMenuCommand('menu:open-recent', undefined)).toBeNull();
    expect(toMenuCommand('menu:quality', { quality: 'pretty' })).toEqual({ type: 'menu:quality', quality: 'pretty' });
    expect(toMenuCommand('menu:quality', { quality: 'max' })).toBeNull();
    expect(toMenuCommand('menu:other', undefined)).toBeNull();
  });

  it('accepts a close request only with a known reason', () => {
    expect(toCloseReason({ reason: 'quit' })).toBe('quit');
    expect(toCloseReason({ reason: 'close' })).toBe('close');
    expect(toCloseReason({ reason: 'reboot' })).toBeNull();
    expect(toCloseReason(null)).toBeNull();
  });
});

// --- handlers, driven through a fake ipcMain (the electron boundary) -------------------------

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const invoke = (channel: string, url: string, ...args: unknown[]) => {
    const event = { senderFrame: { url, parent: null } } as unknown as IpcMainInvokeEvent;
    return handlers.get(channel)!(event, ...args) as Promise<LeoResult<Record<string, unknown>>>;
  };
  return { ipc, handlers, invoke };
}

class FakeDialogs implements FileDialogs {
  openAnswers: (string | undefined)[] = [];
  saveAnswers: (string | undefined)[] = [];
  saveDefaults: string[] = [];
  openOptions: unknown[] = [];
  async showOpenDialog(options?: unknown) {
    this.openOptions.push(options);
    return this.openAnswers.shift();
  }
  async showSaveDialog(defaultPath: string) {
    this.saveDefaults.push(defaultPath);
    return this.saveAnswers.shift();
  }
}

describe('registerIpcHandlers', () => {
  let dir: string;
  /** The app's data folder (userData): recent.json and autosave/. */
  let userDir: string;
  let dialogs: FakeDialogs;
  let menuUpdates: unknown[];
  let softwareRequests: string[];
  let closeAnswers: boolean[];
  let logs: string[];
  let fake: ReturnType<typeof fakeIpcMain>;
  let unregister: () => void;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leo-ipc-'));
    userDir = mkdtempSync(join(tmpdir(), 'leo-ipc-user-'));
    dialogs = new FakeDialogs();
    menuUpdates = [];
    softwareRequests = [];
    closeAnswers = [];
    logs = [];
    fake = fakeIpcMain();
    const recent = new RecentFiles(join(userDir, 'recent.json'));
    const files = new ScenarioFiles(dialogs, dir, (p) => void recent.add(p));
    const ops: IpcOperations = {
      appInfo: () => ({ name: 'LEO Planner', version: '0.1.0', shell: 'electron', electronVersion: '41', chromeVersion: '146', nodeVersion: '22', os: 'linux', isDev: false }),
      files,
      recent: recentOperations(recent, files, () => {}),
      openDropped: (p) => files.openPath(p),
      autosave: new AutosaveFiles(join(userDir, 'autosave')),
      updateMenuState: (s) => menuUpdates.push(s),
      setDocumentState: () => {
        throw new Error('window gone');
      },
      requestSoftwareRendering: (reason) => {
        softwareRequests.push(reason);
        return { relaunching: true };
      },
      answerCloseRequest: (proceed) => {
        closeAnswers.push(proceed);
        return closeAnswers.length === 1;
      },
    };
    unregister = registerIpcHandlers(fake.ipc, page, ops, (m) => logs.push(m));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(userDir, { recursive: true, force: true });
  });

  it('registers one handler per channel and removes them all', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(IPC).sort());
    unregister();
    expect(fake.handlers.size).toBe(0);
  });

  it('answers a good call', async () => {
    expect(await fake.invoke(IPC.getAppInfo, appUrl)).toMatchObject({ ok: true, info: { name: 'LEO Planner', shell: 'electron' } });
    expect(await fake.invoke(IPC.updateMenuState, appUrl, { quality: 'lean' })).toEqual({ ok: true });
    expect(menuUpdates).toEqual([{ quality: 'lean' }]);
  });

  it('passes a WebGL failure on for a software-rendering relaunch, and rejects a reason that is not text', async () => {
    expect(await fake.invoke(IPC.requestSoftwareRendering, appUrl, 'WebGL 2 context creation failed')).toEqual({ ok: true, relaunching: true });
    expect(softwareRequests).toEqual(['WebGL 2 context creation failed']);
    expect(await fake.invoke(IPC.requestSoftwareRendering, appUrl, 42)).toEqual({
      ok: false,
      code: 'bad-argument',
      error: 'requestSoftwareRendering: argument 1 (reason) must be a string of at most 1000 characters, got number 42',
    });
    expect(softwareRequests).toHaveLength(1);
  });

  it('rejects a foreign sender before looking at the arguments or acting', async () => {
    const r = await fake.invoke(IPC.updateMenuState, 'https://evil.example/', { quality: 'lean' });
    expect(r).toEqual({ ok: false, code: 'forbidden', error: 'IPC from a page that is not the app is not allowed (https://evil.example/)' });
    expect(menuUpdates).toEqual([]);
    expect(logs[0]).toMatch(/rejected menu:update-state/);
  });

  it('rejects bad arguments with the validator message', async () => {
    expect(await fake.invoke(IPC.saveScenarioFile, appUrl, { text: '{}' })).toEqual({
      ok: false,
      code: 'bad-argument',
      error: 'saveScenarioFile: argument 1 (text) must be a string, got an object',
    });
  });

  it('passes a close answer on, and reports one that nothing was waiting for', async () => {
    expect(await fake.invoke(IPC.answerCloseRequest, appUrl, true)).toEqual({ ok: true });
    expect(await fake.invoke(IPC.answerCloseRequest, appUrl, false)).toEqual({ ok: false, code: 'bad-argument', error: 'answerCloseRequest: no close request is pending' });
    expect(closeAnswers).toEqual([true, false]);
  });

  it('turns a throwing operation into an internal failure instead of a rejected promise', async () => {
    expect(await fake.invoke(IPC.setDocumentState, appUrl, { title: 'a', dirty: false })).toEqual({ ok: false, code: 'internal', error: 'window gone' });
  });

  it('opens a file the user picked and then saves it in place, keeping a .bak', async () => {
    const file = join(dir, 'walker.json');
    writeFileSync(file, '{"v":1}');
    dialogs.openAnswers.push(file);
    expect(await fake.invoke(IPC.openScenarioFile, appUrl)).toEqual({ ok: true, file: { path: file, name: 'walker.json', text: '{"v":1}' } });

    const saved = await fake.invoke(IPC.saveScenarioFile, appUrl, VALID_SCENARIO, file);
    expect(saved).toEqual({ ok: true, file: { path: file, name: 'walker.json', backupPath: `${file}.bak` } });
    expect(dialogs.saveDefaults).toEqual([]); // no dialog for a granted path
    expect(readFileSync(file, 'utf8')).toBe(VALID_SCENARIO);
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('{"v":1}');
    expect(readdirSync(dir).sort()).toEqual(['walker.json', 'walker.json.bak']); // no temp files left
  });

  it('asks before writing to a path the user never chose', async () => {
    const target = join(dir, 'victim.txt');
    writeFileSync(target, 'precious');
    dialogs.saveAnswers.push(undefined); // user cancels
    expect(await fake.invoke(IPC.saveScenarioFile, appUrl, 'pwned', target)).toEqual({ ok: false, code: 'canceled', error: 'Canceled.' });
    expect(dialogs.saveDefaults).toEqual([join(dir, 'victim.txt')]);
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });

  it('save-as writes a new file without a backup and reports cancel', async () => {
    const file = join(dir, 'new.json');
    dialogs.saveAnswers.push(file);
    expect(await fake.invoke(IPC.saveScenarioFileAs, appUrl, VALID_SCENARIO, 'suggested.json')).toEqual({ ok: true, file: { path: file, name: 'new.json', backupPath: null } });
    expect(dialogs.saveDefaults).toEqual([join(dir, 'suggested.json')]);
    dialogs.openAnswers.push(undefined);
    expect(await fake.invoke(IPC.openScenarioFile, appUrl)).toMatchObject({ ok: false, code: 'canceled' });
  });

  it('reads an import file through a dialog with the given filters, without granting it for saving', async () => {
    const file = join(dir, 'sats.tle');
    writeFileSync(file, 'TLE');
    dialogs.openAnswers.push(file);
    const filters = [{ name: 'Element sets', extensions: ['tle', 'txt'] }, { name: 'All files', extensions: ['*'] }];
    expect(await fake.invoke(IPC.openImportFile, appUrl, 'Import constellation', filters)).toEqual({ ok: true, file: { path: file, name: 'sats.tle', text: 'TLE' } });
    expect(dialogs.openOptions).toEqual([{ title: 'Import constellation', filters }]);
    // Not granted: a save to that path asks first.
    dialogs.saveAnswers.push(undefined);
    expect(await fake.invoke(IPC.saveScenarioFile, appUrl, VALID_SCENARIO, file)).toMatchObject({ ok: false, code: 'canceled' });
    expect(readFileSync(file, 'utf8')).toBe('TLE');
    for (const bad of [[], [{ name: 'x', extensions: ['.tle'] }], [{ name: 'x', extensions: [] }], 'tle']) {
      expect(await fake.invoke(IPC.openImportFile, appUrl, 'Import', bad)).toMatchObject({ ok: false, code: 'bad-argument' });
    }
  });

  it('reports an unreadable file as an io failure with a sentence', async () => {
    dialogs.openAnswers.push(join(dir, 'missing.json'));
    expect(await fake.invoke(IPC.openScenarioFile, appUrl)).toEqual({ ok: false, code: 'io', error: `Could not open ${join(dir, 'missing.json')}: the file does not exist.` });
  });

  it('Open Recent opens only listed files, and a missing one leaves the list with a sentence', async () => {
    const path = join(dir, 'recent.leo.json');
    writeFileSync(path, VALID_SCENARIO);
    dialogs.openAnswers.push(path);
    expect(await fake.invoke(IPC.openScenarioFile, appUrl)).toMatchObject({ ok: true });
    await expect.poll(async () => (await fake.invoke(IPC.getRecentFiles, appUrl)) as unknown).toMatchObject({ ok: true, recent: [{ key: path, name: 'recent.leo.json' }] });
    expect(await fake.invoke(IPC.openRecentScenarioFile, appUrl, path)).toMatchObject({ ok: true, file: { path, text: VALID_SCENARIO } });
    // A path the user never opened is refused, even if it exists.
    const other = join(dir, 'other.leo.json');
    writeFileSync(other, VALID_SCENARIO);
    expect(await fake.invoke(IPC.openRecentScenarioFile, appUrl, other)).toMatchObject({ ok: false, code: 'bad-argument' });
    rmSync(path);
    expect(await fake.invoke(IPC.openRecentScenarioFile, appUrl, path)).toEqual({
      ok: false,
      code: 'io',
      error: `Could not open ${path}: the file does not exist. It was removed from Open Recent.`,
    });
    expect(await fake.invoke(IPC.getRecentFiles, appUrl)).toEqual({ ok: true, recent: [] });
  });

  it('writes, lists, discards and clears autosaves, refusing a bad document id', async () => {
    const meta = { docId: 'doc-1', name: 'walker.leo.json', filePath: null, autosavedAtMs: 1_700_000_000_000 };
    expect(await fake.invoke(IPC.writeAutosave, appUrl, meta, VALID_SCENARIO)).toEqual({ ok: true });
    expect(await fake.invoke(IPC.listAutosaves, appUrl)).toEqual({ ok: true, found: [{ ok: true, meta, text: VALID_SCENARIO, fileChangedSince: false }] });
    expect(await fake.invoke(IPC.writeAutosave, appUrl, { ...meta, docId: '../evil' }, VALID_SCENARIO)).toMatchObject({ ok: false, code: 'bad-argument' });
    expect(await fake.invoke(IPC.clearAutosave, appUrl, '../../x')).toMatchObject({ ok: false, code: 'bad-argument' });
    expect(await fake.invoke(IPC.discardAutosave, appUrl, 'doc-1')).toEqual({ ok: true });
    expect(await fake.invoke(IPC.listAutosaves, appUrl)).toEqual({ ok: true, found: [] });
    expect(readdirSync(join(userDir, 'autosave')).sort()).toEqual(['doc-1.leo.json.discarded', 'doc-1.meta.json.discarded']);
  });
});
