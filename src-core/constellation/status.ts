// The one place that says what a satellite's status and a gateway's in-service date mean for the
// network. Routes (network/snapshot), laser links (network/isl), coverage (coverage/evaluator),
// capacity and the optimizer all ask here, so the same scenario gives the same network everywhere.
//   planned      does not exist yet: carries no traffic, has no laser links, is not drawn as operational;
//   raising      in orbit, climbing to its slot: carries no traffic, has no laser links;
//   operational  in its slot: carries traffic and links.
// A gateway carries traffic from its inServiceDate on (always, when it has none). Its `status`
// ('planned' = a proposal being evaluated, 'live' = built) does not switch it off: planners
// evaluate proposals as if built, and date them with inServiceDate for rollout views.
import type { Gateway } from '../scenario/schema';
import { STATUS_CODES, type SatelliteCatalog } from './types';

export const STATUS_PLANNED = STATUS_CODES.planned;
export const STATUS_RAISING = STATUS_CODES.raising;
export const STATUS_OPERATIONAL = STATUS_CODES.operational;

/** True for a status code whose satellite carries traffic and keeps its laser links. */
export function carriesTraffic(statusCode: number): boolean {
  return statusCode === STATUS_OPERATIONAL;
}

/** Per satellite, 1 = carries traffic (operational). */
export function trafficMask(catalog: Pick<SatelliteCatalog, 'count' | 'status'>): Uint8Array<ArrayBuffer> {
  const u = new Uint8Array(catalog.count);
  for (let i = 0; i < catalog.count; i++) u[i] = carriesTraffic(catalog.status[i]!) ? 1 : 0;
  return u;
}

/** UTC ms from which a gateway carries traffic (-Infinity when it has no in-service date). */
export function gatewayInServiceFromMs(g: Pick<Gateway, 'inServiceDate'>): number {
  return g.inServiceDate === null ? -Infinity : Date.parse(g.inServiceDate);
}

export function gatewayInServiceAt(g: Pick<Gateway, 'inServiceDate'>, utcMs: number): boolean {
  return utcMs >= gatewayInServiceFromMs(g);
}
