// End-to-end tests: the built renderer in real (Debian) Chromium with SwiftShader WebGL2,
// through the browser fallback of the platform bridge. Run with `npm run test:e2e`.
import { defineConfig } from '@playwright/test';

/**
 * The CPU-throttled pass (scripts/e2e.mjs, LEO_E2E_CPU_THROTTLE) gives every test and expect
 * that many times longer before calling it hung. Timeouts are hang detectors here, never speed
 * checks: a test must wait on the app's events, not on a clock.
 */
const SLOWDOWN = Math.max(1, Number(process.env.LEO_E2E_CPU_THROTTLE) || 1);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/e2e',
  globalSetup: './global-setup.ts',
  // One browser at a time: software WebGL uses every core it gets.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // SwiftShader is slow: the first globe frame with all tiles takes 5-20 s on our machines.
  timeout: 180_000 * SLOWDOWN,
  expect: { timeout: 30_000 * SLOWDOWN },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
        '--disable-quic',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
