import { describe, expect, it } from 'vitest';
import {
  AUTOSAVE_DELAY_MS,
  chooseRecovery,
  createAutosaver,
  formatAutosaveTime,
  isDocId,
  newDocId,
  parseAutosaveMeta,
  serializeAutosaveMeta,
  type AutosaveDocument,
  type AutosaveEvent,
  type AutosaveFound,
  type AutosaveMeta,
} from '../../../src-core/scenario/autosave';

/** A clock the test moves by hand; timers fire in order when it passes them. */
function fakeTimers() {
  let now = 1_700_000_000_000;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  return {
    timers: {
      setTimeout: (fn: () => void, ms: number) => (pending.set(next, { at: now + ms, fn }), next++),
      clearTimeout: (h: unknown) => void pending.delete(h as number),
      now: () => now,
    },
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now) continue;
        pending.delete(id);
        t.fn();
      }
    },
    pendingCount: () => pending.size,
  };
}

function memoryStorage() {
  const files = new Map<string, { meta: AutosaveMeta; text: string }>();
  const ops: string[] = [];
  return {
    files,
    ops,
    storage: {
      async write(meta: AutosaveMeta, text: string) {
        ops.push(`write ${meta.docId}`);
        files.set(meta.docId, { meta, text });
      },
      async clear(docId: string) {
        ops.push(`clear ${docId}`);
        files.delete(docId);
      },
    },
  };
}

const doc = (dirty: boolean, text: string | null = '{"formatVersion":2}', name = 'walker.leo.json'): AutosaveDocument => ({ dirty, name, filePath: dirty ? '/d/walker.leo.json' : null, serialize: () => text });

function setup() {
  const clock = fakeTimers();
  const mem = memoryStorage();
  const events: AutosaveEvent[] = [];
  const saver = createAutosaver({ docId: 'doc-a', storage: mem.storage, timers: clock.timers, onEvent: (e) => events.push(e) });
  return { clock, mem, events, saver };
}

describe('createAutosaver', () => {
  it(`writes ${AUTOSAVE_DELAY_MS} ms after the last change of a dirty document, once per burst of edits`, async () => {
    const { clock, mem, events, saver } = setup();
    saver.changed(doc(true, 'v1'));
    clock.advance(AUTOSAVE_DELAY_MS - 1);
    saver.changed(doc(true, 'v2'));
    clock.advance(AUTOSAVE_DELAY_MS - 1);
    await saver.idle();
    expect(mem.ops).toEqual([]);
    clock.advance(1);
    await saver.idle();
    expect(mem.ops).toEqual(['write doc-a']);
    expect(mem.files.get('doc-a')).toEqual({ text: 'v2', meta: { docId: 'doc-a', name: 'walker.leo.json', filePath: '/d/walker.leo.json', autosavedAtMs: clock.timers.now() } });
    expect(events).toEqual([{ type: 'written', docId: 'doc-a', atMs: clock.timers.now(), bytes: 2 }]);
  });

  it('clears the autosave when the document becomes clean (saved, or undone back), and only then', async () => {
    const { clock, mem, events, saver } = setup();
    saver.changed(doc(false));
    await saver.idle();
    expect(mem.ops).toEqual([]); // never written: nothing to clear
    saver.changed(doc(true));
    clock.advance(AUTOSAVE_DELAY_MS);
    saver.changed(doc(false));
    saver.changed(doc(false));
    await saver.idle();
    expect(mem.ops).toEqual(['write doc-a', 'clear doc-a']);
    expect(mem.files.size).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['written', 'cleared']);
  });

  it('a clean document before the delay cancels the pending write', async () => {
    const { clock, mem, saver } = setup();
    saver.changed(doc(true));
    clock.advance(AUTOSAVE_DELAY_MS / 2);
    saver.changed(doc(false));
    clock.advance(AUTOSAVE_DELAY_MS * 2);
    await saver.idle();
    expect(mem.ops).toEqual([]);
    expect(clock.pendingCount()).toBe(0);
  });

  it('runs a write and a clear in the order asked, even when storage is slow', async () => {
    const clock = fakeTimers();
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const saver = createAutosaver({
      docId: 'doc-b',
      timers: clock.timers,
      storage: {
        write: async () => {
          await gate;
          order.push('write');
        },
        clear: async () => void order.push('clear'),
      },
    });
    saver.changed(doc(true));
    clock.advance(AUTOSAVE_DELAY_MS);
    saver.changed(doc(false));
    release();
    await saver.idle();
    expect(order).toEqual(['write', 'clear']);
  });

  it('flush writes a due autosave at once; an invalid scenario is skipped; a failing storage is reported, not thrown', async () => {
    const { clock, mem, events, saver } = setup();
    saver.changed(doc(true, 'now'));
    await saver.flush();
    expect(mem.files.get('doc-a')?.text).toBe('now');
    expect(clock.pendingCount()).toBe(0);
    saver.changed(doc(true, null));
    await saver.flush();
    expect(events.at(-1)).toEqual({ type: 'skipped', docId: 'doc-a', reason: 'the scenario is invalid, so it cannot be written' });

    const failing = createAutosaver({
      docId: 'doc-c',
      timers: clock.timers,
      onEvent: (e) => events.push(e),
      storage: { write: () => Promise.reject(new Error('disk full')), clear: async () => {} },
    });
    failing.changed(doc(true));
    await failing.flush();
    expect(events.at(-1)).toEqual({ type: 'failed', docId: 'doc-c', message: 'Autosave failed: disk full' });
  });

  it('does nothing after dispose', async () => {
    const { clock, mem, saver } = setup();
    saver.changed(doc(true));
    saver.dispose();
    clock.advance(AUTOSAVE_DELAY_MS);
    saver.changed(doc(true));
    await saver.flush();
    expect(mem.ops).toEqual([]);
  });
});

describe('recovery at start-up', () => {
  const found = (docId: string, at: number): AutosaveFound => ({ ok: true, meta: { docId, name: `${docId}.leo.json`, filePath: null, autosavedAtMs: at }, text: '{}' });

  it('offers the newest autosave no live window holds, and reports broken ones apart', () => {
    const broken: AutosaveFound = { ok: false, docId: 'doc-x', message: 'The autosave doc-x.leo.json could not be read' };
    const r = chooseRecovery([found('doc-1', 10), found('doc-2', 30), found('doc-3', 20), broken], new Set(['doc-2']));
    expect(r.offer?.meta.docId).toBe('doc-3');
    expect(r.broken).toEqual([broken]);
    expect(chooseRecovery([found('doc-1', 10)], new Set(['doc-1']))).toEqual({ offer: null, broken: [] });
    expect(chooseRecovery([], new Set())).toEqual({ offer: null, broken: [] });
  });

  it('reads its metadata back, and names what is wrong with a broken one', () => {
    const meta: AutosaveMeta = { docId: 'doc-1', name: 'a "quoted" name', filePath: 'C:\\plans\\a.leo.json', autosavedAtMs: 5 };
    expect(parseAutosaveMeta(serializeAutosaveMeta(meta))).toEqual({ ok: true, meta });
    expect(parseAutosaveMeta('{"docId": "doc-1"')).toMatchObject({ ok: false, message: expect.stringMatching(/^its description is not valid JSON/) as unknown });
    expect(parseAutosaveMeta(JSON.stringify({ ...meta, docId: '../x' }))).toEqual({ ok: false, message: 'its description lacks the document name or time' });
    expect(parseAutosaveMeta(JSON.stringify({ ...meta, autosavedAtMs: 'yesterday' })).ok).toBe(false);
  });

  it('makes document ids that are safe file names', () => {
    const id = newDocId(1_700_000_000_000, () => 0.999999);
    expect(isDocId(id)).toBe(true);
    expect(id).toMatch(/^doc-[a-z0-9]+-[a-z0-9]+$/);
    for (const bad of ['', '../a', 'a/b', 'a b', 'x'.repeat(65)]) expect(isDocId(bad)).toBe(false);
    expect(formatAutosaveTime(Date.UTC(2026, 11, 5, 21, 50, 7))).toBe('2026-12-05 21:50:07 UTC');
  });
});
