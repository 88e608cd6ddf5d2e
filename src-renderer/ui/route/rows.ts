// The route table's rows (pure, shared with the tests): one per segment, or runs of laser links
// merged so a long laser path does not push the chart out of the inspector.
import type { RouteOk } from '../../../src-core/network/route';

export const SEGMENT_LABEL: Record<RouteOk['segments'][number]['kind'], string> = { uplink: 'uplink', isl: 'laser', downlink: 'downlink', backhaul: 'backhaul' };

export interface RouteRow {
  kind: string;
  toName: string;
  title: string;
  distanceKm: number;
  latencyMs: number;
}

/** Table rows: one per segment, or runs of 3+ laser links merged into one row (`group`). */
export function routeRows(route: RouteOk, group: boolean): RouteRow[] {
  const rows: RouteRow[] = [];
  const segs = route.segments;
  for (let k = 0; k < segs.length; ) {
    let j = k + 1;
    if (group && segs[k]!.kind === 'isl') while (j < segs.length && segs[j]!.kind === 'isl') j++;
    if (j - k < 3) j = k + 1;
    const run = segs.slice(k, j);
    const a = route.hops[run[0]!.from]!;
    const b = route.hops[run[run.length - 1]!.to]!;
    rows.push({
      kind: run.length > 1 ? `${run.length} lasers` : SEGMENT_LABEL[run[0]!.kind],
      toName: b.name,
      title: `${a.name} → ${b.name}`,
      distanceKm: run.reduce((x, sg) => x + sg.distanceKm, 0),
      latencyMs: run.reduce((x, sg) => x + sg.latencyMs, 0),
    });
    k = j;
  }
  return rows;
}

