// One search box over the globe: places (the shipped city table), coordinates typed as
// "lat, lon", gateways and PoPs of the scenario, and shells and satellites. Choosing a result
// flies the camera there and selects it (a place becomes a marked ground point, inspected like a
// click on the globe); places, gateways and PoPs also offer "From" / "To" for the route panel.
//
// The city table (~15,000 names) is loaded on first use, as its own chunk, so it does not weigh on
// start-up. Matching lives in src-core (geo/placeSearch.ts, constellation/search.ts): pure and
// unit-tested.
import { useEffect, useMemo, useRef, useState } from 'react';
import { searchSatellites } from '../../../src-core/constellation/search';
import type * as PlaceSearch from '../../../src-core/geo/placeSearch';
import type { Gateway, Pop } from '../../../src-core/scenario/schema';
import { flyToLatLon, flyToSatellite } from '../../globe/live';
import { useApp } from '../../state/store';
import { formatLatLon } from '../format';
import { useScenarioInfo } from '../globe/engineHooks';
import { RouteHereButtons } from '../route/RoutePanel';
import { gatewayEndpoint, pointEndpoint, popEndpoint, type RouteEndpoint } from '../route/routeStore';
import './search.css';

type PlaceModule = typeof PlaceSearch;

let placeModule: Promise<PlaceModule> | null = null;
function loadPlaces(): Promise<PlaceModule> {
  // Build the name index as soon as the chunk arrives (focus), not on the first keystroke.
  return (placeModule ??= import('../../../src-core/geo/placeSearch').then((m) => {
    m.searchPlaces('a', { limit: 1 });
    return m;
  }));
}

/** The place search module once loaded (starts loading on first call). */
function usePlaceModule(wanted: boolean): PlaceModule | null {
  const [mod, setMod] = useState<PlaceModule | null>(null);
  useEffect(() => {
    if (!wanted || mod) return;
    let live = true;
    void loadPlaces().then((m) => live && setMod(m));
    return () => {
      live = false;
    };
  }, [wanted, mod]);
  return mod;
}

interface Hit {
  key: string;
  kind: 'coordinates' | 'place' | 'gateway' | 'pop' | 'shell' | 'satellite';
  title: string;
  detail: string;
  choose(): void;
  endpoint: RouteEndpoint | null;
}

const GROUP_TITLE: Record<Hit['kind'], string> = { coordinates: 'Coordinates', place: 'Places', gateway: 'Gateways', pop: 'PoPs', shell: 'Shells', satellite: 'Satellites' };

function formatPopulation(n: number): string {
  if (n >= 1e6) return `pop. ${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `pop. ${Math.round(n / 1e3)} k`;
  return `pop. ${n}`;
}

export function GlobeSearch() {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [wanted, setWanted] = useState(false);
  const mod = usePlaceModule(wanted);
  const info = useScenarioInfo();
  const gateways = useApp((s) => s.scenario.gateways);
  const pops = useApp((s) => s.scenario.pops);
  const select = useApp((s) => s.select);
  const box = useRef<HTMLDivElement>(null);
  const query = q.trim();

  const { hits, error } = useMemo(() => {
    const out: Hit[] = [];
    let err: string | null = null;
    if (!query) return { hits: out, error: err };
    const done = () => setOpen(false);
    const place = (latDeg: number, lonDeg: number, label: string) => {
      select({ kind: 'ground', latDeg, lonDeg, label });
      flyToLatLon(latDeg, lonDeg);
      setQ(label);
      done();
    };
    if (mod) {
      const c = mod.parseCoordinates(query);
      if (c?.ok) {
        const ep = pointEndpoint(c.latDeg, c.lonDeg);
        out.push({ key: 'coords', kind: 'coordinates', title: formatLatLon(c.latDeg, c.lonDeg, 4), detail: 'point', choose: () => place(ep.latDeg, ep.lonDeg, ep.label), endpoint: ep });
      } else if (c) err = c.error;
      for (const p of mod.searchPlaces(query, { limit: 6 })) {
        const label = `${p.name}, ${p.countryCode}`;
        const ep = pointEndpoint(p.latDeg, p.lonDeg, label);
        out.push({ key: `place-${p.index}`, kind: 'place', title: label, detail: `${p.countryName} · ${formatPopulation(p.population)}`, choose: () => place(ep.latDeg, ep.lonDeg, label), endpoint: ep });
      }
      const nq = mod.normalizeForSearch(query);
      const named = <T extends Gateway | Pop>(xs: readonly T[]) =>
        nq ? xs.filter((x) => { const n = mod.normalizeForSearch(x.name); return n.startsWith(nq) || n.includes(` ${nq}`) || mod.normalizeForSearch(x.id) === nq; }).slice(0, 4) : [];
      for (const g of named(gateways))
        out.push({
          key: `gw-${g.id}`, kind: 'gateway', title: g.name, detail: 'gateway', endpoint: gatewayEndpoint(g),
          choose: () => { select({ kind: 'gateway', id: g.id }); flyToLatLon(g.latDeg, g.lonDeg); setQ(g.name); done(); },
        });
      for (const p of named(pops))
        out.push({
          key: `pop-${p.id}`, kind: 'pop', title: p.name, detail: 'PoP', endpoint: popEndpoint(p),
          choose: () => { select({ kind: 'pop', id: p.id }); flyToLatLon(p.latDeg, p.lonDeg); setQ(p.name); done(); },
        });
    }
    if (info) {
      for (const h of searchSatellites(query, info.topology, info.shells, { limit: 5 })) {
        if (h.kind === 'shell') {
          const sh = info.shells[h.shellIndex]!;
          out.push({ key: `shell-${sh.id}`, kind: 'shell', title: sh.name, detail: 'shell', endpoint: null, choose: () => { select({ kind: 'shell', id: sh.id }); setQ(sh.name); done(); } });
        } else {
          const name = info.topology.names[h.index]!;
          out.push({
            key: `sat-${h.index}`, kind: 'satellite', title: name, detail: `#${info.topology.noradIds[h.index]}`, endpoint: null,
            choose: () => { select({ kind: 'satellite', index: h.index }); flyToSatellite(h.index); setQ(name); done(); },
          });
        }
      }
    }
    return { hits: out, error: err };
  }, [query, mod, info, gateways, pops, select]);

  useEffect(() => setActive(0), [query]);
  // Close on a click outside.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    return () => window.removeEventListener('pointerdown', onDown);
  }, [open]);

  let lastKind: Hit['kind'] | null = null;
  return (
    <div className="globe-search" ref={box} data-testid="globe-search" data-globe-hud>
      <input
        type="search"
        placeholder="Search a place, lat, lon, gateway or satellite"
        aria-label="Search places, coordinates, gateways and satellites"
        data-testid="place-search"
        spellCheck={false}
        value={q}
        onFocus={() => {
          setWanted(true);
          if (query) setOpen(true);
        }}
        onChange={(e) => {
          setWanted(true);
          setQ(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(hits.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            hits[Math.min(active, hits.length - 1)]?.choose();
          } else if (e.key === 'Escape') {
            if (open) setOpen(false);
            else setQ('');
          }
        }}
      />
      {open && query && (
        <ul className="globe-search__results" role="listbox" aria-label="Search results" data-testid="place-search-results">
          {!mod && <li className="muted globe-search__note">loading places…</li>}
          {error && (
            <li className="error-text globe-search__note" data-testid="search-error">
              {error}
            </li>
          )}
          {mod && hits.length === 0 && !error && <li className="muted globe-search__note">No place, gateway or satellite matches “{query}”. Coordinates: “40.7, -74.0” or “33.9S 151.2E”.</li>}
          {hits.map((h, k) => {
            const head = h.kind !== lastKind ? GROUP_TITLE[h.kind] : null;
            lastKind = h.kind;
            return (
              <li key={h.key} className={k === active ? 'globe-search__hit is-active' : 'globe-search__hit'} data-testid="search-result" data-kind={h.kind} role="option" aria-selected={k === active}>
                {head && <div className="globe-search__group">{head}</div>}
                <div className="globe-search__row">
                  <button type="button" className="globe-search__main" onClick={h.choose} onMouseEnter={() => setActive(k)}>
                    <span className="globe-search__title">{h.title}</span> <span className="muted">{h.detail}</span>
                  </button>
                  {h.endpoint && (
                    <span onClick={() => setOpen(false)}>
                      <RouteHereButtons endpoint={h.endpoint} compact />
                    </span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
