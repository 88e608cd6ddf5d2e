// Undoable scenario edits. A command is a label plus a pure function Scenario -> Scenario.
//
// Why snapshots instead of do/undo pairs or patches: the scenario is an immutable plain object,
// so a command that returns a new object (copying only the path it changes) shares everything
// else with the old one. The history keeps the `before` and `after` references of each step,
// and undo restores `before` exactly: there is no inverse function that could drift out of
// sync with its forward twin, and an entry costs only the changed path in memory.
//
// Commands must not mutate their input. `apply` returning the same reference means "no change":
// nothing is recorded and the revision does not move.
import type { Gateway, Scenario } from '../../src-core/scenario/schema';

export interface Command {
  /** Shown in the Edit menu: "Undo <label>". */
  readonly label: string;
  /** Pure: returns the next scenario, or the same reference when there is nothing to do. */
  apply(scenario: Scenario): Scenario;
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
    apply: (s) => (trimmed === '' || trimmed === s.name ? s : { ...s, name: trimmed }),
  };
}

export function setScenarioNotes(notes: string): Command {
  return {
    label: 'Edit notes',
    coalesceKey: 'notes',
    apply: (s) => (notes === s.notes ? s : { ...s, notes }),
  };
}

/** Partial update of one gateway by id (used by the inspector and by drag-to-move). */
export function updateGateway(id: string, patch: Partial<Omit<Gateway, 'id'>>, label = 'Edit gateway'): Command {
  return {
    label,
    coalesceKey: `gateway:${id}`,
    apply: (s) => {
      const i = s.gateways.findIndex((g) => g.id === id);
      if (i < 0) return s;
      const gateways = s.gateways.slice();
      gateways[i] = { ...gateways[i]!, ...patch };
      return { ...s, gateways };
    },
  };
}
