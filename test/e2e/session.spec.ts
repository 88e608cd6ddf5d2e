// The engine session in the app: a gateway add, move, undo and redo reach the worker as typed
// patches. Each edit rebuilds no constellation GPU buffer, re-sends no laser topology, and costs at
// most 2 worker messages (the patches, answered with the coverage figures, and the globe's
// gateway-link refresh for the new ground network). Waits on the engine's own events and the
// heatmap's "colours written" signal, never on delays.
import type { Page } from '@playwright/test';
import { expect, openSection, test, waitForGlobe } from './fixtures';

/** Land near the AWS UAE region, which has no gateway in the default scenario. */
const SITE = { latDeg: 24.3, lonDeg: 54.6 };
/** Messages a gateway edit may cost (acceptance: issue 14, section 1). */
const MAX_MESSAGES_PER_EDIT = 2;

async function project(page: Page, p: { latDeg: number; lonDeg: number }) {
  const r = await page.evaluate(([lat, lon]) => window.__leo?.projectLatLon(lat!, lon!) ?? null, [p.latDeg, p.lonDeg]);
  expect(r?.visible, `${p.latDeg},${p.lonDeg} visible`).toBe(true);
  return r!;
}

interface Counters {
  seq: number;
  revision: number;
  buffersBuilt: number;
  topologies: number;
}

const counters = (page: Page): Promise<Counters> =>
  page.evaluate(() => ({
    seq: window.__leo!.engine!.seq,
    revision: window.__leo!.state().revision,
    buffersBuilt: window.__leo!.live!.counts().buffersBuilt,
    topologies: window.__leo!.engine!.topologiesReceived(),
  }));

/**
 * Waits until the edit that made the store's revision > before.revision is fully answered (the
 * patches, the heatmap colours and the gateway links for that revision), then returns what the
 * edit cost. describeSite (naming the clicked place) precedes the edit and is not part of it.
 */
async function editCost(page: Page, before: Counters): Promise<{ messages: string[]; buffersBuilt: number; topologies: number; revision: number }> {
  await page.waitForFunction((rev) => window.__leo!.state().revision > rev, before.revision, { timeout: 60_000 });
  const revision = (await page.evaluate(() => window.__leo!.state().revision));
  await page.waitForFunction(
    ([seq, r]) => {
      const log = window.__leo!.engine!.log(seq);
      const ended = (name: string) => log.some((e) => e.name === name && e.phase === 'end' && e.revision === r && e.outcome === 'ok');
      return ended('applyPatches') && ended('gatewayLinks') && window.__leo!.heatmap?.lastShown()?.revision === r;
    },
    [before.seq, revision] as const,
    { timeout: 60_000 },
  );
  const after = await counters(page);
  const messages = await page.evaluate((seq) => window.__leo!.engine!.log(seq).filter((e) => e.phase === 'start' && e.name !== 'describeSite').map((e) => `${e.name}@${e.revision}`), before.seq);
  return { messages, buffersBuilt: after.buffersBuilt - before.buffersBuilt, topologies: after.topologies - before.topologies, revision };
}

function expectCheap(what: string, cost: Awaited<ReturnType<typeof editCost>>): void {
  console.log(`${what}: ${cost.messages.length} worker messages (${cost.messages.join(', ')}), ${cost.buffersBuilt} buffer rebuilds, ${cost.topologies} topologies`);
  expect(cost.buffersBuilt, `${what}: constellation buffers rebuilt`).toBe(0);
  expect(cost.topologies, `${what}: topologies re-sent`).toBe(0);
  expect(cost.messages.length, `${what}: worker messages ${cost.messages.join(', ')}`).toBeLessThanOrEqual(MAX_MESSAGES_PER_EDIT);
  expect(cost.messages.filter((m) => m.startsWith('loadScenario')), `${what}: whole-scenario reposts`).toEqual([]);
}

test('a gateway add, move, undo and redo rebuild no constellation buffer, re-send no topology, and cost at most 2 worker messages', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  // A short analysis window keeps the worker fast on software-only machines; wait on the figures.
  await openSection(page, 'Constraints & window');
  await page.getByTestId('analysis-window').selectOption('1440/60');
  await expect(page.getByTestId('coverage-status')).toContainText('24 steps', { timeout: 150_000 });
  await page.waitForFunction(() => {
    const r = window.__leo!.state().revision;
    return window.__leo!.heatmap?.lastShown()?.revision === r && window.__leo!.live!.counts().buffersBuilt > 0;
  }, null, { timeout: 150_000 });
  const count0 = Number(await page.getByTestId('gateway-count').textContent());

  // Every icon variant is packed in the marker atlas at start-up, so no edit adds an image (Cesium
  // gives an icon without an atlas id a fresh copy for each marker, drawn only after one more
  // whole frame: groundLayer.ts AtlasImage). Checked after all the edits below.
  const images0 = await page.evaluate(() => window.__leo!.live!.counts().markerImages);

  // Add with the tool.
  let before = await counters(page);
  await page.getByTestId('tool-add-gateway').click();
  const site = await project(page, SITE);
  await page.mouse.click(site.x, site.y);
  expectCheap('add', await editCost(page, before));
  await expect(page.getByTestId('gateway-count')).toHaveText(String(count0 + 1));
  await page.getByTestId('tool-select').click();

  // Move a gateway by dragging it (one undoable move): Madrid to the Zaragoza area, as planning.spec does.
  const madrid0 = await page.evaluate(() => (JSON.parse(window.__leo!.live!.scenarioJson()) as { gateways: { id: string; latDeg: number; lonDeg: number }[] }).gateways.find((g) => g.id === 'gw-madrid')!);
  const from = await project(page, madrid0);
  const to = await project(page, { latDeg: 41.65, lonDeg: -0.9 });
  before = await counters(page);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(from.x + ((to.x - from.x) * k) / 8, from.y + ((to.y - from.y) * k) / 8);
  await page.mouse.up();
  expectCheap('move', await editCost(page, before));
  await expect(page.getByTestId('history')).toContainText('Move');

  // Undo the move, undo the add, redo the add.
  for (const [what, key] of [['undo move', 'Control+z'], ['undo add', 'Control+z'], ['redo add', 'Control+Shift+z']] as const) {
    before = await counters(page);
    await page.keyboard.press(key);
    expectCheap(what, await editCost(page, before));
  }
  await expect(page.getByTestId('gateway-count')).toHaveText(String(count0 + 1));
  expect(await page.evaluate(() => window.__leo!.live!.counts().markerImages), 'marker atlas images after the add, move, undo move, undo add and redo add').toBe(images0);
});
