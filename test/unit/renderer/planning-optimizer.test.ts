// The optimizer worker logic: every suggestion respects the placement constraints (checked with
// placementViolations over existing + suggested sites), the streamed sites are the final ones
// in order, and the run is deterministic.
import { describe, expect, it } from 'vitest';
import { runOptimizer, type OptimizerMessage, type SuggestedSite } from '../../../src-renderer/engine/optimizerHost';
import { placementViolations } from '../../../src-core/planning/constraints';
import { kuiperScenario } from '../coverage/fixtures';

describe('optimizer worker logic', () => {
  it('honours spacing, excluded countries and the per-country cap; streams; deterministic', () => {
    const planning = { minSpacingKm: 800, excludedCountries: ['IN', 'US'], maxPerCountry: 2 };
    const scenario = kuiperScenario({ durationS: 10 * 60, stepS: 300, h3Resolution: 2 }, { planning });
    const run = () => {
      const msgs: OptimizerMessage[] = [];
      const summary = runOptimizer({ scenario, add: 12, importedSites: null, stepFactor: 1 }, (m) => msgs.push(m));
      const sites = msgs.filter((m): m is { type: 'chosen'; site: SuggestedSite } => m.type === 'chosen').map((m) => m.site);
      return { msgs, summary, sites };
    };
    const a = run();
    expect(a.sites.length).toBeGreaterThan(0);
    expect(a.sites.map((s) => s.rank)).toEqual(a.sites.map((_, i) => i + 1));
    expect(a.msgs[a.msgs.length - 1]!.type).toBe('done');
    const all = [...scenario.gateways, ...a.sites.map((s) => s.gateway)].map((g) => ({ latDeg: g.latDeg, lonDeg: g.lonDeg, countryCode: g.countryCode }));
    const violations = placementViolations(all, planning).filter((v) => v.index >= scenario.gateways.length);
    expect(violations).toEqual([]);
    for (const s of a.sites) {
      expect(s.marginalGain).toBeGreaterThan(0);
      expect(['IN', 'US']).not.toContain(s.gateway.countryCode);
      expect(s.upperBound).toBeGreaterThanOrEqual(s.objective - 1e-12);
    }
    expect(a.summary.upperBound).toBeGreaterThanOrEqual(a.summary.objective);
    const b = run();
    expect(b.sites.map((s) => [s.gateway.id, s.marginalGain])).toEqual(a.sites.map((s) => [s.gateway.id, s.marginalGain]));
  });

  it('imported CSV sites: only those are suggested; zero-gain sites are never suggested', () => {
    const scenario = kuiperScenario({ durationS: 10 * 60, stepS: 300, h3Resolution: 2 });
    const sites = [
      { name: 'Seattle', latDeg: 47.6, lonDeg: -122.3 },
      { name: 'Osaka', latDeg: 34.7, lonDeg: 135.5 },
      { name: 'Chennai', latDeg: 13.08, lonDeg: 80.27 },
      { name: 'Denver', latDeg: 39.74, lonDeg: -104.99 },
    ];
    const msgs: OptimizerMessage[] = [];
    runOptimizer({ scenario, add: 2, importedSites: sites, stepFactor: 1 }, (m) => msgs.push(m));
    const chosen = msgs.flatMap((m) => (m.type === 'chosen' ? [m.site] : []));
    expect(chosen.length).toBeGreaterThanOrEqual(1);
    for (const c of chosen) {
      expect(sites.map((s) => s.name)).toContain(c.gateway.name);
      expect(c.marginalGain).toBeGreaterThan(0);
    }
    // Far from every PoP, with laser routes already faster than their fiber: no gain, stop and say so.
    const none: OptimizerMessage[] = [];
    const summary = runOptimizer({ scenario, add: 2, importedSites: [{ name: 'Nairobi', latDeg: -1.29, lonDeg: 36.82 }, { name: 'Lagos', latDeg: 6.52, lonDeg: 3.38 }], stepFactor: 1 }, (m) => none.push(m));
    expect(summary.exhausted).toBe(true);
    expect(none.some((m) => m.type === 'chosen')).toBe(false);
  });
});
