// JSON Schema of the scenario file, generated from the zod schema (the one definition), for
// editors and other tools. `npm run schema` writes it to docs/scenario.schema.json; a unit test
// fails when that file is stale. Cross-field rules (unique ids, popId references, phasing < planes,
// the satellite limit, TLE checksums) live in code only and are not expressed here.
import { z } from 'zod';
import { FORMAT_VERSION, Scenario } from './schema';

export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://leo-planner.local/scenario.schema.json',
    title: `LEO Planner scenario, format version ${FORMAT_VERSION}`,
    description: 'Units are in field names (Km, Deg, S, Ms, Gbps). Unknown keys are allowed: they are kept and reported as warnings.',
  };
}

/** The file text written to docs/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
