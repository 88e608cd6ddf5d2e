// File › Import and File › Compare in the browser fallback (issue 15 §3, §5): the import summary
// lists every rejected record with its reason before anything changes; Import is one undo step
// whose satellites and laser links reach the globe; a bad CSV row is named by its row number;
// Compare lists a moved gateway with its distance. Waits on the globe's own counters and the
// dialogs, never on delays. Screenshots: test-results/fileio/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { importSites } from '../../src-core/io';
import { expect, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/fileio/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const TLE = `${FIXTURES}walker-6x8-one-bad-checksum.tle`;
const CSV = `${FIXTURES}gateways-one-bad-row.csv`;
const DEFAULT_SCENARIO = fileURLToPath(new URL('../../assets/scenarios/default.json', import.meta.url));
/** The fixture: 48 records, record 14 (its line 2 is file line 42) with a bad checksum. */
const ACCEPTED = 47;
const KUIPER_SATELLITES = 3236;
/** A gateway moved by 1 degree of latitude: 111.2 km on the 6371.0088 km sphere. */
const MOVED_KM = '111.2';

async function fileMenu(page: Page, item: string, file: string): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: item }).click();
  await (await chooser).setFiles(file);
}

const globeCounts = (page: Page) => page.evaluate(() => window.__leo!.live!.counts());

/** Waits until the globe draws `n` satellites with laser links, for the store's current revision. */
async function waitForSatellites(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const c = window.__leo?.live?.counts();
      return c !== undefined && c.satellites === want && c.links > 0 && c.revision === window.__leo!.state().revision;
    },
    n,
    { timeout: 150_000 },
  );
}

test.beforeAll(() => mkdirSync(OUT, { recursive: true }));

test('import a TLE file: the bad-checksum record is listed with its reason; Import puts the accepted satellites and their lasers on the globe; undo restores Kuiper', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  await waitForSatellites(page, KUIPER_SATELLITES);

  await fileMenu(page, 'Import constellation (TLE/OMM)…', TLE);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-read')).toHaveText('48');
  await expect(dialog.getByTestId('import-accepted')).toHaveText(String(ACCEPTED));
  await expect(dialog.getByTestId('import-rejected')).toHaveText('1');
  const rejections = dialog.getByTestId('import-rejections');
  await expect(rejections.getByRole('listitem')).toHaveCount(1);
  await expect(rejections).toContainText('line 42');
  await expect(rejections).toContainText('bad checksum');
  await expect(dialog.getByTestId('import-change')).toContainText(`${ACCEPTED} satellites replace the constellation (now 3,236)`);
  await page.screenshot({ path: `${OUT}import-summary.png` });
  // Nothing changed before Import.
  expect((await globeCounts(page)).satellites).toBe(KUIPER_SATELLITES);
  expect(await page.evaluate(() => window.__leo!.state().canUndo)).toBe(false);

  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toHaveCount(0);
  await waitForSatellites(page, ACCEPTED);
  const after = await globeCounts(page);
  console.log(`after import: ${after.satellites} satellites, ${after.links} laser links`);
  // The inferred 6 x 8 shell with one slot empty: 2 links per satellite less the 4 of the missing one.
  expect(after.links).toBe(48 * 2 - 4);
  // And the globe draws them: some are in front of the Earth in a rendered frame.
  await page.waitForFunction(() => window.__leo!.live!.counts().linksDrawn > 0, null, { timeout: 60_000 });
  await page.screenshot({ path: `${OUT}imported-globe.png` });

  await page.keyboard.press('Control+z');
  await waitForSatellites(page, KUIPER_SATELLITES);
  expect(await page.evaluate(() => window.__leo!.state().canUndo)).toBe(false);
});

test('import a gateway CSV: the bad row is named by its row number; Cancel changes nothing, Import adds the others as one undo step', async ({ app: page }) => {
  await waitForGlobe(page);
  const before = (await globeCounts(page)).gateways;
  await fileMenu(page, 'Import gateways/PoPs (CSV, GeoJSON, KML)…', CSV);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByTestId('import-rejections')).toContainText('row 4');
  await expect(dialog.getByTestId('import-rejections')).toContainText('latitude 95.5 is outside -90..90 degrees');
  await expect(dialog.getByTestId('import-accepted')).toHaveText('3');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await page.evaluate(() => window.__leo!.state().canUndo)).toBe(false);

  await fileMenu(page, 'Import gateways/PoPs (CSV, GeoJSON, KML)…', CSV);
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Import' }).click();
  await page.waitForFunction((n) => window.__leo!.live!.counts().gateways === n, before + 3);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => window.__leo!.live!.counts().gateways === n, before);
});

test('compare with a modified copy of the default scenario: the moved gateway is listed with its distance', async ({ app: page }) => {
  await waitForGlobe(page);
  const copy = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as { gateways: { id: string; name: string; latDeg: number }[] };
  const moved = copy.gateways.find((g) => g.id === 'gw-madrid')!;
  moved.latDeg += 1;
  const path = `${OUT}default-madrid-moved.leo.json`;
  writeFileSync(path, JSON.stringify(copy, null, 2));

  await fileMenu(page, 'Compare with…', path);
  const dialog = page.getByTestId('compare-dialog');
  const sites = dialog.getByTestId('compare-sites');
  await expect(sites).toContainText(`gateway ${moved.name}`);
  await expect(sites).toContainText(`moved ${MOVED_KM} km`);
  await dialog.screenshot({ path: `${OUT}compare-dialog.png` });
  await page.screenshot({ path: `${OUT}compare-page.png` });
  // Compare only reads: the open scenario is untouched.
  expect(await page.evaluate(() => window.__leo!.state())).toMatchObject({ canUndo: false, dirty: false });
});

test('exports: gateways CSV re-imports to the same gateways, the Hypatia zip holds its three files, CZML loads as JSON packets', async ({ app: page }) => {
  test.slow();
  await page.waitForFunction(() => typeof window.__leo?.live?.scenarioJson === 'function', null, { timeout: 150_000 });
  const scenario = JSON.parse(await page.evaluate(() => window.__leo!.live!.scenarioJson())) as { gateways: { id: string; latDeg: number; lonDeg: number }[] };
  const exportItem = async (item: string) => {
    await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
    await page.getByRole('menuitem', { name: item }).click();
  };
  const downloaded = async (item: string, confirm?: () => Promise<void>) => {
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await exportItem(item);
    if (confirm) await confirm();
    const d = await download;
    return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
  };

  const csv = await downloaded('Export gateways (CSV)…');
  expect(csv.name).toMatch(/-gateways\.csv$/);
  const back = importSites(csv.bytes.toString('utf8'), csv.name);
  expect(back.rejected).toEqual([]);
  expect(back.gateways.map((g) => [g.id, g.latDeg, g.lonDeg])).toEqual(scenario.gateways.map((g) => [g.id, g.latDeg, g.lonDeg]));

  const zip = await downloaded('Export Hypatia/ns-3 state (zip)…');
  const files = unzipSync(new Uint8Array(zip.bytes));
  expect(Object.keys(files).sort()).toEqual(['ground_stations.txt', 'isls.txt', 'tles.txt']);
  expect(strFromU8(files['tles.txt']!).split('\n')[0]).toMatch(/^\d+ \d+$/);

  const czml = await downloaded('Export CZML (Cesium/STK)…', async () => {
    const dialog = page.getByTestId('czml-dialog');
    await dialog.getByLabel('CZML duration (min)').fill('10');
    await dialog.getByRole('button', { name: 'Export' }).click();
  });
  const packets = JSON.parse(czml.bytes.toString('utf8')) as { id: string }[];
  expect(packets[0]!.id).toBe('document');
  expect(packets.filter((p) => p.id.startsWith('sat-'))).toHaveLength(KUIPER_SATELLITES);
  expect(packets.some((p) => p.id.startsWith('laser-'))).toBe(true);
});

test('merge: the conflict is listed, theirs is picked, the merged scenario is one undo step', async ({ app: page }) => {
  const base = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as { name: string; terminal: { minElevationDeg: number }; gateways: { id: string; latDeg: number }[] };
  const write = (name: string, edit: (s: typeof base) => void): string => {
    const s = structuredClone(base);
    edit(s);
    const path = `${OUT}${name}`;
    writeFileSync(path, JSON.stringify(s, null, 2));
    return path;
  };
  const basePath = write('merge-base.leo.json', () => {});
  const oursPath = write('merge-ours.leo.json', (s) => (s.terminal.minElevationDeg = 30));
  const theirsPath = write('merge-theirs.leo.json', (s) => {
    s.terminal.minElevationDeg = 40;
    s.gateways.find((g) => g.id === 'gw-madrid')!.latDeg += 1;
  });
  const terminalAndMadrid = () =>
    page.evaluate(() => {
      const s = JSON.parse(window.__leo!.live!.scenarioJson()) as { terminal: { minElevationDeg: number }; gateways: { id: string; latDeg: number }[] };
      return [s.terminal.minElevationDeg, s.gateways.find((g) => g.id === 'gw-madrid')!.latDeg];
    });
  await page.waitForFunction(() => typeof window.__leo?.live?.scenarioJson === 'function', null, { timeout: 150_000 });
  const madrid = base.gateways.find((g) => g.id === 'gw-madrid')!.latDeg;

  await fileMenu(page, 'Open…', oursPath);
  await page.waitForFunction(() => window.__leo!.state().filePath === 'merge-ours.leo.json');
  await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('menuitem', { name: 'Merge…' }).click();
  // Base first, then theirs: the second chooser opens once the first file is read.
  const first = await chooser;
  const second = page.waitForEvent('filechooser');
  await first.setFiles(basePath);
  await (await second).setFiles(theirsPath);

  const dialog = page.getByTestId('merge-dialog');
  const conflicts = dialog.getByTestId('merge-conflicts');
  await expect(conflicts.getByRole('row')).toHaveCount(2); // header + one conflict
  await expect(conflicts).toContainText('terminal.minElevationDeg');
  await dialog.getByLabel('terminal.minElevationDeg: theirs').check();
  await expect(dialog.getByTestId('merge-changes')).toContainText('moved 111.2 km');
  await dialog.screenshot({ path: `${OUT}merge-dialog.png` });
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await terminalAndMadrid()).toEqual([40, madrid + 1]);

  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !window.__leo!.state().canUndo);
  expect(await terminalAndMadrid()).toEqual([30, madrid]);
});
