// Capacity on screen (docs/CAPACITY.md, "In the app"): open the Capacity section and read served
// Gbps; lower the feeder rate per antenna (an undoable assumption) so antennas bind; raise a
// feeder-bound gateway's antenna count in the inspector and see served Gbps rise; undo restores
// the figure exactly (same text); with capacity hidden, the inspector's "Show capacity" opens it.
// Every wait is on the engine's own start/end log. Screenshots:
// test-results/capacity-raised.png (Capacity layer on, section and inspector open) and
// capacity-demand.png (the "Served demand" heatmap).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, openSection, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));
/** Feeder Gbps per antenna that puts 8 antennas (40 Gbps) under the 80 Gbps default backhaul. */
const FEEDER_GBPS = '5';
const ADDED_ANTENNAS = 4;

const revisionNow = async (page: Page): Promise<number> => (await page.evaluate(() => window.__leo!.state())).revision;

/** Waits until the engine answered a request `name` (one of `name`) for scenario revision `rev` (sent after `seq`). */
async function engineDone(page: Page, name: string | string[], rev: number, seq: number): Promise<void> {
  await page.waitForFunction(
    ([n, r, s]) => window.__leo!.engine!.log(s).some((e) => n.includes(e.name) && e.phase === 'end' && e.outcome === 'ok' && e.revision === r),
    [typeof name === 'string' ? [name] : name, rev, seq] as const,
    { timeout: 150_000 },
  );
}
/** An edit made while capacity is shown: the answer to its patches carries the capacity view (no separate request). */
const EDIT_WITH_CAPACITY = ['applyPatches', 'capacity'];
/** Requests sent since `seq`, by name. */
const sentSince = (page: Page, seq: number): Promise<string[]> => page.evaluate((s) => window.__leo!.engine!.log(s).filter((e) => e.phase === 'start').map((e) => e.name), seq);

/** Served Gbps as shown, once the section shows the view for the store's revision. */
async function served(page: Page): Promise<string> {
  await expect(page.getByTestId('capacity-status')).toContainText('Max flow at step');
  await expect(page.getByTestId('capacity-status')).not.toContainText('updating');
  return (await page.getByTestId('capacity-served').textContent()) ?? '';
}
const gbps = (text: string): number => Number(text.replace(/[^0-9.]/g, ''));
const seqNow = (page: Page): Promise<number> => page.evaluate(() => window.__leo!.engine!.seq);

test('raising a gateway antenna count raises served Gbps on screen; undo restores it exactly', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  // A short analysis window keeps the worker fast on software-only test machines.
  let seq = await seqNow(page);
  await openSection(page, 'Constraints & window');
  await page.getByTestId('analysis-window').selectOption('1440/60');
  await engineDone(page, 'coverageEvaluate', await revisionNow(page), seq);

  // Capacity is computed only once something shows it: the section opens, a request goes out.
  seq = await seqNow(page);
  await openSection(page, 'Capacity');
  await engineDone(page, 'capacity', await revisionNow(page), seq);
  const s0 = await served(page);
  expect(s0).toMatch(/^[\d,]+\.\d Gbps$/);
  expect(gbps(s0)).toBeGreaterThan(0);

  // Fewer Gbps per antenna: antennas now bind at some gateways (an undoable assumption edit).
  seq = await seqNow(page);
  await page.getByTestId('cap-feederGbpsPerAntenna').fill(FEEDER_GBPS);
  await page.getByTestId('cap-feederGbpsPerAntenna').press('Enter');
  const rev1 = await revisionNow(page);
  await engineDone(page, EDIT_WITH_CAPACITY, rev1, seq);
  const s1 = await served(page);
  expect(gbps(s1)).toBeLessThanOrEqual(gbps(s0));

  // The busiest feeder-bound gateway (table sorted by use, highest first): select it.
  const row = page.getByTestId('capacity-gateways').locator('tbody tr', { has: page.getByTestId('gateway-limit').getByText('feeder', { exact: true }) }).first();
  await row.locator('button').click();
  await expect(page.getByTestId('inspector-bottleneck')).toHaveText('its antennas (feeder links)');
  const antennas = page.getByTestId('inspector-antennas');
  const n0 = Number(await antennas.inputValue());

  // More antennas in the inspector field: served Gbps on screen rises.
  seq = await seqNow(page);
  await antennas.fill(String(n0 + ADDED_ANTENNAS));
  await antennas.press('Enter');
  const rev2 = await revisionNow(page);
  expect(rev2).toBeGreaterThan(rev1);
  await engineDone(page, EDIT_WITH_CAPACITY, rev2, seq);
  const s2 = await served(page);
  console.log(`served: default ${s0}; feeder ${FEEDER_GBPS} Gbps/antenna ${s1}; +${ADDED_ANTENNAS} antennas ${s2}`);
  expect(gbps(s2)).toBeGreaterThan(gbps(s1));
  // With the Capacity section open the edit still costs at most two worker messages: its patches
  // (answered with the coverage figures and the capacity view) and the globe's feeder-link refresh.
  const sentOpen = await sentSince(page, seq);
  console.log(`requests after the antenna edit with capacity shown: ${sentOpen.join(', ')}`);
  expect(sentOpen).not.toContain('capacity');
  expect(sentOpen.length, `requests: ${sentOpen.join(', ')}`).toBeLessThanOrEqual(2);

  // The gateway table fits the 300 px side column at 1280x720: no horizontal overflow (tolerance 1 px). Screenshot: capacity-gateways.png.
  const table = page.getByTestId('capacity-gateways');
  await table.scrollIntoViewIfNeeded();
  const fit = await table.evaluate((el) => ({ table: el.getBoundingClientRect().width, column: el.closest('[data-testid="capacity-panel"]')!.getBoundingClientRect().width, scroll: el.scrollWidth, client: el.clientWidth }));
  console.log(`gateway table ${fit.table.toFixed(0)} px in a ${fit.column.toFixed(0)} px section`);
  expect(fit.table).toBeLessThanOrEqual(fit.column + 1);
  expect(fit.scroll).toBeLessThanOrEqual(fit.client + 1);
  mkdirSync(OUT, { recursive: true });
  // Each figure on one line: the text boxes of the Gbps and use cells share one top (2 px; text only, not the swatch).
  const lines = await table.locator('tbody tr').first().evaluate((tr) =>
    [...tr.querySelectorAll('td')].slice(1).map((td) => {
      const tops = new Set<number>();
      const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) tops.add(Math.round(r.top / 2));
      }
      return tops.size;
    }),
  );
  expect(lines, 'lines of text in the Gbps and use cells').toEqual([1, 1]);
  writeFileSync(`${OUT}capacity-gateways.png`, await page.screenshot());

  // Screenshot with the Capacity layer on (utilisation colours and legend on the globe).
  await page.getByTestId('capacity-layer').check();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}capacity-raised.png`, await page.screenshot());

  // The "Served demand" heatmap metric colours the cells from the same capacity view.
  await page.getByTestId('heatmap-metric').selectOption('demand');
  await expect(page.getByTestId('heatmap-legend')).toHaveAttribute('data-metric', 'demand');
  await expect(page.getByTestId('heatmap-legend')).toContainText('Served demand');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  writeFileSync(`${OUT}capacity-demand.png`, await page.screenshot());

  // Undo: exactly the figure before the antenna edit.
  seq = await seqNow(page);
  await page.keyboard.press('Control+z');
  await expect(antennas).toHaveValue(String(n0));
  const rev3 = await revisionNow(page);
  await engineDone(page, EDIT_WITH_CAPACITY, rev3, seq);
  expect(await served(page)).toBe(s1);

  // Capacity hidden (section closed, layer off, heatmap back on latency): redoing the antenna edit
  // costs the usual two worker messages (the edit's patches, answered with the coverage figures,
  // and the globe's feeder-link refresh), and no capacity request goes out.
  await page.getByTestId('capacity-layer').uncheck();
  await page.getByTestId('heatmap-metric').selectOption('p50');
  await page.getByRole('button', { name: 'Capacity', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Capacity', exact: true })).toHaveAttribute('aria-expanded', 'false');
  seq = await seqNow(page);
  await page.keyboard.press('Control+y');
  await expect(antennas).toHaveValue(String(n0 + ADDED_ANTENNAS));
  const rev4 = await revisionNow(page);
  await engineDone(page, 'applyPatches', rev4, seq);
  const sent = await sentSince(page, seq);
  console.log(`requests after the redo with capacity hidden: ${sent.join(', ')}`);
  expect(sent).not.toContain('capacity');
  expect(sent.filter((n) => ['loadScenario', 'applyPatches', 'coverageApplyEdit', 'coverageEvaluate'].includes(n))).toEqual(['applyPatches']);
  expect(sent.length, `requests: ${sent.join(', ')}`).toBeLessThanOrEqual(2);

  // With capacity hidden the inspector offers it in one click, from any tab: the Plan tab's
  // Capacity section opens, its request goes out and the gateway's figures appear.
  await page.getByRole('tab', { name: 'Layers & legend' }).click();
  await expect(page.getByTestId('inspector-bottleneck')).toHaveCount(0);
  seq = await seqNow(page);
  await page.getByTestId('inspector-show-capacity').click();
  await expect(page.getByRole('tab', { name: 'Plan' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'Capacity', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await engineDone(page, 'capacity', rev4, seq);
  await expect(page.getByTestId('inspector-capacity')).toContainText('Gbps');
  await expect(page.getByTestId('inspector-bottleneck')).toBeVisible();
});
