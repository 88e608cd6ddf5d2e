// `route <scenario|tle> --from <lat,lon|gateway id> --to <lat,lon|pop id|gateway id|pop>`:
// the path and its latency at every step of a window.
//   --to pop        the user's Internet path: best gateway, its backhaul to its own PoP
//   --to <pop id>   egress forced at that PoP (every gateway backhauls there over fiber)
//   --to <gw id>    path to that gateway only (the backhaul leg is left out)
//   --to lat,lon    ground to ground over the constellation (gateway relays unless --no-gateway-relay)
import type { Scenario } from '../../../src-core/scenario/schema';
import { createRoutingContext, routeGroundToGround, routeToPop, type GeoPoint, type RouteResult } from '../../../src-core/network/route';
import { CliError, loadInput, parseIsoArg, parseNumberArg, table } from '../io';

type Values = Record<string, string | boolean | undefined>;
type Endpoint = { kind: 'point'; point: GeoPoint; label: string } | { kind: 'gateway'; id: string } | { kind: 'pop'; id: string | null };

function parsePoint(s: string): GeoPoint | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return null;
  const latDeg = Number(m[1]), lonDeg = Number(m[2]);
  if (Math.abs(latDeg) > 90 || Math.abs(lonDeg) > 180) throw new CliError(`"${s}" is not a valid lat,lon: latitude must be within ±90 and longitude within ±180 degrees`, [], 2);
  return { latDeg, lonDeg };
}

function endpoint(flag: 'from' | 'to', s: string | undefined, scenario: Scenario): Endpoint {
  if (s === undefined) throw new CliError(`route needs --${flag} (a "lat,lon" pair${flag === 'to' ? ', a PoP id, a gateway id, or "pop"' : ' or a gateway id'})`, [], 2);
  const p = parsePoint(s);
  if (p) return { kind: 'point', point: p, label: s };
  if (scenario.gateways.some((g) => g.id === s)) return { kind: 'gateway', id: s };
  if (flag === 'to' && s === 'pop') return { kind: 'pop', id: null };
  if (flag === 'to' && scenario.pops.some((x) => x.id === s)) return { kind: 'pop', id: s };
  const known = [...scenario.gateways.map((g) => g.id), ...(flag === 'to' ? scenario.pops.map((x) => x.id) : [])];
  throw new CliError(`--${flag} "${s}" is neither "lat,lon" nor a known ${flag === 'to' ? 'gateway or PoP' : 'gateway'} id; known ids: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`, [], 2);
}

export function routeCommand(path: string, v: Values): number {
  const input = loadInput(path);
  let scenario = input.scenario;
  const startMs = parseIsoArg('start', v.start as string | undefined, scenario.analysis.startUtc);
  const durationS = parseNumberArg('duration', v.duration as string | undefined, 0, { min: 0, max: 30 * 86400 });
  const stepS = parseNumberArg('step', v.step as string | undefined, 60, { min: 0.001 });
  if (durationS / stepS > 100000) throw new CliError(`--duration / --step gives ${Math.floor(durationS / stepS)} steps; at most 100,000`, [], 2);
  const minEl = v['min-elevation'] === undefined ? scenario.terminal.minElevationDeg : parseNumberArg('min-elevation', v['min-elevation'] as string, 35, { min: 0, max: 90 });
  const maxSlant = v['max-slant-km'] === undefined ? scenario.terminal.maxSlantKm : parseNumberArg('max-slant-km', v['max-slant-km'] as string, 0, { min: 1 });
  scenario = {
    ...scenario,
    terminal: { minElevationDeg: minEl, maxSlantKm: maxSlant },
    routing: { ...scenario.routing, allowGatewayRelay: v['no-gateway-relay'] === true ? false : scenario.routing.allowGatewayRelay, bentPipeOnly: v['bent-pipe'] === true ? true : scenario.routing.bentPipeOnly },
  };
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
    samples.push({ t: new Date(t).toISOString(), ...r });
  }
  const okCount = samples.filter((s) => s.ok).length;
  if (v.json === true) {
    console.log(JSON.stringify({ ok: true, source: input.source, from: v.from, to: v.to, stepS, samples }));
    return 0;
  }
  console.log(`route ${String(v.from)} -> ${String(v.to)}: ${steps} step(s) from ${new Date(startMs).toISOString()}, every ${stepS} s; path found at ${okCount}/${steps}`);
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
