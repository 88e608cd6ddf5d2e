// Scenario slice: the current scenario, its undo/redo history and a revision counter.
// The only way to change the scenario is `execute(command)` (or `loadScenario`, which replaces
// it and clears the history). Engine results carry the revision they were computed for, so the
// UI can drop stale ones. Every change is also published as typed patches (`lastChange`): the
// command's patches, the inverse patches of an undo, or a scenario/replace for a load; the engine
// session is fed exactly these (engine/instance.ts).
import type { StateCreator } from 'zustand';
import type { Scenario } from '../../../src-core/scenario/schema';
import { applyPatches, invertPatches, type ScenarioPatch } from '../../../src-core/session/patches';
import { COALESCE_MS, type Command } from '../commands';
import { builtinScenario } from '../builtinScenario';
import type { AppState } from '../store';

export interface HistoryEntry {
  readonly label: string;
  readonly before: Scenario;
  readonly after: Scenario;
  readonly coalesceKey: string | undefined;
  /** What the step did, and the patches that undo it (applied to `after` they give `before`). */
  readonly patches: readonly ScenarioPatch[];
  readonly inverse: readonly ScenarioPatch[];
  /** performance.now() of the last command merged into this entry. */
  readonly at: number;
}

export const HISTORY_LIMIT = 200;

/** One step of the scenario: the patches that turn revision - 1 into `revision`. */
export interface ScenarioChange {
  readonly revision: number;
  readonly patches: readonly ScenarioPatch[];
}

export interface ScenarioSlice {
  scenario: Scenario;
  /** Incremented on every change to `scenario` (execute, undo, redo, load). */
  revision: number;
  /** The patches that made `revision` from the revision before it. */
  lastChange: ScenarioChange;
  /** File name (browser) or path (Electron) the scenario was loaded from or saved to. */
  filePath: string | null;
  /** The scenario as last loaded or saved; `scenario !== savedScenario` means unsaved edits. */
  savedScenario: Scenario;
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
  canUndo: boolean;
  canRedo: boolean;
  execute(command: Command): void;
  undo(): void;
  redo(): void;
  loadScenario(scenario: Scenario, filePath: string | null): void;
  /** Records `saved` (default: the current scenario) as what the file now holds. */
  markSaved(filePath: string | null, saved?: Scenario): void;
}

export const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => {
  const initial = builtinScenario();
  return {
    scenario: initial,
    revision: 0,
    lastChange: { revision: 0, patches: [{ op: 'scenario/replace', scenario: initial }] },
    filePath: null,
    savedScenario: initial,
    past: [],
    future: [],
    canUndo: false,
    canRedo: false,

    execute(command) {
      const { scenario, past, revision } = get();
      const patches = command.patches(scenario);
      if (patches.length === 0) return;
      const next = applyPatches(scenario, patches);
      const inverse = invertPatches(scenario, patches);
      const now = performance.now();
      const top = past[past.length - 1];
      let nextPast: HistoryEntry[];
      if (top && command.coalesceKey !== undefined && top.coalesceKey === command.coalesceKey && now - top.at < COALESCE_MS) {
        nextPast = [...past.slice(0, -1), { ...top, after: next, at: now, patches: [...top.patches, ...patches], inverse: [...inverse, ...top.inverse] }];
      } else {
        nextPast = [...past, { label: command.label, before: scenario, after: next, coalesceKey: command.coalesceKey, at: now, patches, inverse }];
        if (nextPast.length > HISTORY_LIMIT) nextPast = nextPast.slice(nextPast.length - HISTORY_LIMIT);
      }
      set({ scenario: next, revision: revision + 1, lastChange: { revision: revision + 1, patches }, past: nextPast, future: [], canUndo: true, canRedo: false });
    },

    undo() {
      const { past, future, revision } = get();
      const entry = past[past.length - 1];
      if (!entry) return;
      const nextPast = past.slice(0, -1);
      set({ scenario: entry.before, revision: revision + 1, lastChange: { revision: revision + 1, patches: entry.inverse }, past: nextPast, future: [entry, ...future], canUndo: nextPast.length > 0, canRedo: true });
    },

    redo() {
      const { past, future, revision } = get();
      const entry = future[0];
      if (!entry) return;
      const nextFuture = future.slice(1);
      // A redone step never merges with the next command.
      const replayed: HistoryEntry = { ...entry, at: -Infinity };
      set({ scenario: entry.after, revision: revision + 1, lastChange: { revision: revision + 1, patches: entry.patches }, past: [...past, replayed], future: nextFuture, canUndo: true, canRedo: nextFuture.length > 0 });
    },

    loadScenario(scenario, filePath) {
      const revision = get().revision + 1;
      set({
        scenario,
        savedScenario: scenario,
        filePath,
        revision,
        lastChange: { revision, patches: [{ op: 'scenario/replace', scenario }] },
        past: [],
        future: [],
        canUndo: false,
        canRedo: false,
      });
      get().resetTimeTo(scenario);
      get().select(null);
    },

    markSaved(filePath, saved = get().scenario) {
      set({ savedScenario: saved, filePath });
    },
  };
};
