// `npm test`: everything CI checks, in order. Makes sure a Chromium exists for the e2e tests
// (installs Debian's package when running as root), builds the app, then runs each check of
// `npm run check` as a step of its own (typecheck every layer, lint with zero warnings, unit
// tests, the e2e suite in real Chromium unthrottled, then CPU-throttled: scripts/e2e.mjs), so
// that the closing line names the step that failed.
import { spawnSync } from 'node:child_process';
import { THROTTLE_RATE } from './e2e.mjs';

const STEPS = [
  ['ensure Chromium for end-to-end tests', process.execPath, ['scripts/ensure-chromium.mjs']],
  ['build', 'npm', ['run', 'build']],
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['lint', 'npm', ['run', 'lint']],
  ['unit tests', 'npm', ['run', 'test:unit']],
  ['e2e (unthrottled)', process.execPath, ['scripts/e2e.mjs', '--no-build', '--pass=unthrottled']],
  [`e2e (CPU throttled x${THROTTLE_RATE})`, process.execPath, ['scripts/e2e.mjs', '--no-build', '--pass=throttled']],
];

const t0 = Date.now();
const took = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
for (const [title, cmd, args] of STEPS) {
  console.log(`\n>>> ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`\n✗ npm test failed at step: ${title} (exit ${r.status ?? r.signal}, after ${took()})`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n✓ all tests passed in ${took()}: ${STEPS.map(([t]) => t).join(', ')}`);
