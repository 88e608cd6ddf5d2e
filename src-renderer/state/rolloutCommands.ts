// Undoable edits of the launch schedule (scenario.rollout, docs/ROLLOUT.md): launches, the cadence
// generator, plane-fill policy, insertion altitude, raising weeks, milestones. Every edit is ONE
// `setSection('rollout', ...)` patch (commands.ts), so undo restores the exact previous section.
// `rolloutEditProblem` checks an edit before it is executed: the scenario schema's rules plus what
// the schema cannot know (the shell exists, the planes are in it, launch ids are unique); the
// message names the row and the field, and the edit is not applied.
import { RolloutSettings, type Launch, type LaunchCadence, type Scenario } from '../../src-core/scenario/schema';
import { setSection } from '../../src-core/session/patches';
import type { Command } from './commands';

export type RolloutEdit = (r: RolloutSettings) => RolloutSettings;
type Milestone = RolloutSettings['milestones'][number];

const MS_PER_DAY = 86_400_000;

/** What a schema path points at, in words ("launch KA-04", "cadence row 2 (Falcon 9)"). */
function rowName(r: RolloutSettings, path: readonly PropertyKey[]): string {
  const [list, index, field] = path;
  const i = typeof index === 'number' ? index : -1;
  const what =
    list === 'launches' ? `launch ${r.launches[i]?.id ?? i + 1}` :
    list === 'cadence' ? `cadence row ${i + 1} (${r.cadence[i]?.vehicle || 'no vehicle'})` :
    list === 'milestones' ? `milestone ${r.milestones[i]?.label || i + 1}` :
    String(list);
  return field === undefined || i < 0 ? what : `${what}, ${String(field)}`;
}

/** Checks the schema cannot make: shells named exist, planes are in their shell, launch ids are unique. */
function scenarioProblem(r: RolloutSettings, s: Scenario): string | null {
  const shells = new Map(s.constellation.shells.map((sh) => [sh.id, sh]));
  const known = [...shells.keys()].join(', ') || 'none';
  const ids = new Set<string>();
  for (const l of r.launches) {
    if (ids.has(l.id)) return `launch ${l.id}: the id is used twice; give each launch its own id`;
    ids.add(l.id);
    if (l.shellId !== null && !shells.has(l.shellId)) return `launch ${l.id}, shell: "${l.shellId}" is not in the constellation (shells: ${known})`;
    const planes = l.shellId === null ? Math.max(0, ...s.constellation.shells.map((sh) => sh.planes)) : shells.get(l.shellId)!.planes;
    const bad = l.planes.find((p) => p >= planes);
    if (bad !== undefined) return `launch ${l.id}, planes: plane ${bad} does not exist (planes are numbered 0 to ${planes - 1})`;
  }
  const c = r.cadence.find((x) => x.shellId !== null && !shells.has(x.shellId));
  if (c) return `cadence ${c.vehicle}, shell: "${c.shellId}" is not in the constellation (shells: ${known})`;
  return null;
}

/** Why `edit` cannot be applied to the scenario's rollout section (null when it can). */
export function rolloutEditProblem(s: Scenario, edit: RolloutEdit): string | null {
  let next: RolloutSettings;
  try {
    next = edit(s.rollout);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  const r = RolloutSettings.safeParse(next);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return `${rowName(next, issue.path)}: ${issue.message}`;
  }
  return scenarioProblem(next, s);
}

/** One undoable edit of the rollout section (no patch when nothing changes). Check it with rolloutEditProblem first. */
export function editRollout(label: string, edit: RolloutEdit): Command {
  return {
    label,
    patches: (s) => {
      const next = edit(s.rollout);
      return JSON.stringify(next) === JSON.stringify(s.rollout) ? [] : [setSection('rollout', RolloutSettings.parse(next))];
    },
  };
}

const replaceAt = <T>(list: readonly T[], i: number, item: T): T[] => list.map((x, k) => (k === i ? item : x));
const without = <T>(list: readonly T[], i: number): T[] => list.filter((_, k) => k !== i);

export const updateLaunch = (id: string, patch: Partial<Launch>): RolloutEdit => (r) => {
  const i = r.launches.findIndex((l) => l.id === id);
  if (i < 0) throw new Error(`launch ${id} is not in the schedule`);
  return { ...r, launches: replaceAt(r.launches, i, { ...r.launches[i]!, ...patch }) };
};

export const removeLaunch = (id: string): RolloutEdit => (r) => ({ ...r, launches: r.launches.filter((l) => l.id !== id) });

/** A new id: "L-<n>" with the first n not taken. */
function freshLaunchId(r: RolloutSettings): string {
  const taken = new Set(r.launches.map((l) => l.id));
  let n = r.launches.length + 1;
  while (taken.has(`L-${n}`)) n++;
  return `L-${n}`;
}

/** A launch a day after the last one, like it (vehicle, satellites, shell); planes left to the policy. */
export const addLaunch = (): RolloutEdit => (r) => {
  const last = [...r.launches].sort((a, b) => Date.parse(a.dateUtc) - Date.parse(b.dateUtc)).at(-1);
  const id = freshLaunchId(r);
  const dateMs = last ? Date.parse(last.dateUtc) + MS_PER_DAY : Date.UTC(2026, 11, 5);
  const launch: Launch = { id, name: id, dateUtc: new Date(dateMs).toISOString().replace('.000Z', 'Z'), vehicle: last?.vehicle ?? '', satellites: last?.satellites ?? 1, shellId: last?.shellId ?? null, planes: [] };
  return { ...r, launches: [...r.launches, launch] };
};

export const updateCadence = (i: number, patch: Partial<LaunchCadence>): RolloutEdit => (r) => ({ ...r, cadence: replaceAt(r.cadence, i, { ...r.cadence[i]!, ...patch }) });
export const removeCadence = (i: number): RolloutEdit => (r) => ({ ...r, cadence: without(r.cadence, i) });
export const addCadence = (): RolloutEdit => (r) => {
  const last = r.cadence.at(-1);
  const row: LaunchCadence = last ? { ...last, vehicle: `${last.vehicle} (2)` } : { vehicle: 'Vehicle', fromUtc: '2027-01-01T00:00:00Z', launchesPerMonth: 1, satellitesPerLaunch: 24, shellId: null };
  return { ...r, cadence: [...r.cadence, row] };
};

export const updateMilestone = (i: number, patch: Partial<Milestone>): RolloutEdit => (r) => ({ ...r, milestones: replaceAt(r.milestones, i, { ...r.milestones[i]!, ...patch }) });
export const removeMilestone = (i: number): RolloutEdit => (r) => ({ ...r, milestones: without(r.milestones, i) });
export const addMilestone = (): RolloutEdit => (r) => ({ ...r, milestones: [...r.milestones, { label: 'Milestone', dateUtc: '2027-12-31T00:00:00Z', satellites: null }] });

/** The deployment model's scalar settings (plane fill, insertion altitude, raising weeks). */
export const setRolloutModel = (patch: Partial<Pick<RolloutSettings, 'planeFill' | 'insertionAltitudeKm' | 'raisingWeeks'>>): RolloutEdit => (r) => ({ ...r, ...patch });

/** Planes as typed ("0, 3, 5" or empty): numbers, or an Error naming the bad entry. */
export function parsePlanes(text: string): number[] {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  return parts.map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 0) throw new Error(`planes: "${p}" is not a plane number (0, 1, 2, ...; separate them with commas)`);
    return n;
  });
}
