// Undoable commands of File › Import and File › Merge: each is ONE undo step, made of the same
// typed patches every other edit uses (commands.ts), so the engine session follows it.
import type { ElementSet, Gateway, Pop, Scenario } from '../../src-core/scenario/schema';
import { setSection, type ScenarioPatch } from '../../src-core/session/patches';
import type { Command } from './commands';

/** The imported element sets replace the constellation (Walker shells and earlier sets). */
export function replaceConstellation(sets: readonly ElementSet[], label: string): Command {
  return {
    label,
    patches: (s) => [setSection('constellation', { ...s.constellation, shells: [], elementSets: sets.slice() })],
  };
}

/** Imported PoPs then gateways appended (PoPs first: a gateway may name an imported PoP). */
export function addSites(gateways: readonly Gateway[], pops: readonly Pop[], label: string): Command {
  return {
    label,
    patches: () => [
      ...pops.map((pop): ScenarioPatch => ({ op: 'pop/add', pop })),
      ...gateways.map((gateway): ScenarioPatch => ({ op: 'gateway/add', gateway })),
    ],
  };
}

/** A merged scenario replaces the open one (the undo step restores the open one exactly). */
export function replaceScenario(next: Scenario, label: string): Command {
  return {
    label,
    patches: (s) => (s === next ? [] : [{ op: 'scenario/replace', scenario: next }]),
  };
}
