// Writes docs/scenario.schema.json from the zod scenario schema. Run: npm run schema
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchemaText } from '../src-core/scenario/jsonSchema';

writeFileSync('docs/scenario.schema.json', scenarioJsonSchemaText());
console.log('wrote docs/scenario.schema.json');
