// Duplicates are never resolved in silence: a JSON key written twice in one object (scenario, OMM
// JSON, GeoJSON) is refused with both places named, and a satellite listed twice in an element-set
// file keeps its newest set while the older one is listed as rejected.
import { describe, expect, it } from 'vitest';
import { findDuplicateJsonKey } from '../../../src-core/scenario/jsonSyntax';
import { parseScenario } from '../../../src-core/scenario/schema';
import { parseOmmJson } from '../../../src-core/constellation/omm';
import { importSitesGeoJson } from '../../../src-core/io/sitesGeoJson';
import { importConstellation } from '../../../src-core/io/importConstellation';
import { tleChecksum } from '../../../src-core/constellation';
import { defaultScenario } from '../../../src-core/scenario/default';

describe('duplicate JSON keys', () => {
  it('finds the first key repeated in one object, with its path and both positions', () => {
    const text = '{\n  "a": 1,\n  "list": [ {"x": 1}, {"x": 2, "y": {"q": "\\"x\\"", "x": 0}, "x": 3} ]\n}';
    const d = findDuplicateJsonKey(text);
    expect(d).toMatchObject({ key: 'x', path: 'list[1].x', line: 3, firstLine: 3 });
    expect(text.slice(0).split('\n')[2]!.slice(d!.column - 1, d!.column + 2)).toBe('"x"');
    expect(text.split('\n')[2]!.slice(d!.firstColumn - 1, d!.firstColumn + 2)).toBe('"x"');
  });
  it('is not fooled by equal keys in sibling or nested objects, by keys inside strings or by escapes', () => {
    expect(findDuplicateJsonKey('[{"a":1},{"a":2},{"b":{"a":3},"a":4}]')).toBeNull();
    expect(findDuplicateJsonKey('{"s":"{\\"a\\":1,\\"a\\":2}","t":"a"}')).toBeNull();
    // "\u0061" is "a": the same key spelt two ways is still the same key.
    expect(findDuplicateJsonKey('{"a":1,"\\u0061":2}')?.key).toBe('a');
    expect(findDuplicateJsonKey('{}')).toBeNull();
  });
  it('a scenario with a key written twice is refused, naming both lines and the fix', () => {
    const text = JSON.stringify(defaultScenario(), null, 2).replace('"formatVersion": 2,', '"formatVersion": 2,\n  "formatVersion": 2,');
    const r = parseScenario(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.path).toBe('formatVersion');
    expect(r.problems[0]!.message).toMatch(/key "formatVersion" appears twice .* at line 3, column 3, and first at line 2, column 3; .* keep one and delete the other/);
  });
  it('an OMM JSON record and a GeoJSON feature with a key written twice are refused with the line', () => {
    const omm = '[\n{"OBJECT_NAME":"A","INCLINATION":53,\n"INCLINATION":5}\n]';
    const r = parseOmmJson(omm);
    expect(r.sets).toHaveLength(0);
    expect(r.problems[0]).toMatchObject({ line: 3 });
    expect(r.problems[0]!.message).toMatch(/key "INCLINATION" appears twice .*\[0\]\.INCLINATION/);
    const geo = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"A","name":"B"},"geometry":{"type":"Point","coordinates":[0,0]}}]}';
    const s = importSitesGeoJson(geo);
    expect(JSON.stringify(s)).toMatch(/key \\"name\\" appears twice/);
  });
});

describe('a satellite listed twice in an element-set file', () => {
  const line1 = (epoch: string): string => {
    const body = `1 90001U 26001A   ${epoch}  .00000000  00000-0  10000-3 0  999`;
    return body + tleChecksum(body);
  };
  const body2 = '2 90001  51.9000  10.0000 0001000  90.0000  20.0000 15.05000000    1';
  const line2 = body2 + tleChecksum(body2);
  it('keeps the newest set and lists the older one as a rejected duplicate, whatever the order', () => {
    for (const order of [['26032.50000000', '26033.50000000'], ['26033.50000000', '26032.50000000']]) {
      const text = order.map((e, k) => `SAT ${k}\n${line1(e)}\n${line2}\n`).join('');
      const r = importConstellation(text, { atMedianEpoch: true });
      expect(r.total).toBe(2);
      expect(r.sets).toHaveLength(1);
      expect(r.rejected).toHaveLength(1);
      const newer = order.indexOf('26033.50000000');
      expect(r.sets[0]).toMatchObject({ name: `SAT ${newer}` });
      expect(r.rejected[0]).toMatchObject({ reason: 'duplicate', record: 1 - newer });
      expect(r.rejected[0]!.message).toMatch(new RegExp(`NORAD 90001 appears again as element set ${newer + 1} \\(SAT ${newer}\\) with epoch 2026-02-02T12:00:00Z`));
    }
  });
});
