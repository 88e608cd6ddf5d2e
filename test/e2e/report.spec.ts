// File > Export > Report (PDF)… in the browser: the saved file is a PDF that pdf-lib parses, with
// the title page, the charts and the gateway table; its figures are the ones the coverage panel
// shows; page 1 carries the globe still as an image. The PDF is kept in test-results/report.pdf.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PDFDocument, PDFName } from 'pdf-lib';
import { embeddedFontNames, pageStrings } from '../unit/report/pdfText';
import { expect, openSection, test, waitForGlobe } from './fixtures';

const OUT = fileURLToPath(new URL('../../test-results/', import.meta.url));

test('export the planning report as PDF from the File menu', async ({ app: page }) => {
  test.slow();
  await waitForGlobe(page);
  // A short analysis window keeps the worker fast on software-only test machines.
  await openSection(page, 'Constraints & window');
  await page.getByTestId('analysis-window').selectOption('1440/60');
  const rev = (await page.evaluate(() => window.__leo!.state())).revision;
  await openSection(page, 'Coverage & latency');
  await expect(page.getByTestId('coverage-status')).toContainText('24 steps', { timeout: 150_000 });
  const served = (await page.getByTestId('fig-served').textContent())!.trim();
  expect((await page.evaluate(() => window.__leo!.state())).revision).toBe(rev);

  const download = page.waitForEvent('download', { timeout: 300_000 });
  await page.getByRole('menubar', { name: 'Application menu' }).getByRole('menuitem', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: 'Export report (PDF)…' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-report\.pdf$/);
  const bytes = readFileSync(await file.path());
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}report.pdf`, bytes);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  // Title, charts and the default scenario's 16 gateways on one table page.
  expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
  const [title, charts, table] = doc.getPages().map(pageStrings);
  // The panel's Served (service area, 3 decimals) is on the title page with the same digits.
  expect(title).toContain(`${served} %`);
  expect(title).toContain('Headline figures');
  expect(charts).toContain('Latency CDF (demand-weighted)');
  expect(table).toContain('gw-frankfurt');
  // DejaVu Sans (a bundled asset, fetched offline) is embedded as a subset: names as written.
  expect(embeddedFontNames(doc).join(' ')).toMatch(/DejaVuSans-Bold/);
  expect(table!.join('\n')).toContain('São Paulo (Cajamar)');
  // The globe still: page 1 draws an image XObject.
  const xobjects = doc.getPages()[0]!.node.Resources()?.lookup(PDFName.of('XObject'));
  expect(xobjects?.toString() ?? '').toMatch(/\/Image-\d+/);
});
