// Undoable scenario edits. A command is a label plus a pure function Scenario -> typed patches
// (src-core/session/patches.ts).
//
// The patches are the one description of the edit: the history stores them with their inverses
// (and the `before` / `after` scenario references, so undo restores the exact previous object),
// and the engine session is sent the same patches (engine/instance.ts): the worker never gets a
// whole scenario for an edit and never diffs gateway lists.
//
// Commands must not mutate their input. No patches means "no change": nothing is recorded and the
// revision does not move.
import { setSection, type ScenarioPatch } from '../../src-core/session/patches';
import type { Gateway, Scenario } from '../../src-core/scenario/schema';

export interface Command {
  /** Shown in the Edit menu: "Undo <label>". */
  readonly label: string;
  /** Pure: the patches that make the edit on `scenario`, or none when there is nothing to do. */
  patches(scenario: Scenario): ScenarioPatch[];
  /**
   * Consecutive commands with the same key (within COALESCE_MS) merge into one undo step,
   * e.g. the many updates of a slider drag. Omit for discrete edits.
   */
  readonly coalesceKey?: string;
}

export const COALESCE_MS = 1000;

export function renameScenario(name: string): Command {
  const trimmed = name.trim();
  return {
    label: 'Rename scenario',
    patches: (s) => (trimmed === '' || trimmed === s.name ? [] : [setSection('name', trimmed)]),
  };
}

export function setScenarioNotes(notes: string): Command {
  return {
    label: 'Edit notes',
    coalesceKey: 'notes',
    patches: (s) => (notes === s.notes ? [] : [setSection('notes', notes)]),
  };
}

/** Partial update of one gateway by id (used by the inspector and by drag-to-move). */
export function updateGateway(id: string, patch: Partial<Omit<Gateway, 'id'>>, label = 'Edit gateway'): Command {
  return {
    label,
    coalesceKey: `gateway:${id}`,
    patches: (s) => {
      const g = s.gateways.find((x) => x.id === id);
      return g ? [{ op: 'gateway/update', id, gateway: { ...g, ...patch } }] : [];
    },
  };
}
