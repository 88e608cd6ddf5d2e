// Geo lookups used per candidate site and per grid cell: country of a point (polygons + border
// places) and nearest city. Budgets per call, after the one-off index build. These were timed
// unit tests before; speed is judged here, where a loaded machine shows as numbers, not failures.
import { countryAt, nearestCity } from '../../src-core/geo';
import type { Bench } from './types';

const N = 20_000;
const pts = Array.from({ length: N }, (_, i) => [Math.asin(((i * 0.6180339887) % 1) * 2 - 1) * 57.29578, ((i * 0.7548776662) % 1) * 360 - 180] as const);
let sink = 0;

export const benches: Bench[] = [
  {
    name: `countryAt, ${N.toLocaleString('en-US')} random points (budget 5 us/call = 100 ms)`,
    group: 'geo lookups',
    budget: { ms: (5 * N) / 1000 },
    fn: () => { for (const [la, lo] of pts) if (countryAt(la, lo)) sink++; },
  },
  {
    name: `nearestCity, ${N.toLocaleString('en-US')} random points (budget 50 us/call = 1 s)`,
    group: 'geo lookups',
    budget: { ms: (50 * N) / 1000 },
    fn: () => { for (const [la, lo] of pts) sink += nearestCity(la, lo)?.index ?? 0; },
    notes: () => [`(checksum ${sink % 997})`],
  },
];
