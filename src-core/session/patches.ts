// Typed scenario patches: the one description of an edit. Undoable commands (src-renderer/state)
// emit them, the undo history stores them with their inverses, and the engine session applies
// them to decide which derived state to rebuild (session.ts). Patches are plain, serialisable
// objects, so they cross the worker boundary as they are: no whole-scenario reposts and no
// gateway-list diffing.
//
// `applyPatches` is pure and copies only the paths it changes (the rest of the scenario is shared
// by reference), so a node of the session keyed by the reference of its inputs sees exactly what
// changed. A patch that would change nothing is still applied (the caller decides what is empty).
import type { Gateway, Pop, Scenario } from '../scenario/schema';

/** Top-level scenario sections that `scenario/set` may replace (lists with ids have their own patches). */
export const SETTABLE_SECTIONS = ['name', 'notes', 'epochUtc', 'constellation', 'isl', 'terminal', 'latency', 'routing', 'analysis', 'planning', 'capacity', 'rollout', 'view'] as const;
export type SettableSection = (typeof SETTABLE_SECTIONS)[number];

export type ScenarioPatch =
  /** Insert one gateway at `index` (default: append). */
  | { op: 'gateway/add'; gateway: Gateway; index?: number }
  /** Replace the gateway with id `id` by `gateway` (same id). */
  | { op: 'gateway/update'; id: string; gateway: Gateway }
  | { op: 'gateway/remove'; id: string }
  | { op: 'pop/add'; pop: Pop; index?: number }
  | { op: 'pop/update'; id: string; pop: Pop }
  | { op: 'pop/remove'; id: string }
  /** Replace one top-level section. */
  | { [K in SettableSection]: { op: 'scenario/set'; path: K; value: Scenario[K] } }[SettableSection]
  /** A different scenario altogether (open a file, new scenario, restart re-feed). */
  | { op: 'scenario/replace'; scenario: Scenario };

export type PatchOp = ScenarioPatch['op'];

/** A patch that names something the scenario does not have. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

function indexOfId(list: readonly { id: string }[], id: string, what: string, op: string): number {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) throw new PatchError(`${op}: no ${what} with id "${id}" in the scenario; the edit was made on a different scenario version`);
  return i;
}

function inserted<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const out = list.slice();
  out.splice(index === undefined ? out.length : Math.max(0, Math.min(index, out.length)), 0, item);
  return out;
}

function replaced<T extends { id: string }>(list: readonly T[], id: string, item: T, what: string, op: string): T[] {
  const i = indexOfId(list, id, what, op);
  const out = list.slice();
  out[i] = item;
  return out;
}

function removed<T extends { id: string }>(list: readonly T[], id: string, what: string, op: string): T[] {
  const i = indexOfId(list, id, what, op);
  return [...list.slice(0, i), ...list.slice(i + 1)];
}

/** The scenario after one patch (pure; throws PatchError when the patch names a missing id). */
export function applyPatch(s: Scenario, p: ScenarioPatch): Scenario {
  switch (p.op) {
    case 'gateway/add':
      return { ...s, gateways: inserted(s.gateways, p.gateway, p.index) };
    case 'gateway/update':
      return { ...s, gateways: replaced(s.gateways, p.id, p.gateway, 'gateway', p.op) };
    case 'gateway/remove':
      return { ...s, gateways: removed(s.gateways, p.id, 'gateway', p.op) };
    case 'pop/add':
      return { ...s, pops: inserted(s.pops, p.pop, p.index) };
    case 'pop/update':
      return { ...s, pops: replaced(s.pops, p.id, p.pop, 'PoP', p.op) };
    case 'pop/remove':
      return { ...s, pops: removed(s.pops, p.id, 'PoP', p.op) };
    case 'scenario/set':
      return { ...s, [p.path]: p.value };
    case 'scenario/replace':
      return p.scenario;
  }
}

export function applyPatches(s: Scenario, patches: readonly ScenarioPatch[]): Scenario {
  let out = s;
  for (const p of patches) out = applyPatch(out, p);
  return out;
}

/** The patch that undoes `p` applied to `before`. */
export function invertPatch(before: Scenario, p: ScenarioPatch): ScenarioPatch {
  switch (p.op) {
    case 'gateway/add':
      return { op: 'gateway/remove', id: p.gateway.id };
    case 'gateway/update':
      return { op: 'gateway/update', id: p.id, gateway: before.gateways[indexOfId(before.gateways, p.id, 'gateway', p.op)]! };
    case 'gateway/remove': {
      const index = indexOfId(before.gateways, p.id, 'gateway', p.op);
      return { op: 'gateway/add', gateway: before.gateways[index]!, index };
    }
    case 'pop/add':
      return { op: 'pop/remove', id: p.pop.id };
    case 'pop/update':
      return { op: 'pop/update', id: p.id, pop: before.pops[indexOfId(before.pops, p.id, 'PoP', p.op)]! };
    case 'pop/remove': {
      const index = indexOfId(before.pops, p.id, 'PoP', p.op);
      return { op: 'pop/add', pop: before.pops[index]!, index };
    }
    case 'scenario/set':
      return { op: 'scenario/set', path: p.path, value: before[p.path] } as ScenarioPatch;
    case 'scenario/replace':
      return { op: 'scenario/replace', scenario: before };
  }
}

/** Patches that undo `patches` applied to `before` (in reverse order). */
export function invertPatches(before: Scenario, patches: readonly ScenarioPatch[]): ScenarioPatch[] {
  const inverse: ScenarioPatch[] = [];
  let s = before;
  for (const p of patches) {
    inverse.push(invertPatch(s, p));
    s = applyPatch(s, p);
  }
  return inverse.reverse();
}

/** `scenario/set` for one section, typed by the section's name. */
export function setSection<K extends SettableSection>(path: K, value: Scenario[K]): ScenarioPatch {
  return { op: 'scenario/set', path, value } as ScenarioPatch;
}

/**
 * `scenario/set` patches for the top-level sections that differ (by reference) between `before`
 * and `after`: for edits written as a pure scenario -> scenario function whose section the caller
 * should not have to name (e.g. bookmarks, which live wherever the format keeps them).
 */
export function sectionPatches(before: Scenario, after: Scenario): ScenarioPatch[] {
  return SETTABLE_SECTIONS.filter((k) => before[k] !== after[k]).map((k) => ({ op: 'scenario/set', path: k, value: after[k] }) as ScenarioPatch);
}
