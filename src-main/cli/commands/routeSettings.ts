// The route window (--start, --duration, --step) and link options (--min-elevation,
// --max-slant-km) shared by single and batch routing, and the routing options (--no-gateway-relay,
// --bent-pipe, --max-hops) shared by route and analyze (network/router.ts reads them).
import type { Scenario } from '../../../src-core/scenario/schema';
import { CliError, parseIsoArg, parseNumberArg } from '../io';

type Values = Record<string, string | boolean | undefined>;

/** The route window and link options shared by single and batch routing. */
export function routeSettings(scenario: Scenario, v: Values): { scenario: Scenario; startMs: number; durationS: number; stepS: number } {
  const startMs = parseIsoArg('start', v.start as string | undefined, scenario.analysis.startUtc);
  const durationS = parseNumberArg('duration', v.duration as string | undefined, 0, { min: 0, max: 30 * 86400 });
  const stepS = parseNumberArg('step', v.step as string | undefined, 60, { min: 0.001 });
  if (durationS / stepS > 100000) throw new CliError(`--duration / --step gives ${Math.floor(durationS / stepS)} steps; at most 100,000`, [], 2);
  const minEl = v['min-elevation'] === undefined ? scenario.terminal.minElevationDeg : parseNumberArg('min-elevation', v['min-elevation'] as string, 35, { min: 0, max: 90 });
  const maxSlant = v['max-slant-km'] === undefined ? scenario.terminal.maxSlantKm : parseNumberArg('max-slant-km', v['max-slant-km'] as string, 0, { min: 1 });
  return {
    startMs, durationS, stepS,
    scenario: {
      ...scenario,
      terminal: { minElevationDeg: minEl, maxSlantKm: maxSlant },
      routing: routingOverrides(scenario.routing, v),
    },
  };
}

/** Most satellites a route may have (the scenario schema's limit for routing.maxSatelliteHops). */
const MAX_HOPS_LIMIT = 1000;

/** --no-gateway-relay, --bent-pipe and --max-hops over the scenario's routing settings. */
export function routingOverrides(routing: Scenario['routing'], v: Values): Scenario['routing'] {
  return {
    ...routing,
    allowGatewayRelay: v['no-gateway-relay'] === true ? false : routing.allowGatewayRelay,
    bentPipeOnly: v['bent-pipe'] === true ? true : routing.bentPipeOnly,
    maxSatelliteHops: parseNumberArg('max-hops', v['max-hops'] as string, routing.maxSatelliteHops, { min: 1, max: MAX_HOPS_LIMIT, integer: true }),
  };
}
