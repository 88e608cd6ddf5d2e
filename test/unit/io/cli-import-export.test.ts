import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../cli/helpers';
import { parseScenario } from '../../../src-core/scenario/schema';
import { importSitesGeoJson } from '../../../src-core/io';

const dir = mkdtempSync(join(tmpdir(), 'leo-io-'));
const base = 'assets/scenarios/default.json';

describe('leo-planner import / export', () => {
  it('import gateways from CSV: rejected rows listed, the rest added, the scenario still valid', async () => {
    const csv = join(dir, 'gw.csv');
    writeFileSync(csv, 'name,latitude,lng\nPerth GW,-31.95,115.86\nBad,95,1\n');
    const out = join(dir, 'out.leo.json');
    const r = await runMain('import', csv, '--into', base, '-o', out);
    expect(r.code).toBe(0);
    expect(r.err).toContain('row 3: latitude 95 is outside -90..90 degrees');
    const s = parseScenario(readFileSync(out, 'utf8'));
    expect(s.ok && s.scenario.gateways.at(-1)).toMatchObject({ id: 'perth-gw', latDeg: -31.95, lonDeg: 115.86 });
    // Export and re-import: the same gateways.
    const gj = join(dir, 'g.geojson');
    expect((await runMain('export', out, '--format', 'geojson', '-o', gj)).code).toBe(0);
    expect(s.ok && importSitesGeoJson(readFileSync(gj, 'utf8')).gateways).toEqual(s.ok && s.scenario.gateways);
  });
  it('import element sets: nothing usable exits non-zero with every reason', async () => {
    const tle = join(dir, 'old.tle');
    writeFileSync(tle, readFileSync('assets/examples/kuiper-k1.tle', 'utf8').split('\n').slice(0, 6).join('\n'));
    const r = await runMain('import', tle, '--into', base, '-o', join(dir, 'x.leo.json'));
    // The default scenario's analysis starts at the example's epoch (2026-01-01): both usable.
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 satellites imported (tle); 0 rejected');
    const far = join(dir, 'far.leo.json');
    const sc = JSON.parse(readFileSync(base, 'utf8')) as { analysis: { startUtc: string } };
    sc.analysis.startUtc = '2026-06-01T00:00:00Z';
    writeFileSync(far, JSON.stringify(sc));
    const r2 = await runMain('import', tle, '--into', far, '-o', join(dir, 'y.leo.json'));
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/nothing usable to import/);
    expect(r2.err).toMatch(/151\.0 days from the analysis time 2026-06-01T00:00:00Z; the limit is 30 days/);
  });
  it('export --format hypatia writes the three files; a bad format is a usage error', async () => {
    const folder = join(dir, 'hyp');
    expect((await runMain('export', base, '--format', 'hypatia', '-o', folder)).code).toBe(0);
    expect(readFileSync(join(folder, 'isls.txt'), 'utf8').split('\n')[0]).toMatch(/^\d+ \d+$/);
    expect((await runMain('export', base, '--format', 'pdf', '-o', join(dir, 'x'))).code).toBe(2);
  });

  it('element sets with no --start are checked and analysed at their own median epoch; a far --start refuses them with the distance', async () => {
    // kuiper-k1.tle moved to day 335 of 2026 (1 December), line-1 checksums recomputed.
    const checksum = (l: string) => String([...l.slice(0, 68)].reduce((n, c) => n + (c === '-' ? 1 : /\d/.test(c) ? Number(c) : 0), 0) % 10);
    const moved = readFileSync('assets/examples/kuiper-k1.tle', 'utf8').split('\n').map((l) => (l.startsWith('1 ') ? ((x) => x.slice(0, 68) + checksum(x))(l.replace('26001.00000000', '26335.00000000')) : l)).join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'leo-epoch-')), 'k1-december.tle');
    writeFileSync(file, moved);
    const ok = await runMain('route', file, '--from', '51.5,-0.1', '--to', 'pop', '--duration', '60', '--step', '60', '--json');
    expect(ok.err).not.toMatch(/days from the analysis time/);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/2026-12-01T00:00:00/);
    const far = await runMain('route', file, '--from', '51.5,-0.1', '--to', 'pop', '--start', '2026-01-01T00:00:00Z', '--duration', '60', '--step', '60');
    expect(far.code).toBe(1);
    expect(far.err).toMatch(/334\.0 days from the analysis time 2026-01-01T00:00:00Z; the limit is 30 days/);
  });
});
