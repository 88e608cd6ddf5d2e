// The report's Unicode font (DejaVu Sans, npm package dejavu-fonts-ttf) read from disk for the
// CLI: src-core/report embeds it but reads no files. Resolved from this module (tsx, or the bundle
// in out/cli/) and else from the real location of the entry script (the bundle in the user's
// cache folder, next to no node_modules).
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ReportFonts } from '../../src-core/report';

export const REPORT_FONT_FILES = { regular: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf', bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf' } as const;

function resolveFrom(base: string, spec: string): string | null {
  try {
    return createRequire(base).resolve(spec);
  } catch {
    return null;
  }
}

function fontPath(spec: string): string {
  const entry = process.argv[1];
  const found = resolveFrom(import.meta.url, spec) ?? (entry ? resolveFrom(realpathSync(entry), spec) : null);
  if (!found) throw new Error(`${spec} not found (the npm package dejavu-fonts-ttf is not installed)`);
  return found;
}

/** DejaVu Sans regular and bold, or why they cannot be read (the report then uses Helvetica). */
export function loadReportFonts(): { fonts: ReportFonts } | { error: string } {
  try {
    return { fonts: { regular: readFileSync(fontPath(REPORT_FONT_FILES.regular)), bold: readFileSync(fontPath(REPORT_FONT_FILES.bold)) } };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
