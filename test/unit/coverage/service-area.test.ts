// Served % and Outage over the service area: a cell no satellite ever sees (beyond the band) can
// never be served, so over the whole grid it pins the longest outage to the window length and
// the served % to a constant; the service-area figures leave it out and say how many people that is.
import { describe, expect, it } from 'vitest';
import { CoverageEvaluator, gridFromPoints, type LinkModel, type PositionSource } from '../../../src-core/coverage';
import { makeScenario, type ScenarioInput } from '../../../src-core/scenario/schema';
import { DEG } from '../../../src-core/units';
import { gateway } from './fixtures';

/** Two satellites 600 km above (0,0) and (0,10) on the equator; their laser link is down at step 2. */
function toy() {
  const r = 6378.137 + 600;
  const pos = new Float64Array([r, 0, 0, r * Math.cos(10 * DEG), r * Math.sin(10 * DEG), 0]);
  const positions: PositionSource = { count: 2, positionsAt: (_t, _i, out) => out.set(pos) };
  let step = 0;
  const links: LinkModel = {
    topology: { count: 1, a: Int32Array.of(0), b: Int32Array.of(1) },
    update: (p, len, act) => {
      len[0] = Math.hypot(p[3]! - p[0]!, p[4]! - p[1]!, p[5]! - p[2]!);
      act[0] = step++ === 2 ? 0 : 1;
    },
  };
  const scenario = makeScenario({
    formatVersion: 1,
    constellation: { shells: [] },
    pops: [{ id: 'pop', name: 'PoP', latDeg: 0, lonDeg: 10 }],
    gateways: [gateway('gw', 0, 10)],
    analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 240, stepS: 60 },
  } as ScenarioInput);
  const grid = gridFromPoints([
    { id: 'a', latDeg: 0, lonDeg: 0, weight: 3 },
    { id: 'b', latDeg: 0, lonDeg: 10, weight: 1 },
    { id: 'far', latDeg: 0, lonDeg: 80, weight: 2 }, // never seen by either satellite
  ]);
  return { scenario, grid, positions, links };
}

describe('service-area figures', () => {
  it('leave out cells never covered, and separate routing outages from coverage gaps', () => {
    const { scenario, grid, positions, links } = toy();
    const res = new CoverageEvaluator({ scenario, grid, positions, links }).setGateways(scenario.gateways);
    const h = res.headline;
    // Whole grid: the never-covered cell pins the outage to the window and drags served down.
    expect(h.longestOutageS).toBe(240);
    expect(h.servedPct).toBe((100 * (3 * 3 + 1 * 4)) / (6 * 4));
    const a = h.serviceArea;
    expect(a.cells).toBe(2);
    expect(a.outsideCells).toBe(1);
    expect(a.population).toBe(4);
    expect(a.outsidePopulation).toBe(2);
    // Service area: a is served 3 of 4 steps (its link is down once), b always.
    expect(a.servedPct).toBe((100 * 13) / 16);
    expect(a.coveredPct).toBe(100);
    expect(a.longestOutageS).toBe(60);
    // The outage at a is covered-but-unrouted: a gateway or routing problem, not a coverage gap.
    expect(a.routedPctOfCovered).toBe((100 * 13) / 16);
    expect(a.longestRoutingOutageS).toBe(60);
    expect(a.maxAbsLatDeg).toBe(0);
  });

  it('with no gateway nothing is routed, and the routing outage is the whole window', () => {
    const { scenario, grid, positions, links } = toy();
    const res = new CoverageEvaluator({ scenario, grid, positions, links }).setGateways([]);
    expect(res.headline.serviceArea.servedPct).toBe(0);
    expect(res.headline.serviceArea.routedPctOfCovered).toBe(0);
    expect(res.headline.serviceArea.longestRoutingOutageS).toBe(240);
  });
});
