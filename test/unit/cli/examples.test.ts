// The shipped example element sets (assets/examples/kuiper-k1.tle) are exactly what the engine's
// Walker model of Kuiper K1 gives, written as TLEs: regenerated here, and propagated next to the
// Walker shell itself.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildCatalog, parseElementSets } from '../../../src-core/constellation';
import { kuiperShells } from '../../../src-core/constellation/presets';
import { Propagator } from '../../../src-core/orbit';
import { defaultScenario } from '../../../src-core/scenario/default';
import { kuiperK1Tle } from '../../../src-main/cli/examples';

describe('assets/examples/kuiper-k1.tle', () => {
  const text = readFileSync('assets/examples/kuiper-k1.tle', 'utf8');

  it('is the generator output, byte for byte (npx tsx assets/examples/make-examples.ts)', () => {
    expect(text).toBe(kuiperK1Tle());
  });

  it('parses without problems and flies where the Walker K1 shell flies (within 1 km after 6 h)', () => {
    const imp = parseElementSets(text);
    expect(imp.problems).toEqual([]);
    expect(imp.sets).toHaveLength(34 * 34);
    const base = defaultScenario();
    const fromTle = buildCatalog({ ...base, constellation: { shells: [], elementSets: imp.sets } });
    const walker = buildCatalog({ ...base, constellation: { shells: kuiperShells().filter((s) => s.id === 'K1'), elementSets: [] } });
    expect(fromTle.catalog.names).toEqual(walker.catalog.names);
    const t = Date.parse(base.epochUtc) + 6 * 3600e3;
    const a = new Propagator(fromTle.satrecs).positionsEcefKm(t);
    const b = new Propagator(walker.satrecs).positionsEcefKm(t);
    let worst = 0;
    for (let i = 0; i < a.length; i += 3) worst = Math.max(worst, Math.hypot(a[i]! - b[i]!, a[i + 1]! - b[i + 1]!, a[i + 2]! - b[i + 2]!));
    expect(worst).toBeLessThan(1);
  });
});
