// The dropped file's handle (ui/files/dropHandle.ts): a file handle where Chromium gives one
// (then Save writes back to the dropped file), null in every other case (Save falls back to a
// download, or to the save picker where the File System Access API exists). Playwright cannot
// synthesise a real dropped file's handle, so the cases without one are tested here.
import { describe, expect, it } from 'vitest';
import { droppedFileHandle, type DroppedItem } from '../../../src-renderer/ui/files/dropHandle';

const fileHandle = { kind: 'file', name: 'a.leo.json', getFile: () => Promise.reject(new Error('unused')), createWritable: () => Promise.reject(new Error('unused')) };
const item = (over: Partial<DroppedItem> & { kind?: string }): DroppedItem => ({ kind: 'file', ...over });

describe('droppedFileHandle', () => {
  it('a file item with a file handle gives that handle', async () => {
    expect(await droppedFileHandle([item({ getAsFileSystemHandle: () => Promise.resolve(fileHandle) })])).toBe(fileHandle);
  });

  it('asks for the handle synchronously (in the drop event tick), once, for the first item only', () => {
    let calls = 0;
    const second = { n: 0 };
    void droppedFileHandle([item({ getAsFileSystemHandle: () => (calls++, Promise.resolve(fileHandle)) }), item({ getAsFileSystemHandle: () => (second.n++, Promise.resolve(null)) })]);
    expect(calls).toBe(1);
    expect(second.n).toBe(0);
  });

  it('null (the download / picker fallback) without the method, for a string item, no items, a directory, null, a throw or a rejection', async () => {
    const cases: (DroppedItem[] | undefined)[] = [
      undefined,
      [],
      [item({})],
      [item({ kind: 'string', getAsFileSystemHandle: () => Promise.resolve(fileHandle) })],
      [item({ getAsFileSystemHandle: () => Promise.resolve({ kind: 'directory' }) })],
      [item({ getAsFileSystemHandle: () => Promise.resolve(null) })],
      [item({ getAsFileSystemHandle: () => Promise.resolve({ kind: 'file' }) })], // no createWritable: cannot save back
      [item({ getAsFileSystemHandle: () => { throw new Error('not allowed'); } })],
      [item({ getAsFileSystemHandle: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) })],
    ];
    for (const c of cases) expect(await droppedFileHandle(c)).toBeNull();
  });
});
