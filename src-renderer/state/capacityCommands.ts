// Undoable edits of the capacity assumptions (scenario.capacity, docs/CAPACITY.md). Pure Scenario
// -> Scenario functions (see commands.ts): the same reference when nothing changes, a copy of
// `capacity` only otherwise, so undo restores the exact previous scenario object. Values are
// checked against the scenario schema; a bad value throws a message that names the field.
import { CapacitySettings, type Scenario } from '../../src-core/scenario/schema';
import { setSection } from '../../src-core/session/patches';
import type { Command } from './commands';

export type CapacityField = keyof CapacitySettings;

/** The assumptions a planner edits, with their labels and units (the Capacity section lists them in this order). */
export const CAPACITY_FIELDS: readonly { field: CapacityField; label: string; unit: string; step: number }[] = [
  { field: 'takeRatePct', label: 'Take rate', unit: '%', step: 0.05 },
  { field: 'busyHourMbpsPerSubscriber', label: 'Busy-hour rate', unit: 'Mbps/subscriber', step: 0.5 },
  { field: 'userBeamGbpsPerSatellite', label: 'User beams', unit: 'Gbps/satellite', step: 5 },
  { field: 'laserGbps', label: 'Laser link', unit: 'Gbps', step: 10 },
  { field: 'feederGbpsPerAntenna', label: 'Feeder', unit: 'Gbps/antenna', step: 1 },
];

/** Why `value` cannot be `field` (null when it can). */
export function capacityProblem(field: CapacityField, value: number): string | null {
  const r = CapacitySettings.shape[field].safeParse(value);
  if (r.success && Number.isFinite(value)) return null;
  const label = CAPACITY_FIELDS.find((f) => f.field === field)?.label ?? field;
  return `${label}: ${String(value)} is not allowed (${r.success ? 'not a finite number' : r.error.issues[0]!.message})`;
}

/** Set some capacity assumptions. ONE undo step; throws (naming the field) on a value the schema refuses. */
export function setCapacityAssumptions(patch: Partial<CapacitySettings>, label = 'Edit capacity assumptions'): Command {
  for (const [k, v] of Object.entries(patch) as [CapacityField, number][]) {
    const why = capacityProblem(k, v);
    if (why) throw new RangeError(why);
  }
  return {
    label,
    patches: (s: Scenario) => {
      const changed = (Object.keys(patch) as CapacityField[]).some((k) => patch[k] !== s.capacity[k]);
      return changed ? [setSection('capacity', { ...s.capacity, ...patch })] : [];
    },
  };
}
