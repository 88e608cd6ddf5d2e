// docs/scenario.schema.json is generated from the zod schema (npm run schema); stale = failure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../../src-core/scenario/jsonSchema';
import { GLOBE_LAYER_NAMES } from '../../../src-core/scenario/schema';

describe('scenario JSON Schema', () => {
  it('the committed docs/scenario.schema.json matches the zod schema (run `npm run schema` when this fails)', () => {
    expect(readFileSync('docs/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('describes format 2 with the view section, and allows unknown keys (they are kept)', () => {
    const s = scenarioJsonSchema() as { properties: Record<string, { const?: number; properties?: Record<string, { properties?: Record<string, unknown> }> }>; required: string[]; additionalProperties?: unknown };
    expect(s.properties.formatVersion!.const).toBe(2);
    expect(s.required).toEqual(expect.arrayContaining(['formatVersion', 'constellation']));
    expect(Object.keys(s.properties.view!.properties!.layers!.properties!)).toEqual([...GLOBE_LAYER_NAMES]);
    expect(s.additionalProperties).not.toBe(false);
    expect(s.properties.bookmarks).toBeUndefined();
  });
});
