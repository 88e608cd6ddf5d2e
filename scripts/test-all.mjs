// `npm test`: everything CI checks, in order. Makes sure a Chromium exists for the e2e tests
// (installs Debian's package when running as root), builds the app, then runs `npm run check`
// (typecheck every layer, lint with zero warnings, unit tests, e2e tests in real Chromium).
import { spawnSync } from 'node:child_process';

function step(title, cmd, args) {
  console.log(`\n>>> ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

const t0 = Date.now();
step('ensure Chromium for end-to-end tests', process.execPath, ['scripts/ensure-chromium.mjs']);
step('build', 'npm', ['run', 'build']);
step('check: typecheck, lint, unit, e2e', 'npm', ['run', 'check']);
console.log(`\n✓ all tests passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
