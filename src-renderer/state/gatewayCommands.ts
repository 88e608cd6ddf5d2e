// Undoable gateway edits: add (one or many), move, delete (one or many), attribute edits (one or
// many) and the planner's placement constraints. Each command turns the scenario into typed
// patches (see commands.ts): gateway/add, gateway/update, gateway/remove, scenario/set; none when
// nothing changes.
import { siteViolation, type PlacementConstraints, type Site } from '../../src-core/planning/constraints';
import { newGatewayDefaults, type Gateway, type Scenario } from '../../src-core/scenario/schema';
import { setSection, type ScenarioPatch } from '../../src-core/session/patches';
import type { Command } from './commands';

/** Attributes a planner edits in the table or the inspector. */
export type GatewayPatch = Partial<Pick<Gateway, 'name' | 'minElevationDeg' | 'antennas' | 'capacityGbps' | 'popId' | 'status' | 'inServiceDate' | 'latDeg' | 'lonDeg' | 'countryCode' | 'maxSlantKm'>>;

/** Schema defaults of a new gateway (scenario/schema.ts Gateway), status 'planned' for a proposal. */
export const NEW_GATEWAY_DEFAULTS: Omit<Gateway, 'id' | 'name' | 'latDeg' | 'lonDeg' | 'countryCode'> = newGatewayDefaults();

const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'site';

/** A gateway id not used in `taken`: "gw-<name>", then "gw-<name>-2", ... */
export function uniqueGatewayId(taken: ReadonlySet<string>, name: string): string {
  const base = `gw-${slug(name)}`;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** What a click tells us about a place (the engine worker's describeSite). */
export interface PlaceInfo {
  latDeg: number;
  lonDeg: number;
  countryCode: string | null;
  nearestCity: string | null;
}

/** A new gateway at a place, named after the nearest city, with an id unique in `scenario`. */
export function gatewayAt(scenario: Scenario, place: PlaceInfo, extra: Partial<Gateway> = {}): Gateway {
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const name = place.nearestCity ?? `Site ${place.latDeg.toFixed(2)}, ${place.lonDeg.toFixed(2)}`;
  const taken = new Set(scenario.gateways.map((g) => g.id));
  return { ...NEW_GATEWAY_DEFAULTS, ...extra, id: uniqueGatewayId(taken, name), name, latDeg: round(place.latDeg), lonDeg: round(place.lonDeg), countryCode: place.countryCode };
}

const site = (g: Pick<Gateway, 'latDeg' | 'lonDeg' | 'countryCode'>): Site => ({ latDeg: g.latDeg, lonDeg: g.lonDeg, countryCode: g.countryCode });

/** Why `g` may not join the scenario's gateways (excluding `ignoreId`, e.g. itself when moved), or null. */
export function placementProblem(scenario: Scenario, g: Pick<Gateway, 'latDeg' | 'lonDeg' | 'countryCode'>, ignoreId: string | null = null, constraints: PlacementConstraints = scenario.planning): string | null {
  const others = scenario.gateways.filter((x) => x.id !== ignoreId).map(site);
  return siteViolation(site(g), others, constraints);
}

/** Append gateways (ids made unique against the scenario and each other). ONE undo step. */
export function addGateways(gateways: readonly Gateway[], label = gateways.length === 1 ? `Add gateway ${gateways[0]!.name}` : `Add ${gateways.length} gateways`): Command {
  return {
    label,
    patches: (s) => {
      const taken = new Set(s.gateways.map((g) => g.id));
      return gateways.map((g): ScenarioPatch => {
        const id = taken.has(g.id) ? uniqueGatewayId(taken, g.name) : g.id;
        taken.add(id);
        return { op: 'gateway/add', gateway: id === g.id ? g : { ...g, id } };
      });
    },
  };
}

export const addGateway = (g: Gateway): Command => addGateways([g]);

/** Move one gateway (drag on the globe); its country follows the new position. */
export function moveGateway(id: string, latDeg: number, lonDeg: number, countryCode: string | null): Command {
  return {
    label: 'Move gateway',
    patches: (s) => {
      const g = s.gateways.find((x) => x.id === id);
      if (!g || (g.latDeg === latDeg && g.lonDeg === lonDeg && g.countryCode === countryCode)) return [];
      return [{ op: 'gateway/update', id, gateway: { ...g, latDeg, lonDeg, countryCode } }];
    },
  };
}

/** Delete gateways by id. ONE undo step. */
export function deleteGateways(ids: readonly string[]): Command {
  const drop = new Set(ids);
  return {
    label: ids.length === 1 ? 'Delete gateway' : `Delete ${ids.length} gateways`,
    patches: (s) => s.gateways.filter((g) => drop.has(g.id)).map((g): ScenarioPatch => ({ op: 'gateway/remove', id: g.id })),
  };
}

/** Set the same attributes on one or many gateways (table bulk edit, inspector). ONE undo step. */
export function updateGateways(ids: readonly string[], patch: GatewayPatch, label?: string): Command {
  const pick = new Set(ids);
  const keys = Object.keys(patch) as (keyof GatewayPatch)[];
  return {
    label: label ?? (ids.length === 1 ? 'Edit gateway' : `Edit ${ids.length} gateways`),
    // Typing into a field edits the same gateways many times: merge those into one undo step
    // (named actions such as "Mark live" stay separate steps).
    ...(label === undefined ? { coalesceKey: `gateways:${[...pick].sort().join(',')}:${keys.slice().sort().join(',')}` } : {}),
    patches: (s) =>
      s.gateways.filter((g) => pick.has(g.id) && !keys.every((k) => g[k] === patch[k])).map((g): ScenarioPatch => ({ op: 'gateway/update', id: g.id, gateway: { ...g, ...patch } })),
  };
}

/** Planner constraints (minimum spacing, excluded countries, max per country). */
export function setPlanningConstraints(patch: Partial<Scenario['planning']>): Command {
  return {
    label: 'Edit placement constraints',
    coalesceKey: `planning:${Object.keys(patch).sort().join(',')}`,
    patches: (s) => {
      const next = { ...s.planning, ...patch };
      if (next.excludedCountries) next.excludedCountries = [...new Set(next.excludedCountries.map((c) => c.trim().toUpperCase()).filter((c) => c.length > 0))];
      const same = next.minSpacingKm === s.planning.minSpacingKm && next.maxPerCountry === s.planning.maxPerCountry && next.excludedCountries.join(',') === s.planning.excludedCountries.join(',');
      return same ? [] : [setSection('planning', next)];
    },
  };
}

/** Analysis window (duration / step): the coverage figures are computed over it. */
export function setAnalysisWindow(durationS: number, stepS: number): Command {
  return {
    label: 'Change analysis window',
    patches: (s) => (s.analysis.durationS === durationS && s.analysis.stepS === stepS ? [] : [setSection('analysis', { ...s.analysis, durationS, stepS })]),
  };
}
