import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importConstellation, importSummary } from '../../../src-core/io/importConstellation';
import { parseOmmKvn, dayOfYearToCalendar } from '../../../src-core/constellation/kvn';
import { resolveElementSet, tleChecksum } from '../../../src-core/constellation';

const KVN = `CCSDS_OMM_VERS = 3.0
COMMENT this is a comment
CREATION_DATE = 2026-001T00:00:00
ORIGINATOR = TEST
OBJECT_NAME = SAT-A
OBJECT_ID = 2026-001A
CENTER_NAME = EARTH
REF_FRAME = TEME
TIME_SYSTEM = UTC
MEAN_ELEMENT_THEORY = SGP4
EPOCH = 2026-032T12:00:00.000
MEAN_MOTION = 15.05 [rev/day]
ECCENTRICITY = 0.0001
INCLINATION = 51.9 [deg]
RA_OF_ASC_NODE = 10.0 [deg]
ARG_OF_PERICENTER = 90.0 [deg]
MEAN_ANOMALY = 20.0 [deg]
EPHEMERIS_TYPE = 0
CLASSIFICATION_TYPE = U
NORAD_CAT_ID = 90001
ELEMENT_SET_NO = 999
REV_AT_EPOCH = 10
BSTAR = 0.0001 [1/ER]
MEAN_MOTION_DOT = 0.0 [rev/day**2]
MEAN_MOTION_DDOT = 0.0 [rev/day**3]
`;
const FEB1 = Date.UTC(2026, 1, 1, 12);

describe('OMM KVN', () => {
  it('reads records with units and day-of-year epochs into the same elements as OMM JSON', () => {
    const r = parseOmmKvn(KVN + KVN.replace('SAT-A', 'SAT-B').replace('90001', '90002'));
    expect(r.problems).toEqual([]);
    expect(r.sets).toHaveLength(2);
    const s = r.sets[0]!;
    expect(s.format === 'omm' && s.omm.EPOCH).toBe('2026-02-01T12:00:00.000');
    expect(s.format === 'omm' && s.omm.INCLINATION).toBe(51.9);
    const sat = resolveElementSet(s).satrec;
    expect(sat.error).toBe(0);
    expect(sat.inclo).toBeCloseTo((51.9 * Math.PI) / 180, 12);
  });
  it('names the line of a bad record and of a line that is not KEY = value', () => {
    const r = parseOmmKvn(KVN.replace('INCLINATION = 51.9 [deg]', 'INCLINATION = 200 [deg]') + KVN.replace('ECCENTRICITY = 0.0001', 'ECCENTRICITY 0.0001'));
    expect(r.sets).toHaveLength(0);
    expect(r.problems[0]!.message).toMatch(/^line 1: record 1 \(SAT-A\): INCLINATION 200 is outside/);
    expect(r.problems[1]!.message).toMatch(/line 26: .*line 38: "ECCENTRICITY 0.0001" is not a KVN line/);
  });
  it('converts day-of-year dates and leaves bad days for the strict date check', () => {
    expect(dayOfYearToCalendar('2024-366T00:00:00')).toBe('2024-12-31T00:00:00');
    expect(dayOfYearToCalendar('2025-366T00:00:00')).toBe('2025-366T00:00:00');
  });
});

describe('importConstellation', () => {
  const tle = readFileSync('assets/examples/kuiper-k1.tle', 'utf8');
  const JAN1 = Date.UTC(2026, 0, 1);
  it('detects every format (KVN included) and imports the Kuiper example whole', () => {
    const r = importConstellation(tle, { analysisTimeMs: JAN1 });
    expect(r.format).toBe('tle');
    expect(r.rejected).toEqual([]);
    expect(r.sets.length).toBe(r.total);
    expect(importConstellation(KVN, { analysisTimeMs: FEB1 }).format).toBe('omm-kvn');
  });
  it('lists a bad checksum with its line, and none is dropped silently', () => {
    const lines = tle.split('\n');
    lines[2] = lines[2]!.slice(0, 68) + String((tleChecksum(lines[2]!) + 1) % 10);
    const r = importConstellation(lines.slice(0, 9).join('\n'), { analysisTimeMs: JAN1 });
    expect(r.sets).toHaveLength(2);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0]).toMatchObject({ line: 3, reason: 'checksum' });
    expect(importSummary(r)).toBe('2 satellites imported (tle); 1 rejected (1 checksum)');
  });
  it('refuses an epoch far from the analysis time, saying how far and the threshold', () => {
    const r = importConstellation(KVN, { analysisTimeMs: FEB1 + 45.5 * 86_400_000 });
    expect(r.sets).toHaveLength(0);
    expect(r.rejected[0]!.reason).toBe('epoch');
    expect(r.rejected[0]!.message).toContain('45.5 days from the analysis time 2026-03-19T00:00:00Z; the limit is 30 days');
    expect(importConstellation(KVN, { analysisTimeMs: FEB1 + 45.5 * 86_400_000, maxEpochAgeDays: 60 }).sets).toHaveLength(1);
  });
  it('refuses a satellite SGP4 cannot use (decayed or sub-orbital) with the SGP4 reason', () => {
    const r = importConstellation(KVN.replace('MEAN_MOTION = 15.05', 'MEAN_MOTION = 17.5').replace('BSTAR = 0.0001', 'BSTAR = 0.5'), { analysisTimeMs: FEB1 + 20 * 86_400_000 });
    expect(r.sets).toHaveLength(0);
    expect(r.rejected[0]!.reason).toBe('sgp4');
    expect(r.rejected[0]!.message).toMatch(/SAT-A.*SGP4/);
  });
});
