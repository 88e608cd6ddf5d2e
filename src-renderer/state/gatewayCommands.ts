// Undoable gateway edits: add (one or many), move, delete (one or many), attribute edits (one or
// many) and the planner's placement constraints. Pure Scenario -> Scenario functions (see
// commands.ts): each returns the same reference when nothing changes, copies only the paths it
// touches, and undo restores the exact previous scenario object.
import { siteViolation, type PlacementConstraints, type Site } from '../../src-core/planning/constraints';
import { newGatewayDefaults, type Gateway, type Scenario } from '../../src-core/scenario/schema';
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
    apply: (s) => {
      if (gateways.length === 0) return s;
      const taken = new Set(s.gateways.map((g) => g.id));
      const added = gateways.map((g) => {
        const id = taken.has(g.id) ? uniqueGatewayId(taken, g.name) : g.id;
        taken.add(id);
        return id === g.id ? g : { ...g, id };
      });
      return { ...s, gateways: [...s.gateways, ...added] };
    },
  };
}

export const addGateway = (g: Gateway): Command => addGateways([g]);

/** Move one gateway (drag on the globe); its country follows the new position. */
export function moveGateway(id: string, latDeg: number, lonDeg: number, countryCode: string | null): Command {
  return {
    label: 'Move gateway',
    apply: (s) => {
      const i = s.gateways.findIndex((g) => g.id === id);
      if (i < 0) return s;
      const g = s.gateways[i]!;
      if (g.latDeg === latDeg && g.lonDeg === lonDeg && g.countryCode === countryCode) return s;
      const gateways = s.gateways.slice();
      gateways[i] = { ...g, latDeg, lonDeg, countryCode };
      return { ...s, gateways };
    },
  };
}

/** Delete gateways by id. ONE undo step. */
export function deleteGateways(ids: readonly string[]): Command {
  const drop = new Set(ids);
  return {
    label: ids.length === 1 ? 'Delete gateway' : `Delete ${ids.length} gateways`,
    apply: (s) => {
      const gateways = s.gateways.filter((g) => !drop.has(g.id));
      return gateways.length === s.gateways.length ? s : { ...s, gateways };
    },
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
    apply: (s) => {
      let changed = false;
      const gateways = s.gateways.map((g) => {
        if (!pick.has(g.id) || keys.every((k) => g[k] === patch[k])) return g;
        changed = true;
        return { ...g, ...patch };
      });
      return changed ? { ...s, gateways } : s;
    },
  };
}

/** Planner constraints (minimum spacing, excluded countries, max per country). */
export function setPlanningConstraints(patch: Partial<Scenario['planning']>): Command {
  return {
    label: 'Edit placement constraints',
    coalesceKey: `planning:${Object.keys(patch).sort().join(',')}`,
    apply: (s) => {
      const next = { ...s.planning, ...patch };
      if (next.excludedCountries) next.excludedCountries = [...new Set(next.excludedCountries.map((c) => c.trim().toUpperCase()).filter((c) => c.length > 0))];
      const same = next.minSpacingKm === s.planning.minSpacingKm && next.maxPerCountry === s.planning.maxPerCountry && next.excludedCountries.join(',') === s.planning.excludedCountries.join(',');
      return same ? s : { ...s, planning: next };
    },
  };
}

/** Analysis window (duration / step): the coverage figures are computed over it. */
export function setAnalysisWindow(durationS: number, stepS: number): Command {
  return {
    label: 'Change analysis window',
    apply: (s) => (s.analysis.durationS === durationS && s.analysis.stepS === stepS ? s : { ...s, analysis: { ...s.analysis, durationS, stepS } }),
  };
}
