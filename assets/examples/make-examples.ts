// Regenerates assets/examples/kuiper-k1.tle from the engine's Walker model of Kuiper shell K1
// (34 planes x 34 satellites, 630 km, 51.9 deg) at the default scenario's epoch:
//   npx tsx assets/examples/make-examples.ts
// test/unit/cli/examples.test.ts checks that the shipped file is exactly this output.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kuiperK1Tle } from '../../src-main/cli/examples';

writeFileSync(fileURLToPath(new URL('./kuiper-k1.tle', import.meta.url)), kuiperK1Tle());
