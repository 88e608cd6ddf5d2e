// The region (country name) of each analysis cell, for "unserved demand by region": the CLI's
// `analyze --capacity` and the app's Capacity section name regions the same way from here.
import type { CoverageGrid } from '../coverage/grid';
import { countryAt, listCountries, nearestCity } from '../geo';

const cache = new WeakMap<CoverageGrid, string[]>();

/** Country name per grid cell; a coastal cell whose centre falls in the sea takes its nearest city's country. Cached per grid. */
export function cellRegions(grid: CoverageGrid): string[] {
  let out = cache.get(grid);
  if (out) return out;
  const names = new Map(listCountries().map((k) => [k.code, k.name]));
  out = Array.from({ length: grid.count }, (_, c) => {
    const lat = grid.latDeg[c]!, lon = grid.lonDeg[c]!;
    const country = countryAt(lat, lon);
    if (country) return country.name;
    const city = nearestCity(lat, lon);
    return (city ? names.get(city.countryCode) : undefined) ?? city?.countryCode ?? 'unknown';
  });
  cache.set(grid, out);
  return out;
}
