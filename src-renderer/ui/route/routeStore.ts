// The route panel's two ends ("route from here / to here" on a search result, a ground point, a
// gateway or a PoP) and the route the globe last drew between them. Not scenario data (no undo);
// the route is shown while the selection is {kind: 'route'}, so the inspector and the highlighted
// path always show the same thing. The engine computes the path (routeEnds, src-core/network/
// endpoints.ts: the CLI's `route --from --to` meanings).
import { create } from 'zustand';
import type { RouteEnd } from '../../../src-core/network/endpoints';
import type { RouteResult } from '../../../src-core/network/route';
import { appStore } from '../../state/store';

export interface RouteEndpoint {
  end: RouteEnd;
  /** What the user sees: a place name, a gateway or PoP name, or coordinates. */
  label: string;
  latDeg: number;
  lonDeg: number;
}

export interface RouteState {
  from: RouteEndpoint | null;
  to: RouteEndpoint | null;
  /** The route between `from` and `to` at `tUtcMs` as the globe drew it (null: none asked yet). */
  result: { key: string; tUtcMs: number; revision: number; result: RouteResult } | null;
}

export const useRoute = create<RouteState>()(() => ({ from: null, to: null, result: null }));
export const routeStore = useRoute;

/** A stable key of a pair of ends (results are matched to the ends they were computed for). */
export function endsKey(from: RouteEndpoint | null, to: RouteEndpoint | null): string {
  return JSON.stringify([from?.end ?? null, to?.end ?? null]);
}

function showIfComplete(): void {
  const { from, to } = routeStore.getState();
  if (from && to) appStore.getState().select({ kind: 'route' });
}

export function setRouteFrom(e: RouteEndpoint): void {
  routeStore.setState({ from: e, result: null });
  showIfComplete();
}

export function setRouteTo(e: RouteEndpoint): void {
  routeStore.setState({ to: e, result: null });
  showIfComplete();
}

export function swapRouteEnds(): void {
  const { from, to } = routeStore.getState();
  routeStore.setState({ from: to, to: from, result: null });
  showIfComplete();
}

export function clearRoute(): void {
  routeStore.setState({ from: null, to: null, result: null });
  if (appStore.getState().selection?.kind === 'route') appStore.getState().select(null);
}

export function clearRouteEnd(which: 'from' | 'to'): void {
  routeStore.setState({ [which]: null, result: null });
  if (appStore.getState().selection?.kind === 'route') appStore.getState().select(null);
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** A ground point (search result, click) as a route end. Coordinates rounded to 1e-4 deg (~10 m) so the label and the CLI's "lat,lon" give the same point. */
export function pointEndpoint(latDeg: number, lonDeg: number, label?: string): RouteEndpoint {
  const lat = round(latDeg);
  const lon = round(lonDeg);
  return { end: { kind: 'point', latDeg: lat, lonDeg: lon }, label: label ?? `${lat.toFixed(4)}, ${lon.toFixed(4)}`, latDeg: lat, lonDeg: lon };
}

export function gatewayEndpoint(g: { id: string; name: string; latDeg: number; lonDeg: number }): RouteEndpoint {
  return { end: { kind: 'gateway', id: g.id }, label: `${g.name} (gateway)`, latDeg: g.latDeg, lonDeg: g.lonDeg };
}

export function popEndpoint(p: { id: string; name: string; latDeg: number; lonDeg: number }): RouteEndpoint {
  return { end: { kind: 'pop', id: p.id }, label: `${p.name} (PoP)`, latDeg: p.latDeg, lonDeg: p.lonDeg };
}
