// Place search (src-core/geo/placeSearch.ts): forgiving city names over the shipped table and
// typed coordinates with clear errors.
import { describe, expect, it } from 'vitest';
import { normalizeForSearch, parseCoordinates, searchPlaces } from '../../../src-core/geo/placeSearch';

const first = (q: string) => {
  const r = searchPlaces(q)[0];
  return r ? `${r.name}, ${r.countryCode}` : null;
};

describe('normalizeForSearch', () => {
  it('drops case, diacritics and punctuation; writes saint/mount/fort short', () => {
    expect(normalizeForSearch('São Paulo')).toBe('sao paulo');
    expect(normalizeForSearch('  Zürich ')).toBe('zurich');
    expect(normalizeForSearch('Łódź')).toBe('lodz');
    expect(normalizeForSearch('Køge')).toBe('koge');
    expect(normalizeForSearch('Saint-Étienne')).toBe('st etienne');
    expect(normalizeForSearch("St. John's")).toBe('st johns');
  });
});

describe('searchPlaces', () => {
  it('finds cities however they are typed', () => {
    expect(first('Sydney')).toBe('Sydney, AU');
    expect(first('sydney')).toBe('Sydney, AU');
    expect(first('SYD')).toBe('Sydney, AU');
    expect(first('sao paulo')).toBe('São Paulo, BR');
    expect(first('zurich')).toBe('Zürich, CH');
    expect(first('koln')).toBe('Köln, DE');
    expect(first('new york')).toBe('New York City, US');
    expect(first('newyork')).toBe('New York City, US');
    expect(first('St Petersburg')).toBe('Saint Petersburg, RU');
    expect(first('xyzzy')).toBeNull();
    expect(searchPlaces('   ')).toEqual([]);
  });
  it('ranks by population among equal matches, and a country narrows the search', () => {
    const sydneys = searchPlaces('Sydney');
    expect(sydneys.map((p) => p.countryCode)).toEqual(['AU', 'CA']);
    expect(sydneys[0]!.population).toBeGreaterThan(sydneys[1]!.population);
    expect(sydneys[0]!.countryName).toBe('Australia');
    expect(first('Sydney, CA')).toBe('Sydney, CA');
    expect(first('Sydney, Canada')).toBe('Sydney, CA');
    expect(first('sydney canada')).toBe('Sydney, CA');
    expect(first('Sydney (CA)')).toBe('Sydney, CA');
    expect(first('London, UK')).toBe('London, GB');
    expect(first('london ca')).toBe('London, CA');
    expect(first('Paris, FR')).toBe('Paris, FR');
    expect(searchPlaces('Aurora, US').every((p) => p.countryCode === 'US')).toBe(true);
    expect(searchPlaces('Aurora, US').length).toBeGreaterThanOrEqual(2);
  });
  it('exact names come before longer names they start', () => {
    const r = searchPlaces('Paris', { limit: 20 });
    expect(r[0]!.name).toBe('Paris');
    const lastExact = r.map((p) => normalizeForSearch(p.name) === 'paris').lastIndexOf(true);
    const firstPrefix = r.findIndex((p) => normalizeForSearch(p.name) !== 'paris');
    if (firstPrefix >= 0) expect(lastExact).toBeLessThan(firstPrefix);
    expect(searchPlaces('a', { limit: 3 })).toHaveLength(3);
  });
});

describe('parseCoordinates', () => {
  it.each([
    ['40.7, -74.0', 40.7, -74],
    ['40.7,-74', 40.7, -74],
    ['-33.9 151.2', -33.9, 151.2],
    ['-33.9;151.2', -33.9, 151.2],
    ['33.9S 151.2E', -33.9, 151.2],
    ['33.9 S, 151.2 E', -33.9, 151.2],
    ['151.2E 33.9S', -33.9, 151.2],
    ['40.7° N, 74° W', 40.7, -74],
    ['N40.7 W74', 40.7, -74],
    ['33.9S151.2E', -33.9, 151.2],
    ['+12.5 .5', 12.5, 0.5],
  ])('%s', (text, lat, lon) => {
    expect(parseCoordinates(text)).toEqual({ ok: true, latDeg: lat, lonDeg: lon });
  });
  it('says what is wrong with bad coordinates', () => {
    expect(parseCoordinates('95, 10')).toEqual({ ok: false, error: expect.stringMatching(/^latitude 95 is outside -90\.\.90 degrees/) });
    expect(parseCoordinates('10, 200')).toEqual({ ok: false, error: expect.stringMatching(/^longitude 200 is outside -180\.\.180 degrees/) });
    expect(parseCoordinates('10, -180.5')).toEqual({ ok: false, error: expect.stringMatching(/^longitude -180.5 is outside/) });
    expect(parseCoordinates('40N 74N')).toEqual({ ok: false, error: expect.stringMatching(/two latitudes/) });
    expect(parseCoordinates('-33.9S 151')).toEqual({ ok: false, error: expect.stringMatching(/both a minus sign and a hemisphere letter/) });
    expect(parseCoordinates('12')).toEqual({ ok: false, error: expect.stringMatching(/has one number/) });
    expect(parseCoordinates('1, 2, 3')).toEqual({ ok: false, error: expect.stringMatching(/has 3 values/) });
  });
  it('is not fooled by names', () => {
    expect(parseCoordinates('Sydney')).toBeNull();
    expect(parseCoordinates('K1-P1-S1')).toBeNull();
    expect(parseCoordinates('Kuiper K1')).toBeNull();
    expect(parseCoordinates('Paris, FR')).toBeNull();
  });
});
