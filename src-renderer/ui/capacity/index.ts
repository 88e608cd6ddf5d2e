// Capacity in the app (docs/CAPACITY.md, "In the app"): the Capacity section of the Plan tab and
// the lazy engine sync behind it. The globe layer (globe/capacity) and the heatmap metric read
// the same store.
import { getEngine } from '../../engine/instance';
import { registerPanel } from '../panels/registry';
import { CapacityPanel } from './CapacityPanel';
import { CAPACITY_PANEL_ID } from './capacityStore';
import { installCapacitySync } from './capacitySync';

/** Install once at start-up (after installPlanning). Returns an uninstall function. */
export function installCapacity(): () => void {
  const unregister = registerPanel({ id: CAPACITY_PANEL_ID, area: 'left', title: 'Capacity', component: CapacityPanel, order: 25, defaultOpen: false });
  const unsync = installCapacitySync(getEngine());
  return () => {
    unsync();
    unregister();
  };
}
