import { describe, expect, it } from 'vitest';
import { countryAt, isLand, listCountries, nearestCity, cityTable } from '../../../src-core/geo';

describe('isLand', () => {
  it.each([
    ['Sahara', 23, 13, true],
    ['Amazon basin', -5, -62, true],
    ['Siberia', 62, 100, true],
    ['Antarctic plateau', -85, 30, true],
    ['mid-Pacific', 0, -150, false],
    ['mid-Atlantic', 30, -40, false],
    ['Southern Ocean', -55, 100, false],
    ['Caspian Sea', 42, 51, false],
  ])('%s', (_name, lat, lon, expected) => {
    expect(isLand(lat, lon)).toBe(expected);
  });
});

describe('countryAt', () => {
  it.each([
    ['Paris', 48.8566, 2.3522, 'FR'],
    ['Denver', 39.7392, -104.9903, 'US'],
    ['Sydney', -33.8688, 151.2093, 'AU'],
    ['Frankfurt', 50.1109, 8.6821, 'DE'],
    ['São Paulo', -23.55, -46.63, 'BR'],
    ['Tokyo', 35.68, 139.69, 'JP'],
    ['Nairobi', -1.29, 36.82, 'KE'],
    ['Chukotka, west of the antimeridian', 66, -175, 'RU'],
    ['Fiji, Viti Levu', -17.8, 178.0, 'FJ'],
    ['Lesotho (hole in South Africa)', -29.5, 28.2, 'LS'],
    ['South Africa around Lesotho', -30.5, 25.0, 'ZA'],
  ])('%s', (_name, lat, lon, code) => {
    expect(countryAt(lat, lon)?.code).toBe(code);
  });

  it('returns null at sea', () => {
    expect(countryAt(0, -150)).toBeNull();
    expect(countryAt(45, -30)).toBeNull();
  });

  it('gives names and ISO codes; alpha-2 codes are two upper-case letters', () => {
    expect(countryAt(39.7392, -104.9903)).toMatchObject({ name: 'United States of America', isoNumeric: '840' });
    const list = listCountries();
    expect(list.length).toBeGreaterThan(200);
    const coded = list.filter((c) => c.code !== null);
    expect(coded.length).toBeGreaterThan(list.length - 10);
    expect(coded.every((c) => /^[A-Z]{2}$/.test(c.code!))).toBe(true);
  });

  // Speed is a benchmark (test/bench/geo.bench.ts), not a unit test: this only checks the answer.
  it('puts about 29% of uniformly random points on land (Earth: 29.2%)', () => {
    const n = 50_000;
    let land = 0;
    for (let i = 0; i < n; i++) if (countryAt(Math.asin(((i * 0.6180339887) % 1) * 2 - 1) * 57.29578, ((i * 0.7548776662) % 1) * 360 - 180)) land++;
    expect(land / n).toBeGreaterThan(0.25);
    expect(land / n).toBeLessThan(0.33);
  });
});

describe('nearestCity', () => {
  it('near Frankfurt is Frankfurt', () => {
    const c = nearestCity(50.1, 8.7)!;
    expect(c.name).toMatch(/^Frankfurt/);
    expect(c.countryCode).toBe('DE');
    expect(c.distanceKm).toBeLessThan(5);
  });

  it('works across the antimeridian and near the poles', () => {
    const fiji = nearestCity(-18.1, -179.9)!;
    expect(fiji.countryCode).toBe('FJ');
    const pole = nearestCity(-90, 0)!;
    expect(pole.distanceKm).toBeGreaterThan(3000);
  });

  it('matches a brute-force great-circle search', () => {
    const t = cityTable();
    const R = 6371.0088;
    const D = Math.PI / 180;
    for (let i = 0; i < 200; i++) {
      const la = Math.asin(((i * 0.6180339887) % 1) * 2 - 1) / D;
      const lo = ((i * 0.7548776662) % 1) * 360 - 180;
      let best = Infinity;
      for (let j = 0; j < t.name.length; j++) {
        const h = Math.sin(((t.latDeg[j]! - la) * D) / 2) ** 2 + Math.cos(la * D) * Math.cos(t.latDeg[j]! * D) * Math.sin(((t.lonDeg[j]! - lo) * D) / 2) ** 2;
        best = Math.min(best, 2 * R * Math.asin(Math.sqrt(h)));
      }
      expect(nearestCity(la, lo)!.distanceKm).toBeCloseTo(best, 6);
    }
  });

  it('the city table holds ~15,000 places, most populous first', () => {
    const t = cityTable();
    expect(t.name.length).toBe(15000);
    expect(t.population[0]).toBeGreaterThanOrEqual(t.population[t.name.length - 1]!);
  });
});
