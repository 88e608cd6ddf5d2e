// File › Import of a large element-set file parses in the file I/O worker (issue 15: 100k records
// must not freeze the page). 90,000 TLE records are generated here; while the busy bar shows the
// import's phase, the page keeps drawing: requestAnimationFrame callbacks are counted (frames,
// not time). Then the summary appears with every record accepted. A second import is canceled
// from the busy bar: no dialog, the scenario unchanged. Waits on the app's own elements only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { formatTle } from '../../src-core/io';
import { defaultScenario } from '../../src-core/scenario/default';
import { expect, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/import-worker/', import.meta.url));
const PLANES = 250;
const PER_PLANE = 360;
const RECORDS = PLANES * PER_PLANE;
/**
 * Frames drawn while the worker parses: at least this many. Parsing on the page's thread draws
 * none; a free page draws a frame every few hundred ms even with SwiftShader under load, and
 * 90,000 records take seconds (20,000 gave a single frame on a loaded 2-core machine: too short).
 */
const MIN_FRAMES_WHILE_PARSING = 3;

/** A 250 x 360 Walker shell (90,000 satellites, NORAD ids 1..90,000) at 550 km, 53 deg, epoch `epochMs`, as 3-line TLEs. */
function walkerTle(epochMs: number): string {
  const out: string[] = [];
  for (let p = 0; p < PLANES; p++) {
    for (let s = 0; s < PER_PLANE; s++) {
      const id = 1 + p * PER_PLANE + s;
      const el = { epochMs, meanMotionRevPerDay: 15.05, eccentricity: 0.0001, inclinationDeg: 53, raanDeg: (360 * p) / PLANES, argPerigeeDeg: 0, meanAnomalyDeg: (360 * s) / PER_PLANE + (p % 2) * 0.9, bstar: 0 };
      out.push(formatTle(`GEN-${id}`, id, el));
    }
  }
  return `${out.join('\n')}\n`;
}

async function importFile(page: Page, file: string): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'Import constellation (TLE/OMM)…' }).click();
  await (await chooser).setFiles(file);
}

type FrameCounter = { __framesWhileBusy: number; __busySeen: boolean };

test('a 90,000-record TLE import parses in a worker: frames keep coming, the summary appears; Cancel stops a second one', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  mkdirSync(OUT, { recursive: true });
  // The app starts on the default scenario: epochs at its analysis start are all usable.
  const startMs = Date.parse(defaultScenario().analysis.startUtc);
  const file = `${OUT}walker-90k.tle`;
  writeFileSync(file, walkerTle(startMs));

  // Count animation frames while the import's busy bar is up, until the summary dialog shows.
  await page.evaluate(() => {
    const w = window as unknown as FrameCounter;
    w.__framesWhileBusy = 0;
    w.__busySeen = false;
    const tick = (): void => {
      if (document.querySelector('[data-testid="export-busy"]')) {
        w.__busySeen = true;
        w.__framesWhileBusy++;
      }
      if (!document.querySelector('[data-testid="import-dialog"]')) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await importFile(page, file);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible({ timeout: 120_000 });
  const counted = await page.evaluate(() => ({ ...(window as unknown as FrameCounter) }));
  console.log(`frames drawn while parsing ${RECORDS} records: ${counted.__framesWhileBusy}`);
  expect(counted.__busySeen).toBe(true);
  expect(counted.__framesWhileBusy).toBeGreaterThanOrEqual(MIN_FRAMES_WHILE_PARSING);
  await expect(dialog.getByTestId('import-read')).toHaveText(RECORDS.toLocaleString('en-US'));
  await expect(dialog.getByTestId('import-accepted')).toHaveText(RECORDS.toLocaleString('en-US'));
  await page.screenshot({ path: `${OUT}summary.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Cancel while parsing: the worker is terminated, nothing opens, nothing changes.
  const revision = await page.evaluate(() => window.__leo!.state().revision);
  await importFile(page, file);
  const busy = page.getByTestId('export-busy');
  await expect(busy).toContainText('Importing walker-90k.tle');
  await busy.getByRole('button', { name: 'Cancel' }).click();
  await expect(busy).toHaveCount(0);
  await expect(page.getByText('Import of walker-90k.tle canceled; the scenario is unchanged')).toBeVisible();
  await expect(dialog).toHaveCount(0);
  expect(await page.evaluate(() => window.__leo!.state().revision)).toBe(revision);
});
