// Renders the panels registered for one area, each in a collapsible section.
import { useState } from 'react';
import type { PanelArea as Area } from '../../state/slices/ui';
import { usePanels, type PanelSpec } from './registry';

function PanelFrame({ spec }: { spec: PanelSpec }) {
  const [open, setOpen] = useState(true);
  const Body = spec.component;
  return (
    <section className={`panel${open ? '' : ' panel--closed'}`} data-panel={spec.id} aria-label={spec.title}>
      <h2 className="panel__title">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          <span className="panel__chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>
          {spec.title}
        </button>
      </h2>
      {open && (
        <div className="panel__body">
          <Body />
        </div>
      )}
    </section>
  );
}

export function PanelArea({ area }: { area: Area }) {
  const panels = usePanels(area);
  return (
    <div className={`area area--${area}`} data-area={area}>
      {panels.map((p) => (
        <PanelFrame key={p.id} spec={p} />
      ))}
    </div>
  );
}
