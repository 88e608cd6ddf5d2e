// Writes the app's import fixtures (test/fixtures/import/): a Walker shell as TLEs with one
// record's checksum broken, and a gateway CSV with one bad row. Run: npx tsx scripts/make-import-fixtures.ts
import { writeFileSync } from 'node:fs';
import { walkerElements } from '../src-core/constellation/walker';
import { formatTle } from '../src-core/io/tleWrite';
import { parseIsoUtc } from '../src-core/units';

const OUT = 'test/fixtures/import';
/** 6 planes x 8 satellites at 550 km, 53 deg, F = 1, epoch = the default scenario's analysis start. */
const SHELL = { id: 'fx', name: 'Fixture', altitudeKm: 550, inclinationDeg: 53, planes: 6, satsPerPlane: 8, phasingF: 1, raanSpreadDeg: 360, raanOffsetDeg: 0, status: 'operational' as const, islEnabled: true };
const EPOCH = '2026-01-01T00:00:00Z';
/** The record whose line 2 checksum digit is changed (0-based). */
const BAD_RECORD = 13;

const records = walkerElements(SHELL, parseIsoUtc(EPOCH)).map((w, i) => {
  const tle = formatTle(`FIXTURE-${w.plane}-${w.slot}`, 70001 + i, w.elements).split('\n');
  if (i === BAD_RECORD) {
    const l2 = tle[2]!;
    tle[2] = `${l2.slice(0, 68)}${(Number(l2[68]) + 1) % 10}`;
  }
  return tle.join('\n');
});
writeFileSync(`${OUT}/walker-6x8-one-bad-checksum.tle`, `${records.join('\n')}\n`);

writeFileSync(
  `${OUT}/gateways-one-bad-row.csv`,
  [
    'name,lat,lon,antennas,capacity_gbps',
    'Fixture Reykjavik,64.1466,-21.9426,4,40',
    'Fixture Nuuk,64.1814,-51.6941,2,20',
    'Fixture Nowhere,95.5,10.0,4,40',
    'Fixture Tromso,69.6492,18.9553,4,40',
    '',
  ].join('\n'),
);
console.log(`wrote ${records.length} TLE records (record ${BAD_RECORD + 1} with a bad checksum) and a 4-row CSV (row 4 bad) to ${OUT}/`);
