// The planning report's content, independent of the page: what the PDF (pdf.ts) lays out. Built
// from the engine's results (the coverage evaluator's figures, optionally the capacity model and
// the rollout series) and the scenario's own text (name, notes, epoch, window, assumptions).
// Numbers are formatted here once, so the PDF shows exactly the figures `analyze` prints.
import type { ReportFigures } from '../io/report';
import type { Scenario } from '../scenario/schema';

/** Capacity figures for the report: the CLI gives means over the window, the app one step. */
export interface ReportCapacity {
  /** What the figures cover, e.g. "mean over the analysis window" or "at 2026-01-01 00:10 UTC". */
  scope: string;
  demandGbps: number;
  servedGbps: number;
  /** Worst step over the window, when known. */
  servedGbpsMin?: number;
  unroutableGbps: number;
  /** Where the minimum cut lies: demand, user-beam, laser, feeder or backhaul. */
  bottleneck: string;
  /** Per gateway, scenario order. */
  gatewayGbps: ArrayLike<number>;
  /** Per gateway, 0..1 (scenario order). */
  gatewayUtilisation: ArrayLike<number>;
}

/** One date of the rollout series (src-core/rollout rolloutSeries rows). */
export interface ReportRolloutPoint {
  dateMs: number;
  operational: number;
  servedPct: number;
}

export interface ReportInput {
  scenario: Scenario;
  figures: ReportFigures;
  /** Demand-weighted histogram of served one-way latency (coverage/latencyHistogram). */
  latencyHist?: { binMs: number; weights: ArrayLike<number> };
  /** Demand-weighted served % per analysis step. */
  servedPctByStep?: ArrayLike<number>;
  capacity?: ReportCapacity;
  rollout?: ReportRolloutPoint[];
  /** A globe snapshot as PNG bytes; absent: the title page says why (`snapshotNote`). */
  snapshotPng?: Uint8Array;
  snapshotNote?: string;
  /** Who made the report ("LEO Planner app", "leo-planner CLI"): shown in the footer. */
  producer: string;
  /** The PDF's creation and modification date (UTC ms). Default: the scenario's epoch, so the same file gives the same bytes. */
  dateMs?: number;
  /**
   * TrueType bytes of the report's Unicode font (DejaVu Sans, regular and bold), embedded as a
   * subset so names in Cyrillic, Greek or Latin Extended render. The caller reads them (the CLI
   * from node_modules/dejavu-fonts-ttf, the app from a bundled asset): the engine has no files.
   * Absent: Helvetica, which draws WinAnsi only (the rest falls back, see text.ts).
   */
  fonts?: ReportFonts;
}

/** TrueType (or OpenType) font files, as bytes. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface FigureRow {
  label: string;
  value: string;
}

export interface GatewayRow {
  cells: string[];
  /** Share of served demand, 0..1 (the bar chart's value). */
  share: number;
  name: string;
}

export interface ReportContent {
  title: string;
  /** Lines under the title: window, epoch, grid. */
  subtitle: string[];
  headline: FigureRow[];
  capacity: FigureRow[] | null;
  capacityScope: string | null;
  assumptions: FigureRow[];
  notes: string;
  gatewayHeader: string[];
  /** Right-aligned columns of the gateway table (numbers). */
  gatewayNumeric: boolean[];
  gateways: GatewayRow[];
}

const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const withUnit = (x: number, digits: number, unit: string): string => (Number.isFinite(x) ? `${x.toFixed(digits)} ${unit}` : 'n/a');
const count = (n: number): string => n.toLocaleString('en-US');

/** The figures `leo-planner analyze` prints, in its order and with its digits. */
function headlineRows(s: Scenario, f: ReportFigures): FigureRow[] {
  const h = f.headline;
  return [
    { label: 'Served (% of demand x time)', value: withUnit(h.servedPct, 2, '%') },
    { label: 'Covered (>= 1 satellite above mask)', value: withUnit(h.coveredPct, 2, '%') },
    { label: 'One-way latency to PoP, median (p50)', value: withUnit(h.p50LatencyMs, 2, 'ms') },
    { label: 'One-way latency to PoP, p95', value: withUnit(h.p95LatencyMs, 2, 'ms') },
    { label: 'One-way latency to PoP, mean', value: withUnit(h.meanLatencyMs, 2, 'ms') },
    { label: 'Longest outage (any cell with demand)', value: withUnit(h.longestOutageS, 0, 's') },
    ...(h.serviceArea
      ? [
        { label: 'Served over the service area', value: withUnit(h.serviceArea.servedPct, 3, '%') },
        { label: 'Longest outage over the service area', value: withUnit(h.serviceArea.longestOutageS, 0, 's') },
      ]
      : []),
    { label: 'Mean visible satellites', value: fixed(h.meanVisibleSatellites, 2) },
    { label: 'Satellites / gateways / PoPs', value: `${count(f.satellites)} / ${count(s.gateways.length)} / ${count(s.pops.length)}` },
  ];
}

function capacityRows(c: ReportCapacity): FigureRow[] {
  const pct = c.demandGbps > 0 ? ` (${((100 * c.servedGbps) / c.demandGbps).toFixed(2)} %)` : '';
  return [
    { label: 'Demand (busy hour)', value: withUnit(c.demandGbps, 1, 'Gbps') },
    { label: 'Served', value: `${withUnit(c.servedGbps, 1, 'Gbps')}${pct}` },
    ...(c.servedGbpsMin === undefined ? [] : [{ label: 'Served, worst step', value: withUnit(c.servedGbpsMin, 1, 'Gbps') }]),
    { label: 'No route within the latency budget', value: withUnit(c.unroutableGbps, 1, 'Gbps') },
    { label: 'Bottleneck (minimum cut)', value: c.bottleneck },
  ];
}

function assumptionRows(s: Scenario): FigureRow[] {
  const r = s.routing;
  const routing = r.bentPipeOnly ? 'bent pipe only' : `lasers, up to ${r.maxSatelliteHops} hops${r.allowGatewayRelay ? ', gateway relay' : ''}`;
  const c = s.capacity;
  return [
    { label: 'Terminal minimum elevation', value: `${s.terminal.minElevationDeg} deg` },
    { label: 'Routing', value: `${routing}; budget ${r.maxOneWayLatencyMs} ms one way` },
    { label: 'Laser links', value: s.isl.enabled ? 'on' : 'off' },
    { label: 'Fibre', value: `refractive index ${s.latency.fiberRefractiveIndex}, route factor ${s.latency.fiberRouteFactor}` },
    { label: 'Processing', value: `${s.latency.perHopProcessingMs} ms per hop, ${s.latency.gatewayProcessingMs} ms per gateway` },
    { label: 'Demand', value: `${s.analysis.demandWeighted ? 'population-weighted' : 'unweighted'}${s.analysis.landOnly ? ', land cells' : ''}` },
    { label: 'Capacity demand', value: `take rate ${c.takeRatePct} %, ${c.busyHourMbpsPerSubscriber} Mbps per subscriber (busy hour)` },
    { label: 'Capacity links', value: `user beam ${c.userBeamGbpsPerSatellite} Gbps/satellite, laser ${c.laserGbps} Gbps, feeder ${c.feederGbpsPerAntenna} Gbps/antenna` },
  ];
}

function gatewayTable(input: ReportInput): Pick<ReportContent, 'gatewayHeader' | 'gatewayNumeric' | 'gateways'> {
  const { scenario, figures, capacity } = input;
  const header = ['#', 'Gateway id', 'Name', 'Lat deg', 'Lon deg', 'Status', 'Antennas', 'Backhaul Gbps', 'Share %'];
  const numeric = [true, false, false, true, true, false, true, true, true];
  if (capacity) {
    header.push('Carried Gbps', 'Utilisation %');
    numeric.push(true, true);
  }
  const gateways = scenario.gateways.map((g, i): GatewayRow => {
    const share = figures.headline.gatewayShare[i] ?? 0;
    const cells = [String(i + 1), g.id, g.name, g.latDeg.toFixed(3), g.lonDeg.toFixed(3), g.status, String(g.antennas), String(g.capacityGbps), fixed(100 * share, 2)];
    if (capacity) cells.push(fixed(capacity.gatewayGbps[i] ?? NaN, 1), fixed(100 * (capacity.gatewayUtilisation[i] ?? NaN), 0));
    return { cells, share, name: g.name };
  });
  return { gatewayHeader: header, gatewayNumeric: numeric, gateways };
}

/** What the report says, page-independent. */
export function buildReportContent(input: ReportInput): ReportContent {
  const { scenario: s, figures: f } = input;
  const a = s.analysis;
  return {
    title: s.name.trim() === '' ? 'Untitled scenario' : s.name,
    subtitle: [
      `Analysis window ${a.startUtc} + ${count(a.durationS)} s every ${a.stepS} s (${count(f.stepCount)} steps)`,
      `Grid: ${count(f.cellCount)} H3 resolution-${a.h3Resolution} cells; constellation epoch ${s.epochUtc}`,
    ],
    headline: headlineRows(s, f),
    capacity: input.capacity ? capacityRows(input.capacity) : null,
    capacityScope: input.capacity?.scope ?? null,
    assumptions: assumptionRows(s),
    notes: s.notes,
    ...gatewayTable(input),
  };
}
