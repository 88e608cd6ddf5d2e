// `leo-planner rollout`: the series as a table and as JSON, and clear errors for bad arguments.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from '../cli/helpers';
import { GATEWAYS, POPS } from '../coverage/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'leo-rollout-'));
const file = join(dir, 'small.json');
writeFileSync(file, JSON.stringify({
  formatVersion: 1,
  name: 'small rollout',
  constellation: { shells: [{ id: 'K3', name: 'K3', altitudeKm: 590, inclinationDeg: 33, planes: 28, satsPerPlane: 28, phasingF: 1 }] },
  pops: POPS,
  gateways: GATEWAYS,
  analysis: { startUtc: '2026-01-01T00:00:00Z', durationS: 600, stepS: 60, h3Resolution: 1 },
  rollout: {
    launches: [{ id: 'L1', name: 'L1', dateUtc: '2026-01-01T00:00:00Z', satellites: 100 }],
    cadence: [{ vehicle: 'V', fromUtc: '2026-02-01T00:00:00Z', launchesPerMonth: 2, satellitesPerLaunch: 120 }],
    milestones: [{ label: 'half', dateUtc: '2026-03-01T00:00:00Z', satellites: 392 }],
  },
}));
const noRollout = join(dir, 'none.json');
writeFileSync(noRollout, JSON.stringify({ formatVersion: 1, constellation: { shells: [{ id: 'A', name: 'A', altitudeKm: 600, inclinationDeg: 50, planes: 2, satsPerPlane: 2, phasingF: 0 }] } }));

describe('leo-planner rollout', () => {
  it('--json gives one row per date with the schedule counts and figures', async () => {
    const r = await runMain('rollout', file, '--from', '2026-01-01', '--to', '2026-05-01', '--step', '30', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { rows: { dateUtc: string; inOrbit: number; operational: number; servedPct: number; servedGbps: number }[]; milestones: { operationalThen: number }[] };
    expect(j.rows.map((x) => x.dateUtc.slice(0, 10))).toEqual(['2026-01-01', '2026-01-31', '2026-03-02', '2026-04-01', '2026-05-01']);
    expect(j.rows[0]).toMatchObject({ inOrbit: 100, operational: 0, servedPct: 0 });
    expect(j.rows[4]!.operational).toBeGreaterThan(j.rows[2]!.operational);
    expect(j.rows[4]!.servedPct).toBeGreaterThan(0);
    expect(j.milestones[0]!.operationalThen).toBe(100);
  });

  it('prints a table by default; bad dates and a scenario without rollout are clear errors', async () => {
    const t = await runMain('rollout', file, '--from', '2026-01-01', '--to', '2026-02-01', '--step', '31');
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/date\s+in orbit\s+raising\s+operational/);
    expect(t.out).toMatch(/2026-02-01\s+/);
    const bad = await runMain('rollout', file, '--from', '2026-13-01');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--from/);
    const back = await runMain('rollout', file, '--from', '2026-03-01', '--to', '2026-01-01');
    expect(back.err).toMatch(/before --from/);
    const none = await runMain('rollout', noRollout);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no rollout: add launches or a cadence/);
  });
});
