// File › Import / Compare / Merge plans (src-renderer/ui/fileio/plans.ts) and their undoable
// commands (state/ioCommands.ts), on the committed fixtures (scripts/make-import-fixtures.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src-core/constellation/catalog';
import { buildPlusGrid } from '../../../src-core/network/isl';
import { defaultScenario } from '../../../src-core/scenario/default';
import { applyPatches, invertPatches } from '../../../src-core/session/patches';
import { addSites, replaceConstellation, replaceScenario } from '../../../src-renderer/state/ioCommands';
import { applyMergeChoices, planCompare, planConstellationImport, planMerge, planSitesImport, satelliteCount, WrongFileError } from '../../../src-renderer/ui/fileio/plans';

const fixture = (name: string) => readFileSync(`test/fixtures/import/${name}`, 'utf8');
const TLE = 'walker-6x8-one-bad-checksum.tle';
const CSV = 'gateways-one-bad-row.csv';

describe('constellation import plan', () => {
  it('lists the bad-checksum record with its reason and replaces the constellation with the 47 good ones, lasers inferred', () => {
    const s = defaultScenario();
    const plan = planConstellationImport(s, TLE, fixture(TLE));
    expect(plan.result.total).toBe(48);
    expect(plan.result.sets).toHaveLength(47);
    expect(plan.result.rejected).toHaveLength(1);
    expect(plan.result.rejected[0]!.reason).toBe('checksum');
    expect(plan.result.rejected[0]!.line).toBe(42); // record 14: name line 40, line 1 at 41, line 2 at 42
    expect(plan.byReason).toEqual([{ reason: 'checksum', count: 1 }]);
    expect(plan.satellitesBefore).toBe(3236);
    expect(plan.problems).toEqual([]);

    const cmd = replaceConstellation(plan.result.sets, 'Import');
    const patches = cmd.patches(s);
    const next = applyPatches(s, patches);
    expect(satelliteCount(next)).toBe(47);
    const { catalog } = buildCatalog(next);
    expect(catalog.count).toBe(47);
    // +Grid over the inferred 6 x 8 shell with one slot empty: 2 links per satellite, less the
    // 4 a missing satellite would have had (intra-plane fore/aft and two cross-plane).
    const topo = buildPlusGrid(catalog, next.isl, next.constellation.shells);
    expect(topo.count).toBe(48 * 2 - 4);
    // Undo restores the Kuiper constellation exactly.
    expect(applyPatches(next, invertPatches(s, patches)).constellation).toEqual(s.constellation);
  });

  it('refuses a scenario file with a sentence naming File › Open', () => {
    const text = JSON.stringify(defaultScenario());
    expect(() => planConstellationImport(defaultScenario(), 'x.leo.json', text)).toThrow(WrongFileError);
  });
});

describe('sites import plan', () => {
  it('names the bad row by its file row number and adds the others as one undo step', () => {
    const s = defaultScenario();
    const plan = planSitesImport(s, CSV, fixture(CSV));
    expect(plan.result.gateways.map((g) => g.name)).toEqual(['Fixture Reykjavik', 'Fixture Nuuk', 'Fixture Tromso']);
    expect(plan.result.rejected).toHaveLength(1);
    expect(plan.result.rejected[0]!.where).toMatch(/row 4/);
    expect(plan.result.rejected[0]!.message).toMatch(/latitude 95.5/);
    const patches = addSites(plan.result.gateways, plan.result.pops, 'Import').patches(s);
    expect(applyPatches(s, patches).gateways).toHaveLength(s.gateways.length + 3);
  });

  it('reports ids already in the scenario and gateways within 1 km of an existing one', () => {
    const s = defaultScenario();
    const g = s.gateways[0]!;
    const csv = `id,name,lat,lon\n${g.id},Copy,${g.latDeg},${g.lonDeg}\nnew-one,"Near ${g.name}",${g.latDeg + 0.001},${g.lonDeg}\n`;
    const plan = planSitesImport(s, 'dups.csv', csv);
    expect(plan.duplicateIds).toHaveLength(1);
    expect(plan.duplicateIds[0]!.where).toMatch(/row 2/);
    expect(plan.nearDuplicates).toHaveLength(1);
    expect(plan.nearDuplicates[0]!.existing).toBe(g.name);
    expect(plan.nearDuplicates[0]!.km).toBeLessThan(0.2);
  });
});

describe('compare and merge', () => {
  const moved = () => {
    const s = defaultScenario();
    const g = s.gateways[0]!;
    return { ...s, gateways: [{ ...g, latDeg: g.latDeg + 1 }, ...s.gateways.slice(1)], terminal: { ...s.terminal, minElevationDeg: s.terminal.minElevationDeg + 5 } };
  };

  it('lists the moved gateway with its distance and the changed assumption', () => {
    const s = defaultScenario();
    const plan = planCompare(s, 'other.leo.json', JSON.stringify(moved()));
    const site = plan.diff.sites.find((x) => x.id === s.gateways[0]!.id)!;
    expect(site.change).toBe('edited');
    expect(site.movedKm).toBeCloseTo(111.2, 0); // 1 degree of latitude on the 6371 km sphere, ±0.5 km
    expect(plan.diff.assumptions).toEqual([{ path: 'terminal.minElevationDeg', before: s.terminal.minElevationDeg, after: s.terminal.minElevationDeg + 5 }]);
  });

  it('settles each conflict as chosen and the result is one undoable replace', () => {
    const base = defaultScenario();
    const ours = { ...base, terminal: { ...base.terminal, minElevationDeg: 20 }, latency: { ...base.latency } };
    const theirs = { ...moved(), terminal: { ...base.terminal, minElevationDeg: 40 } };
    const plan = planMerge(ours, 'base.leo.json', JSON.stringify(base), 'theirs.leo.json', JSON.stringify(theirs));
    expect(plan.conflicts.map((c) => [c.path, c.ours, c.theirs])).toEqual([['terminal.minElevationDeg', 20, 40]]);
    const pickTheirs = applyMergeChoices(ours, plan, { 'terminal.minElevationDeg': 'theirs' });
    const pickOurs = applyMergeChoices(ours, plan, {});
    if (!pickTheirs.ok || !pickOurs.ok) throw new Error('merge failed');
    expect(pickTheirs.scenario.terminal.minElevationDeg).toBe(40);
    expect(pickOurs.scenario.terminal.minElevationDeg).toBe(20);
    // Theirs' moved gateway comes in without a conflict either way.
    expect(pickOurs.scenario.gateways[0]!.latDeg).toBe(base.gateways[0]!.latDeg + 1);
    const patches = replaceScenario(pickTheirs.scenario, 'Merge').patches(ours);
    expect(applyPatches(applyPatches(ours, patches), invertPatches(ours, patches))).toBe(ours);
  });
});
