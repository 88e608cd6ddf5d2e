// `route <scenario|tle> --from <lat,lon|gateway id> --to <lat,lon|pop id|gateway id|pop>`:
// the path and its latency at every step of a window.
//   --to pop        the user's Internet path: best gateway, its backhaul to its own PoP
//   --to <pop id>   egress forced at that PoP (every gateway backhauls there over fiber)
//   --to <gw id>    path to that gateway only (the backhaul leg is left out)
//   --to lat,lon    ground to ground over the constellation (gateway relays unless --no-gateway-relay)
// Places may also be city names from the shipped cities asset (places.ts). With --pairs or
// --cities, many pairs are routed in one run (batch.ts: one propagation and one step graph per
// time step for all of them), written as CSV, NDJSON or a per-pair summary table.
import type { Scenario } from '../../../src-core/scenario/schema';
import { createRoutingContext, routeGroundToGround, routeToPop, type GeoPoint, type RouteResult } from '../../../src-core/network/route';
import { CliError, clean, loadInput, table, startArg } from '../io';
import { parseLatLon, parsePlace } from '../places';
import { batchRouteCommand } from './routeBatch';
import { routeSettings } from './routeSettings';

type Values = Record<string, string | boolean | undefined>;
type Endpoint = { kind: 'point'; point: GeoPoint; label: string; city: boolean } | { kind: 'gateway'; id: string } | { kind: 'pop'; id: string | null };

function endpoint(flag: 'from' | 'to', s: string | undefined, scenario: Scenario): Endpoint {
  if (s === undefined) throw new CliError(`route needs --${flag} (a "lat,lon" pair, a city name${flag === 'to' ? ', a PoP id, a gateway id, or "pop"' : ' or a gateway id'})`, [], 2);
  const p = parseLatLon(s, `--${flag} `);
  if (p) return { kind: 'point', point: p, label: s, city: false };
  if (scenario.gateways.some((g) => g.id === s)) return { kind: 'gateway', id: s };
  if (flag === 'to' && s === 'pop') return { kind: 'pop', id: null };
  if (flag === 'to' && scenario.pops.some((x) => x.id === s)) return { kind: 'pop', id: s };
  try {
    const place = parsePlace(s);
    return { kind: 'point', point: place.point, label: place.label, city: true };
  } catch {
    const known = [...scenario.gateways.map((g) => g.id), ...(flag === 'to' ? scenario.pops.map((x) => x.id) : [])];
    throw new CliError(`--${flag} "${s}" is neither "lat,lon", a city name, nor a known ${flag === 'to' ? 'gateway or PoP' : 'gateway'} id; known ids: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`, [], 2);
  }
}

export function routeCommand(path: string, v: Values): number | Promise<number> {
  if (v.pairs !== undefined || v.cities !== undefined) return batchRouteCommand(path, v);
  if (v.format !== undefined) throw new CliError('--format applies to batch routing (--pairs or --cities); a single route takes --json', [], 2);
  const input = loadInput(path, startArg(v));
  const settings = routeSettings(input.scenario, v);
  let scenario = settings.scenario;
  const { startMs, durationS, stepS } = settings;
  const from = endpoint('from', v.from as string | undefined, scenario);
  const to = endpoint('to', v.to as string | undefined, scenario);
  if (from.kind === 'pop') throw new CliError('--from must be "lat,lon" or a gateway id', [], 2);

  let query: (t: number) => RouteResult;
  let dropBackhaul = false;
  if (to.kind === 'point') {
    const fromPoint = from.kind === 'point' ? from.point : gatewayPoint(scenario, from.id);
    const ctx = createRoutingContext(scenario);
    query = (t) => routeGroundToGround(ctx, t, fromPoint, to.point, {});
  } else {
    if (to.kind === 'pop' && to.id !== null) {
      const popId = to.id;
      scenario = { ...scenario, gateways: scenario.gateways.map((g) => ({ ...g, popId })) };
    } else if (to.kind === 'gateway') {
      scenario = { ...scenario, gateways: scenario.gateways.filter((g) => g.id === to.id) };
      dropBackhaul = true;
    }
    const ctx = createRoutingContext(scenario);
    const q = from.kind === 'point' ? from.point : { gatewayId: from.id };
    query = (t) => routeToPop(ctx, t, q);
  }

  const steps = Math.floor(durationS / stepS + 1e-9) + 1;
  const samples = [];
  for (let i = 0; i < steps; i++) {
    const t = startMs + i * stepS * 1000;
    let r = query(t);
    if (r.ok && dropBackhaul) {
      const segments = r.segments.filter((s) => s.kind !== 'backhaul');
      const hops = r.hops.filter((h) => h.kind !== 'pop');
      const oneWayMs = segments.reduce((a, s) => a + s.latencyMs, 0);
      r = { ...r, segments, hops, oneWayMs, rttMs: 2 * oneWayMs };
    }
    if (r.ok) {
      // A city typed by name is shown by name (the engine names ground hops "lat, lon").
      for (const h of r.hops) {
        const e = h.id === 'ground' ? from : h.id === 'ground-1' ? to : null;
        if (h.kind === 'ground' && e?.kind === 'point' && e.city) h.name = e.label;
      }
    }
    samples.push({ t: new Date(t).toISOString(), ...r });
  }
  const okCount = samples.filter((s) => s.ok).length;
  if (v.json === true) {
    console.log(JSON.stringify({ ok: true, source: input.source, from: v.from, to: v.to, stepS, samples }));
    return 0;
  }
  const label = (e: Endpoint, raw: unknown) => (e.kind === 'point' ? e.label : String(raw));
  console.log(`route ${clean(label(from, v.from))} -> ${clean(label(to, v.to))}: ${steps} step(s) from ${new Date(startMs).toISOString()}, every ${stepS} s; path found at ${okCount}/${steps}`);
  console.log(table(['time (UTC)', 'one-way ms', 'RTT ms', 'sat hops', 'path'], samples.map((s) => s.ok
    ? [s.t.slice(0, 19), s.oneWayMs.toFixed(3), s.rttMs.toFixed(3), s.satelliteHops, s.hops.map((h) => h.name).join(' > ')]
    : [s.t.slice(0, 19), '-', '-', '-', `no path: ${s.reason}`])));
  const first = samples.find((s) => s.ok);
  if (first && first.ok && steps === 1) {
    console.log('\nsegments:');
    console.log(table(['from', 'to', 'kind', 'km', 'ms'], first.segments.map((sg) => [first.hops[sg.from]!.name, first.hops[sg.to]!.name, sg.kind, sg.distanceKm.toFixed(1), sg.latencyMs.toFixed(3)])));
  }
  return 0;
}

function gatewayPoint(s: Scenario, id: string): GeoPoint {
  const g = s.gateways.find((x) => x.id === id)!;
  return { latDeg: g.latDeg, lonDeg: g.lonDeg, altKm: g.altitudeKm };
}
