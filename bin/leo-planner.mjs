#!/usr/bin/env node
// Entry for `npx leo-planner`: runs the TypeScript CLI through tsx (a runtime dependency), so the
// CLI and the app share one engine source without a separate build step.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src-main/cli/index.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.cwd() });
process.exit(r.status ?? 1);
