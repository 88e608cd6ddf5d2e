// Selection slice: what the inspector shows and the globe highlights.
// Gateways support multi-select ({kind:'gateways', ids}); a single gateway is {kind:'gateway'}.
import type { StateCreator } from 'zustand';
import type { Scenario } from '../../../src-core/scenario/schema';
import type { AppState } from '../store';

export type Selection =
  | { kind: 'gateway'; id: string }
  | { kind: 'gateways'; ids: string[] }
  | { kind: 'pop'; id: string }
  | { kind: 'shell'; id: string }
  | { kind: 'satellite'; index: number }
  | { kind: 'ground'; latDeg: number; lonDeg: number; /** A place name (search), shown instead of the coordinates. */ label?: string }
  /** The route between the route panel's two ends (ui/route/routeStore.ts). */
  | { kind: 'route' };

export interface SelectionSlice {
  selection: Selection | null;
  select(selection: Selection | null): void;
}

/** Gateway ids in a selection (one, several or none). */
export function selectedGatewayIds(s: Selection | null): string[] {
  if (!s) return [];
  if (s.kind === 'gateway') return [s.id];
  if (s.kind === 'gateways') return s.ids;
  return [];
}

/** The selection restricted to what exists in `scenario`; the same object when nothing is missing. */
export function pruneSelection(sel: Selection, scenario: Scenario): Selection | null {
  const gw = (id: string) => scenario.gateways.some((g) => g.id === id);
  switch (sel.kind) {
    case 'gateway':
      return gw(sel.id) ? sel : null;
    case 'gateways': {
      const ids = sel.ids.filter(gw);
      if (ids.length === sel.ids.length) return sel;
      if (ids.length === 0) return null;
      return ids.length === 1 ? { kind: 'gateway', id: ids[0]! } : { kind: 'gateways', ids };
    }
    case 'pop':
      return scenario.pops.some((p) => p.id === sel.id) ? sel : null;
    case 'shell':
      return scenario.constellation.shells.some((x) => x.id === sel.id) ? sel : null;
    default:
      return sel;
  }
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selection: null,
  select: (selection) => set({ selection }),
});
