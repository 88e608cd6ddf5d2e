// The planning report as CSV: a headline section (figure, value, unit) then a per-gateway table,
// separated by a blank line, so that a spreadsheet shows both. Figures come from the coverage
// evaluator (the same numbers as `leo-planner analyze`).
import Papa from 'papaparse';
import type { Scenario } from '../scenario/schema';

/** The analysis figures the report shows (CoverageResult's headline and sizes). */
export interface ReportFigures {
  satellites: number;
  stepCount: number;
  cellCount: number;
  headline: {
    servedPct: number;
    coveredPct: number;
    p50LatencyMs: number;
    p95LatencyMs: number;
    meanLatencyMs: number;
    longestOutageS: number;
    meanVisibleSatellites: number;
    /** Share of served traffic through each gateway (0..1), scenario gateway order. */
    gatewayShare: ArrayLike<number>;
    /** Served % and longest outage over the cells a satellite covers (the coverage panel's Served and Outage); the PDF shows them when given. */
    serviceArea?: { servedPct: number; longestOutageS: number };
  };
}

const num = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '');

/** Report CSV text (LF line ends, final newline). */
export function reportCsv(scenario: Scenario, f: ReportFigures): string {
  const a = scenario.analysis;
  const h = f.headline;
  const headline: (string | number)[][] = [
    ['figure', 'value', 'unit'],
    ['scenario', scenario.name, ''],
    ['window start', a.startUtc, 'UTC'],
    ['window duration', a.durationS, 's'],
    ['step', a.stepS, 's'],
    ['steps', f.stepCount, ''],
    ['grid cells', f.cellCount, `H3 res ${a.h3Resolution}`],
    ['satellites', f.satellites, ''],
    ['gateways', scenario.gateways.length, ''],
    ['served', num(h.servedPct, 2), '%'],
    ['covered', num(h.coveredPct, 2), '%'],
    ['median one-way latency', num(h.p50LatencyMs, 2), 'ms'],
    ['95th percentile one-way latency', num(h.p95LatencyMs, 2), 'ms'],
    ['mean one-way latency', num(h.meanLatencyMs, 2), 'ms'],
    ['longest outage', num(h.longestOutageS, 0), 's'],
    ['mean visible satellites', num(h.meanVisibleSatellites, 2), ''],
  ];
  const gateways: (string | number)[][] = [['gateway id', 'name', 'lat deg', 'lon deg', 'status', 'antennas', 'capacity gbps', 'share of served traffic %']];
  scenario.gateways.forEach((g, i) => gateways.push([g.id, g.name, g.latDeg, g.lonDeg, g.status, g.antennas, g.capacityGbps, num(100 * (h.gatewayShare[i] ?? 0), 2)]));
  const csv = (rows: (string | number)[][]) => Papa.unparse(rows, { newline: '\n' });
  return `${csv(headline)}\n\n${csv(gateways)}\n`;
}
