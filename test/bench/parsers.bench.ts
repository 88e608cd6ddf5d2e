// Element-set parsers on 100,000 records (issue: each under 3 s): OMM JSON, XML, KVN and TLE, and
// KML of 20,000 gateway placemarks (the scenario's site limit). The
// baseline in the same group is JSON.parse of the OMM JSON text alone, so the ratio shows what
// the checks and the XML tokenizer cost on top of the platform's own parser.
import { parseOmmJson, parseOmmXml } from '../../src-core/constellation/omm';
import { parseTle } from '../../src-core/constellation/tle';
import { parseOmmKvn } from '../../src-core/constellation/kvn';
import { importSitesKml } from '../../src-core/io/sitesKml';
import type { Bench } from './types';

const GROUP = 'parsers: 100,000 element sets';
const N = 100_000;
const REC = { OBJECT_NAME: 'SAT', OBJECT_ID: '2025-001A', EPOCH: '2025-01-01T12:00:00.000000', MEAN_MOTION: 14.8, ECCENTRICITY: 0.0001, INCLINATION: 51.9, RA_OF_ASC_NODE: 100, ARG_OF_PERICENTER: 90, MEAN_ANOMALY: 10, EPHEMERIS_TYPE: 0, CLASSIFICATION_TYPE: 'U', ELEMENT_SET_NO: 999, REV_AT_EPOCH: 100, BSTAR: 0.0001, MEAN_MOTION_DOT: 0.00001, MEAN_MOTION_DDOT: 0 };
const KML_N = 20_000;
let json = '', xml = '', tle = '', kvn = '', kml = '';
const setup = (): void => {
  if (json) return;
  const recs = Array.from({ length: N }, (_, i) => ({ ...REC, NORAD_CAT_ID: i + 1 }));
  json = JSON.stringify(recs);
  xml = `<?xml version="1.0" encoding="UTF-8"?>\n<ndm>\n${recs.map((r) => `<omm><body><segment><data><meanElements>\n${Object.entries(r).map(([k, v]) => `  <${k}>${v}</${k}>`).join('\n')}\n</meanElements></data></segment></body></omm>`).join('\n')}\n</ndm>\n`;
  const l1 = '1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753';
  const l2 = '2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667';
  kvn = recs.map((r) => `CCSDS_OMM_VERS = 3.0\nCREATION_DATE = 2025-001T00:00:00\nORIGINATOR = BENCH\n${Object.entries(r).map(([k, v]) => `${k} = ${v}${k === 'INCLINATION' ? ' [deg]' : ''}`).join('\n')}\n`).join('\n');
  kml = `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n${Array.from({ length: KML_N }, (_, i) => `<Placemark><name>GW ${i}</name><ExtendedData><Data name="id"><value>gw-${i}</value></Data><Data name="antennas"><value>8</value></Data></ExtendedData><Point><coordinates>${(i % 360) - 180 + 0.5},${(i % 170) - 85 + 0.25},10</coordinates></Point></Placemark>`).join('\n')}\n</Document></kml>\n`;
  tle = Array.from({ length: N }, (_, i) => `SAT ${i}\n${l1}\n${l2}`).join('\n');
};
const check = (n: number, what: string): void => {
  if (n !== N) throw new Error(`${what}: parsed ${n} sets, expected ${N}`);
};

export const benches: Bench[] = [
  { name: 'JSON.parse of the OMM JSON text (baseline)', group: GROUP, iterations: 3, fn: () => { setup(); JSON.parse(json); } },
  { name: 'OMM JSON, 100k records', group: GROUP, iterations: 3, baselineOf: 'JSON.parse of the OMM JSON text (baseline)', budget: { ms: 3000 }, fn: () => { setup(); check(parseOmmJson(json).sets.length, 'OMM JSON'); } },
  { name: 'OMM XML, 100k records', group: GROUP, iterations: 3, baselineOf: 'JSON.parse of the OMM JSON text (baseline)', budget: { ms: 3000 }, fn: () => { setup(); check(parseOmmXml(xml).sets.length, 'OMM XML'); } },
  { name: 'OMM KVN, 100k records', group: GROUP, iterations: 3, baselineOf: 'JSON.parse of the OMM JSON text (baseline)', budget: { ms: 3000 }, fn: () => { setup(); check(parseOmmKvn(kvn).sets.length, 'OMM KVN'); } },
  { name: 'KML, 20k gateway placemarks', group: GROUP, iterations: 3, baselineOf: 'JSON.parse of the OMM JSON text (baseline)', budget: { ms: 3000 }, fn: () => { setup(); const r = importSitesKml(kml); if (r.gateways.length !== KML_N) throw new Error(`KML: ${r.gateways.length} gateways, ${r.rejected[0]?.message ?? ''}`); } },
  { name: 'TLE (3-line), 100k sets', group: GROUP, iterations: 3, baselineOf: 'JSON.parse of the OMM JSON text (baseline)', budget: { ms: 3000 }, fn: () => { setup(); check(parseTle(tle).sets.length, 'TLE'); } },
];
