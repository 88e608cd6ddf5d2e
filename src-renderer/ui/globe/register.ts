// Registers the globe's panels: the live inspector and time panel replace the shell's simple
// ones (same ids), plus layer switches and the legend on the left.
import { registerPanel } from '../panels/registry';
import { InspectorPanel } from './Inspector';
import { LayersPanel, LegendPanel } from './LayersPanel';
import { TimelinePanel } from './Timeline';

export function registerGlobePanels(): void {
  registerPanel({ id: 'inspector', area: 'right', title: 'Inspector', component: InspectorPanel, order: 10 });
  registerPanel({ id: 'timeline', area: 'bottom', title: 'Timeline', component: TimelinePanel, order: 10 });
  registerPanel({ id: 'layers', area: 'left', title: 'Layers', component: LayersPanel, order: 5, tab: 'view' });
  registerPanel({ id: 'legend', area: 'left', title: 'Legend', component: LegendPanel, order: 6, tab: 'view' });
}
