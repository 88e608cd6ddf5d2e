// CoverageCache.withUsable (the rollout view's per-date cache): deriving a cache for fewer
// operational satellites from the whole constellation's cache gives, array for array, the cache
// built from scratch with that mask, and the evaluator on it gives identical figures.
import { describe, expect, it } from 'vitest';
import { STATUS_OPERATIONAL, STATUS_RAISING, trafficMask } from '../../../src-core/constellation/status';
import { CoverageCache, cacheSettingsOf, defaultLinkModel, propagatorPositions } from '../../../src-core/coverage/cache';
import { CoverageEvaluator } from '../../../src-core/coverage/evaluator';
import { buildCoverageGrid } from '../../../src-core/coverage/grid';
import { assetGeo, GATEWAYS, kuiperPropagator, kuiperScenario } from './fixtures';

describe('CoverageCache.withUsable', () => {
  const scenario = kuiperScenario({ durationS: 600, stepS: 120, h3Resolution: 1 });
  const { catalog, propagator } = kuiperPropagator(scenario);
  const grid = buildCoverageGrid(scenario.analysis, assetGeo);
  const N = catalog.count;
  const all = { ...catalog, status: new Uint8Array(N).fill(STATUS_OPERATIONAL) };
  // Every third satellite still raising, and one whole plane's worth at the start.
  const status = Uint8Array.from({ length: N }, (_, i) => (i % 3 === 0 || i < 34 ? STATUS_RAISING : STATUS_OPERATIONAL));
  const partial = { ...catalog, status };
  const settings = cacheSettingsOf(scenario);
  const full = new CoverageCache(grid, propagatorPositions(propagator), trafficMask(all), defaultLinkModel(scenario, all), settings);
  const fresh = new CoverageCache(grid, propagatorPositions(propagator), trafficMask(partial), defaultLinkModel(scenario, partial), settings);
  const derived = full.withUsable(trafficMask(partial));

  it('equals the cache built from scratch for the same mask, array for array', () => {
    for (const k of ['usable', 'linkMs', 'visOff', 'visCell', 'visUpMs', 'visCount', 'satPos', 'timesMs', 'adjOff', 'adjTo', 'adjLink'] as const) {
      expect(Array.from(derived[k] as ArrayLike<number>), k).toEqual(Array.from(fresh[k] as ArrayLike<number>));
    }
    expect(derived.memory()).toEqual(fresh.memory());
    expect(derived.visUpMs.length).toBeLessThan(full.visUpMs.length);
  });

  const KEYS = ['usable', 'linkMs', 'visOff', 'visCell', 'visUpMs', 'visCount', 'satPos', 'timesMs', 'adjOff', 'adjTo', 'adjLink'] as const;

  it('also when most satellites are dropped (visible counts counted up instead of down from the base)', () => {
    const few = { ...catalog, status: Uint8Array.from({ length: N }, (_, i) => (i % 5 === 0 ? STATUS_OPERATIONAL : STATUS_RAISING)) };
    const scratch = new CoverageCache(grid, propagatorPositions(propagator), trafficMask(few), defaultLinkModel(scenario, few), settings);
    const d = full.withUsable(trafficMask(few));
    for (const k of KEYS) expect(Array.from(d[k] as ArrayLike<number>), k).toEqual(Array.from(scratch[k] as ArrayLike<number>));
  });

  it('the same mask (a fully deployed date) shares the base arrays instead of copying them', () => {
    const same = full.withUsable(trafficMask(all));
    for (const k of ['linkMs', 'visOff', 'visCell', 'visUpMs', 'visCount'] as const) expect(same[k], k).toBe(full[k]);
    expect(same.memory()).toEqual(full.memory());
  });

  it('gives identical coverage figures', () => {
    const a = new CoverageEvaluator({ scenario, grid, cache: derived });
    const b = new CoverageEvaluator({ scenario, grid, positions: propagatorPositions(propagator), usable: trafficMask(partial), links: defaultLinkModel(scenario, partial) });
    a.setGateways(GATEWAYS);
    b.setGateways(GATEWAYS);
    expect(a.result().headline).toEqual(b.result().headline);
  });

  it('refuses a mask that makes a satellite usable that the base cache left out', () => {
    const base = full.withUsable(trafficMask(partial));
    expect(() => base.withUsable(new Uint8Array(N).fill(1))).toThrow(/not in the cache/);
  });

  it('the cell -> satellites index lists, per step and cell, exactly the satellites whose visibility lists hold the cell, in order; a derived cache builds its own', () => {
    const brute = (cache: CoverageCache): number[][] => {
      const { satCount: n, cellCount: C, stepCount: T } = cache;
      const out: number[][] = Array.from({ length: T * C }, () => []);
      for (let t = 0; t < T; t++) {
        for (let s = 0; s < n; s++) {
          for (let k = cache.visOff[t * (n + 1) + s]!; k < cache.visOff[t * (n + 1) + s + 1]!; k++) out[t * C + cache.visCell[k]!]!.push(s);
        }
      }
      return out;
    };
    const listed = (cache: CoverageCache): number[][] => {
      const { off, sat } = cache.satsOfCells();
      const C = cache.cellCount;
      const out: number[][] = [];
      for (let t = 0; t < cache.stepCount; t++) for (let c = 0; c < C; c++) out.push(Array.from(sat.subarray(off[t * (C + 1) + c]!, off[t * (C + 1) + c + 1]!)));
      return out;
    };
    const base = new CoverageCache(grid, propagatorPositions(propagator), trafficMask(all), defaultLinkModel(scenario, all), settings);
    expect(base.memory().cellIndex).toBe(0);
    expect(listed(base)).toEqual(brute(base));
    expect(base.memory().cellIndex).toBeGreaterThan(0);
    // Fewer satellites: the base's index must not be carried over.
    const d = base.withUsable(trafficMask(partial));
    expect(d.memory().cellIndex).toBe(0);
    expect(listed(d)).toEqual(brute(d));
    expect(listed(d)).not.toEqual(listed(base));
  });
});
