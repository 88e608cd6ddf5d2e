// Capacity on screen (docs/CAPACITY.md, "In the app"): the engine's CapacityView for the scenario
// and time shown, and whether the globe's Capacity layer is on. Not scenario data (no undo).
import { create } from 'zustand';
import type { CapacityView } from '../../engine/capacityHost';

/** The Plan-tab section that shows capacity (its open state lives in the app's panelOpen). */
export const CAPACITY_PANEL_ID = 'capacity';

export interface CapacityState {
  status: 'idle' | 'computing' | 'ready' | 'error';
  view: CapacityView | null;
  /** Why there is no view (time outside the window, engine error), for the section. */
  message: string | null;
  /** Utilisation colours on gateways, backhaul and laser links. */
  layerOn: boolean;
  setLayerOn(on: boolean): void;
}

export const useCapacity = create<CapacityState>()((set) => ({
  status: 'idle',
  view: null,
  message: null,
  layerOn: false,
  setLayerOn: (layerOn) => set({ layerOn }),
}));

export const capacityStore = useCapacity;
