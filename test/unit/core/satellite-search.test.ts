// Satellite search (src-core/constellation/search.ts): padding, separators, case, shell names,
// catalogue numbers, on the real default catalogue.
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { matchTokens, searchSatellites, searchTokens } from '../../../src-core/constellation/search';
import { defaultScenario } from '../../../src-core/scenario/default';

const { catalog } = buildCatalog(defaultScenario());
const names = (q: string, limit = 8) => searchSatellites(q, catalog, catalog.shells, { limit }).map((h) => (h.kind === 'shell' ? `shell:${catalog.shells[h.shellIndex]!.id}` : catalog.names[h.index]!));

describe('searchTokens / matchTokens', () => {
  it('numbers compare as numbers, letters without case', () => {
    expect(searchTokens('K1-P01-S01')).toEqual(['k', 1, 'p', 1, 's', 1]);
    expect(searchTokens('k1p1s1')).toEqual(['k', 1, 'p', 1, 's', 1]);
    expect(searchTokens('KUIPER-00008')).toEqual(['kuiper', 8]);
    expect(matchTokens(['k', 1, 'p', 1, 's', 1], ['k', 1, 'p', 1, 's', 1])).toBe(0);
    expect(matchTokens(['k', 1, 'p', 1, 's', 1], ['k', 1])).toBe(1);
    expect(matchTokens(['k', 1, 'p', 1, 's', 12], ['k', 1, 'p', 1, 's', 1], '1')).toBe(2);
    expect(matchTokens(['k', 1, 'p', 1, 's', 12], ['k', 1, 'p', 1, 's', 1])).toBe(-1);
    expect(matchTokens(['k', 1, 'p', 1, 's', 1], ['p', 1, 's', 1])).toBe(3);
    expect(matchTokens(['k', 1], ['k', 1, 'p'])).toBe(-1);
  });
});

describe('searchSatellites', () => {
  it('unpadded, unseparated and lower-case names find the satellite first', () => {
    for (const q of ['K1-P1-S1', 'k1-p1-s1', 'K1-P01-S01', 'k1p1s1', 'K1 P1 S1', 'k1 p01 s1', 'Kuiper K1 P1 S1']) expect(names(q)[0]).toBe('K1-P01-S01');
    expect(names('K1-P1-S1', 3)).toEqual(['K1-P01-S01', 'K1-P01-S10', 'K1-P01-S11']);
    expect(names('K3-P27-S27')).toEqual(['K3-P27-S27']);
  });
  it('shell ids and names find the shell, then its satellites', () => {
    expect(names('K2', 2)).toEqual(['shell:K2', 'K2-P00-S00', 'K2-P00-S01']);
    expect(names('Kuiper K2', 2)).toEqual(['shell:K2', 'K2-P00-S00', 'K2-P00-S01']);
    const kuiper = names('kuiper', 4);
    expect(kuiper.slice(0, 3)).toEqual(['shell:K1', 'shell:K2', 'shell:K3']);
    expect(kuiper.slice(3)).toHaveLength(4);
    expect(kuiper.slice(3).every((n) => /^K\d-P\d\d-S\d\d$/.test(n))).toBe(true);
    expect(names('KUIPER', 1)).toEqual(names('kuiper', 1));
  });
  it('catalogue numbers find their satellite', () => {
    const i = 1500;
    const id = catalog.noradIds[i]!;
    for (const q of [String(id), `#${id}`, `NORAD ${id}`, `norad id ${id}`]) expect(names(q)[0]).toBe(catalog.names[i]);
  });
  it('nothing for what matches nothing', () => {
    expect(names('K4')).toEqual([]);
    expect(names('K1-P1-S1x')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });
});
