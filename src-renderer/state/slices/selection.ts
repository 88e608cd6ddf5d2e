// Selection slice: what the inspector shows and the globe highlights.
// Gateways support multi-select ({kind:'gateways', ids}); a single gateway is {kind:'gateway'}.
import type { StateCreator } from 'zustand';
import type { AppState } from '../store';

export type Selection =
  | { kind: 'gateway'; id: string }
  | { kind: 'gateways'; ids: string[] }
  | { kind: 'pop'; id: string }
  | { kind: 'shell'; id: string }
  | { kind: 'satellite'; index: number }
  | { kind: 'ground'; latDeg: number; lonDeg: number };

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

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selection: null,
  select: (selection) => set({ selection }),
});
