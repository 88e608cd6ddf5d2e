// The route between two places in the inspector: "route from here / to here" buttons (search
// results, ground points, gateways, PoPs), the two ends with swap and clear, and, while the route
// is selected, the path's latency breakdown and its RTT chart. The path itself is drawn by the
// live globe (globe/live.ts) from the same engine answer (routeStore.result), so the numbers here
// are the numbers of the drawn path.
import { useState } from 'react';
import type { RouteOk } from '../../../src-core/network/route';
import { useApp } from '../../state/store';
import { formatUtc } from '../format';
import { RttChart } from '../globe/RttChart';
import { routeRows } from './rows';
import { clearRoute, clearRouteEnd, endsKey, setRouteFrom, setRouteTo, swapRouteEnds, useRoute, type RouteEndpoint } from './routeStore';
import './route.css';


export function RouteTable({ route, group = false }: { route: RouteOk; group?: boolean }) {
  return (
    <table className="route-table" data-testid="route-table">
      <thead>
        <tr>
          <th>Segment</th>
          <th className="num">km</th>
          <th className="num">ms</th>
        </tr>
      </thead>
      <tbody>
        {routeRows(route, group).map((r, k) => (
          <tr key={k}>
            <td title={r.title}>
              {r.kind} <span className="muted">→ {r.toName}</span>
            </td>
            <td className="num">{r.distanceKm.toFixed(0)}</td>
            <td className="num">{r.latencyMs.toFixed(2)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>one way</td>
          <td />
          <td className="num" data-testid="route-oneway">
            {route.oneWayMs.toFixed(3)}
          </td>
        </tr>
        <tr>
          <td>RTT</td>
          <td />
          <td className="num" data-testid="route-rtt">
            {route.rttMs.toFixed(3)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** "Route from here" / "Route to here" for one place, gateway or PoP. */
export function RouteHereButtons({ endpoint, compact = false }: { endpoint: RouteEndpoint; compact?: boolean }) {
  return (
    <div className={compact ? 'route-here route-here--compact' : 'route-here'} data-testid="route-here">
      <button type="button" className="btn btn--small" onClick={() => setRouteFrom(endpoint)} title={`Route from ${endpoint.label}`} aria-label={`Route from ${endpoint.label}`}>
        {compact ? 'From' : 'Route from here'}
      </button>
      <button type="button" className="btn btn--small" onClick={() => setRouteTo(endpoint)} title={`Route to ${endpoint.label}`} aria-label={`Route to ${endpoint.label}`}>
        {compact ? 'To' : 'Route to here'}
      </button>
    </div>
  );
}

function EndRow({ which, end }: { which: 'from' | 'to'; end: RouteEndpoint | null }) {
  return (
    <>
      <dt>{which === 'from' ? 'From' : 'To'}</dt>
      <dd className="route-ends__end" data-testid={`route-${which}`}>
        {end ? (
          <>
            <span className="route-ends__label" title={end.label}>
              {end.label}
            </span>
            <button type="button" className="route-ends__x" onClick={() => clearRouteEnd(which)} title={`Clear the ${which === 'from' ? 'start' : 'end'}`} aria-label={`Clear route ${which}`}>
              ×
            </button>
          </>
        ) : (
          <span className="muted">search a place, or use “Route {which} here” on a point, gateway or PoP</span>
        )}
      </dd>
    </>
  );
}

/** The two ends, with swap / clear (and "show" when the route is set but another object is selected). */
export function RouteEnds({ showButton }: { showButton: boolean }) {
  const from = useRoute((s) => s.from);
  const to = useRoute((s) => s.to);
  const select = useApp((s) => s.select);
  if (!from && !to) return null;
  return (
    <section className="route-ends" data-testid="route-ends" aria-label="Route ends">
      <dl className="kv route-ends__kv">
        <EndRow which="from" end={from} />
        <EndRow which="to" end={to} />
      </dl>
      <div className="route-ends__actions">
        {showButton && from && to && (
          <button type="button" className="btn btn--small" onClick={() => select({ kind: 'route' })}>
            Show route
          </button>
        )}
        <button type="button" className="btn btn--small" onClick={swapRouteEnds} disabled={!from && !to} title="Swap the two ends">
          ⇅ Swap
        </button>
        <button type="button" className="btn btn--small" onClick={clearRoute} title="Clear both ends">
          Clear
        </button>
      </div>
    </section>
  );
}

/** The selected route: ends, summary, latency breakdown and RTT chart. */
export function RouteInspector() {
  const from = useRoute((s) => s.from);
  const to = useRoute((s) => s.to);
  const result = useRoute((s) => s.result);
  const revision = useApp((s) => s.revision);
  const [allHops, setAllHops] = useState(false);
  const mine = result && result.key === endsKey(from, to) && result.revision === revision ? result : null;
  const r = mine?.result;
  const gateways = r?.ok ? r.hops.filter((h) => h.kind === 'gateway').map((h) => h.name) : [];
  const pop = r?.ok ? r.hops.find((h) => h.kind === 'pop') : undefined;
  return (
    <>
      <h3 className="inspector__title" data-testid="inspector-title">
        Route
      </h3>
      <RouteEnds showButton={false} />
      {from && to && !mine && <p className="muted">routing…</p>}
      {r && !r.ok && (
        <p className="error-text" data-testid="route-error">
          No route: {r.reason}
        </p>
      )}
      {r?.ok && (
        <>
          <p className="route-summary" data-testid="route-summary">
            {r.satelliteHops} satellite{r.satelliteHops === 1 ? '' : 's'}
            {gateways.length > 0 && (
              <>
                {' '}
                via <strong>{gateways.join(', ')}</strong>
              </>
            )}
            {pop && (
              <>
                {' '}
                → <strong>{pop.name}</strong>
              </>
            )}
            {!r.withinLatencyBudget && <span className="error-text"> (over budget)</span>}
          </p>
          <RouteTable route={r} group={!allHops} />
          <p className="muted inspector__at" data-testid="route-time">
            at {formatUtc(mine!.tUtcMs)}
            {r.segments.some((sg) => sg.kind === 'isl') && (
              <>
                {' · '}
                <button type="button" className="link" onClick={() => setAllHops(!allHops)}>
                  {allHops ? 'group laser links' : `each of ${r.segments.length} segments`}
                </button>
              </>
            )}
          </p>
        </>
      )}
      {from && to && <RttChart query={{ kind: 'ends', from: from.end, to: to.end }} />}
    </>
  );
}
