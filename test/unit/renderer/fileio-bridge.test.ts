// The bridge's File › Import / Export / Compare / Merge plumbing: every main-process menu event
// reaches the renderer as its command, openFile calls the preload with the dialog's filters, and
// the browser's file input gets the matching `accept`.
import { describe, expect, it } from 'vitest';
import type { LeoApi, MenuCommand as LeoMenuCommand } from '../../../src-main/preload/api';
import { MENU_EVENTS } from '../../../src-main/main/ipc-contract';
import { acceptFor } from '../../../src-renderer/platform/browserBridge';
import { createElectronBridge } from '../../../src-renderer/platform/electronBridge';
import { MENU_COMMANDS, type MenuCommand } from '../../../src-renderer/platform/menu';

const IO_EVENTS = MENU_EVENTS.filter((e) => /^menu:(import|export|compare|merge)/.test(e));

function fakeApi() {
  let listener: ((c: LeoMenuCommand) => void) | null = null;
  const opened: unknown[][] = [];
  const api = {
    onMenuCommand: (cb: (c: LeoMenuCommand) => void) => {
      listener = cb;
      return () => {};
    },
    openImportFile: async (...args: unknown[]) => {
      opened.push(args);
      return { ok: true as const, file: { path: '/tmp/a.tle', name: 'a.tle', text: 'x' } };
    },
  } as unknown as LeoApi;
  return { api, opened, send: (c: LeoMenuCommand) => listener!(c) };
}

describe('File › Import / Export / Compare / Merge through the bridge', () => {
  it('maps each of the eleven Electron menu events (the PDF report included) to its own renderer command', () => {
    const f = fakeApi();
    const got: MenuCommand[] = [];
    createElectronBridge(f.api).onMenuCommand((c) => got.push(c));
    for (const type of IO_EVENTS) f.send({ type } as LeoMenuCommand);
    expect(IO_EVENTS).toHaveLength(11);
    expect(new Set(got).size).toBe(11);
    expect(got.every((c) => MENU_COMMANDS.includes(c) && /^file\.(import|export|compare|merge)/.test(c))).toBe(true);
  });

  it('opens an import file through the preload with the title and filters', async () => {
    const f = fakeApi();
    const filters = [{ name: 'Element sets', extensions: ['tle', 'txt'] }, { name: 'All files', extensions: ['*'] }];
    expect(await createElectronBridge(f.api).openFile({ title: 'Import', filters })).toEqual({ name: 'a.tle', path: '/tmp/a.tle', text: 'x' });
    expect(f.opened).toEqual([['Import', filters]]);
  });

  it('gives the browser file input an accept list without "All files"', () => {
    expect(acceptFor({ title: 't', filters: [{ name: 'Sites', extensions: ['csv', 'geojson', 'json'] }, { name: 'All', extensions: ['*'] }] })).toBe('.csv,.geojson,.json');
  });
});
