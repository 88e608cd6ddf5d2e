// The inspector (right): what is selected, with live values for the displayed time. Satellites:
// identity, orbit state, laser neighbours, the gateway it routes to and its latency to a PoP.
// Gateways: satellites in view, what they serve, PoP and backhaul. Ground points: the current path
// to a PoP with a per-segment latency breakdown and an RTT chart. Ground points, gateways and PoPs
// offer "route from / to here"; the route between two ends has its own view (ui/route/). The
// engine answers come from the same queries the globe draws (globe/ground/viewStore.ts,
// ui/route/routeStore.ts), so the numbers match the picture.
import { useState } from 'react';
import { STATUS_NAMES } from '../../../src-core/constellation/types';
import { ecefToGeodetic } from '../../../src-core/frames/geodetic';
import { searchSatellites, type SatelliteSearchHit } from '../../../src-core/constellation/search';
import { MU_EARTH_KM3_S2, radToDeg } from '../../../src-core/units';
import { useGlobeView } from '../../globe/ground/viewStore';
import { flyToSatellite, satellitePositionEcefKm } from '../../globe/live';
import { useApp } from '../../state/store';
import { GatewayCapacityRows } from '../capacity/GatewayCapacityRows';
import { formatLatLon, formatUtc } from '../format';
import { RouteEnds, RouteHereButtons, RouteInspector, RouteTable } from '../route/RoutePanel';
import { gatewayEndpoint, pointEndpoint, popEndpoint } from '../route/routeStore';
import { useNeighbours, useScenarioInfo, useTicker } from './engineHooks';
import { RttChart } from './RttChart';
import './globe-ui.css';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} ms` : '—');

export function SatelliteSearch() {
  const info = useScenarioInfo();
  const select = useApp((s) => s.select);
  const [q, setQ] = useState('');
  const query = q.trim();
  // Forgiving match (src-core/constellation/search.ts): "K1-P1-S1", "k1p1s1", "Kuiper K1", NORAD ids.
  const results: SatelliteSearchHit[] = info && query ? searchSatellites(query, info.topology, info.shells, { limit: 8 }) : [];
  const go = (h: SatelliteSearchHit) => {
    if (h.kind === 'shell') select({ kind: 'shell', id: info!.shells[h.shellIndex]!.id });
    else {
      select({ kind: 'satellite', index: h.index });
      flyToSatellite(h.index);
    }
    setQ('');
  };
  return (
    <div className="sat-search">
      <input
        type="search"
        placeholder="Find satellite (K1-P1-S1, shell, NORAD id)"
        aria-label="Find satellite"
        data-testid="sat-search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && results[0] !== undefined) go(results[0]);
          if (e.key === 'Escape') setQ('');
        }}
      />
      {query && (
        <ul className="list sat-search__results" role="listbox" aria-label="Matching satellites">
          {results.length === 0 && <li className="muted">no match (try K1-P1-S1, K1, Kuiper or a NORAD id)</li>}
          {results.map((h) => (
            <li key={h.kind === 'shell' ? `shell-${h.shellIndex}` : h.index}>
              {h.kind === 'shell' ? (
                <button type="button" onClick={() => go(h)}>
                  {info!.shells[h.shellIndex]!.name} <span className="muted">shell</span>
                </button>
              ) : (
                <button type="button" onClick={() => go(h)}>
                  {info!.topology.names[h.index]} <span className="muted">#{info!.topology.noradIds[h.index]}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SatelliteInspector({ index }: { index: number }) {
  const info = useScenarioInfo();
  const neighbours = useNeighbours(info);
  const select = useApp((s) => s.select);
  const gateways = useApp((s) => s.scenario.gateways);
  const t = useApp((s) => s.timeUtcMs);
  const links = useGlobeView((s) => s.gatewayLinks);
  useTicker(250, true);
  if (!info || index >= info.satelliteCount) return <p className="empty">Satellite {index} (loading…)</p>;
  const topo = info.topology;
  const shell = info.shells[topo.shellIndex[index]!];
  const p = satellitePositionEcefKm(index);
  const geo = p ? ecefToGeodetic({ x: p[0], y: p[1], z: p[2] }) : null;
  const r = p ? Math.hypot(p[0], p[1], p[2]) : NaN;
  const gi = links ? links.satGateway[index]! : -1;
  const gw = gi >= 0 ? gateways[gi] : undefined;
  return (
    <>
      <h3 className="inspector__title" data-testid="inspector-title">
        {topo.names[index]}
      </h3>
      <dl className="kv">
        <Field label="Catalogue">#{topo.noradIds[index]} · index {index}</Field>
        <Field label="Shell">{shell?.name ?? topo.shellIndex[index]}</Field>
        <Field label="Plane / slot">
          {topo.plane[index]} / {topo.slot[index]}
        </Field>
        <Field label="Status">{STATUS_NAMES[topo.status[index]!] ?? '?'}</Field>
        <Field label="Altitude">{geo ? `${geo.heightKm.toFixed(1)} km` : '—'}</Field>
        <Field label="Speed">{Number.isFinite(r) ? `≈ ${Math.sqrt(MU_EARTH_KM3_S2 / r).toFixed(3)} km/s` : '—'}</Field>
        <Field label="Sub-point">{geo ? formatLatLon(radToDeg(geo.latRad), radToDeg(geo.lonRad)) : '—'}</Field>
        <Field label="Routes to">{gw ? `${gw.name}${links!.satDirect[index] ? ' (direct)' : ''}` : links ? 'no gateway' : '…'}</Field>
        <Field label="To PoP">{links ? ms(links.satLatencyMs[index]!) : '…'}</Field>
      </dl>
      <h4 className="list-title">Laser neighbours</h4>
      <ul className="list" data-testid="neighbours">
        {neighbours(index).map((j) => (
          <li key={j}>
            <button type="button" onClick={() => select({ kind: 'satellite', index: j })}>
              {topo.names[j]}
              <span className="muted"> P{topo.plane[j]} S{topo.slot[j]}</span>
            </button>
          </li>
        ))}
        {neighbours(index).length === 0 && <li className="muted">none</li>}
      </ul>
      <p className="muted inspector__at">at {formatUtc(t)}</p>
      <button type="button" className="btn btn--small" onClick={() => flyToSatellite(index)}>
        Fly to
      </button>
    </>
  );
}

function GatewayInspector({ id }: { id: string }) {
  const s = useApp((st) => st.scenario);
  const revision = useApp((st) => st.revision);
  const select = useApp((st) => st.select);
  const info = useScenarioInfo();
  const linksAll = useGlobeView((st) => st.gatewayLinks);
  const links = linksAll && linksAll.revision === revision ? linksAll : null;
  const gi = s.gateways.findIndex((x) => x.id === id);
  const g = s.gateways[gi];
  if (!g) return <p className="empty">Gateway not found.</p>;
  const inView = links ? Array.from(links.visibleSat.subarray(links.visibleOffsets[gi]!, links.visibleOffsets[gi + 1]!)) : [];
  const totalServed = links ? links.servedCount.reduce((a, b) => a + b, 0) : 0;
  const pi = links ? links.popIndex[gi]! : -1;
  const pop = g.popId !== null ? s.pops.find((p) => p.id === g.popId) : pi >= 0 ? s.pops[pi] : undefined;
  return (
    <>
      <h3 className="inspector__title" data-testid="inspector-title">
        {g.name}
      </h3>
      <dl className="kv">
        <Field label="Position">{formatLatLon(g.latDeg, g.lonDeg)}</Field>
        <Field label="Status">{g.status}</Field>
        <Field label="Min. elevation">{g.minElevationDeg}°</Field>
        <GatewayCapacityRows gateway={g} index={gi} />
        <Field label="Capacity">{g.capacityGbps} Gbps</Field>
        <Field label="In view now">{links ? inView.length : '…'}</Field>
        <Field label="Feeds directly">{links ? links.directCount[gi] : '…'}</Field>
        <Field label="Serves">{links ? `${links.servedCount[gi]} sats (${totalServed ? ((100 * links.servedCount[gi]!) / totalServed).toFixed(1) : '0'}%)` : '…'}</Field>
        <Field label="PoP">
          {pop ? (
            <button type="button" className="link" onClick={() => select({ kind: 'pop', id: pop.id })}>
              {pop.name}
            </button>
          ) : (
            '—'
          )}
          {g.popId === null && <span className="muted"> (nearest)</span>}
        </Field>
        <Field label="Backhaul">{links ? ms(links.backhaulMs[gi]!) : '…'}</Field>
      </dl>
      <RouteHereButtons endpoint={gatewayEndpoint(g)} />
      {info && inView.length > 0 && (
        <>
          <h4 className="list-title">
            Satellites in view <span className="count">{inView.length}</span>
          </h4>
          <ul className="list list--short">
            {inView.slice(0, 40).map((j) => (
              <li key={j}>
                <button type="button" onClick={() => select({ kind: 'satellite', index: j })}>
                  {info.topology.names[j]}
                  {links!.satDirect[j] && links!.satGateway[j] === gi ? <span className="muted"> · fed here</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function GroundInspector({ latDeg, lonDeg, label }: { latDeg: number; lonDeg: number; label?: string | undefined }) {
  const route = useGlobeView((s) => s.route);
  const mine = route && route.latDeg === latDeg && route.lonDeg === lonDeg ? route : null;
  return (
    <>
      <h3 className="inspector__title" data-testid="inspector-title">
        {label ?? 'Ground point'} {label ? <span className="muted inspector__sub">{formatLatLon(latDeg, lonDeg)}</span> : formatLatLon(latDeg, lonDeg)}
      </h3>
      <RouteHereButtons endpoint={pointEndpoint(latDeg, lonDeg, label)} />
      {!mine && <p className="muted">routing…</p>}
      {mine && !mine.result.ok && <p className="error-text">No route: {mine.result.reason}</p>}
      {mine?.result.ok && (
        <>
          <p className="route-summary">
            via <strong>{mine.result.hops.find((h) => h.kind === 'gateway')?.name}</strong> → <strong>{mine.result.hops.find((h) => h.kind === 'pop')?.name}</strong>, {mine.result.satelliteHops} satellite{mine.result.satelliteHops === 1 ? '' : 's'}
            {!mine.result.withinLatencyBudget && <span className="error-text"> (over budget)</span>}
          </p>
          <RouteTable route={mine.result} />
          <p className="muted inspector__at" data-testid="route-time">
            at {formatUtc(mine.tUtcMs)}
          </p>
        </>
      )}
      <RttChart latDeg={latDeg} lonDeg={lonDeg} />
    </>
  );
}

function PopInspector({ id }: { id: string }) {
  const s = useApp((st) => st.scenario);
  const select = useApp((st) => st.select);
  const links = useGlobeView((st) => st.gatewayLinks);
  const pi = s.pops.findIndex((x) => x.id === id);
  const p = s.pops[pi];
  if (!p) return <p className="empty">PoP not found.</p>;
  const feeding = s.gateways.filter((g, gi) => g.popId === id || (g.popId === null && links?.popIndex[gi] === pi));
  return (
    <>
      <h3 className="inspector__title" data-testid="inspector-title">
        {p.name}
      </h3>
      <dl className="kv">
        <Field label="Position">{formatLatLon(p.latDeg, p.lonDeg)}</Field>
        <Field label="Kind">{p.kind}</Field>
        <Field label="Gateways">{feeding.length}</Field>
      </dl>
      <RouteHereButtons endpoint={popEndpoint(p)} />
      <ul className="list">
        {feeding.map((g) => (
          <li key={g.id}>
            <button type="button" onClick={() => select({ kind: 'gateway', id: g.id })}>
              {g.name}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ShellInspector({ id }: { id: string }) {
  const s = useApp((st) => st.scenario);
  const sh = s.constellation.shells.find((x) => x.id === id);
  if (!sh) return <p className="empty">Shell not found.</p>;
  return (
    <>
      <h3 className="inspector__title">{sh.name}</h3>
      <dl className="kv">
        <Field label="Altitude">{sh.altitudeKm} km</Field>
        <Field label="Inclination">{sh.inclinationDeg}°</Field>
        <Field label="Walker">
          {sh.planes * sh.satsPerPlane}/{sh.planes}/{sh.phasingF}
        </Field>
        <Field label="Status">{sh.status}</Field>
        <Field label="Laser links">{sh.islEnabled ? 'on' : 'off'}</Field>
      </dl>
    </>
  );
}

function Selected() {
  const sel = useApp((s) => s.selection);
  const gateways = useApp((s) => s.scenario.gateways);
  const select = useApp((s) => s.select);
  if (!sel) return <p className="empty">Click a satellite, gateway, PoP or a point on the globe to inspect it, or search a place above the globe.</p>;
  switch (sel.kind) {
    case 'satellite':
      return <SatelliteInspector index={sel.index} />;
    case 'gateway':
      return <GatewayInspector id={sel.id} />;
    case 'gateways':
      return (
        <>
          <h3 className="inspector__title">{sel.ids.length} gateways</h3>
          <ul className="list">
            {sel.ids.map((id) => (
              <li key={id}>
                <button type="button" onClick={() => select({ kind: 'gateway', id })}>
                  {gateways.find((g) => g.id === id)?.name ?? id}
                </button>
              </li>
            ))}
          </ul>
        </>
      );
    case 'pop':
      return <PopInspector id={sel.id} />;
    case 'shell':
      return <ShellInspector id={sel.id} />;
    case 'ground':
      return <GroundInspector latDeg={sel.latDeg} lonDeg={sel.lonDeg} label={sel.label} />;
    case 'route':
      return <RouteInspector />;
  }
}

/** The route's ends while something else is inspected (the route view shows them itself). */
function RouteBar() {
  const sel = useApp((s) => s.selection);
  if (sel?.kind === 'route') return null;
  return <RouteEnds showButton />;
}

export function InspectorPanel() {
  return (
    <div className="inspector" data-testid="inspector">
      <SatelliteSearch />
      <RouteBar />
      <Selected />
    </div>
  );
}
