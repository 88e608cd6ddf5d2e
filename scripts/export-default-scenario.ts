// Writes the built-in default scenario to assets/scenarios/default.json (the file shipped with the
// app and used in the README's CLI examples). Run: npx tsx scripts/export-default-scenario.ts
import { writeFileSync } from 'node:fs';
import { defaultScenario } from '../src-core/scenario/default';
import { starlinkGen1Shell1Scenario } from '../src-core/scenario/sample-starlink';

writeFileSync('assets/scenarios/default.json', JSON.stringify(defaultScenario(), null, 2) + '\n');
writeFileSync('assets/scenarios/starlink-gen1-shell1.json', JSON.stringify(starlinkGen1Shell1Scenario(), null, 2) + '\n');
console.log('wrote assets/scenarios/default.json and assets/scenarios/starlink-gen1-shell1.json');
