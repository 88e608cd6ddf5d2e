// Panel registry: the slots later capabilities plug into. A capability registers a component
// for an area; the shell lays the areas out and hides empty ones.
//
//   registerPanel({ id: 'coverage', area: 'right', title: 'Coverage', component: CoveragePanel, order: 20 });
import { useSyncExternalStore, type ComponentType } from 'react';
import type { PanelArea } from '../../state/slices/ui';

export interface PanelSpec {
  /** Unique; registering the same id again replaces the earlier panel (hot reload). */
  readonly id: string;
  readonly area: PanelArea;
  readonly title: string;
  readonly component: ComponentType;
  /** Lower comes first within an area; default 100. */
  readonly order?: number;
  /** The tab of its area the panel sits in (areas with tabs: see PANEL_TABS); default the area's first tab. */
  readonly tab?: string;
  /** Shown expanded until the user collapses it; default true. */
  readonly defaultOpen?: boolean;
}

/**
 * Tabs of an area, first is the default. The left column holds the planner's work first (Plan),
 * then what the globe shows (Layers & legend) and the scenario's contents and history, so that
 * the main tasks fit a 1280x720 window without scrolling past layer switches and legends.
 */
export const PANEL_TABS: Partial<Record<PanelArea, readonly { id: string; title: string }[]>> = {
  left: [
    { id: 'plan', title: 'Plan' },
    { id: 'view', title: 'Layers & legend' },
    { id: 'scenario', title: 'Scenario' },
    { id: 'rollout', title: 'Rollout' },
  ],
};

let panels: readonly PanelSpec[] = [];
const listeners = new Set<() => void>();
const byArea = new Map<PanelArea, readonly PanelSpec[]>();

function emit(): void {
  byArea.clear();
  for (const l of listeners) l();
}

/** Adds a panel; returns a function that removes it. */
export function registerPanel(spec: PanelSpec): () => void {
  panels = [...panels.filter((p) => p.id !== spec.id), spec];
  emit();
  return () => {
    panels = panels.filter((p) => p !== spec);
    emit();
  };
}

/** The tab of its area a panel sits in: its own `tab` where the area has it, else the area's first; undefined in an area without tabs. */
export function tabOf(spec: Pick<PanelSpec, 'area' | 'tab'>): string | undefined {
  const tabs = PANEL_TABS[spec.area];
  if (!tabs || tabs.length === 0) return undefined;
  return spec.tab !== undefined && tabs.some((t) => t.id === spec.tab) ? spec.tab : tabs[0]!.id;
}

/** Where a registered panel is shown (its area and tab), to bring it into view; null if none has this id. */
export function panelPlace(id: string): { area: PanelArea; tab: string | undefined } | null {
  const spec = panels.find((p) => p.id === id);
  return spec ? { area: spec.area, tab: tabOf(spec) } : null;
}

export function panelsIn(area: PanelArea): readonly PanelSpec[] {
  let list = byArea.get(area);
  if (!list) {
    list = panels.filter((p) => p.area === area).sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
    byArea.set(area, list);
  }
  return list;
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function usePanels(area: PanelArea): readonly PanelSpec[] {
  return useSyncExternalStore(subscribe, () => panelsIn(area));
}
