// `report <scenario> -o out.pdf [--csv out.csv] [--capacity] [--rollout]` and the analysis options
// of analyze: the planning report (docs/REPORT.md) as PDF, and optionally as CSV, from the same
// figures as `analyze` (evaluateCoverage). The CLI has no globe, so the PDF says there is no
// snapshot; the app's File > Export > Report (PDF) adds one.
import { latencyHistogram } from '../../../src-core/coverage';
import { reportCsv } from '../../../src-core/io';
import { writeReportPdf, type ReportCapacity, type ReportInput } from '../../../src-core/report';
import { CliError, clean, loadInput, startArg } from '../io';
import { capacityReport, evaluateCoverage, reportFigures, withAnalysisOverrides, type CapacityReport } from './analyze';
import { output, writeAtomic } from './importExport';
import { rolloutSeriesOf } from './rollout';
import { loadReportFonts } from '../reportFonts';

type Values = Record<string, string | boolean | undefined>;

export const CLI_SNAPSHOT_NOTE = 'No globe snapshot: the CLI has no globe. Export the report from the app (File > Export > Report (PDF)) to include one.';

function capacityOf(c: CapacityReport): ReportCapacity {
  return {
    scope: 'mean over the analysis window',
    demandGbps: c.demandGbps,
    servedGbps: c.servedGbpsMean,
    servedGbpsMin: c.servedGbpsMin,
    unroutableGbps: c.unroutableGbpsMean,
    bottleneck: c.bottleneck,
    gatewayGbps: c.gateways.map((g) => g.gbpsMean),
    gatewayUtilisation: c.gateways.map((g) => g.utilisationMean),
  };
}

export async function reportCommand(path: string, v: Values): Promise<number> {
  const out = output(v, 'report');
  if (/\.csv$/i.test(out)) throw new CliError(`-o "${out}" is the PDF; write the CSV with --csv <path>`, [], 2);
  const input = loadInput(path, startArg(v));
  if (input.kind !== 'scenario') throw new CliError(`${path} is not a scenario file (.leo.json); report takes a scenario`, [], 2);
  const scenario = withAnalysisOverrides(input.scenario, v);
  const evaluated = evaluateCoverage(scenario, path);
  const figures = reportFigures(evaluated);
  const rollout = v.rollout === true ? rolloutSeriesOf(scenario, path, {}).series.rows.map((r) => ({ dateMs: r.dateMs, operational: r.operational, servedPct: r.servedPct })) : undefined;
  const font = loadReportFonts();
  if ('error' in font) console.error(`warning: ${font.error}; the report uses Helvetica, and names outside Latin-1 print as "?"`);
  const report: ReportInput = {
    scenario,
    figures,
    latencyHist: latencyHistogram(evaluated.ev),
    servedPctByStep: evaluated.r.servedPctByStep,
    ...(v.capacity === true ? { capacity: capacityOf(capacityReport(evaluated.ev)) } : {}),
    ...(rollout ? { rollout } : {}),
    snapshotNote: CLI_SNAPSHOT_NOTE,
    producer: 'leo-planner report (CLI)',
    ...('fonts' in font ? { fonts: font.fonts } : {}),
  };
  let pdf: Uint8Array;
  try {
    pdf = await writeReportPdf(report);
  } catch (e) {
    throw new CliError(`cannot write the report: ${(e as Error).message}`);
  }
  writeAtomic(out, pdf);
  const csv = typeof v.csv === 'string' ? v.csv : undefined;
  if (csv !== undefined) writeAtomic(csv, reportCsv(scenario, figures));
  const summary = { ok: true, pdf: out, csv: csv ?? null, bytes: pdf.length, gateways: scenario.gateways.length, servedPct: figures.headline.servedPct };
  if (v.json === true) console.log(JSON.stringify(summary));
  else console.log(`wrote the planning report to ${clean(out)} (${(pdf.length / 1024).toFixed(0)} KiB)${csv ? ` and ${clean(csv)}` : ''}`);
  return 0;
}
