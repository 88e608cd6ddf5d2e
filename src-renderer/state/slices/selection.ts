// Selection slice: what the inspector shows and the globe highlights.
import type { StateCreator } from 'zustand';
import type { AppState } from '../store';

export type Selection =
  | { kind: 'gateway'; id: string }
  | { kind: 'pop'; id: string }
  | { kind: 'shell'; id: string }
  | { kind: 'satellite'; index: number };

export interface SelectionSlice {
  selection: Selection | null;
  select(selection: Selection | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selection: null,
  select: (selection) => set({ selection }),
});
