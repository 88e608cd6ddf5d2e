// PlacementObjective's gains against an independent reference: the objective of an evaluator that
// routes the whole set from scratch (no ground relay, no hop limit: the objective's own model).
// gain() skips the cell loop of a satellite that can make none of its cells faster (skipAt, kept
// across commits as an upper bound); the reference never does, so a skip that drops a real
// improvement shows here.
import { describe, expect, it } from 'vitest';
import { CoverageEvaluator, buildCoverageGrid, defaultLinkModel, propagatorPositions, usableFromCatalog } from '../../../src-core/coverage';
import { PlacementObjective, candidateGateway } from '../../../src-core/planning';
import type { Gateway, Scenario } from '../../../src-core/scenario/schema';
import { assetGeo, kuiperPropagator, kuiperScenario } from '../coverage/fixtures';
import { servedSites } from './served-fixture';

const base = kuiperScenario({ durationS: 4 * 300, stepS: 300, h3Resolution: 2 });
const sc: Scenario = { ...base, gateways: base.gateways.slice(0, 4), routing: { ...base.routing, allowGatewayRelay: false } };
const { catalog, propagator } = kuiperPropagator(sc);
const grid = buildCoverageGrid(sc.analysis, assetGeo);
const positions = propagatorPositions(propagator);
const usable = usableFromCatalog(catalog);
const links = defaultLinkModel(sc, catalog);

/** An evaluator with the scenario's gateways plus `more`, routed from scratch. */
function evaluatorWith(more: Gateway[]): CoverageEvaluator {
  const ev = new CoverageEvaluator({ scenario: sc, grid, positions, usable, links, routerOptions: { groundRelay: false, maxSatelliteHops: null, bentPipe: false } });
  ev.setGateways([...sc.gateways, ...more]);
  return ev;
}

/** The objective of the scenario's gateways plus `more`, from the constructor's full pass (no skip). */
const valueWith = (more: Gateway[]): number => new PlacementObjective(evaluatorWith(more)).value0;

// Eight sites near PoPs without a gateway and a few elsewhere (the served tests' list).
const sites = servedSites.slice(0, 8);
const gws = sites.map((s) => candidateGateway(s));

describe('PlacementObjective', () => {
  it('every gain, before and after commits, is the objective of the set routed from scratch less that of the set before (1e-12)', () => {
    const ev = evaluatorWith([]);
    const o = new PlacementObjective(ev);
    const committed: Gateway[] = [];
    let skipped = 0;
    // Commit three sites one by one (the skip thresholds of the satellites they change are
    // refreshed, the others' left as upper bounds); before each, every remaining site's gain.
    for (let round = 0; round < 4; round++) {
      const before = valueWith(committed);
      expect(Math.abs(o.value - before)).toBeLessThanOrEqual(1e-12);
      for (let i = committed.length; i < gws.length; i++) {
        const g = o.gain(ev.gatewaySeeds(gws[i]!));
        const want = valueWith([...committed, gws[i]!]) - before;
        expect(Math.abs(g - want)).toBeLessThanOrEqual(1e-12);
        if (g > 0) skipped += o.skippedSatellites;
      }
      if (round === 3) break;
      o.gain(ev.gatewaySeeds(gws[committed.length]!), true);
      committed.push(gws[committed.length]!);
    }
    // The skip ran: most satellites a site makes closer serve no cell faster.
    expect(skipped).toBeGreaterThan(100);
  });
});
