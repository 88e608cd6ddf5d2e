// The served-demand optimizer past saturation in the app (issue 14, docs/OPTIMIZER.md "Saturation:
// the latency phase"): asked for more sites than served demand needs, the "Suggest gateways" panel
// lists every site with the Gbps it adds, a divider row where served demand saturated (the sites
// below it are chosen for latency and add 0 Gbps) and the saturation line in words. The panel's
// screenshot: test-results/optimizer-saturation.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, openSection, test, waitForGlobe } from './fixtures';

// Software WebGL on a loaded 2-core machine: the evaluation and a served run of 120 sites take minutes.
test.setTimeout(600_000);

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
/** More sites than served demand needs on the default scenario (it saturates after about 70). */
const ASK = 120;

test('a served run past saturation says where demand saturated and which sites are chosen for latency', async ({ app: page }) => {
  // Tall enough for the panel's table and its explanation in one screenshot.
  await page.setViewportSize({ width: 1280, height: 1100 });
  await waitForGlobe(page);
  // A short analysis window keeps the workers fast on software-only machines; wait on the figures.
  await openSection(page, 'Constraints & window');
  await page.getByTestId('analysis-window').selectOption('1440/60');
  await expect(page.getByTestId('coverage-status')).toContainText('24 steps', { timeout: 150_000 });
  await openSection(page, 'Suggest gateways');
  await page.getByTestId('optimizer-objective').selectOption('served');
  await expect(page.getByTestId('optimizer-stop-at-saturation')).not.toBeChecked(); // default: continue with latency
  await page.getByTestId('optimizer-n').fill(String(ASK));
  await page.getByTestId('optimizer-steps').selectOption('8');
  await page.getByTestId('optimizer-run').click();
  await expect(page.getByTestId('optimizer-accept-all')).toBeVisible({ timeout: 500_000 });

  const line = page.getByTestId('optimizer-saturation');
  await expect(line).toHaveText(new RegExp(`^Served demand saturated after \\d+ sites \\([\\d,]+\\.\\d Gbps\\)\\. Sites \\d+-${ASK} are chosen for latency: they add no served demand\\.$`));
  const k = Number(/after (\d+) sites/.exec((await line.textContent()) ?? '')![1]);
  expect(k).toBeGreaterThan(0);
  expect(k).toBeLessThan(ASK);
  await expect(page.locator('[data-testid="suggestions"] tr[data-phase]')).toHaveCount(ASK);
  await expect(page.locator('[data-testid="suggestions"] tr[data-phase="served"]')).toHaveCount(k);
  const divider = page.getByTestId('optimizer-phase-divider');
  await expect(divider).toHaveText(`Served demand saturated after ${k} sites: the sites below are chosen for latency (0 Gbps).`);
  // The Gbps column: every latency site adds 0.0.
  const gbps = await page.locator('[data-testid="suggestions"] tr[data-phase="latency"] td:nth-child(4)').allTextContents();
  expect(new Set(gbps)).toEqual(new Set(['0.0']));
  // Every figure in the served table (Gbps, Δ latency, Faster) is readable in full: no ellipsis.
  const clipped = await page.getByTestId('suggestions').locator('td.num').evaluateAll((tds) => tds.filter((td) => td.scrollWidth > td.clientWidth).map((td) => td.textContent));
  expect(clipped).toEqual([]);
  await expect(page.getByTestId('optimizer-bound')).toContainText(`No ${ASK} sites can serve more demand than these (bound met).`);

  // The panel from its table to the explanation, the divider in view in the table's scroll area.
  await divider.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.getByTestId('optimizer-explanation').scrollIntoViewIfNeeded();
  const table = (await page.locator('.optimizer .gw-table-wrap').boundingBox())!;
  const explain = (await page.getByTestId('optimizer-explanation').boundingBox())!;
  mkdirSync(OUT, { recursive: true });
  const top = Math.max(0, Math.min(table.y, explain.y) - 8);
  await page.screenshot({ path: `${OUT}optimizer-saturation.png`, clip: { x: Math.max(0, table.x - 8), y: top, width: table.width + 16, height: Math.max(table.y + table.height, explain.y + explain.height) - top + 8 } });
});
