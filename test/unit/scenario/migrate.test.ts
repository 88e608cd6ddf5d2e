// Format migrations (src-core/scenario/migrate.ts), the view accessors, and unknown keys: kept,
// warned about with a "did you mean", written back unchanged.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../src-core/scenario/default';
import { CURRENT_FORMAT_VERSION, migrateScenario, migrateStep } from '../../../src-core/scenario/migrate';
import { FORMAT_VERSION, parseScenario, validateScenario } from '../../../src-core/scenario/schema';
import { closestKey, editDistance } from '../../../src-core/scenario/unknownKeys';
import { scenarioBookmarks, withScenarioBookmarks, withScenarioView } from '../../../src-core/scenario/view';

const V1_DIR = fileURLToPath(new URL('../../fixtures/scenario-v1/', import.meta.url));
const v1Files = readdirSync(V1_DIR).filter((f) => f.endsWith('.json'));
const BOOKMARK = { name: 'Europe', latDeg: 50, lonDeg: 10, heightKm: 6000, headingDeg: 0, pitchDeg: -90 };

describe('migration v1 -> v2', () => {
  it('moves the top-level bookmarks into view, adds camera null and empty layers, keeps notes', () => {
    const out = migrateStep({ formatVersion: 1, notes: 'n', bookmarks: [BOOKMARK], gateways: [] }, 1);
    expect(out).toEqual({ formatVersion: 2, notes: 'n', gateways: [], view: { bookmarks: [BOOKMARK], camera: null, layers: {} } });
    expect('bookmarks' in out).toBe(false);
  });

  it('a v1 file without bookmarks gets an empty list', () => {
    expect(migrateStep({ formatVersion: 1 }, 1)).toEqual({ formatVersion: 2, view: { bookmarks: [], camera: null, layers: {} } });
  });

  it('the chain leaves a current file as it is and refuses a newer one with the update message', () => {
    const cur = { formatVersion: CURRENT_FORMAT_VERSION, view: { bookmarks: [] } };
    expect(migrateScenario(cur)).toEqual({ ok: true, value: cur, fromVersion: CURRENT_FORMAT_VERSION });
    const r = migrateScenario({ formatVersion: CURRENT_FORMAT_VERSION + 1 });
    expect(r.ok).toBe(false);
    const p = parseScenario(`{"formatVersion": ${CURRENT_FORMAT_VERSION + 1}}`);
    expect(p.ok ? '' : p.problems[0]!.message).toMatch(/format version 3, newer than this app understands \(2\); update LEO Planner/);
  });

  it('a missing or odd formatVersion is left for the schema to name', () => {
    for (const v of [undefined, '1', 0, 1.5]) {
      const r = validateScenario({ formatVersion: v, constellation: {} });
      expect(r.ok).toBe(false);
      expect(r.ok ? [] : r.problems.map((p) => p.path)).toContain('formatVersion');
    }
  });

  it.each(v1Files)('v1 fixture %s still opens, with its bookmarks under view', (name) => {
    const text = readFileSync(V1_DIR + name, 'utf8');
    const raw = JSON.parse(text) as { formatVersion: number; bookmarks?: unknown[] };
    expect(raw.formatVersion).toBe(1);
    const r = parseScenario(text);
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    expect(r.warnings).toEqual([]);
    expect(r.scenario.formatVersion).toBe(FORMAT_VERSION);
    expect(scenarioBookmarks(r.scenario)).toEqual(raw.bookmarks ?? []);
  });

  it('the shipped default is v2 and equal to its migrated v1 predecessor', () => {
    const shipped = parseScenario(readFileSync('assets/scenarios/default.json', 'utf8'));
    const old = parseScenario(readFileSync(`${V1_DIR}default-v1.leo.json`, 'utf8'));
    expect(shipped.ok && old.ok).toBe(true);
    if (!shipped.ok || !old.ok) return;
    expect((JSON.parse(readFileSync('assets/scenarios/default.json', 'utf8')) as { formatVersion: number }).formatVersion).toBe(2);
    // The v1 file predates the rollout model (launch cadence, milestones) and its note: a v1 file
    // gets the rollout defaults; everything else must come through the migration unchanged.
    const withoutRollout = ({ rollout: _r, notes: _n, ...rest }: typeof shipped.scenario) => rest;
    expect(withoutRollout(shipped.scenario)).toEqual(withoutRollout(old.scenario));
    expect(old.scenario.rollout.launches).toEqual(shipped.scenario.rollout.launches);
    expect(shipped.scenario).toEqual(defaultScenario());
  });
});

describe('view accessors', () => {
  it('read and replace bookmarks, camera and layers without touching the rest', () => {
    const s = defaultScenario();
    const next = withScenarioBookmarks(s, [BOOKMARK]);
    expect(scenarioBookmarks(next)).toEqual([BOOKMARK]);
    expect(scenarioBookmarks(s)).toHaveLength(3);
    expect(next.gateways).toBe(s.gateways);
    const cam = { latDeg: 1, lonDeg: 2, heightKm: 3000, headingDeg: 0, pitchDeg: -90 };
    const v = withScenarioView(next, { camera: cam, layers: { links: false } });
    expect(v.view).toEqual({ bookmarks: [BOOKMARK], camera: cam, layers: { links: false } });
    expect(validateScenario(JSON.parse(JSON.stringify(v))).ok).toBe(true);
  });
});

describe('unknown keys', () => {
  const withTypo = () => {
    const s = JSON.parse(JSON.stringify(defaultScenario())) as Record<string, unknown> & { gateways: Record<string, unknown>[] };
    s.gateways[3]!.minElevationDegrees = 10;
    s.customerRef = { ticket: 42 };
    (s.view as Record<string, unknown>).layer = { links: false };
    return s;
  };

  it('are kept in the scenario and listed with their path and the key probably meant', () => {
    const r = validateScenario(withTypo());
    if (!r.ok) throw new Error('should load');
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings).toEqual(expect.arrayContaining([
      { path: 'gateways[3].minElevationDegrees', message: 'unknown key "minElevationDegrees" is kept but not used: did you mean `minElevationDeg`?' },
      { path: 'view.layer', message: 'unknown key "layer" is kept but not used: did you mean `layers`?' },
      { path: 'customerRef', message: 'unknown key "customerRef" is kept but not used' },
    ]));
    // The misspelt key does not become the value; the default stays and the key is kept.
    expect(r.scenario.gateways[3]!.minElevationDeg).toBe(25);
    expect((r.scenario.gateways[3] as Record<string, unknown>).minElevationDegrees).toBe(10);
  });

  it('are written back unchanged: save (stringify) and reload gives the same scenario and warnings', () => {
    const first = validateScenario(withTypo());
    if (!first.ok) throw new Error('should load');
    const second = parseScenario(JSON.stringify(first.scenario));
    if (!second.ok) throw new Error('should reload');
    expect(second.scenario).toEqual(first.scenario);
    expect(second.warnings).toEqual(first.warnings);
    expect((second.scenario as unknown as Record<string, unknown>).customerRef).toEqual({ ticket: 42 });
  });

  it('a key named __proto__ stays a plain key and does not change the prototype', () => {
    const r = parseScenario('{"formatVersion": 2, "constellation": {}, "__proto__": {"polluted": true}}');
    if (!r.ok) throw new Error('should load');
    expect(Object.getPrototypeOf(r.scenario)).toBe(Object.prototype);
    expect(Object.hasOwn(r.scenario, '__proto__')).toBe(true);
    expect(r.warnings[0]!.path).toBe('__proto__');
  });

  it('edit distance and suggestions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestKey('minElevationDegrees', ['minElevationDeg', 'maxSlantKm'])).toBe('minElevationDeg');
    expect(closestKey('lattitudeDeg', ['latDeg', 'lonDeg'])).toBe(null);
    expect(closestKey('latdeg', ['latDeg', 'lonDeg'])).toBe('latDeg');
    expect(closestKey('zzz', ['latDeg'])).toBe(null);
  });
});
