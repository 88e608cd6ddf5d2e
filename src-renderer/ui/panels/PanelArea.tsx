// Renders the panels registered for one area: in tabs where the area has them (PANEL_TABS), each
// panel in a collapsible section. Inside a tab the sections share the height: every header stays
// in view and an open section too long for its share scrolls inside itself. Hidden tabs and
// collapsed sections stay mounted.
import type { PanelArea as Area } from '../../state/slices/ui';
import { useApp } from '../../state/store';
import { PANEL_TABS, tabOf, usePanels, type PanelSpec } from './registry';

function PanelFrame({ spec }: { spec: PanelSpec }) {
  const open = useApp((s) => s.panelOpen[spec.id] ?? spec.defaultOpen ?? true);
  const setOpen = useApp((s) => s.setPanelOpen);
  const Body = spec.component;
  return (
    <section className={`panel${open ? ' panel--open' : ' panel--closed'}`} data-panel={spec.id} aria-label={spec.title}>
      <h2 className="panel__title">
        <button type="button" aria-expanded={open} onClick={() => setOpen(spec.id, !open)}>
          <span className="panel__chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {spec.title}
        </button>
      </h2>
      {/* Kept mounted while collapsed: a running optimizer, a chart or a half-typed field survives. */}
      <div className="panel__body" hidden={!open}>
        <Body />
      </div>
    </section>
  );
}

export function PanelArea({ area }: { area: Area }) {
  const panels = usePanels(area);
  const tabs = PANEL_TABS[area];
  const chosen = useApp((s) => s.panelTab[area]);
  const setTab = useApp((s) => s.setPanelTab);
  if (!tabs || tabs.length === 0) {
    return (
      <div className={`area area--${area}`} data-area={area}>
        {panels.map((p) => (
          <PanelFrame key={p.id} spec={p} />
        ))}
      </div>
    );
  }
  const present = tabs.filter((t) => panels.some((p) => tabOf(p) === t.id));
  const active = present.find((t) => t.id === chosen) ?? present[0];
  return (
    <div className={`area area--${area} area--tabbed`} data-area={area}>
      <div className="area__tabs" role="tablist" aria-label={`${area} panels`}>
        {present.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${area}-${t.id}`}
            aria-selected={t.id === active?.id}
            aria-controls={`tabpanel-${area}-${t.id}`}
            className={`area__tab${t.id === active?.id ? ' is-active' : ''}`}
            onClick={() => setTab(area, t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.title}
          </button>
        ))}
      </div>
      {present.map((t) => (
        <div key={t.id} className="area__tabpanel" role="tabpanel" id={`tabpanel-${area}-${t.id}`} aria-labelledby={`tab-${area}-${t.id}`} hidden={t.id !== active?.id}>
          {panels
            .filter((p) => tabOf(p) === t.id)
            .map((p) => (
              <PanelFrame key={p.id} spec={p} />
            ))}
        </div>
      ))}
    </div>
  );
}
