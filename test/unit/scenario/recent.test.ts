import { describe, expect, it } from 'vitest';
import { addRecent, droppedKeys, parseRecentList, RECENT_LIMIT, removeRecent, serializeRecentList, type RecentEntry } from '../../../src-core/scenario/recent';

const entry = (i: number): RecentEntry => ({ key: `/data/s${i}.leo.json`, name: `s${i}.leo.json`, openedAtMs: 1_000 + i });

describe('the Open Recent list', () => {
  it('puts the newest first, keeps one entry per file and at most 10', () => {
    let list: RecentEntry[] = [];
    for (let i = 0; i < 12; i++) list = addRecent(list, entry(i));
    expect(RECENT_LIMIT).toBe(10);
    expect(list.map((e) => e.name)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((i) => `s${i}.leo.json`));
    // Reopening a listed file moves it to the top instead of adding it twice.
    const again = addRecent(list, { ...entry(5), openedAtMs: 9_999 });
    expect(again).toHaveLength(10);
    expect(again[0]).toEqual({ ...entry(5), openedAtMs: 9_999 });
    expect(again.filter((e) => e.key === entry(5).key)).toHaveLength(1);
  });

  it('names the entries pushed out, so their stored handles can go', () => {
    const full = Array.from({ length: 10 }, (_, i) => entry(9 - i));
    expect(droppedKeys(full, addRecent(full, entry(42)))).toEqual([entry(0).key]);
    expect(droppedKeys(full, removeRecent(full, entry(3).key))).toEqual([entry(3).key]);
  });

  it('round-trips through its file, and a broken file gives an empty list with a reason (never a throw)', () => {
    const list = [entry(2), entry(1)];
    expect(parseRecentList(serializeRecentList(list))).toEqual({ list, problem: null });
    const broken = parseRecentList('{"recent": [');
    expect(broken.list).toEqual([]);
    expect(broken.problem).toMatch(/^the recent-files list is not valid JSON/);
    expect(parseRecentList('[1,2]')).toEqual({ list: [], problem: 'the recent-files list has no "recent" array; starting a new one' });
  });

  it('leaves out unreadable and duplicate entries and caps a hand-edited list', () => {
    const raw = { recent: [entry(1), { key: '', name: 'x', openedAtMs: 1 }, { key: '/a', name: 3 }, entry(1), ...Array.from({ length: 12 }, (_, i) => entry(i + 10))] };
    const r = parseRecentList(JSON.stringify(raw));
    expect(r.problem).toBe('2 unreadable entries were left out of the recent-files list');
    expect(r.list).toHaveLength(10);
    expect(r.list[0]).toEqual(entry(1));
    expect(new Set(r.list.map((e) => e.key)).size).toBe(10);
  });
});
