// Placement constraints on gateway sites: minimum spacing between any two gateways (existing and
// proposed), excluded countries, and a cap per country. Checked for every suggestion the optimizer
// makes; existing gateways count towards spacing and the per-country cap.
import { greatCircleKm } from '../frames';
import type { Scenario } from '../scenario/schema';
import { DEG } from '../units';

export interface PlacementConstraints {
  minSpacingKm: number;
  /** ISO 3166-1 alpha-2 codes (case-insensitive). */
  excludedCountries: readonly string[];
  maxPerCountry: number | null;
  /** What the optimizer maximises (scenario planning.objective; default 'latency'). */
  objective?: PlacementObjectiveKind;
}

/** 'latency': demand-weighted latency and service (facility location); 'served': Gbps served (capacity model). */
export type PlacementObjectiveKind = 'latency' | 'served';

export interface Site {
  latDeg: number;
  lonDeg: number;
  /** ISO alpha-2 code, null when unknown (offshore, unmapped): never excluded, never capped. */
  countryCode: string | null;
}

export function constraintsOf(scenario: Scenario): PlacementConstraints {
  return { ...scenario.planning };
}

/** Why a site is not allowed next to `placed`, or null when it is. */
export function siteViolation(site: Site, placed: readonly Site[], c: PlacementConstraints): string | null {
  const code = site.countryCode?.toUpperCase() ?? null;
  if (code !== null && c.excludedCountries.some((x) => x.toUpperCase() === code)) return `country ${code} is excluded`;
  if (code !== null && c.maxPerCountry !== null) {
    let n = 0;
    for (const p of placed) if (p.countryCode?.toUpperCase() === code) n++;
    if (n >= c.maxPerCountry) return `country ${code} already has ${n} gateways (max ${c.maxPerCountry})`;
  }
  if (c.minSpacingKm > 0) {
    for (const p of placed) {
      const d = greatCircleKm(site.latDeg * DEG, site.lonDeg * DEG, p.latDeg * DEG, p.lonDeg * DEG);
      if (d < c.minSpacingKm) return `${d.toFixed(0)} km from another gateway (min ${c.minSpacingKm} km)`;
    }
  }
  return null;
}

/** All violations of a complete placement (every site against the ones before it). */
export function placementViolations(sites: readonly Site[], c: PlacementConstraints): { index: number; reason: string }[] {
  const out: { index: number; reason: string }[] = [];
  for (let i = 0; i < sites.length; i++) {
    const r = siteViolation(sites[i]!, sites.slice(0, i), c);
    if (r !== null) out.push({ index: i, reason: r });
  }
  return out;
}
