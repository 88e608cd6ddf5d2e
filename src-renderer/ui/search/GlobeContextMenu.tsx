// Right click on the globe: route from / to the point, gateway or PoP under the pointer, or
// inspect it. Closes on Escape, a click elsewhere or a wheel/drag of the globe.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { onGlobe, type GlobePointerEvent } from '../../globe/events';
import { useApp } from '../../state/store';
import { formatLatLon } from '../format';
import { gatewayEndpoint, pointEndpoint, popEndpoint, setRouteFrom, setRouteTo, type RouteEndpoint } from '../route/routeStore';
import './search.css';

interface MenuState {
  x: number;
  y: number;
  title: string;
  endpoint: RouteEndpoint;
  inspect(): void;
}

export function GlobeContextMenu() {
  const [menu, setMenu] = useState<MenuState | null>(null);
  const ref = useRef<HTMLUListElement>(null);

  useEffect(
    () =>
      onGlobe('contextMenu', (e: GlobePointerEvent) => {
        const s = useApp.getState();
        const p = e.picked;
        const g = p?.kind === 'gateway' ? s.scenario.gateways.find((x) => x.id === p.id) : undefined;
        const pop = p?.kind === 'pop' ? s.scenario.pops.find((x) => x.id === p.id) : undefined;
        if (g) return setMenu({ x: e.x, y: e.y, title: `${g.name} (gateway)`, endpoint: gatewayEndpoint(g), inspect: () => s.select({ kind: 'gateway', id: g.id }) });
        if (pop) return setMenu({ x: e.x, y: e.y, title: `${pop.name} (PoP)`, endpoint: popEndpoint(pop), inspect: () => s.select({ kind: 'pop', id: pop.id }) });
        if (e.latDeg === null || e.lonDeg === null) return setMenu(null);
        const ep = pointEndpoint(e.latDeg, e.lonDeg);
        return setMenu({ x: e.x, y: e.y, title: formatLatLon(ep.latDeg, ep.lonDeg), endpoint: ep, inspect: () => s.select({ kind: 'ground', latDeg: ep.latDeg, lonDeg: ep.lonDeg }) });
      }),
    [],
  );
  // Keep the menu inside the globe's area near its right and bottom edges.
  useLayoutEffect(() => {
    const el = ref.current;
    const box = el?.parentElement;
    if (!el || !box || !menu) return;
    el.style.left = `${Math.max(0, Math.min(menu.x, box.clientWidth - el.offsetWidth - 4))}px`;
    el.style.top = `${Math.max(0, Math.min(menu.y, box.clientHeight - el.offsetHeight - 4))}px`;
  }, [menu]);
  useEffect(() => {
    if (!menu) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.type === 'pointerdown' && ref.current?.contains(e.target as Node)) return;
      setMenu(null);
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', close);
    window.addEventListener('wheel', close, true);
    ref.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', close);
      window.removeEventListener('wheel', close, true);
    };
  }, [menu]);

  if (!menu) return null;
  const act = (f: () => void) => () => {
    f();
    setMenu(null);
  };
  return (
    <ul className="globe-menu" ref={ref} role="menu" aria-label="Globe point" data-testid="globe-menu" style={{ left: menu.x, top: menu.y }}>
      <li className="globe-menu__head">{menu.title}</li>
      <li>
        <button type="button" role="menuitem" onClick={act(() => setRouteFrom(menu.endpoint))}>
          Route from here
        </button>
      </li>
      <li>
        <button type="button" role="menuitem" onClick={act(() => setRouteTo(menu.endpoint))}>
          Route to here
        </button>
      </li>
      <li>
        <button type="button" role="menuitem" onClick={act(menu.inspect)}>
          Inspect
        </button>
      </li>
    </ul>
  );
}
