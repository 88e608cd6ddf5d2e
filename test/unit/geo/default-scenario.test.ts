import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../src-core/scenario/default';
import { starlinkGen1Shell1Scenario } from '../../../src-core/scenario/sample-starlink';
import { validateScenario } from '../../../src-core/scenario/schema';
import { countryAt, isLand } from '../../../src-core/geo';

describe('default scenario', () => {
  const s = defaultScenario();

  it('validates (also after a JSON round trip)', () => {
    expect(validateScenario(s).ok).toBe(true);
    expect(validateScenario(JSON.parse(JSON.stringify(s))).ok).toBe(true);
    expect(s.name).toBe('Amazon Kuiper (FCC authorization) — default');
  });

  it('has the three Kuiper shells, 3,236 satellites', () => {
    const shells = s.constellation.shells;
    expect(shells.map((x) => [x.id, x.altitudeKm, x.inclinationDeg, x.planes, x.satsPerPlane])).toEqual([
      ['K1', 630, 51.9, 34, 34],
      ['K2', 610, 42, 36, 36],
      ['K3', 590, 33, 28, 28],
    ]);
    expect(shells.reduce((a, x) => a + x.planes * x.satsPerPlane, 0)).toBe(3236);
    expect(shells.every((x) => x.status === 'operational' && x.islEnabled && x.phasingF < x.planes)).toBe(true);
  });

  it('has the analysis window and launch history of DOMAIN.md', () => {
    expect(s.epochUtc).toBe('2026-01-01T00:00:00Z');
    expect(s.analysis).toMatchObject({ startUtc: '2026-01-01T00:00:00Z', durationS: 5760, stepS: 60, h3Resolution: 3 });
    expect(s.rollout.launches.reduce((a, l) => a + l.satellites, 0)).toBe(153);
  });

  it('puts every gateway on land, inside the service band and in its stated country', () => {
    expect(s.gateways.length).toBeGreaterThanOrEqual(12);
    for (const g of s.gateways) {
      expect(isLand(g.latDeg, g.lonDeg), g.id).toBe(true);
      expect(Math.abs(g.latDeg), g.id).toBeLessThan(56);
      expect(countryAt(g.latDeg, g.lonDeg)?.code, g.id).toBe(g.countryCode);
      expect(g.minElevationDeg).toBe(25);
      expect(g.status).toBe('live');
    }
  });

  it('has unique gateway and PoP ids and ~30+ AWS regions', () => {
    const ids = [...s.gateways.map((g) => g.id), ...s.pops.map((p) => p.id)];
    expect(new Set(ids).size).toBe(ids.length);
    expect(s.pops.length).toBeGreaterThanOrEqual(30);
    expect(s.pops.every((p) => p.kind === 'aws-region' && /^aws-[a-z]{2}-[a-z]+-\d$/.test(p.id))).toBe(true);
    expect(s.pops.find((p) => p.id === 'aws-us-east-1')?.name).toBe('US East (N. Virginia)');
  });

  it('returns a fresh object each call', () => {
    const a = defaultScenario();
    a.gateways[0]!.latDeg = 0;
    expect(defaultScenario().gateways[0]!.latDeg).not.toBe(0);
  });
});

describe('Starlink comparison scenario', () => {
  it('validates with 1,584 satellites', () => {
    const s = starlinkGen1Shell1Scenario();
    expect(validateScenario(s).ok).toBe(true);
    expect(s.constellation.shells.reduce((a, x) => a + x.planes * x.satsPerPlane, 0)).toBe(1584);
  });
});
