// Test/bench helper: the Starlink-Gen2-like ~30,000-satellite catalogue (29,988 satellites).
import { buildCatalog, synthetic30kShells, type BuiltCatalog } from '../../../../src-core/constellation/index';
import { makeScenario } from '../../../../src-core/scenario/schema';

/** Catalogue + SatRecs of `synthetic30kShells()` at `epochUtc` (default 2026-01-01T00:00:00Z). */
export function synthetic30kCatalog(epochUtc = '2026-01-01T00:00:00Z'): BuiltCatalog {
  return buildCatalog(makeScenario({ formatVersion: 1, epochUtc, constellation: { shells: synthetic30kShells(), elementSets: [] } }));
}
