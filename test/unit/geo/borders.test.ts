// Country lookup right at the borders (GeoNames coordinates of border towns; the expected code is
// GeoNames' own), readable unambiguous city labels, and unique gateway names.
import { describe, expect, it } from 'vitest';
import { cityLabel, cityTable, countryAt, nearestCity, placeName, regionCode } from '../../../src-core/geo';
import { uniqueName } from '../../../src-core/planning/names';

describe('countryAt at the borders', () => {
  it.each([
    // Tel Aviv area, the Green Line and Gaza
    ['Tel Aviv', 32.08088, 34.78057, 'IL'],
    ["Modi'in-Maccabim-Re'ut (the optimizer's first suggestion)", 31.89385, 35.01504, 'IL'],
    ['Petah Tikva', 32.08707, 34.88747, 'IL'],
    ['Kfar Saba', 32.175, 34.90694, 'IL'],
    ['Qalqilya, 6 km from Kfar Saba', 32.18966, 34.97063, 'PS'],
    ['Gaza', 31.50161, 34.46672, 'PS'],
    ['Beit Hanoun, Gaza', 31.5353, 34.53579, 'PS'],
    ['Sderot, Israel, 6 km from Beit Hanoun', 31.525, 34.59693, 'IL'],
    ['Ashkelon', 31.66926, 34.57149, 'IL'],
    ['Rafah', 31.29722, 34.24357, 'PS'],
    // US / Canada
    ['Blaine WA, 700 m south of the 49th parallel', 48.99372, -122.74712, 'US'],
    ['White Rock BC', 49.01636, -122.8026, 'CA'],
    ['Detroit', 42.33143, -83.04575, 'US'],
    ['Windsor ON, across the river', 42.30008, -83.01654, 'CA'],
    ['Niagara Falls NY', 43.0945, -79.05671, 'US'],
    ['Niagara Falls ON', 43.10012, -79.06627, 'CA'],
    ['Sault Ste. Marie MI', 46.4953, -84.34532, 'US'],
    ['Sault Ste. Marie ON', 46.51677, -84.33325, 'CA'],
    ['Calais ME, on the St. Croix', 45.18376, -67.27662, 'US'],
    ['Champlain NY', 44.98643, -73.44653, 'US'],
    ['Lacolle QC', 45.08338, -73.36585, 'CA'],
    // Geneva and France
    ['Geneva', 46.20222, 6.14569, 'CH'],
    ['Ferney-Voltaire', 46.25858, 6.11063, 'FR'],
    ['Annemasse', 46.19439, 6.23775, 'FR'],
    // Basel: Switzerland, Germany, France
    ['Basel', 47.55839, 7.57327, 'CH'],
    ['Riehen', 47.57884, 7.64683, 'CH'],
    ['Weil am Rhein', 47.59331, 7.62082, 'DE'],
    ['Lörrach', 47.61497, 7.66457, 'DE'],
    ['Saint-Louis', 47.59206, 7.55923, 'FR'],
    ['Huningue', 47.60477, 7.57782, 'FR'],
  ])('%s', (_name, lat, lon, code) => {
    expect(countryAt(lat, lon)?.code).toBe(code);
  });

  it('stays with the polygon away from the border and at sea', () => {
    expect(countryAt(31.0, 34.8)?.code).toBe('IL'); // Negev
    expect(countryAt(31.9, 35.25)?.code).toBe('PS'); // Ramallah hills
    expect(countryAt(32.0, 34.5)).toBeNull(); // Mediterranean off Tel Aviv
  });
});

describe('city labels and site names', () => {
  it('tells the two Auroras apart by state', () => {
    const chicago = nearestCity(41.7606, -88.3201)!; // Aurora IL
    const denver = nearestCity(39.7294, -104.8319)!; // Aurora CO
    expect(chicago.name).toBe('Aurora');
    expect(denver.name).toBe('Aurora');
    expect(chicago.label).toBe('Aurora, US-IL');
    expect(denver.label).toBe('Aurora, US-CO');
    expect(placeName(39.7294, -104.8319)).toBe('Aurora, US-CO');
    expect(placeName(39.2, -103.6)).toMatch(/^near .+, US-CO$/); // farther than 25 km from any city
  });

  it('uses ISO 3166-2 regions where GeoNames has them, else the country', () => {
    expect(regionCode('US', 'IL')).toBe('US-IL');
    expect(regionCode('CA', '08')).toBe('CA-ON');
    expect(regionCode('AU', '02')).toBe('AU-NSW');
    expect(regionCode('FR', '84')).toBeNull();
    expect(nearestCity(45.7485, 4.8467)!.label).toBe('Lyon, FR');
  });

  it('every label in the city table is unique or shared only by places of the same name nearby; none nests parentheses', () => {
    // (GeoNames spells a few names with parentheses, e.g. "Halle (Saale)": one level, never nested.)
    const t = cityTable();
    const labels = t.name.map((_, i) => cityLabel(i));
    for (const l of labels) expect(l).not.toMatch(/\([^)]*\(/);
    const dup = new Map<string, number>();
    for (const l of labels) dup.set(l, (dup.get(l) ?? 0) + 1);
    const repeated = [...dup.values()].filter((k) => k > 1).length;
    // GeoNames repeats a few names inside one region (two places called "Springfield" in one state
    // beside the same larger city); all but a handful of the 15,000 labels are unique.
    expect(repeated / labels.length).toBeLessThan(0.01);
  });

  it('makes gateway names unique without parentheses', () => {
    expect(uniqueName('Aurora, US-IL', ['Chicago, IL (Aurora)'])).toBe('Aurora, US-IL');
    expect(uniqueName('Aurora, US-IL', ['aurora, us-il '])).toBe('Aurora, US-IL #2');
    expect(uniqueName('Aurora, US-IL', ['Aurora, US-IL', 'Aurora, US-IL #2'])).toBe('Aurora, US-IL #3');
  });
});
