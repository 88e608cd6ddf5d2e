// The app's data folder (userData): the Open Recent list and the autosaves, on a real temporary folder.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutosaveFiles, RecentFiles } from '../../../src-main/main/app-data-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'leo-userdata-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentFiles', () => {
  it('persists the list across restarts, newest first, at most 10', async () => {
    const file = join(dir, 'recent.json');
    const a = new RecentFiles(file);
    for (let i = 0; i < 12; i++) await a.add(`/plans/s${i}.leo.json`, 1000 + i);
    const b = new RecentFiles(file);
    const list = await b.entries();
    expect(list.map((e) => e.name)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((i) => `s${i}.leo.json`));
    expect(await b.remove('/plans/s11.leo.json')).toHaveLength(9);
    expect(await new RecentFiles(file).entries()).toHaveLength(9);
    expect(await b.clear()).toEqual([]);
    expect(await new RecentFiles(file).entries()).toEqual([]);
  });

  it('starts with an empty list from a broken file, and says so once', async () => {
    const file = join(dir, 'recent.json');
    writeFileSync(file, '{"recent": [ {"key": ');
    const logs: string[] = [];
    const r = new RecentFiles(file, (m) => logs.push(m));
    expect(await r.entries()).toEqual([]);
    expect(await r.entries()).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/the recent-files list is not valid JSON/);
  });
});

describe('AutosaveFiles', () => {
  const meta = { docId: 'doc-1', name: 'walker.leo.json', filePath: null, autosavedAtMs: 1_700_000_000_000 };
  const folder = () => join(dir, 'autosave');

  it('writes the scenario as a scenario file plus its description, and clears both', async () => {
    const store = new AutosaveFiles(folder());
    await store.write(meta, '{"formatVersion":2}');
    expect(readdirSync(folder()).sort()).toEqual(['doc-1.leo.json', 'doc-1.meta.json']);
    expect(await store.list()).toEqual([{ ok: true, meta, text: '{"formatVersion":2}', fileChangedSince: false }]);
    await store.clear('doc-1');
    expect(readdirSync(folder())).toEqual([]);
    expect(await new AutosaveFiles(join(dir, 'none')).list()).toEqual([]);
  });

  it('keeps a discarded autosave aside until the next autosave', async () => {
    const store = new AutosaveFiles(folder());
    await store.write(meta, '{}');
    await store.discard('doc-1');
    expect(await store.list()).toEqual([]);
    expect(readdirSync(folder()).sort()).toEqual(['doc-1.leo.json.discarded', 'doc-1.meta.json.discarded']);
    await store.write({ ...meta, docId: 'doc-2' }, '{}');
    expect(readdirSync(folder()).sort()).toEqual(['doc-2.leo.json', 'doc-2.meta.json']);
  });

  it('offers an autosave without its description under its file time, and notes a source file saved since', async () => {
    mkdirSync(folder());
    writeFileSync(join(folder(), 'doc-9.leo.json'), '{}');
    utimesSync(join(folder(), 'doc-9.leo.json'), 1_600_000_000, 1_600_000_000);
    const source = join(dir, 'walker.leo.json');
    writeFileSync(source, '{}');
    const store = new AutosaveFiles(folder());
    await store.write({ ...meta, filePath: source, autosavedAtMs: 1_000 }, '{}');
    const found = await store.list();
    expect(found).toContainEqual({ ok: true, meta: { docId: 'doc-9', name: 'Untitled', filePath: null, autosavedAtMs: 1_600_000_000_000 }, text: '{}', fileChangedSince: false });
    expect(found).toContainEqual(expect.objectContaining({ ok: true, fileChangedSince: true }));
  });

  it('reports an unreadable autosave instead of failing the listing', async () => {
    mkdirSync(join(folder(), 'doc-3.leo.json'), { recursive: true }); // a folder where a file should be
    const found = await new AutosaveFiles(folder()).list();
    expect(found).toEqual([{ ok: false, docId: 'doc-3', message: expect.stringMatching(/^The autosave doc-3\.leo\.json could not be read: /) as unknown }]);
  });

  it('refuses a document id that is not a plain name', async () => {
    await expect(new AutosaveFiles(folder()).write({ ...meta, docId: '../x' }, '{}')).rejects.toThrow('bad autosave id "../x"');
  });
});
