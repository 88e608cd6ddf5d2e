// Camera bookmarks of the scenario and their undoable edits (add, rename, delete).
//
// Where bookmarks live in a scenario (`view.bookmarks` since format v2) is known only to the
// core's view accessors; the demo tour and the bookmark panel go through getBookmarks/setBookmarks.
import type { CameraBookmark, Scenario } from '../../src-core/scenario/schema';
import { scenarioBookmarks, withScenarioBookmarks } from '../../src-core/scenario/view';
import { sectionPatches } from '../../src-core/session/patches';
import type { Command } from './commands';

/** A named camera view: geodetic degrees, km above the ellipsoid, heading/pitch in degrees. */
export type Bookmark = CameraBookmark;

export function getBookmarks(scenario: Scenario): readonly Bookmark[] {
  return scenarioBookmarks(scenario);
}

export function setBookmarks(scenario: Scenario, bookmarks: readonly Bookmark[]): Scenario {
  return withScenarioBookmarks(scenario, bookmarks);
}

/** "View 3": the first "View N" name not taken yet. */
export function nextBookmarkName(scenario: Scenario): string {
  const taken = new Set(getBookmarks(scenario).map((b) => b.name));
  let n = getBookmarks(scenario).length + 1;
  while (taken.has(`View ${n}`)) n++;
  return `View ${n}`;
}

export function addBookmark(bookmark: Bookmark): Command {
  return {
    label: `Add bookmark ${bookmark.name}`,
    patches: (s) => sectionPatches(s, setBookmarks(s, [...getBookmarks(s), bookmark])),
  };
}

/** Renames the bookmark at `index`; an empty name or the same name changes nothing. */
export function renameBookmark(index: number, name: string): Command {
  const trimmed = name.trim();
  return {
    label: 'Rename bookmark',
    patches: (s) => {
      const list = getBookmarks(s);
      const b = list[index];
      if (!b || trimmed === '' || trimmed === b.name) return [];
      return sectionPatches(s, setBookmarks(s, list.map((x, i) => (i === index ? { ...x, name: trimmed } : x))));
    },
  };
}

export function deleteBookmark(index: number): Command {
  return {
    label: 'Delete bookmark',
    patches: (s) => {
      const list = getBookmarks(s);
      if (index < 0 || index >= list.length) return [];
      return sectionPatches(s, setBookmarks(s, list.filter((_, i) => i !== index)));
    },
  };
}
